import type { OrderDetails } from '../order';

// A complete, valid repair order; tests override only what they are about.
export function anOrderDetails(overrides: Partial<OrderDetails> = {}): OrderDetails {
  return {
    type: 'REPAIR',
    priority: 'NORMAL',
    channel: 'PHONE',
    customer: { name: 'Li Wei', phone: '+86 138 0000 0000', address: '1 Century Ave', zone: 'IN_CITY' },
    equipment: { model: 'AC-200', serialNumber: 'SN-1', purchaseDate: '2024-03-01' },
    faultDescription: 'Does not cool',
    serviceItems: [
      { code: 'LAB', description: 'Labour', quantity: 2, unitPrice: 45.5 },
      { code: 'GAS', description: 'Refrigerant', quantity: 1, unitPrice: 0.1 },
    ],
    totalAmount: 91.1,
    appointment: { start: '2025-03-17T09:00:00+08:00', end: '2025-03-17T12:00:00+08:00' },
    requiredSkills: ['hvac'],
    dispatchMode: 'AUTO',
    ...overrides,
  };
}
