import { STAFF_ROLES, type StaffRole } from './order';
import { TRANSITIONS, type OrderAction } from './transitions';

export interface OrderCommandRule {
  /** Every `OrderAction` the command can lead to (which one is the command's body's and the workflow's call). */
  actions: readonly OrderAction[];
  /**
   * `FEEDBACK_CASE`: the owner of the order's feedback case may also send it, whatever staff role they
   * hold; the workflow checks by user id that it is them.
   */
  alsoOwner?: 'FEEDBACK_CASE';
}

/**
 * The commands on an existing order, keyed by their one name: the Temporal Update name (the warranty
 * claim, which opens a new order instead of updating this one, is `warrantyClaim`). Who may send a
 * command is not written here but derived from `TRANSITIONS` (`commandRoles`).
 */
export const ORDER_COMMANDS = {
  supplyInfo: { actions: ['SUPPLY_INFO'] },
  review: { actions: ['REVIEW_APPROVE', 'REVIEW_RETURN', 'REVIEW_REJECT'] },
  approval: { actions: ['APPROVE', 'REJECT_APPROVAL'] },
  assign: { actions: ['ASSIGN', 'REASSIGN'] },
  respondToAssignment: { actions: ['TECHNICIAN_ACCEPT', 'TECHNICIAN_DECLINE'] },
  logContact: { actions: ['LOG_CONTACT'] },
  checkIn: { actions: ['CHECK_IN'] },
  reportProgress: { actions: ['REPORT_PROGRESS'] },
  requestParts: { actions: ['REQUEST_PARTS'] },
  receiveParts: { actions: ['RECEIVE_PARTS'] },
  complete: { actions: ['COMPLETE'] },
  qc: { actions: ['QC_PASS', 'QC_FAIL'] },
  chase: { actions: ['CHASE'] },
  customerAcceptance: { actions: ['CUSTOMER_ACCEPT', 'CUSTOMER_REJECT'] },
  callback: { actions: ['CALLBACK'] },
  resolveFeedback: { actions: ['RESOLVE_FEEDBACK'], alsoOwner: 'FEEDBACK_CASE' },
  settle: { actions: ['SETTLE'] },
  cancel: { actions: ['CANCEL'] },
  decideRework: { actions: ['REWORK_ANOTHER_ROUND', 'REFUND_AND_CLOSE'] },
  warrantyClaim: { actions: ['WARRANTY_CLAIM'] },
  customerFeedback: { actions: ['CUSTOMER_FEEDBACK'] },
  overrideCoverage: { actions: ['OVERRIDE_COVERAGE'] },
  proposeQuote: { actions: ['PROPOSE_QUOTE'] },
  decideQuote: { actions: ['APPROVE_QUOTE', 'DECLINE_QUOTE'] },
  proposeAddedWork: { actions: ['PROPOSE_ADDED_WORK'] },
  decideAddedWork: { actions: ['APPROVE_ADDED_WORK', 'DECLINE_ADDED_WORK'] },
  collectPayment: { actions: ['COLLECT_PAYMENT'] },
  inspectParts: { actions: ['INSPECT_PARTS'] },
  approveSelfBoughtParts: { actions: ['APPROVE_SELF_BOUGHT_PARTS'] },
  recordInvoice: { actions: ['RECORD_INVOICE'] },
} as const satisfies Record<string, OrderCommandRule>;

export type OrderCommand = keyof typeof ORDER_COMMANDS;

// Admin is read-only: no owner extension reaches it.
const ACTING_STAFF_ROLES: readonly StaffRole[] = STAFF_ROLES.filter((role) => role !== 'admin');

const isStaffRole = (role: string): role is StaffRole => (STAFF_ROLES as readonly string[]).includes(role);

/**
 * The staff roles that may send `command`: the union of its actions' roles in `TRANSITIONS` (the customer
 * is no staff role: customerAcceptance has none, it takes the customer token), plus every acting staff
 * role when an owner may send it. In table order, so that the first role a multi-role user holds is the
 * one they act in (`actorFor`).
 */
export function commandRoles(command: OrderCommand): StaffRole[] {
  const rule: OrderCommandRule = ORDER_COMMANDS[command];
  const fromTransitions = rule.actions.flatMap((action) => TRANSITIONS[action].roles).filter(isStaffRole);
  const fromOwnership = rule.alsoOwner ? ACTING_STAFF_ROLES : [];
  return [...new Set([...fromTransitions, ...fromOwnership])];
}

export function isOrderCommand(name: string): name is OrderCommand {
  return Object.prototype.hasOwnProperty.call(ORDER_COMMANDS, name);
}
