// An order's live deadlines: one SLA clock per running stage, the ladder steps, timeouts and reminders
// they produce, and their re-projection onto an edited policy. Plain data in the order's state; time is
// always passed in (workflow time), never read here.
import {
  dueAt,
  followUpFraction,
  fractionDueAt,
  isPaused,
  LADDER,
  ladderSchedule,
  parseDuration,
  pauseClock,
  RESPONSIBLE_ROLE,
  resumeClock,
  retarget,
  startClock,
  targetMs,
  type BusinessCalendar,
  type FollowUp,
  type OrderDetails,
  type Role,
  type SlaClock,
  type SlaPolicy,
  type SlaStage,
} from '../../domain';
import type { DeadlineView } from './service-order.messages';

/** What happens when a deadline reaches 100% besides (or instead of) the escalation ladder. */
export type OnDue =
  // The whole ladder: warning 80%, levels 1–3 at 100/150/200%.
  | 'ESCALATE'
  // Warning at 80%; at 100% the technician loses the order (back to dispatch, excluded).
  | 'TECHNICIAN_TIMEOUT'
  // No ladder; at 100% the order completes as if the customer had accepted.
  | 'AUTO_ACCEPT'
  // Warning at 80% (the agent calls the customer); at 100% the quote lapses, as if declined.
  | 'QUOTE_EXPIRY'
  // Warning at 80%; at 100% the added work lapses: silence is not an approval.
  | 'ADDED_WORK_LAPSE';

/** The stages that end by themselves at 100%: their ladder is the warning alone. */
function endsAtDue(onDue: OnDue): boolean {
  return onDue === 'TECHNICIAN_TIMEOUT' || onDue === 'QUOTE_EXPIRY' || onDue === 'ADDED_WORK_LAPSE';
}

export interface LiveDeadline {
  stage: SlaStage;
  stageKey: string;
  responsibleRole: Role;
  responsibleUserId: string | null;
  clock: SlaClock;
  /** Highest ladder level fired: -1 none, 0 warning, 1–3. */
  firedLevel: number;
  onDue: OnDue;
  /** Remind the responsible person every this many ms until the stage closes (feedback closure). */
  reminderEveryMs: number | null;
  remindersSent: number;
  /** What the stage keeps doing after its ladder is spent (absent: nothing). */
  followUp?: FollowUp;
  followUpsSent?: number;
}

export type DeadlineEvent =
  | { kind: 'LADDER'; at: number; deadline: LiveDeadline; level: number }
  | { kind: 'EXPIRE'; at: number; deadline: LiveDeadline }
  | { kind: 'REMIND'; at: number; deadline: LiveDeadline; reminder: number }
  | { kind: 'FOLLOW_UP'; at: number; deadline: LiveDeadline; followUp: FollowUp; n: number };

/** The part of the order's state the deadlines live in. */
export interface DeadlineData {
  details: Pick<OrderDetails, 'priority'> & { customer: Pick<OrderDetails['customer'], 'zone'> };
  policy: SlaPolicy;
  calendar: BusinessCalendar | null;
  deadlines: LiveDeadline[];
  occurrences: Partial<Record<SlaStage, number>>;
}

export interface OpenStageOptions {
  userId: string | null;
  /** Who answers when it is not the stage's usual role (a chase no technician can answer yet). */
  role?: Role;
  onDue?: OnDue;
  reminderEveryMs?: number | null;
  followUp?: FollowUp;
}

export class Deadlines {
  constructor(private readonly data: DeadlineData) {}

  get all(): readonly LiveDeadline[] {
    return this.data.deadlines;
  }

  /** The policy's calendar, when the order holds it (a policy may name a calendar since deleted). */
  calendarForPolicy(): BusinessCalendar | null {
    const { policy, calendar } = this.data;
    return policy.calendar && calendar && calendar.name === policy.calendar ? calendar : null;
  }

  targetOf(stage: SlaStage): number {
    const { details } = this.data;
    return targetMs(this.data.policy, stage, { priority: details.priority, zone: details.customer.zone });
  }

  /** Starts a new occurrence of `stage` (`STAGE#n`). */
  open(
    stage: SlaStage,
    now: number,
    { userId, role, onDue = 'ESCALATE', reminderEveryMs = null, followUp }: OpenStageOptions,
  ): LiveDeadline {
    const d = this.data;
    const occurrence = (d.occurrences[stage] ?? 0) + 1;
    d.occurrences[stage] = occurrence;
    const deadline: LiveDeadline = {
      stage,
      stageKey: `${stage}#${occurrence}`,
      responsibleRole: role ?? RESPONSIBLE_ROLE[stage],
      responsibleUserId: userId,
      clock: startClock(this.targetOf(stage), now, this.calendarForPolicy()),
      firedLevel: -1,
      onDue,
      reminderEveryMs,
      remindersSent: 0,
      ...(followUp ? { followUp, followUpsSent: 0 } : {}),
    };
    d.deadlines.push(deadline);
    return deadline;
  }

  /** A stage that is done removes its deadline(s): its timers are gone with it. */
  close(stage: SlaStage): LiveDeadline[] {
    return this.closeWhere((d) => d.stage === stage);
  }

  closeWhere(done: (deadline: LiveDeadline) => boolean): LiveDeadline[] {
    const closed = this.data.deadlines.filter(done);
    this.data.deadlines = this.data.deadlines.filter((d) => !done(d));
    return closed;
  }

  closeAll(): void {
    this.data.deadlines = [];
  }

