import type { OrderStatus, Role } from './order';

export const ORDER_ACTIONS = [
  'SUPPLY_INFO',
  'REVIEW_APPROVE',
  'REVIEW_RETURN',
  'REVIEW_REJECT',
  'APPROVE',
  'REJECT_APPROVAL',
  'ASSIGN',
  'REASSIGN',
  'TECHNICIAN_ACCEPT',
  'TECHNICIAN_DECLINE',
  'LOG_CONTACT',
  'CHECK_IN',
  'REPORT_PROGRESS',
  'REQUEST_PARTS',
  'RECEIVE_PARTS',
  'COMPLETE',
  'QC_PASS',
  'QC_FAIL',
  'CHASE',
  'CUSTOMER_ACCEPT',
  'CUSTOMER_REJECT',
  'CALLBACK',
  'RESOLVE_FEEDBACK',
  'SETTLE',
  'CANCEL',
  'WARRANTY_CLAIM',
  'REWORK_ANOTHER_ROUND',
  'REFUND_AND_CLOSE',
  'CUSTOMER_FEEDBACK',
  'OVERRIDE_COVERAGE',
  'PROPOSE_QUOTE',
  'APPROVE_QUOTE',
  'DECLINE_QUOTE',
  'PROPOSE_ADDED_WORK',
  'APPROVE_ADDED_WORK',
  'DECLINE_ADDED_WORK',
  'COLLECT_PAYMENT',
  'INSPECT_PARTS',
  'APPROVE_SELF_BOUGHT_PARTS',
  'RECORD_INVOICE',
] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

/** Where an allowed action leaves the order. */
export type TransitionOutcome =
  | { kind: 'MOVES_TO'; status: OrderStatus }
  // Recorded on the timeline; the status does not change.
  | { kind: 'STAYS' }
  // The workflow picks one of these from facts the table does not hold.
  | { kind: 'WORKFLOW_DECIDES'; oneOf: readonly OrderStatus[]; how: string };

export interface TransitionRule {
  from: readonly OrderStatus[];
  roles: readonly Role[];
  /** A supervisor may also override from these (SPEC §2: the supervisor steps in at any stage). */
  supervisorAlsoFrom?: readonly OrderStatus[];
  outcome: TransitionOutcome;
}

const movesTo = (status: OrderStatus): TransitionOutcome => ({ kind: 'MOVES_TO', status });
const STAYS: TransitionOutcome = { kind: 'STAYS' };

// Cancellation is possible until the technician is on site (SPEC §2 stage 14).
const BEFORE_ON_SITE = [
  'INFO_REQUIRED',
  'PENDING_REVIEW',
  'PENDING_APPROVAL',
  'PENDING_DISPATCH',
  'ASSIGNED',
  'ACCEPTED',
] as const satisfies readonly OrderStatus[];

// The work is under way and nobody has finished it yet: a supervisor may still take it from the
// technician (reassign) or stop it (cancel). Once the work is done (PENDING_QC on) it is judged instead.
const WORK_UNDER_WAY = ['ON_SITE', 'IN_PROGRESS'] as const satisfies readonly OrderStatus[];
// ... and where it waits for the customer's answer to the quote, which a supervisor may also step into.
const ON_THE_JOB = [...WORK_UNDER_WAY, 'PENDING_QUOTE'] as const satisfies readonly OrderStatus[];

// A customer chase is accepted only where someone answers it (SPEC §3: within an hour): the region's
// dispatchers while no technician holds the order (the assignment answers it), the technician once
// assigned (accepting, contacting the customer or any next step answers it). From PENDING_QC on the
// work is done and waits for QC or the customer's own verdict; after COMPLETED the feedback track
// handles complaints.
const CHASEABLE = [
  'PENDING_DISPATCH',
  'ASSIGNED',
  'ACCEPTED',
  'ON_SITE',
  'IN_PROGRESS',
] as const satisfies readonly OrderStatus[];

// Who pays may be corrected until the order is settled (the workflow refuses once it is).
const BEFORE_SETTLEMENT = [
  ...BEFORE_ON_SITE,
  ...WORK_UNDER_WAY,
  'PENDING_QUOTE',
  'PENDING_QC',
  'PENDING_ACCEPTANCE',
  'REWORK',
  'COMPLETED',
] as const satisfies readonly OrderStatus[];

