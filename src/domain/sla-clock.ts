import { addBusinessTime, businessTimeBetween, type BusinessCalendar } from './business-calendar';

/**
 * The budget of one timed stage. Immutable: every change returns a new clock. Consumed time is wall
 * time, or working time when a calendar is set; pausing (waiting for parts) stops consumption.
 */
export interface SlaClock {
  targetMs: number;
  /** Epoch ms the stage started. */
  startedAt: number;
  /** Time consumed up to `runningSince` (or up to the pause when paused). */
  consumedMs: number;
  /** Epoch ms of the last start or resume; null while paused. */
  runningSince: number | null;
  calendar?: BusinessCalendar | null;
}

function timeBetween(clock: SlaClock, from: number, to: number): number {
  if (to <= from) return 0;
  return clock.calendar ? businessTimeBetween(new Date(from), new Date(to), clock.calendar) : to - from;
}

function timeAfter(clock: SlaClock, from: number, ms: number): number {
  return clock.calendar ? addBusinessTime(new Date(from), ms, clock.calendar).getTime() : from + ms;
}

export function startClock(targetMs: number, now: number, calendar?: BusinessCalendar | null): SlaClock {
  if (!(targetMs > 0)) throw new RangeError(`an SLA target must be longer than zero, got ${targetMs}`);
  return { targetMs, startedAt: now, consumedMs: 0, runningSince: now, calendar: calendar ?? null };
}

/**
 * When an order's first clocks start: the moment the API received it, not when a (possibly backlogged)
 * worker first ran its workflow, so a queue never moves a deadline. Never later than `now`, and `now`
 * when the intake time is unreadable or ahead of it (clock skew between API and server).
 */
export function intakeClockStart(receivedAt: string, now: number): number {
  const received = Date.parse(receivedAt);
  return Number.isFinite(received) && received < now ? received : now;
}

export function isPaused(clock: SlaClock): boolean {
  return clock.runningSince === null;
}

export function consumedAt(clock: SlaClock, now: number): number {
  if (clock.runningSince === null) return clock.consumedMs;
  return clock.consumedMs + timeBetween(clock, clock.runningSince, now);
}

/** Pausing a paused clock changes nothing, so a repeated WAITING_PARTS report is harmless. */
export function pauseClock(clock: SlaClock, now: number): SlaClock {
  if (clock.runningSince === null) return clock;
  return { ...clock, consumedMs: consumedAt(clock, now), runningSince: null };
}

export function resumeClock(clock: SlaClock, now: number): SlaClock {
  if (clock.runningSince !== null) return clock;
  return { ...clock, runningSince: now };
}

/**
 * When consumed time reaches `fraction` of the target (0.8 → the warning), or null while paused.
 * It is the earliest such moment since the last start or resume: a share already used up before a
 * pause (or before a retarget) answers with that resume moment, i.e. "due already".
 */
export function fractionDueAt(clock: SlaClock, fraction: number): number | null {
  if (clock.runningSince === null) return null;
  const remaining = Math.round(clock.targetMs * fraction) - clock.consumedMs;
  if (remaining <= 0) return clock.runningSince;
  return timeAfter(clock, clock.runningSince, remaining);
}

/**
 * When the target is reached; null while paused. `now` is accepted for symmetry with the other
 * readers; the answer does not depend on it.
 */
export function dueAt(clock: SlaClock, _now?: number): number | null {
  return fractionDueAt(clock, 1);
}

/**
 * Re-projects a clock onto a new target (and calendar) when an admin edits a policy with
 * `applyToRunning`. Time consumed so far is kept, measured the old way; only what follows uses the
 * new calendar. `calendar` undefined keeps the old one, null drops it.
 */
export function retarget(
  clock: SlaClock,
  newTargetMs: number,
  now: number,
  calendar?: BusinessCalendar | null,
): SlaClock {
  if (!(newTargetMs > 0)) throw new RangeError(`an SLA target must be longer than zero, got ${newTargetMs}`);
  const running = clock.runningSince !== null;
  return {
    ...clock,
    targetMs: newTargetMs,
    consumedMs: consumedAt(clock, now),
    runningSince: running ? now : null,
    calendar: calendar === undefined ? (clock.calendar ?? null) : calendar,
  };
}
