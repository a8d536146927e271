// Everything the order workflow remembers, in one class of plain data (carried unchanged through
// continue-as-new). Methods change the state synchronously; the workflow decides when to call them and
// does the I/O. Time is always passed in (workflow time), never read here.
import {
  dueAt,
  findIntakeProblems,
  intakeStatus,
  fractionDueAt,
  isPaused,
  ladderSchedule,
  pauseClock,
  RESPONSIBLE_ROLE,
  resumeClock,
  retarget,
  startClock,
  targetMs,
  parseDuration,
  type BusinessCalendar,
  type IntakeProblem,
  type Milestone,
  type OrderDetails,
  type OrderStatus,
  type Role,
  type SlaClock,
  type SlaPolicy,
  type SlaStage,
} from '../../domain';
import {
  orderWorkflowId,
  type Actor,
  type DeadlineView,
  type EscalationView,
  type FeedbackCaseView,
  type OrderView,
  type PartsRequestView,
  type PartUsed,
  type ServiceOrderInput,
  type TimelineEntryView,
} from './service-order.messages';

/** What happens when a deadline reaches 100% besides (or instead of) the escalation ladder. */
export type OnDue =
  // The whole ladder: warning 80%, levels 1–3 at 100/150/200%.
  | 'ESCALATE'
  // Warning at 80%; at 100% the technician loses the order (back to dispatch, excluded).
  | 'TECHNICIAN_TIMEOUT'
  // No ladder; at 100% the order completes as if the customer had accepted.
  | 'AUTO_ACCEPT';

export interface LiveDeadline {
  stage: SlaStage;
  stageKey: string;
  responsibleRole: Role;
  responsibleUserId: string | null;
  clock: SlaClock;
  /** Highest ladder level fired: -1 none, 0 warning, 1–3. */
  firedLevel: number;
  onDue: OnDue;
  /** Feedback closure: remind the owner every this many ms until resolved. */
  reminderEveryMs: number | null;
  remindersSent: number;
}

export type DeadlineEvent =
  | { kind: 'LADDER'; at: number; deadline: LiveDeadline; level: number }
  | { kind: 'EXPIRE'; at: number; deadline: LiveDeadline }
  | { kind: 'REMIND'; at: number; deadline: LiveDeadline; reminder: number };

/** Which deadline runs while the order sits in a status; it starts on entry and stops on exit. */
const STATUS_STAGE: Partial<Record<OrderStatus, SlaStage>> = {
  INFO_REQUIRED: 'INFO_COMPLETION',
  PENDING_REVIEW: 'REVIEW',
  PENDING_APPROVAL: 'APPROVAL',
  PENDING_DISPATCH: 'DISPATCH',
  ASSIGNED: 'TECHNICIAN_ACCEPTANCE',
  PENDING_QC: 'QC',
  PENDING_ACCEPTANCE: 'CUSTOMER_ACCEPTANCE',
};

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
}

