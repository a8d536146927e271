// The one source of test orders. Every suite derives its order from `orderDetails()`: the API intake
// body (`intakeBody`), the workflow input (`orderInput`, used by the integration and the workflow-unit
// tiers) and the fault run's orders (test/faults/scripts.ts, through `intakeBody`). Change the order
// here and every tier sees the same change.
import { randomInt } from 'node:crypto';
import type {
  AppointmentWindow,
  Customer,
  DispatchMode,
  OrderDetails,
  ServiceItem,
  SlaPolicy,
} from '../../src/domain';
import { anOrderDetails } from '../../src/domain/testing/order-details.factory';
import type {
  Actor,
  OrderView,
  ServiceOrderInput,
} from '../../src/workflows/service-order/service-order.messages';
import { secondsPolicy } from './sla-policies';

let customerSequence = 0;
let orderSequence = 0;

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const FIRST_TEST_DAY = Date.UTC(2000, 0, 1);

/** Where the canonical customer lives; technicians placed here are within any check-in radius. */
export const CUSTOMER_POSITION = { lat: 31.23, lng: 121.47 } as const;

/** An appointment `inHours` from now lasting `hours` (the canonical order: tomorrow, 3 hours). */
export function appointmentIn(inHours = 24, hours = 3): AppointmentWindow {
  const start = new Date(Date.now() + inHours * HOUR_MS);
  return { start: start.toISOString(), end: new Date(start.getTime() + hours * HOUR_MS).toISOString() };
}

/** A distinct customer per call (name, phone); override any field, e.g. `region`. */
export function customer(overrides: Partial<Customer> = {}): Customer {
  customerSequence += 1;
  return {
    name: `Customer ${customerSequence}`,
    phone: `+86 138 0000 ${String(customerSequence % 10_000).padStart(4, '0')}`,
    address: '1 Century Avenue, Pudong',
    zone: 'IN_CITY',
    region: 'north',
    ...CUSTOMER_POSITION,
    ...overrides,
  };
}

/** The canonical service line: one installation at 300, so a settlement of 300 matches the total. */
export const INSTALLATION_ITEM: ServiceItem = {
  code: 'INSTALL-AC',
  description: 'Installation',
  quantity: 1,
  unitPrice: 300,
};

/**
 * Over the default approval threshold (5000): review sends it to PENDING_APPROVAL. Spread it into the
 * overrides of any builder below.
 */
export const NEEDS_APPROVAL: Pick<OrderDetails, 'serviceItems' | 'totalAmount'> = {
  serviceItems: [{ code: 'INSTALL-VRF', description: 'VRF system', quantity: 1, unitPrice: 6000 }],
  totalAmount: 6000,
};

/**
 * A complete installation order: no intake problems, so it starts in PENDING_REVIEW. `customer`
 * overrides merge into the canonical customer (pass `{ customer: { region } }` to move it). The dispatch
 * mode defaults to AUTO; the API form below defaults to SUPERVISOR.
 */
export function orderDetails(
  overrides: Partial<Omit<OrderDetails, 'customer'>> & { customer?: Partial<Customer> } = {},
): OrderDetails {
  const { customer: customerOverrides, ...rest } = overrides;
  const who = customer(customerOverrides);
  return {
    type: 'INSTALLATION',
    priority: 'NORMAL',
    channel: 'PHONE',
    customer: who,
    equipment: { model: 'AC-9000', serialNumber: `SN-${customerSequence}`, purchaseDate: '2024-03-01' },
    faultDescription: 'Install a split air conditioner',
    serviceItems: [{ ...INSTALLATION_ITEM }],
    totalAmount: INSTALLATION_ITEM.quantity * INSTALLATION_ITEM.unitPrice,
    paymentMethod: 'CASH',
    appointment: appointmentIn(),
    requiredSkills: [],
    dispatchMode: 'AUTO',
    ...rest,
  };
}

/** What the API's intake tests dispatch with unless they say otherwise: a dispatcher assigns by hand. */
export const API_DISPATCH_MODE: DispatchMode = 'SUPERVISOR';

/**
 * The order as a `POST /api/orders` body (plain JSON; a key set to `undefined` is left out of the
 * request). Overrides replace top-level fields as sent, so malformed bodies can be built from it too.
 */
export function intakeBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...orderDetails({ dispatchMode: API_DISPATCH_MODE }), ...overrides };
}

/**
 * `SO-YYYYMMDD-NNNNNN` unique within a run: test files run at once in separate processes against one
 * Temporal server and database. The whole pid and a per-process sequence (< 1000) make the key; it is
 * spread over dates from 2000 on, which the API's real counter (today's date) never reaches.
 */
export function uniqueOrderNo(): string {
  orderSequence += 1;
  if (orderSequence >= 1000) throw new Error('uniqueOrderNo: more than 999 orders in one test file');
  const key = process.pid * 1000 + orderSequence;
  const day = new Date(FIRST_TEST_DAY + Math.floor(key / 1_000_000) * DAY_MS).toISOString().slice(0, 10);
  return `SO-${day.replace(/-/g, '')}-${String(key % 1_000_000).padStart(6, '0')}`;
}

export function uniqueRegion(prefix = 'region'): string {
  return `${prefix}-${process.pid}-${randomInt(1_000_000)}`;
}

export interface OrderInputOverrides {
  orderNo?: string;
  details?: Partial<Omit<OrderDetails, 'customer'>> & { customer?: Partial<Customer> };
  policy?: SlaPolicy;
}

/** The order as the workflow's input, as the API would start it (policy snapshot, token hash). */
export function orderInput(createdBy: Actor, overrides: OrderInputOverrides = {}): ServiceOrderInput {
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

/**
 * An order as the read model holds it (`orders.snapshot`), for tests that write rows directly
 * (`writeOrderRow`): waiting for dispatch, nothing started, every list empty; override what the test needs.
 */
export function orderView(overrides: Partial<OrderView> & Pick<OrderView, 'orderNo'>): OrderView {
  return {
    workflowId: `order-${overrides.orderNo}`,
    status: 'PENDING_DISPATCH',
    revision: 1,
    details: anOrderDetails(),
    problems: [],
    policyVersion: 1,
    requiresApproval: false,
    approvalReasons: [],
    technicianId: null,
    excludedTechnicianIds: [],
    milestone: null,
    reworkRound: 0,
    chaseCount: 0,
    deadlines: [],
    escalations: [],
    partsRequests: [],
    partsUsed: [],
    rating: null,
    tracks: { callback: 'NOT_STARTED', feedback: 'NOT_STARTED', settlement: 'NOT_STARTED' },
    feedbackCase: null,
    createdBy: { id: null, role: 'agent' },
    createdAt: new Date().toISOString(),
    completedAt: null,
    closedAt: null,
    cancelReason: null,
    ...overrides,
  };
}
