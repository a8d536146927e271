// Everything the order workflow remembers, in one object of plain data (carried unchanged through
// continue-as-new). Methods change the state synchronously; the phases decide when to call them and
// queue the I/O. Time is always passed in (workflow time), never read here.
import {
  completionPausedFor,
  customerMessagesFor,
  findIntakeProblems,
  intakeStatus,
  reworkOverLimit,
  STATUS_STAGE,
  transitionTarget,
  type BusinessCalendar,
  type CustomerMessageKind,
  type OrderAction,
  type SystemAction,
  type IntakeProblem,
  type Milestone,
  type OrderDetails,
  type OrderStatus,
  type SlaPolicy,
  type SlaStage,
} from '../../domain';
import { Deadlines, iso, type LiveDeadline, type OnDue } from './deadlines';
import { newPricing, pricingView, type PricingData } from './ledger';
import {
  orderWorkflowId,
  type Actor,
  type EscalationView,
  type CustomerFeedbackView,
  type FeedbackCaseView,
  type OrderView,
  type PartsRequestView,
  type PartUsed,
  type ServiceOrderInput,
  type TimelineEntryView,
} from './service-order.messages';

export interface OrderData {
  orderNo: string;
  details: OrderDetails;
  problems: IntakeProblem[];
  policy: SlaPolicy;
  calendar: BusinessCalendar | null;
  createdBy: Actor;
  customerTokenHash: string;
  createdAt: string;
  status: OrderStatus;
  revision: number;
  /** Last timeline seq used. */
  seq: number;
  /** Entries recorded but not yet written to PostgreSQL. */
  unprojected: TimelineEntryView[];
  /** Highest revision written to the read model. */
  projectedRevision: number;
  requiresApproval: boolean;
  approvalReasons: string[];
  technicianId: string | null;
  technicianName: string | null;
  excludedTechnicianIds: string[];
  milestone: Milestone | null;
  reworkRound: number;
  chaseCount: number;
  deadlines: LiveDeadline[];
  occurrences: Partial<Record<SlaStage, number>>;
  escalations: EscalationView[];
  partsRequests: PartsRequestView[];
  partsUsed: PartUsed[];
  rating: number | null;
  tracks: OrderView['tracks'];
  feedbackCase: FeedbackCaseView | null;
  completedAt: string | null;
  closedAt: string | null;
  cancelReason: string | null;
  /** The workflow should run the system dispatch step (AUTO / DIRECT) at its next turn. */
  dispatchRequested: boolean;
  /** DIRECT mode tries the named technician once; afterwards a dispatcher decides. */
  directTried: boolean;
  /**
   * Outbox rows (e-mail / webhook) whose `deliver` has not settled yet. Continue-as-new carries them
   * instead of waiting out their retry backoff, and the new run sends them again (`deliver` is idempotent).
   */
  pendingDeliveryIds: string[];
  /** Which lifecycle rules this order follows (absent: 1, the rules its run was recorded with). */
  lifecycleRules?: LifecycleRules;
  /**
   * Present on runs that message the customer (CUSTOMER_MESSAGES): the messages the timeline asked for
   * and the loop has not queued yet, and the customer's answer to the feedback request.
   */
  customerMessages?: CustomerMessages;
  /** Present on runs that price their work (PRICED_WORK): quotes, added work, parts, payments. */
  pricing?: PricingData;
}

export interface CustomerMessages {
  queued: QueuedCustomerMessage[];
  feedback: CustomerFeedbackView | null;
  /** When the customer last asked for a fresh link (workflow time), to throttle the asking. */
  lastLinkRequestAt: string | null;
}

export interface QueuedCustomerMessage {
  kind: CustomerMessageKind;
  /** Names the message within the order: the seq of the timeline entry that asked for it. */
  key: string;
  paidAmount?: number;
  invoiceNo?: string | null;
}

export const SYSTEM: Actor = { id: null, role: 'system', name: 'system' };

export { iso };

/** Which lifecycle rules a run follows: 1 for runs recorded before the rules were made right (versions.ts). */
export type LifecycleRules = 1 | 2;

/** What the customer-acceptance deadline does at 100 %, as the policy says. */
export function acceptanceOnDue(policy: Pick<SlaPolicy, 'onAcceptanceWindowExpiry'>): OnDue {
  return policy.onAcceptanceWindowExpiry === 'AUTO_ACCEPT' ? 'AUTO_ACCEPT' : 'ESCALATE';
}

export class OrderState {
  readonly deadlines: Deadlines;

  constructor(readonly data: OrderData) {
    this.deadlines = new Deadlines(data);
  }

