// Lifecycle rules the transition table does not hold: which deadline runs in which status, when the
// customer's verdict opens a feedback case, and what the rework limit does. Used by the workflow, and
// by the API and reports where they describe an order.
import type { Milestone, OrderStatus, OrderType } from './order';
import type { SlaPolicy } from './sla-policy';
import { LADDER, type SlaStage } from './escalation-ladder';

/** Which deadline runs while the order sits in a status; it starts on entry and stops on exit. */
export const STATUS_STAGE: Readonly<Partial<Record<OrderStatus, SlaStage>>> = {
  INFO_REQUIRED: 'INFO_COMPLETION',
  PENDING_REVIEW: 'REVIEW',
  PENDING_APPROVAL: 'APPROVAL',
  PENDING_DISPATCH: 'DISPATCH',
  ASSIGNED: 'TECHNICIAN_ACCEPTANCE',
  PENDING_QUOTE: 'QUOTE_APPROVAL',
  PENDING_QC: 'QC',
  PENDING_ACCEPTANCE: 'CUSTOMER_ACCEPTANCE',
  // Only while the order waits for the supervisor past the rework limit (rules v2); a rework round
  // within the limit passes through REWORK at once.
  REWORK: 'REWORK_DECISION',
};

export type FeedbackCategory = 'LOW_RATING' | 'COMPLAINT' | 'CALLBACK_UNSATISFIED';

/** A rating of this or lower opens a feedback case (SPEC §2: 差评 is followed up). */
export const LOW_RATING_MAX = 2;

/**
 * Does the completed order need a feedback case, and of which kind? A low rating wins over the order
 * being a complaint, so the case says why the customer is unhappy now.
 */
export function feedbackCaseOnCompletion(rating: number | null, type: OrderType): FeedbackCategory | null {
  if (rating !== null && rating <= LOW_RATING_MAX) return 'LOW_RATING';
  if (type === 'COMPLAINT') return 'COMPLAINT';
  return null;
}

/** A low score in the customer's answer to the feedback request opens a case, unless one was already opened. */
export function feedbackCaseOnCustomerFeedback(
  score: number,
  caseAlreadyOpened: boolean,
): FeedbackCategory | null {
  return score <= LOW_RATING_MAX && !caseAlreadyOpened ? 'LOW_RATING' : null;
}

/** An unsatisfied customer on the return visit opens a case, unless one was already opened. */
export function feedbackCaseOnCallback(
  satisfied: boolean,
  caseAlreadyOpened: boolean,
): FeedbackCategory | null {
  return !satisfied && !caseAlreadyOpened ? 'CALLBACK_UNSATISFIED' : null;
}

/** The escalation level the rework limit raises (the supervisor's level: SPEC §3 ladder level 2). */
export const REWORK_LIMIT_LEVEL = 2;

/** The escalation record of the rework limit: on the COMPLETION stage, but not a late completion. */
const REWORK_LIMIT_KEY_PREFIX = 'REWORK_LIMIT#';

export function reworkLimitStageKey(round: number): string {
  return `${REWORK_LIMIT_KEY_PREFIX}${round}`;
}

/**
 * Late work, for the on-time KPI: a COMPLETION escalation at level 1 or more (the clock reached 100 %).
 * The rework limit's escalation says the customer rejected too often, not that the work was late.
 */
export function countsAsLateCompletion(escalation: {
  stage: string;
  stageKey: string;
  level: number;
}): boolean {
  return (
    escalation.stage === 'COMPLETION' &&
    escalation.level >= 1 &&
    !escalation.stageKey.startsWith(REWORK_LIMIT_KEY_PREFIX)
  );
}

/** The same rule over the `escalations` table (alias `e`), for the reports. */
export function lateCompletionSql(alias: string): string {
  return `(${alias}.stage = 'COMPLETION' AND ${alias}.level >= 1 AND ${alias}.stage_key NOT LIKE '${REWORK_LIMIT_KEY_PREFIX}%')`;
}

/** Round `round` (1-based) goes beyond the policy's allowed rework rounds. */
export function reworkOverLimit(round: number, maxReworks: number): boolean {
  return round > maxReworks;
}

/** Waiting for parts stops the completion clock when the policy says so; any other milestone runs it. */
export function completionPausedFor(
  milestone: Milestone | null,
  policy: Pick<SlaPolicy, 'pauseWhileWaitingParts'>,
): boolean {
  return milestone === 'WAITING_PARTS' && policy.pauseWhileWaitingParts;
}

/**
 * What a stage does once its ladder is spent (level 3 at 200 %), so that no order waits unseen: an AUTO
 * order still without a technician tries to dispatch again, and a customer who never answers the
 * acceptance request (policy `ESCALATE`) keeps the agent reminded.
 */
export type FollowUp = 'REDISPATCH' | 'REMIND_AGENT';

/** Follow-ups keep the ladder's last cadence: every half target after 200 % (250 %, 300 %, …). */
export const FOLLOW_UP_EVERY_FRACTION = 0.5;
const LADDER_SPENT_FRACTION = LADDER[LADDER.length - 1].fraction;

/** The share of the target at which follow-up `n` (1-based) is due. */
export function followUpFraction(n: number): number {
  return LADDER_SPENT_FRACTION + FOLLOW_UP_EVERY_FRACTION * n;
}
