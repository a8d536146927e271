// Second-scale SLA policies for the fault run, so that warnings, escalation ladders, reminders and the two
// timers that move an order on their own (technician acceptance timeout, customer acceptance window) fire
// during the run. Only the order types whose scripts wait for those two timers get short ones: elsewhere
// they would race the scripted commands.
import type { OrderType, SlaPolicy } from '../../src/domain';

const LONG = '15m';

const BASE: Omit<SlaPolicy, 'orderType' | 'version'> = {
  calendar: null,
  targets: {
    infoCompletion: '30s',
    review: '20s',
    approval: '20s',
    dispatch: { URGENT: '15s', HIGH: '15s', NORMAL: '15s', LOW: '15s' },
    technicianAcceptance: LONG,
    firstContact: '20s',
    progressReply: '30s',
    completion: { IN_CITY: '60s', OUT_OF_CITY: '90s' },
    chaseResponse: '15s',
    qc: '20s',
    customerAcceptanceWindow: LONG,
    callback: '20s',
    feedbackClosure: '40s',
    closureReminderEvery: '15s',
    settlement: '30s',
    warranty: '1h',
  },
  onAcceptanceWindowExpiry: 'AUTO_ACCEPT',
  maxReworks: 2,
  pauseWhileWaitingParts: true,
  checkInRadiusMeters: 500,
  approvalRequired: { amountOver: 5000, priorities: ['URGENT'], types: ['COMPLAINT'], vipCustomer: true },
};

/** Technician acceptance times out after 10 s (scripts of this type let it). */
export const ACCEPTANCE_TIMEOUT_TYPE: OrderType = 'TESTING';
/** The customer acceptance window expires after 10 s and AUTO_ACCEPT completes the order. */
export const AUTO_ACCEPT_TYPE: OrderType = 'TRAINING';

export const FAULT_POLICIES: Partial<Record<OrderType, Omit<SlaPolicy, 'orderType' | 'version'>>> = {
  INSTALLATION: BASE,
  REPAIR: BASE,
  MAINTENANCE: BASE,
  INSPECTION: BASE,
  [ACCEPTANCE_TIMEOUT_TYPE]: { ...BASE, targets: { ...BASE.targets, technicianAcceptance: '10s' } },
  [AUTO_ACCEPT_TYPE]: { ...BASE, targets: { ...BASE.targets, customerAcceptanceWindow: '10s' } },
};

/** The policy an order of `type` snapshots in this run (version as the API numbered it). */
export function faultPolicy(type: OrderType): SlaPolicy {
  const fields = FAULT_POLICIES[type];
  if (!fields) throw new Error(`the fault run sets no policy for ${type}`);
  return { orderType: type, version: 0, ...fields };
}