  /** A new order at intake: INFO_REQUIRED when the intake check finds problems, else PENDING_REVIEW. */
  static start(
    input: ServiceOrderInput,
    now: number,
    lifecycleRules: LifecycleRules = 1,
    {
      messagesCustomer = false,
      pricesWork = false,
    }: { messagesCustomer?: boolean; pricesWork?: boolean } = {},
  ): OrderState {
    const problems = findIntakeProblems(input.details);
    const state = new OrderState({
      orderNo: input.orderNo,
      details: input.details,
      problems,
      policy: input.policy,
      calendar: input.calendar ?? null,
      createdBy: input.createdBy,
      customerTokenHash: input.customerTokenHash,
      createdAt: input.receivedAt,
      status: intakeStatus(problems),
      revision: 0,
      seq: 0,
      unprojected: [],
      projectedRevision: 0,
      requiresApproval: false,
      approvalReasons: [],
      technicianId: null,
      technicianName: null,
      excludedTechnicianIds: [],
      milestone: null,
      reworkRound: 0,
      chaseCount: 0,
      deadlines: [],
      occurrences: {},
      escalations: [],
      partsRequests: [],
      partsUsed: [],
      rating: null,
      tracks: { callback: 'NOT_STARTED', feedback: 'NOT_STARTED', settlement: 'NOT_STARTED' },
      feedbackCase: null,
      completedAt: null,
      closedAt: null,
      cancelReason: null,
      dispatchRequested: false,
      directTried: false,
      pendingDeliveryIds: [],
      ...(lifecycleRules === 1 ? {} : { lifecycleRules }),
      ...(messagesCustomer
        ? { customerMessages: { queued: [], feedback: null, lastLinkRequestAt: null } }
        : {}),
      ...(pricesWork ? { pricing: newPricing() } : {}),
    });
    state.record(input.createdBy, 'INTAKE', null, state.data.status, now, {
      problems,
      policyVersion: input.policy.version,
      dispatchMode: input.details.dispatchMode,
      // Who pays and why, as judged at intake (absent on orders taken before it was judged).
      ...(input.details.coverage ? { coverage: input.details.coverage } : {}),
    });
    state.openStatusStage(state.data.status, now);
    return state;
  }

  get status(): OrderStatus {
    return this.data.status;
  }

  /** The lifecycle rules made right hold for orders started with them (absent: recorded before). */
  get rulesV2(): boolean {
    return (this.data.lifecycleRules ?? 1) >= 2;
  }

  // ---- Timeline ---------------------------------------------------------------------------------

  /** Appends a timeline entry and bumps the revision; moves the status when `to` differs. */
  record(
    actor: Actor,
    action: string,
    from: OrderStatus | null,
    to: OrderStatus | null,
    now: number,
    details: Record<string, unknown> = {},
  ): TimelineEntryView {
    const d = this.data;
    d.seq += 1;
    d.revision += 1;
    const entry: TimelineEntryView = {
      seq: d.seq,
      at: iso(now),
      actor,
      action,
      fromStatus: from,
      toStatus: to,
      details,
    };
    d.unprojected.push(entry);
    if (d.customerMessages && to !== null) {
      const settled = typeof details.amount === 'number' ? details.amount : undefined;
      for (const kind of customerMessagesFor({ action, from, to }, settled)) {
        d.customerMessages.queued.push({
          kind,
          key: String(entry.seq),
          ...(kind === 'PAYMENT_RECORDED'
            ? { paidAmount: settled, invoiceNo: (details.invoiceNo as string | null | undefined) ?? null }
            : {}),
        });
      }
    }
    return entry;
  }

  /** A status change: records it, stops the old status's deadline and starts the new one's. */
  moveTo(
    to: OrderStatus,
    actor: Actor,
    action: string,
    now: number,
    details: Record<string, unknown> = {},
    { restartStage = false }: { restartStage?: boolean } = {},
  ): TimelineEntryView {
    const from = this.data.status;
    const entry = this.record(actor, action, from, to, now, details);
    if (from !== to || restartStage) {
      const oldStage = STATUS_STAGE[from];
      if (oldStage) this.deadlines.close(oldStage);
      this.data.status = to;
      this.openStatusStage(to, now);
      if (from === 'PENDING_QUOTE' && to !== from) this.leftQuoteWait(now);
    }
    return entry;
  }

