import {
  findIntakeProblems,
  formatOrderNo,
  isTerminalStatus,
  ORDER_NO_PATTERN,
  ORDER_STATUSES,
  intakeStatus,
  settlementProblem,
  type OrderCoverage,
  type OrderDetails,
} from './order';
import type { Coverage } from './coverage';
import { anOrderDetails } from './testing/order-details.factory';

describe(findIntakeProblems.name, () => {
  it('finds nothing wrong with a complete order', () => {
    expect(findIntakeProblems(anOrderDetails())).toEqual([]);
  });

  const cases: [string, Partial<OrderDetails>, string[]][] = [
    [
      'repair without serial number',
      { equipment: { purchaseDate: '2024-03-01' } },
      ['equipment.serialNumber'],
    ],
    ['repair without purchase date', { equipment: { serialNumber: 'SN-1' } }, ['equipment.purchaseDate']],
    [
      'repair without equipment',
      { equipment: undefined },
      ['equipment.serialNumber', 'equipment.purchaseDate'],
    ],
    [
      'repair with a blank serial number',
      { equipment: { serialNumber: '  ', purchaseDate: '2024-03-01' } },
      ['equipment.serialNumber'],
    ],
    [
      'unparseable purchase date',
      { equipment: { serialNumber: 'SN-1', purchaseDate: 'last spring' } },
      ['equipment.purchaseDate'],
    ],
    [
      'maintenance without serial number',
      { type: 'MAINTENANCE', equipment: undefined },
      ['equipment.serialNumber'],
    ],
    ['upgrade without serial number', { type: 'UPGRADE', equipment: {} }, ['equipment.serialNumber']],
    ['installation without equipment', { type: 'INSTALLATION', equipment: undefined }, []],
    ['total not the sum of items', { totalAmount: 91 }, ['totalAmount']],
    [
      'total matching only after float rounding',
      { serviceItems: [{ code: 'A', description: 'a', quantity: 3, unitPrice: 0.1 }], totalAmount: 0.3 },
      [],
    ],
    ['no items but a total', { serviceItems: [], totalAmount: 10 }, ['totalAmount']],
    ['no items and nothing to pay', { serviceItems: [], totalAmount: 0 }, []],
    ['warranty order at zero', { isWarranty: true, totalAmount: 0 }, []],
    ['warranty order that charges', { isWarranty: true, totalAmount: 91.1 }, ['totalAmount']],
    [
      'zero quantity',
      { serviceItems: [{ code: 'A', description: 'a', quantity: 0, unitPrice: 5 }], totalAmount: 0 },
      ['serviceItems[0].quantity'],
    ],
    [
      'negative price',
      { serviceItems: [{ code: 'A', description: 'a', quantity: 1, unitPrice: -5 }], totalAmount: -5 },
      ['serviceItems[0].unitPrice'],
    ],
    ['no appointment', { appointment: undefined }, ['appointment']],
    [
      'appointment ending at its start',
      { appointment: { start: '2025-03-17T09:00:00Z', end: '2025-03-17T09:00:00Z' } },
      ['appointment.end'],
    ],
    [
      'appointment ending before its start',
      { appointment: { start: '2025-03-17T09:00:00Z', end: '2025-03-17T08:00:00Z' } },
      ['appointment.end'],
    ],
    [
      'unparseable appointment',
      { appointment: { start: 'soon', end: '2025-03-17T08:00:00Z' } },
      ['appointment.start'],
    ],
    ['DIRECT without technician', { dispatchMode: 'DIRECT' }, ['directTechnicianId']],
    ['DIRECT with technician', { dispatchMode: 'DIRECT', directTechnicianId: 'tech-1' }, []],
    [
      'customer without region',
      { customer: { name: 'A', phone: '1', address: 'x', zone: 'OUT_OF_CITY' } },
      [],
    ],
  ];
  it.each(cases)('%s', (_label, overrides, fields) => {
    expect(findIntakeProblems(anOrderDetails(overrides)).map((p) => p.field)).toEqual(fields);
  });

  it('says why, not only where', () => {
    const [problem] = findIntakeProblems(anOrderDetails({ totalAmount: 100 }));
    expect(problem.problem).toBe('100.00 does not equal the sum of the service items, 91.10');
  });

  it('reports every problem at once', () => {
    const details = anOrderDetails({ equipment: undefined, totalAmount: 1, appointment: undefined });
    expect(findIntakeProblems(details)).toHaveLength(4);
  });
});

describe(formatOrderNo.name, () => {
  it.each([
    [new Date('2025-03-14T10:00:00Z'), 1, 'SO-20250314-000001'],
    [new Date('2025-12-31T23:59:59Z'), 999_999, 'SO-20251231-999999'],
    // Shanghai's 1 January at 07:00 is still 31 December in UTC.
    [new Date('2026-01-01T07:00:00+08:00'), 42, 'SO-20251231-000042'],
  ])('%s #%d → %s', (date, sequence, expected) => {
    expect(formatOrderNo(date, sequence)).toBe(expected);
    expect(expected).toMatch(ORDER_NO_PATTERN);
  });

  it.each([-1, 1_000_000, 1.5, NaN])('refuses sequence %d', (sequence) => {
    expect(() => formatOrderNo(new Date('2025-03-14T10:00:00Z'), sequence)).toThrow(RangeError);
  });

  it('pattern refuses near misses', () => {
    for (const text of [
      'SO-2025031-000001',
      'so-20250314-000001',
      'SO-20250314-0000001',
      'SO-20250314-00001x',
    ]) {
      expect(text).not.toMatch(ORDER_NO_PATTERN);
    }
  });
});

describe(isTerminalStatus.name, () => {
  it('is true exactly for CLOSED, CANCELLED and REJECTED', () => {
    expect(ORDER_STATUSES.filter(isTerminalStatus)).toEqual(['CLOSED', 'CANCELLED', 'REJECTED']);
  });
});

function covered(coverage: Coverage): OrderCoverage {
  return { coverage, reason: 'test', warrantyEndsOn: null, catalogueVersion: 1 };
}

describe(settlementProblem.name, () => {
  it.each([
    [{ totalAmount: 300 }, 300, null],
    [{ totalAmount: 0.3 }, 0.1 + 0.2, null],
    [{ totalAmount: 300 }, 299.99, 'amount 299.99 does not match the order total 300.00'],
    [{ totalAmount: 0, isWarranty: true }, 0, null],
    [{ totalAmount: 0, isWarranty: true }, 50, 'an in-warranty order settles at 0'],
    // Coverage judged at intake: covered work settles at zero, paid work at its total.
    [{ totalAmount: 300, coverage: covered('IN_WARRANTY') }, 0, null],
    [{ totalAmount: 300, coverage: covered('IN_WARRANTY') }, 300, 'IN_WARRANTY work settles at 0'],
    [{ totalAmount: 300, coverage: covered('CONTRACT') }, 0, null],
    [{ totalAmount: 300, coverage: covered('PAID') }, 300, null],
    [{ totalAmount: 300, coverage: covered('PAID') }, 0, 'amount 0 does not match the order total 300.00'],
  ])('%p settled at %p → %p', (details, amount, expected) => {
    expect(settlementProblem(details, amount)).toBe(expected);
  });
});

describe(intakeStatus.name, () => {
  it('starts a complete order in review and an incomplete one waiting for information', () => {
    expect(intakeStatus([])).toBe('PENDING_REVIEW');
    expect(intakeStatus([{ field: 'appointment', problem: 'is required' }])).toBe('INFO_REQUIRED');
  });
});