  live(stage: SlaStage): LiveDeadline | undefined {
    return this.data.deadlines.find((d) => d.stage === stage);
  }

  /** Stops (`pause`) or restarts the stage's clock; says whether it changed. */
  setPaused(stage: SlaStage, pause: boolean, now: number): { paused: boolean; resumed: boolean } {
    const deadline = this.live(stage);
    if (!deadline) return { paused: false, resumed: false };
    if (pause && !isPaused(deadline.clock)) {
      deadline.clock = pauseClock(deadline.clock, now);
      return { paused: true, resumed: false };
    }
    if (!pause && isPaused(deadline.clock)) {
      deadline.clock = resumeClock(deadline.clock, now);
      return { paused: false, resumed: true };
    }
    return { paused: false, resumed: false };
  }

  /** Every timer event still to come, earliest first. */
  pendingEvents(now: number): DeadlineEvent[] {
    const events: DeadlineEvent[] = [];
    for (const deadline of this.data.deadlines) {
      // A completion clock nobody holds (between technicians) keeps running, but escalates to the next
      // technician when one takes the order, not to nobody now.
      const unheld = deadline.stage === 'COMPLETION' && deadline.responsibleUserId === null;
      if (deadline.onDue !== 'AUTO_ACCEPT' && !unheld) {
        for (const step of ladderSchedule(deadline.clock, now)) {
          if (step.level <= deadline.firedLevel) continue;
          // A timeout ends the stage at 100%: only its warning is a ladder step.
          if (endsAtDue(deadline.onDue) && step.level >= 1) continue;
          events.push({ kind: 'LADDER', at: step.fireAt, deadline, level: step.level });
        }
      }
      if (deadline.onDue !== 'ESCALATE') {
        const at = fractionDueAt(deadline.clock, 1);
        if (at !== null) events.push({ kind: 'EXPIRE', at, deadline });
      }
      if (deadline.followUp && deadline.firedLevel >= LADDER[LADDER.length - 1].level) {
        const n = (deadline.followUpsSent ?? 0) + 1;
        const at = fractionDueAt(deadline.clock, followUpFraction(n));
        if (at !== null) events.push({ kind: 'FOLLOW_UP', at, deadline, followUp: deadline.followUp, n });
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

  nextEvent(now: number): DeadlineEvent | undefined {
    return this.pendingEvents(now)[0];
  }

  /** Earliest due time of the live deadlines (SPEC §6 `NextDeadline`). */
  nextDue(): number | null {
    const dues = this.data.deadlines.map((d) => dueAt(d.clock)).filter((t): t is number => t !== null);
    return dues.length > 0 ? Math.min(...dues) : null;
  }

  /** Highest level fired on a live deadline (0 when none or only warnings). */
  escalationLevel(): number {
    return Math.max(0, ...this.data.deadlines.map((d) => d.firedLevel));
  }

  /**
   * Re-projects every live deadline onto the order's (possibly new) policy and calendar; time consumed
   * is kept and fired steps stay fired. Returns the old and new due time of each deadline.
   */
  retargetAll(now: number): { stageKey: string; oldDueAt: string | null; newDueAt: string | null }[] {
    const businessCalendar = this.calendarForPolicy();
    return this.data.deadlines.map((deadline) => {
      const before = dueAt(deadline.clock);
      deadline.clock = retarget(deadline.clock, this.targetOf(deadline.stage), now, businessCalendar);
      if (deadline.reminderEveryMs !== null) {
        deadline.reminderEveryMs = parseDuration(this.data.policy.targets.closureReminderEvery);
      }
      const after = dueAt(deadline.clock);
      return { stageKey: deadline.stageKey, oldDueAt: isoOrNull(before), newDueAt: isoOrNull(after) };
    });
  }

  views(): DeadlineView[] {
    return this.data.deadlines.map(deadlineView);
  }
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : iso(ms);
}

/** Shown in the Web UI: the timer's summary and the run's current details. */
export function eventSummary(event: DeadlineEvent): string {
  const at = iso(event.at);
  switch (event.kind) {
    case 'LADDER':
      return `${LADDER[event.level]?.name ?? event.level} ${event.deadline.stageKey} at ${at}`;
    case 'EXPIRE':
      return `${EXPIRY_NAME[event.deadline.onDue]} ${event.deadline.stageKey} at ${at}`;
    case 'REMIND':
      return `reminder ${event.reminder} ${event.deadline.stageKey} at ${at}`;
    case 'FOLLOW_UP':
      return `${event.followUp === 'REDISPATCH' ? 'dispatch retry' : 'agent reminder'} ${event.n} ${event.deadline.stageKey} at ${at}`;
  }
}

const EXPIRY_NAME: Readonly<Record<OnDue, string>> = {
  ESCALATE: 'expiry',
  TECHNICIAN_TIMEOUT: 'acceptance timeout',
  AUTO_ACCEPT: 'auto-accept',
  QUOTE_EXPIRY: 'quote expiry',
  ADDED_WORK_LAPSE: 'added work lapses',
};

function levelOf(event: DeadlineEvent): number {
  return event.kind === 'LADDER' ? event.level : 10;
}

function deadlineView(deadline: LiveDeadline): DeadlineView {
  return {
    stage: deadline.stage,
    stageKey: deadline.stageKey,
    responsibleRole: deadline.responsibleRole,
    responsibleUserId: deadline.responsibleUserId,
    startedAt: iso(deadline.clock.startedAt),
    dueAt: isoOrNull(dueAt(deadline.clock)),
    paused: isPaused(deadline.clock),
    escalationLevel: deadline.firedLevel,
  };
}