// The work is done and judged: the supervisor inspects the parts it replaced and signs off self-bought ones.
const WORK_DONE = [
  'PENDING_QC',
  'PENDING_ACCEPTANCE',
  'REWORK',
  'COMPLETED',
] as const satisfies readonly OrderStatus[];

const AFTER_COMPLETION_TRACK: TransitionOutcome = {
  kind: 'WORKFLOW_DECIDES',
  oneOf: ['COMPLETED', 'CLOSED'],
  how: 'CLOSED once callback, feedback closure and settlement are all done',
};

/**
 * Who may do what, from which status, and where it leads. `admin` is read-only and appears in no row.
 * Ownership (the assigned technician, the feedback owner, the dispatcher's region) is checked by the
 * workflow by user id; this table only knows roles.
 */
export const TRANSITIONS: Readonly<Record<OrderAction, TransitionRule>> = {
  SUPPLY_INFO: {
    from: ['INFO_REQUIRED'],
    roles: ['agent'],
    outcome: {
      kind: 'WORKFLOW_DECIDES',
      oneOf: ['PENDING_REVIEW', 'INFO_REQUIRED'],
      how: 're-run findIntakeProblems; stays in INFO_REQUIRED while problems remain',
    },
  },
  REVIEW_APPROVE: {
    from: ['PENDING_REVIEW'],
    roles: ['agent'],
    outcome: {
      kind: 'WORKFLOW_DECIDES',
      oneOf: ['PENDING_APPROVAL', 'PENDING_DISPATCH'],
      how: 'PENDING_APPROVAL when requiresApproval matches the policy rule, else PENDING_DISPATCH',
    },
  },
  REVIEW_RETURN: { from: ['PENDING_REVIEW'], roles: ['agent'], outcome: movesTo('INFO_REQUIRED') },
  REVIEW_REJECT: { from: ['PENDING_REVIEW'], roles: ['agent'], outcome: movesTo('REJECTED') },
  APPROVE: { from: ['PENDING_APPROVAL'], roles: ['supervisor'], outcome: movesTo('PENDING_DISPATCH') },
  REJECT_APPROVAL: { from: ['PENDING_APPROVAL'], roles: ['supervisor'], outcome: movesTo('REJECTED') },
  ASSIGN: { from: ['PENDING_DISPATCH'], roles: ['dispatcher', 'supervisor'], outcome: movesTo('ASSIGNED') },
  REASSIGN: {
    from: ['ASSIGNED', 'ACCEPTED', 'REWORK'],
    roles: ['dispatcher', 'supervisor'],
    // Taking over from a technician who left (deactivated) or stalls on site.
    supervisorAlsoFrom: ON_THE_JOB,
    outcome: movesTo('ASSIGNED'),
  },
  TECHNICIAN_ACCEPT: { from: ['ASSIGNED'], roles: ['technician'], outcome: movesTo('ACCEPTED') },
  // AUTO mode then assigns again at once, as a separate system step.
  TECHNICIAN_DECLINE: { from: ['ASSIGNED'], roles: ['technician'], outcome: movesTo('PENDING_DISPATCH') },
  LOG_CONTACT: {
    from: ['ACCEPTED', 'ON_SITE', 'PENDING_QUOTE', 'IN_PROGRESS'],
    roles: ['technician'],
    outcome: STAYS,
  },
  CHECK_IN: { from: ['ACCEPTED'], roles: ['technician'], outcome: movesTo('ON_SITE') },
  REPORT_PROGRESS: {
    from: ['ON_SITE', 'IN_PROGRESS'],
    roles: ['technician'],
    outcome: movesTo('IN_PROGRESS'),
  },
  // Parts requests set the WAITING_PARTS milestone; the status is IN_PROGRESS either way.
  REQUEST_PARTS: { from: ['ON_SITE', 'IN_PROGRESS'], roles: ['technician'], outcome: movesTo('IN_PROGRESS') },
  RECEIVE_PARTS: { from: ['ON_SITE', 'IN_PROGRESS'], roles: ['technician'], outcome: movesTo('IN_PROGRESS') },
  COMPLETE: { from: ['ON_SITE', 'IN_PROGRESS'], roles: ['technician'], outcome: movesTo('PENDING_QC') },
  QC_PASS: { from: ['PENDING_QC'], roles: ['supervisor'], outcome: movesTo('PENDING_ACCEPTANCE') },
  QC_FAIL: { from: ['PENDING_QC'], roles: ['supervisor'], outcome: movesTo('IN_PROGRESS') },
  CHASE: { from: CHASEABLE, roles: ['agent'], outcome: STAYS },
  CUSTOMER_ACCEPT: { from: ['PENDING_ACCEPTANCE'], roles: ['customer'], outcome: movesTo('COMPLETED') },
  // A rework round opens; the workflow then moves the order on to ASSIGNED (same technician by default).
  CUSTOMER_REJECT: { from: ['PENDING_ACCEPTANCE'], roles: ['customer'], outcome: movesTo('REWORK') },
  CALLBACK: { from: ['COMPLETED'], roles: ['agent'], outcome: AFTER_COMPLETION_TRACK },
  RESOLVE_FEEDBACK: { from: ['COMPLETED'], roles: ['supervisor'], outcome: AFTER_COMPLETION_TRACK },
  SETTLE: { from: ['COMPLETED'], roles: ['finance'], outcome: AFTER_COMPLETION_TRACK },
  // Never after the work is done: a failed job ends in a rework decision, not a cancellation.
  CANCEL: {
    from: BEFORE_ON_SITE,
    roles: ['agent', 'supervisor'],
    supervisorAlsoFrom: ON_THE_JOB,
    outcome: movesTo('CANCELLED'),
  },
  // Opens a new linked order; whether the warranty still runs is judgeWarrantyClaim's call.
  WARRANTY_CLAIM: { from: ['CLOSED'], roles: ['agent'], outcome: STAYS },
  // Past the rework limit the order waits in REWORK for the supervisor: one more round with the same
  // technician, a new technician (REASSIGN), or a refund and close.
  REWORK_ANOTHER_ROUND: { from: ['REWORK'], roles: ['supervisor'], outcome: movesTo('ASSIGNED') },
  REFUND_AND_CLOSE: { from: ['REWORK'], roles: ['supervisor'], outcome: movesTo('CLOSED') },
  // The customer's answer to the feedback request, while the order is still open after the work.
  CUSTOMER_FEEDBACK: { from: ['COMPLETED'], roles: ['customer'], outcome: STAYS },
  // The supervisor corrects the coverage judged at intake (a contract found later, a proof that fails).
  OVERRIDE_COVERAGE: { from: BEFORE_SETTLEMENT, roles: ['supervisor'], outcome: STAYS },
  // Priced work (issue 11). The technician (or the agent, told on the phone) prices the job from the
  // catalogue on site; the customer answers on their page, or tells the agent.
  PROPOSE_QUOTE: {
    from: WORK_UNDER_WAY,
    roles: ['technician', 'agent'],
    outcome: {
      kind: 'WORKFLOW_DECIDES',
      oneOf: ['PENDING_QUOTE', 'IN_PROGRESS'],
      how: 'PENDING_QUOTE when the customer must approve it (quoteRequired), else IN_PROGRESS at once',
    },
  },
  APPROVE_QUOTE: { from: ['PENDING_QUOTE'], roles: ['customer', 'agent'], outcome: movesTo('IN_PROGRESS') },
  DECLINE_QUOTE: {
    from: ['PENDING_QUOTE'],
    roles: ['customer', 'agent'],
    outcome: {
      kind: 'WORKFLOW_DECIDES',
      oneOf: ['COMPLETED', 'CLOSED', 'IN_PROGRESS'],
      how: 'IN_PROGRESS when an earlier quote stands (a revision declined); else COMPLETED while a diagnosis fee is to be settled, CLOSED when none is due',
    },
  },
  PROPOSE_ADDED_WORK: { from: ['IN_PROGRESS'], roles: ['technician'], outcome: STAYS },
  APPROVE_ADDED_WORK: { from: ['IN_PROGRESS'], roles: ['customer', 'agent'], outcome: STAYS },
  DECLINE_ADDED_WORK: { from: ['IN_PROGRESS'], roles: ['customer', 'agent'], outcome: STAYS },
  // 当场收费: the technician takes the payment on site, once the work is done (or the quote declined).
  COLLECT_PAYMENT: { from: ['IN_PROGRESS', ...WORK_DONE], roles: ['technician'], outcome: STAYS },
  INSPECT_PARTS: { from: WORK_DONE, roles: ['supervisor'], outcome: STAYS },
  APPROVE_SELF_BOUGHT_PARTS: { from: WORK_DONE, roles: ['supervisor'], outcome: STAYS },
  // 补寄发票: the invoice of a payment taken on site, sent after the settlement.
  RECORD_INVOICE: { from: ['COMPLETED'], roles: ['finance'], outcome: AFTER_COMPLETION_TRACK },
};

