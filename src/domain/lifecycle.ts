// Lifecycle rules the transition table does not hold: which deadline runs in which status, when the
// customer's verdict opens a feedback case, and what the rework limit does. Used by the workflow, and
// by the API and reports where they describe an order.
import type { Milestone, OrderStatus, OrderType } from './order';
import type { SlaPolicy } from './sla-policy';
import type { SlaStage } from './escalation-ladder';

/** Which deadline runs while the order sits in a status; it starts on entry and stops on exit. */
export const STATUS_STAGE: Readonly<Partial<Record<OrderStatus, SlaStage>>> = {
  INFO_REQUIRED: 'INFO_COMPLETION',
  PENDING_REVIEW: 'REVIEW',
  PENDING_APPROVAL: 'APPROVAL',
  PENDING_DISPATCH: 'DISPATCH',
  ASSIGNED: 'TECHNICIAN_ACCEPTANCE',
  PENDING_QC: 'QC',
  PENDING_ACCEPTANCE: 'CUSTOMER_ACCEPTANCE',
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

/** An unsatisfied customer on the return visit opens a case, unless one was already opened. */
export function feedbackCaseOnCallback(
  satisfied: boolean,
  caseAlreadyOpened: boolean,
): FeedbackCategory | null {
  return !satisfied && !caseAlreadyOpened ? 'CALLBACK_UNSATISFIED' : null;
}

/** The escalation level the rework limit raises (the supervisor's level: SPEC §3 ladder level 2). */
export const REWORK_LIMIT_LEVEL = 2;

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
