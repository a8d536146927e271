// Inputs for the service-order workflow: complete order details and second-scale SLA policies.
import { randomInt } from 'node:crypto';
import { defaultPolicy, type OrderDetails, type OrderType, type SlaPolicy } from '../../src/domain';
import type { Actor, ServiceOrderInput } from '../../src/workflows/service-order/service-order.messages';

let sequence = 0;

const DAY_MS = 86_400_000;
const FIRST_TEST_DAY = Date.UTC(2000, 0, 1);

/**
 * `SO-YYYYMMDD-NNNNNN` unique within a run: test files run at once in separate processes against one
 * Temporal server and database. The whole pid and a per-process sequence (< 1000) make the key; it is
 * spread over dates from 2000 on, which the API's real counter (today's date) never reaches.
 */
export function uniqueOrderNo(): string {
  sequence += 1;
  if (sequence >= 1000) throw new Error('uniqueOrderNo: more than 999 orders in one test file');
  const key = process.pid * 1000 + sequence;
  const day = new Date(FIRST_TEST_DAY + Math.floor(key / 1_000_000) * DAY_MS).toISOString().slice(0, 10);
  return `SO-${day.replace(/-/g, '')}-${String(key % 1_000_000).padStart(6, '0')}`;
}

export function uniqueRegion(prefix = 'region'): string {
  return `${prefix}-${process.pid}-${randomInt(1_000_000)}`;
}

/** A complete installation order: no intake problems, so it starts in PENDING_REVIEW. */
export function orderDetails(overrides: Partial<OrderDetails> = {}): OrderDetails {
  const start = new Date(Date.now() + 24 * 3600_000);
  return {
    type: 'INSTALLATION',
    priority: 'NORMAL',
    channel: 'PHONE',
    customer: {
      name: 'Wang Fang',
      phone: '+86 138 0000 0001',
      address: '1 Century Avenue',
      zone: 'IN_CITY',
      region: 'north',
      lat: 31.23,
      lng: 121.47,
    },
    equipment: { model: 'AC-9000', serialNumber: 'SN-1', purchaseDate: '2024-03-01' },
    faultDescription: 'Install a split air conditioner',
    serviceItems: [{ code: 'INSTALL', description: 'Installation', quantity: 1, unitPrice: 300 }],
    totalAmount: 300,
    paymentMethod: 'CASH',
    appointment: { start: start.toISOString(), end: new Date(start.getTime() + 3 * 3600_000).toISOString() },
    requiredSkills: [],
    dispatchMode: 'AUTO',
    ...overrides,
  };
}

/** Every target long (1h) unless overridden, so only the stage under test runs out. */
export function secondsPolicy(
  orderType: OrderType = 'INSTALLATION',
  overrides: Partial<Omit<SlaPolicy, 'targets'>> & { targets?: Partial<SlaPolicy['targets']> } = {},
): SlaPolicy {
  const base = defaultPolicy(orderType);
  const long = '1h';
  const { targets, ...rest } = overrides;
  return {
    ...base,
    ...rest,
    targets: {
      ...base.targets,
      infoCompletion: long,
      review: long,
      approval: long,
      dispatch: { URGENT: long, HIGH: long, NORMAL: long, LOW: long },
      technicianAcceptance: long,
      firstContact: long,
      progressReply: long,
      completion: { IN_CITY: long, OUT_OF_CITY: long },
      chaseResponse: long,
      qc: long,
      customerAcceptanceWindow: long,
      callback: long,
      feedbackClosure: long,
      closureReminderEvery: long,
      settlement: long,
      ...(targets ?? {}),
    },
  };
}

export function orderInput(
  createdBy: Actor,
  overrides: { orderNo?: string; details?: Partial<OrderDetails>; policy?: SlaPolicy } = {},
): ServiceOrderInput {
  const details = orderDetails(overrides.details);
  return {
    orderNo: overrides.orderNo ?? uniqueOrderNo(),
    details,
    policy: overrides.policy ?? secondsPolicy(details.type),
    calendar: null,
    createdBy,
    customerTokenHash: 'a'.repeat(64),
    receivedAt: new Date().toISOString(),
  };
}
