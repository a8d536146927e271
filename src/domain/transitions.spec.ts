import { ORDER_STATUSES, ROLES, type OrderStatus } from './order';
import {
  allowedActions,
  decide,
  ORDER_ACTIONS,
  transitionTarget,
  TRANSITIONS,
  type OrderAction,
} from './transitions';

// Written from SPEC §2 status by status, independently of the action-by-action table under test. A
// supervisor may correct who pays (OVERRIDE_COVERAGE) in every status until the order is settled.
// `role:ACTION` pairs that are allowed; everything else must be refused.
const EXPECTED_ALLOWED: Record<OrderStatus, string> = {
  INFO_REQUIRED: 'agent:SUPPLY_INFO agent:CANCEL supervisor:CANCEL supervisor:OVERRIDE_COVERAGE',
  PENDING_REVIEW:
    'agent:REVIEW_APPROVE agent:REVIEW_RETURN agent:REVIEW_REJECT agent:CANCEL supervisor:CANCEL supervisor:OVERRIDE_COVERAGE',
  PENDING_APPROVAL:
    'supervisor:APPROVE supervisor:REJECT_APPROVAL agent:CANCEL supervisor:CANCEL supervisor:OVERRIDE_COVERAGE',
  PENDING_DISPATCH:
    'dispatcher:ASSIGN supervisor:ASSIGN agent:CHASE agent:CANCEL supervisor:CANCEL supervisor:OVERRIDE_COVERAGE',
  ASSIGNED:
    'dispatcher:REASSIGN supervisor:REASSIGN technician:TECHNICIAN_ACCEPT technician:TECHNICIAN_DECLINE ' +
    'agent:CHASE agent:CANCEL supervisor:CANCEL supervisor:OVERRIDE_COVERAGE',
  ACCEPTED:
    'dispatcher:REASSIGN supervisor:REASSIGN technician:LOG_CONTACT technician:CHECK_IN ' +
    'agent:CHASE agent:CANCEL supervisor:CANCEL supervisor:OVERRIDE_COVERAGE',
  // The supervisor may still take the work away or stop it while it is under way.
  // On site the technician (or the agent on the phone) prices the job: the quote.
  ON_SITE:
    'technician:LOG_CONTACT technician:REPORT_PROGRESS technician:REQUEST_PARTS technician:RECEIVE_PARTS ' +
    'technician:COMPLETE agent:CHASE supervisor:REASSIGN supervisor:CANCEL supervisor:OVERRIDE_COVERAGE ' +
    'technician:PROPOSE_QUOTE agent:PROPOSE_QUOTE',
  // Waiting for the customer's answer to the quote (they, or the agent they told, answer).
  PENDING_QUOTE:
    'customer:APPROVE_QUOTE customer:DECLINE_QUOTE agent:APPROVE_QUOTE agent:DECLINE_QUOTE ' +
    'technician:LOG_CONTACT supervisor:REASSIGN supervisor:CANCEL supervisor:OVERRIDE_COVERAGE',
  // Under way: a revised quote, added work the customer answers, payment on site.
  IN_PROGRESS:
    'technician:LOG_CONTACT technician:REPORT_PROGRESS technician:REQUEST_PARTS technician:RECEIVE_PARTS ' +
    'technician:COMPLETE agent:CHASE supervisor:REASSIGN supervisor:CANCEL supervisor:OVERRIDE_COVERAGE ' +
    'technician:PROPOSE_QUOTE agent:PROPOSE_QUOTE technician:PROPOSE_ADDED_WORK customer:APPROVE_ADDED_WORK ' +
    'customer:DECLINE_ADDED_WORK agent:APPROVE_ADDED_WORK agent:DECLINE_ADDED_WORK technician:COLLECT_PAYMENT',
  // Work done: nobody answers a chase now, and nobody cancels. Replaced parts are inspected, self-bought
  // ones signed off, and the technician may still take the payment.
  PENDING_QC:
    'supervisor:QC_PASS supervisor:QC_FAIL supervisor:OVERRIDE_COVERAGE ' +
    'technician:COLLECT_PAYMENT supervisor:INSPECT_PARTS supervisor:APPROVE_SELF_BOUGHT_PARTS',
  PENDING_ACCEPTANCE:
    'customer:CUSTOMER_ACCEPT customer:CUSTOMER_REJECT supervisor:OVERRIDE_COVERAGE ' +
    'technician:COLLECT_PAYMENT supervisor:INSPECT_PARTS supervisor:APPROVE_SELF_BOUGHT_PARTS',
  REWORK:
    'dispatcher:REASSIGN supervisor:REASSIGN supervisor:REWORK_ANOTHER_ROUND supervisor:REFUND_AND_CLOSE supervisor:OVERRIDE_COVERAGE ' +
    'technician:COLLECT_PAYMENT supervisor:INSPECT_PARTS supervisor:APPROVE_SELF_BOUGHT_PARTS',
  COMPLETED:
    'agent:CALLBACK supervisor:RESOLVE_FEEDBACK finance:SETTLE customer:CUSTOMER_FEEDBACK supervisor:OVERRIDE_COVERAGE ' +
    'technician:COLLECT_PAYMENT supervisor:INSPECT_PARTS supervisor:APPROVE_SELF_BOUGHT_PARTS finance:RECORD_INVOICE',
  CLOSED: 'agent:WARRANTY_CLAIM',
  CANCELLED: '',
  REJECTED: '',
};