  /**
   * A transition as the tables of src/domain/transitions.ts say: to the action's target, to the one the
   * workflow chose among those the table allows (`to`), or recorded where the order stays.
   */
  apply(
    action: OrderAction | SystemAction,
    actor: Actor,
    now: number,
    details: Record<string, unknown> = {},
    { to, restartStage = false }: { to?: OrderStatus; restartStage?: boolean } = {},
  ): TimelineEntryView {
    return this.moveTo(transitionTarget(action, this.data.status, to), actor, action, now, details, {
      restartStage,
    });
  }

  /** An event that leaves the status where it is. */
  note(actor: Actor, action: string, now: number, details: Record<string, unknown> = {}): TimelineEntryView {
    return this.record(actor, action, this.data.status, this.data.status, now, details);
  }

  /**
   * However the order left PENDING_QUOTE (an answer, a reassignment, a cancellation), the quote no longer
   * waits and the completion clock, stopped while the customer decided, runs again as the milestone says.
   */
  private leftQuoteWait(now: number): void {
    const d = this.data;
    for (const quote of d.pricing?.quotes ?? []) {
      if (quote.status === 'PENDING') Object.assign(quote, { status: 'WITHDRAWN', decidedAt: iso(now) });
    }
    this.deadlines.setPaused('COMPLETION', completionPausedFor(d.milestone, d.policy), now);
  }

  // ---- Deadlines of the status ------------------------------------------------------------------

  private openStatusStage(status: OrderStatus, now: number): void {
    const stage = STATUS_STAGE[status];
    if (!stage) return;
    switch (stage) {
      case 'INFO_COMPLETION':
      case 'REVIEW':
        this.deadlines.open(stage, now, { userId: this.data.createdBy.id });
        return;
      case 'TECHNICIAN_ACCEPTANCE':
        this.deadlines.open(stage, now, { userId: this.data.technicianId, onDue: 'TECHNICIAN_TIMEOUT' });
        return;
      case 'QUOTE_APPROVAL':
        this.deadlines.open(stage, now, { userId: this.data.createdBy.id, onDue: 'QUOTE_EXPIRY' });
        return;
      case 'CUSTOMER_ACCEPTANCE': {
        const onDue = acceptanceOnDue(this.data.policy);
        this.deadlines.open(stage, now, {
          userId: this.data.createdBy.id,
          onDue,
          ...(this.rulesV2 && onDue === 'ESCALATE' ? { followUp: 'REMIND_AGENT' as const } : {}),
        });
        return;
      }
      case 'REWORK_DECISION':
        if (this.rulesV2 && reworkOverLimit(this.data.reworkRound, this.data.policy.maxReworks)) {
          this.deadlines.open(stage, now, { userId: null });
        }
        return;
      case 'DISPATCH':
        this.deadlines.open(stage, now, {
          userId: null,
          ...(this.rulesV2 && this.data.details.dispatchMode === 'AUTO'
            ? { followUp: 'REDISPATCH' as const }
            : {}),
        });
        return;
      default:
        this.deadlines.open(stage, now, { userId: null });
    }
  }

  // ---- Tracks after completion ------------------------------------------------------------------

  allTracksDone(): boolean {
    const { tracks } = this.data;
    return (
      (tracks.callback === 'DONE' || tracks.callback === 'NOT_NEEDED') &&
      tracks.settlement === 'DONE' &&
      (tracks.feedback === 'NOT_NEEDED' || tracks.feedback === 'RESOLVED')
    );
  }

  // ---- Read -------------------------------------------------------------------------------------

  view(): OrderView {
    const d = this.data;
    return {
      orderNo: d.orderNo,
      workflowId: orderWorkflowId(d.orderNo),
      status: d.status,
      revision: d.revision,
      details: d.details,
      problems: d.problems,
      policyVersion: d.policy.version,
      requiresApproval: d.requiresApproval,
      approvalReasons: d.approvalReasons,
      technicianId: d.technicianId,
      technicianName: d.technicianName,
      excludedTechnicianIds: d.excludedTechnicianIds,
      milestone: d.milestone,
      reworkRound: d.reworkRound,
      chaseCount: d.chaseCount,
      deadlines: this.deadlines.views(),
      escalations: d.escalations,
      partsRequests: d.partsRequests,
      partsUsed: d.partsUsed,
      rating: d.rating,
      tracks: d.tracks,
      feedbackCase: d.feedbackCase,
      // Absent on runs that send the customer no feedback request.
      ...(d.customerMessages ? { customerFeedback: d.customerMessages.feedback } : {}),
      ...(d.pricing ? { pricing: pricingView(d, d.pricing) } : {}),
      createdBy: d.createdBy,
      createdAt: d.createdAt,
      completedAt: d.completedAt,
      closedAt: d.closedAt,
      cancelReason: d.cancelReason,
    };
  }
}