/** Steps the workflow takes by itself (timers, results of its own activities), and where they lead. */
export const SYSTEM_TRANSITIONS = {
  AUTO_ASSIGN: movesTo('ASSIGNED'),
  DIRECT_ASSIGN: movesTo('ASSIGNED'),
  TECHNICIAN_TIMEOUT: movesTo('PENDING_DISPATCH'),
  REWORK_ASSIGNED: movesTo('ASSIGNED'),
  ACCEPTANCE_WINDOW_EXPIRED: movesTo('COMPLETED'),
  // The customer never answered the quote: declined, as DECLINE_QUOTE.
  QUOTE_EXPIRED: {
    kind: 'WORKFLOW_DECIDES',
    oneOf: ['COMPLETED', 'CLOSED', 'IN_PROGRESS'],
    how: 'as DECLINE_QUOTE',
  },
  CLOSE: movesTo('CLOSED'),
} as const satisfies Record<string, TransitionOutcome>;
export type SystemAction = keyof typeof SYSTEM_TRANSITIONS;

/**
 * The status `action` leads to, as the tables say: their own target, the one the workflow chose among
 * those allowed, or the current status for an action that stays. A choice the table does not allow is
 * a programming error, thrown so that tests catch it.
 */
export function transitionTarget(
  action: OrderAction | SystemAction,
  current: OrderStatus,
  chosen?: OrderStatus,
): OrderStatus {
  const outcome: TransitionOutcome =
    action in SYSTEM_TRANSITIONS
      ? SYSTEM_TRANSITIONS[action as SystemAction]
      : TRANSITIONS[action as OrderAction].outcome;
  switch (outcome.kind) {
    case 'MOVES_TO':
      if (chosen !== undefined && chosen !== outcome.status)
        throw new Error(`${action} moves to ${outcome.status}, not ${chosen}`);
      return outcome.status;
    case 'STAYS':
      return current;
    case 'WORKFLOW_DECIDES':
      if (chosen === undefined || !outcome.oneOf.includes(chosen))
        throw new Error(`${action} must choose one of ${outcome.oneOf.join(', ')}`);
      return chosen;
  }
}

export type Decision = { allowed: true } | { allowed: false; reason: 'ROLE' | 'STATUS'; message: string };

/** May `role` do `action` while the order is in `status`? Role is judged first (403 before 409). */
export function decide(status: OrderStatus, action: OrderAction, role: Role): Decision {
  const rule = TRANSITIONS[action];
  if (!rule.roles.includes(role)) {
    const message =
      role === 'admin'
        ? `admin is read-only and may not ${action}`
        : `role ${role} may not ${action}; only ${rule.roles.join(' or ')} may`;
    return { allowed: false, reason: 'ROLE', message };
  }
  const from = role === 'supervisor' ? [...rule.from, ...(rule.supervisorAlsoFrom ?? [])] : rule.from;
  if (!from.includes(status)) {
    return {
      allowed: false,
      reason: 'STATUS',
      message: `${action} is not allowed while the order is ${status}; it needs ${from.join(', ')}`,
    };
  }
  return { allowed: true };
}

export function allowedActions(status: OrderStatus, role: Role): OrderAction[] {
  return ORDER_ACTIONS.filter((action) => decide(status, action, role).allowed);
}