const expectedPairs = (status: OrderStatus): Set<string> =>
  new Set(EXPECTED_ALLOWED[status].split(' ').filter(Boolean));

// A role refused an action in every status is refused for its role (403), otherwise for the status (409).
const roleEverMay = (role: string, action: OrderAction): boolean =>
  ORDER_STATUSES.some((status) => expectedPairs(status).has(`${role}:${action}`));

describe(decide.name, () => {
  describe.each(ORDER_STATUSES)('in %s', (status) => {
    it.each(ROLES)('%s may do exactly the expected actions', (role) => {
      for (const action of ORDER_ACTIONS) {
        const decision = decide(status, action, role);
        const label = `${role} ${action} in ${status}`;
        if (expectedPairs(status).has(`${role}:${action}`)) {
          expect({ label, decision }).toEqual({ label, decision: { allowed: true } });
        } else {
          const reason = roleEverMay(role, action) ? 'STATUS' : 'ROLE';
          expect({ label, allowed: decision.allowed, reason: !decision.allowed && decision.reason }).toEqual({
            label,
            allowed: false,
            reason,
          });
        }
      }
    });
  });

  it('allows 103 status × action × role triples in all', () => {
    let allowed = 0;
    for (const status of ORDER_STATUSES)
      for (const action of ORDER_ACTIONS)
        for (const role of ROLES) if (decide(status, action, role).allowed) allowed++;
    expect(allowed).toBe(
      Object.values(EXPECTED_ALLOWED).reduce((n, pairs) => n + pairs.split(' ').filter(Boolean).length, 0),
    );
    expect(allowed).toBe(103);
  });

  it('never lets admin act', () => {
    for (const status of ORDER_STATUSES) expect(allowedActions(status, 'admin')).toEqual([]);
  });

  it('judges the role before the status', () => {
    expect(decide('CLOSED', 'COMPLETE', 'agent')).toMatchObject({ allowed: false, reason: 'ROLE' });
  });

  it('names the current status when the status is wrong', () => {
    const decision = decide('ON_SITE', 'CANCEL', 'agent');
    expect(decision).toMatchObject({ allowed: false, reason: 'STATUS' });
    expect(!decision.allowed && decision.message).toContain('ON_SITE');
  });

  it('says admin is read-only', () => {
    expect(decide('PENDING_REVIEW', 'REVIEW_APPROVE', 'admin')).toMatchObject({
      allowed: false,
      reason: 'ROLE',
      message: expect.stringContaining('read-only'),
    });
  });
});

describe(allowedActions.name, () => {
  it.each([
    ['ASSIGNED', 'technician', ['TECHNICIAN_ACCEPT', 'TECHNICIAN_DECLINE']],
    ['COMPLETED', 'finance', ['SETTLE', 'RECORD_INVOICE']],
    ['PENDING_REVIEW', 'agent', ['REVIEW_APPROVE', 'REVIEW_RETURN', 'REVIEW_REJECT', 'CANCEL']],
    ['CANCELLED', 'supervisor', []],
  ] as const)('%s for %s', (status, role, actions) => {
    expect(allowedActions(status, role)).toEqual(actions);
  });
});

