import type { OrderType } from '../../src/domain';

let sequence = 0;

/** A complete, well-formed intake body (no problems → PENDING_REVIEW); override any field. */
export function intakeBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  sequence += 1;
  const start = new Date(Date.now() + 24 * 3600_000);
  return {
    type: 'INSTALLATION' as OrderType,
    priority: 'NORMAL',
    channel: 'PHONE',
    customer: {
      name: `Customer ${sequence}`,
      phone: `+86 138 0000 ${String(sequence).padStart(4, '0')}`,
      address: '1 Century Avenue, Pudong',
      zone: 'IN_CITY',
      region: 'north',
      lat: 31.23,
      lng: 121.47,
    },
    equipment: { model: 'AC-9000', serialNumber: `SN-${sequence}`, purchaseDate: '2024-03-01' },
    faultDescription: 'Install a split air conditioner',
    serviceItems: [{ code: 'INSTALL-AC', description: 'Installation', quantity: 1, unitPrice: 300 }],
    totalAmount: 300,
    paymentMethod: 'CASH',
    appointment: { start: start.toISOString(), end: new Date(start.getTime() + 3 * 3600_000).toISOString() },
    requiredSkills: [],
    dispatchMode: 'SUPERVISOR',
    ...overrides,
  };
}