export const SYSTEM: Actor = { id: null, role: 'system', name: 'system' };

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export class OrderState {
  constructor(readonly data: OrderData) {}

  /** A new order at intake: INFO_REQUIRED when the intake check finds problems, else PENDING_REVIEW. */
  static start(input: ServiceOrderInput, now: number): OrderState {
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
    });
    state.record(input.createdBy, 'INTAKE', null, state.data.status, now, {
      problems,
      policyVersion: input.policy.version,
      dispatchMode: input.details.dispatchMode,
    });
    state.openStatusStage(state.data.status, now);
    return state;
  }

  get status(): OrderStatus {
    return this.data.status;
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
      if (oldStage) this.closeStage(oldStage);
      this.data.status = to;
      this.openStatusStage(to, now);
    }
    return entry;
  }

  /** An event that leaves the status where it is. */
  note(actor: Actor, action: string, now: number, details: Record<string, unknown> = {}): TimelineEntryView {
    return this.record(actor, action, this.data.status, this.data.status, now, details);
  }

  // ---- Deadlines --------------------------------------------------------------------------------

  calendarForPolicy(): BusinessCalendar | null {
    const { policy, calendar } = this.data;
    return policy.calendar && calendar && calendar.name === policy.calendar ? calendar : null;
  }

  targetOf(stage: SlaStage): number {
    const { details } = this.data;
    return targetMs(this.data.policy, stage, { priority: details.priority, zone: details.customer.zone });
  }

  private openStatusStage(status: OrderStatus, now: number): void {
    const stage = STATUS_STAGE[status];
    if (!stage) return;
    switch (stage) {
      case 'INFO_COMPLETION':
      case 'REVIEW':
        this.openStage(stage, now, { userId: this.data.createdBy.id });
        return;
      case 'TECHNICIAN_ACCEPTANCE':
        this.openStage(stage, now, { userId: this.data.technicianId, onDue: 'TECHNICIAN_TIMEOUT' });
        return;
      case 'CUSTOMER_ACCEPTANCE':
        this.openStage(stage, now, {
          userId: this.data.createdBy.id,
          onDue: this.data.policy.onAcceptanceWindowExpiry === 'AUTO_ACCEPT' ? 'AUTO_ACCEPT' : 'ESCALATE',
        });
        return;
      default:
        this.openStage(stage, now, { userId: null });
    }
  }

  /** Starts a new occurrence of `stage` (`STAGE#n`). */
  openStage(
    stage: SlaStage,
    now: number,
    {
      userId,
      onDue = 'ESCALATE',
      reminderEveryMs = null,
    }: { userId: string | null; onDue?: OnDue; reminderEveryMs?: number | null },
  ): LiveDeadline {
    const d = this.data;
    const occurrence = (d.occurrences[stage] ?? 0) + 1;
    d.occurrences[stage] = occurrence;
    const deadline: LiveDeadline = {
      stage,
      stageKey: `${stage}#${occurrence}`,
      responsibleRole: RESPONSIBLE_ROLE[stage],
      responsibleUserId: userId,
      clock: startClock(this.targetOf(stage), now, this.calendarForPolicy()),
      firedLevel: -1,
      onDue,
      reminderEveryMs,
      remindersSent: 0,
    };
    d.deadlines.push(deadline);
    return deadline;
  }

  /** A stage that is done removes its deadline(s): its timers are gone with it. */
  closeStage(stage: SlaStage): LiveDeadline[] {
    const closed = this.data.deadlines.filter((d) => d.stage === stage);
    this.data.deadlines = this.data.deadlines.filter((d) => d.stage !== stage);
    return closed;
  }

  closeAllStages(): void {
    this.data.deadlines = [];
  }

  live(stage: SlaStage): LiveDeadline | undefined {
    return this.data.deadlines.find((d) => d.stage === stage);
  }

  /** WAITING_PARTS stops the completion clock when the policy says so; any other milestone restarts it. */
  applyMilestoneToCompletion(now: number): { paused: boolean; resumed: boolean } {
    const completion = this.live('COMPLETION');
    if (!completion) return { paused: false, resumed: false };
    const shouldPause = this.data.milestone === 'WAITING_PARTS' && this.data.policy.pauseWhileWaitingParts;
    if (shouldPause && !isPaused(completion.clock)) {
      completion.clock = pauseClock(completion.clock, now);
      return { paused: true, resumed: false };
    }
    if (!shouldPause && isPaused(completion.clock)) {
      completion.clock = resumeClock(completion.clock, now);
      return { paused: false, resumed: true };
    }
    return { paused: false, resumed: false };
  }

  /** Every timer event still to come, earliest first. */
  pendingEvents(): DeadlineEvent[] {
    const events: DeadlineEvent[] = [];
    for (const deadline of this.data.deadlines) {
      if (deadline.onDue !== 'AUTO_ACCEPT') {
        for (const step of ladderSchedule(deadline.clock, Date.now())) {
          if (step.level <= deadline.firedLevel) continue;
          // The acceptance timeout ends the stage at 100%: only its warning is a ladder step.
          if (deadline.onDue === 'TECHNICIAN_TIMEOUT' && step.level >= 1) continue;
          events.push({ kind: 'LADDER', at: step.fireAt, deadline, level: step.level });
        }
      }
      if (deadline.onDue !== 'ESCALATE') {
        const at = fractionDueAt(deadline.clock, 1);
        if (at !== null) events.push({ kind: 'EXPIRE', at, deadline });
      }
      if (deadline.reminderEveryMs !== null) {
        const reminder = deadline.remindersSent + 1;
        events.push({
          kind: 'REMIND',
          at: deadline.clock.startedAt + reminder * deadline.reminderEveryMs,
          deadline,
          reminder,
        });
      }
    }
    // Ladder steps of one deadline fire in level order even when several are due at once.
    return events.sort((a, b) => a.at - b.at || levelOf(a) - levelOf(b));
  }

  nextEvent(): DeadlineEvent | undefined {
    return this.pendingEvents()[0];
  }

  /** Earliest due time of the live deadlines (SPEC §6 `NextDeadline`). */
  nextDeadline(): number | null {
    const dues = this.data.deadlines.map((d) => dueAt(d.clock)).filter((t): t is number => t !== null);
    return dues.length > 0 ? Math.min(...dues) : null;
  }

  /** Highest level fired on a live deadline (0 when none or only warnings). */
  escalationLevel(): number {
    return Math.max(0, ...this.data.deadlines.map((d) => d.firedLevel));
  }

  /**
   * Re-projects every live deadline onto a new policy (and calendar); time consumed is kept and fired
   * steps stay fired. Returns the old and new due time of each deadline.
   */
  retargetAll(
    policy: SlaPolicy,
    calendar: BusinessCalendar | null,
    now: number,
  ): { stageKey: string; oldDueAt: string | null; newDueAt: string | null }[] {
    this.data.policy = policy;
    this.data.calendar = calendar;
    const businessCalendar = this.calendarForPolicy();
    return this.data.deadlines.map((deadline) => {
      const before = dueAt(deadline.clock);
      deadline.clock = retarget(deadline.clock, this.targetOf(deadline.stage), now, businessCalendar);
      if (deadline.reminderEveryMs !== null) {
        deadline.reminderEveryMs = parseDuration(policy.targets.closureReminderEvery);
      }
      const after = dueAt(deadline.clock);
      return {
        stageKey: deadline.stageKey,
        oldDueAt: before === null ? null : iso(before),
        newDueAt: after === null ? null : iso(after),
      };
    });
  }

  // ---- Tracks after completion ------------------------------------------------------------------

  allTracksDone(): boolean {
    const { tracks } = this.data;
    return (
      tracks.callback === 'DONE' &&
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
      excludedTechnicianIds: d.excludedTechnicianIds,
      milestone: d.milestone,
      reworkRound: d.reworkRound,
      chaseCount: d.chaseCount,
      deadlines: d.deadlines.map(deadlineView),
      escalations: d.escalations,
      partsRequests: d.partsRequests,
      partsUsed: d.partsUsed,
      rating: d.rating,
      tracks: d.tracks,
      feedbackCase: d.feedbackCase,
      createdBy: d.createdBy,
      createdAt: d.createdAt,
      completedAt: d.completedAt,
      closedAt: d.closedAt,
      cancelReason: d.cancelReason,
    };
  }
}

function levelOf(event: DeadlineEvent): number {
  return event.kind === 'LADDER' ? event.level : 10;
}

function deadlineView(deadline: LiveDeadline): DeadlineView {
  const due = dueAt(deadline.clock);
  return {
    stage: deadline.stage,
    stageKey: deadline.stageKey,
    responsibleRole: deadline.responsibleRole,
    responsibleUserId: deadline.responsibleUserId,
    startedAt: iso(deadline.clock.startedAt),
    dueAt: due === null ? null : iso(due),
    paused: isPaused(deadline.clock),
    escalationLevel: deadline.firedLevel,
  };
}