describe('TRANSITIONS outcomes', () => {
  // Where each action leads (SPEC §2 diagram); `=` stays, `?` the workflow picks among the listed.
  const EXPECTED_OUTCOME: Record<OrderAction, string> = {
    SUPPLY_INFO: '? PENDING_REVIEW INFO_REQUIRED',
    REVIEW_APPROVE: '? PENDING_APPROVAL PENDING_DISPATCH',
    REVIEW_RETURN: 'INFO_REQUIRED',
    REVIEW_REJECT: 'REJECTED',
    APPROVE: 'PENDING_DISPATCH',
    REJECT_APPROVAL: 'REJECTED',
    ASSIGN: 'ASSIGNED',
    REASSIGN: 'ASSIGNED',
    TECHNICIAN_ACCEPT: 'ACCEPTED',
    TECHNICIAN_DECLINE: 'PENDING_DISPATCH',
    LOG_CONTACT: '=',
    CHECK_IN: 'ON_SITE',
    REPORT_PROGRESS: 'IN_PROGRESS',
    REQUEST_PARTS: 'IN_PROGRESS',
    RECEIVE_PARTS: 'IN_PROGRESS',
    COMPLETE: 'PENDING_QC',
    QC_PASS: 'PENDING_ACCEPTANCE',
    QC_FAIL: 'IN_PROGRESS',
    CHASE: '=',
    CUSTOMER_ACCEPT: 'COMPLETED',
    CUSTOMER_REJECT: 'REWORK',
    CALLBACK: '? COMPLETED CLOSED',
    RESOLVE_FEEDBACK: '? COMPLETED CLOSED',
    SETTLE: '? COMPLETED CLOSED',
    CANCEL: 'CANCELLED',
    WARRANTY_CLAIM: '=',
    REWORK_ANOTHER_ROUND: 'ASSIGNED',
    REFUND_AND_CLOSE: 'CLOSED',
    CUSTOMER_FEEDBACK: '=',
    OVERRIDE_COVERAGE: '=',
    PROPOSE_QUOTE: '? PENDING_QUOTE IN_PROGRESS',
    APPROVE_QUOTE: 'IN_PROGRESS',
    DECLINE_QUOTE: '? COMPLETED CLOSED IN_PROGRESS',
    PROPOSE_ADDED_WORK: '=',
    APPROVE_ADDED_WORK: '=',
    DECLINE_ADDED_WORK: '=',
    COLLECT_PAYMENT: '=',
    INSPECT_PARTS: '=',
    APPROVE_SELF_BOUGHT_PARTS: '=',
    RECORD_INVOICE: '? COMPLETED CLOSED',
  };

  it.each(ORDER_ACTIONS)('%s leads where the spec says', (action) => {
    const outcome = TRANSITIONS[action].outcome;
    const written =
      outcome.kind === 'MOVES_TO'
        ? outcome.status
        : outcome.kind === 'STAYS'
          ? '='
          : `? ${outcome.oneOf.join(' ')}`;
    expect(written).toBe(EXPECTED_OUTCOME[action]);
  });
});

describe(transitionTarget.name, () => {
  it("follows the table's own target", () => {
    expect(transitionTarget('QC_PASS', 'PENDING_QC')).toBe('PENDING_ACCEPTANCE');
    expect(transitionTarget('TECHNICIAN_TIMEOUT', 'ASSIGNED')).toBe('PENDING_DISPATCH');
  });

  it('keeps the status of an action that stays', () => {
    expect(transitionTarget('CHASE', 'IN_PROGRESS')).toBe('IN_PROGRESS');
  });

  it("takes the workflow's choice only among the allowed ones", () => {
    expect(transitionTarget('REVIEW_APPROVE', 'PENDING_REVIEW', 'PENDING_APPROVAL')).toBe('PENDING_APPROVAL');
    expect(() => transitionTarget('REVIEW_APPROVE', 'PENDING_REVIEW', 'ASSIGNED')).toThrow(/one of/);
    expect(() => transitionTarget('REVIEW_APPROVE', 'PENDING_REVIEW')).toThrow(/one of/);
    expect(() => transitionTarget('QC_PASS', 'PENDING_QC', 'COMPLETED')).toThrow(/moves to/);
  });
});
