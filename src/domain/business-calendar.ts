import { isPlainObject, type FieldProblem, type Validated } from './field-problem';

// Index = JavaScript's getUTCDay(), so a calendar date's weekday needs no time zone.
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Local wall-clock times `HH:MM`; `end` may be `24:00`. Overnight shifts are two intervals on two days. */
export interface WorkingInterval {
  start: string;
  end: string;
}

export interface BusinessCalendar {
  name: string;
  /** IANA zone, e.g. `Europe/Berlin`. Working hours and holidays are read in this zone. */
  timeZone: string;
  workingHours: Partial<Record<Weekday, WorkingInterval[]>>;
  /** `YYYY-MM-DD` dates in the calendar's zone with no working time at all. */
  holidays: string[];
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
// No real calendar goes ten years without a working minute; stop rather than loop for ever.
const MAX_DAYS_SEARCHED = 3660;

// ---- Time-zone arithmetic ----------------------------------------------------------------------
// Intl is the only deterministic source of zone rules inside the workflow sandbox.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The local wall clock at `utcMs`, written as if it were a UTC instant (whole seconds). */
function wallClockAt(timeZone: string, utcMs: number): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(utcMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
}

function offsetAt(timeZone: string, utcMs: number): number {
  return wallClockAt(timeZone, utcMs) - Math.floor(utcMs / 1000) * 1000;
}

/**
 * The instant a local wall-clock time happens. Offsets are probed a day either side, which brackets
 * any single DST change. In the repeated hour after clocks go back, the earlier instant wins; a time
 * skipped when clocks go forward maps to the instant the gap ends plus its distance into the gap
 * (02:30 on a spring-forward night is 03:30), as java.time and Temporal do.
 */
function wallClockToUtc(timeZone: string, wallMs: number): number {
  const offsetBefore = offsetAt(timeZone, wallMs - DAY_MS);
  const offsetAfter = offsetAt(timeZone, wallMs + DAY_MS);
  const candidates = [offsetBefore, offsetAfter]
    .map((offset) => wallMs - offset)
    .filter((utc) => wallClockAt(timeZone, utc) === wallMs);
  if (candidates.length > 0) return Math.min(...candidates);
  return wallMs - offsetBefore;
}

/** Midnight UTC of the calendar date that is local in `timeZone` at `utcMs`. */
function localDateAt(timeZone: string, utcMs: number): number {
  const wall = wallClockAt(timeZone, utcMs);
  return wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS);
}

function isoDate(dateMs: number): string {
  return new Date(dateMs).toISOString().slice(0, 10);
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

function minutesOf(hhmm: string): number {
  const [hours, minutes] = hhmm.split(':').map(Number);
  return hours * 60 + minutes;
}

/** The working spans of one local calendar date, as UTC instants, earliest first. */
function workingSpansOn(calendar: BusinessCalendar, dateMs: number): [number, number][] {
  if (calendar.holidays.includes(isoDate(dateMs))) return [];
  const intervals = calendar.workingHours[WEEKDAYS[new Date(dateMs).getUTCDay()]] ?? [];
  return intervals
    .map((interval): [number, number] => [
      wallClockToUtc(calendar.timeZone, dateMs + minutesOf(interval.start) * MINUTE_MS),
      wallClockToUtc(calendar.timeZone, dateMs + minutesOf(interval.end) * MINUTE_MS),
    ])
    .sort((a, b) => a[0] - b[0]);
}

// ---- Business time -----------------------------------------------------------------------------

/**
 * The moment `ms` of working time after `from`. When the budget runs out exactly at the end of a
 * working interval, that end is the answer (not the next morning): it is when the target is reached.
 */
export function addBusinessTime(from: Date, ms: number, calendar: BusinessCalendar): Date {
  if (!(ms >= 0)) throw new RangeError(`business time to add must be zero or more, got ${ms}`);
  let remaining = ms;
  const fromMs = from.getTime();
  if (remaining === 0) return new Date(fromMs);
  let date = localDateAt(calendar.timeZone, fromMs);
  for (let day = 0; day < MAX_DAYS_SEARCHED; day++, date += DAY_MS) {
    for (const [spanStart, spanEnd] of workingSpansOn(calendar, date)) {
      const start = Math.max(spanStart, fromMs);
      if (spanEnd <= start) continue;
      if (spanEnd - start >= remaining) return new Date(start + remaining);
      remaining -= spanEnd - start;
    }
  }
  throw new Error(
    `calendar ${calendar.name} has too little working time to add ${ms} ms after ${from.toISOString()}`,
  );
}

/** Working time between two instants; negative when `to` is before `from`. */
export function businessTimeBetween(from: Date, to: Date, calendar: BusinessCalendar): number {
  const fromMs = from.getTime();
  const toMs = to.getTime();
  if (toMs < fromMs) return -businessTimeBetween(to, from, calendar);
  let total = 0;
  const lastDate = localDateAt(calendar.timeZone, toMs);
  for (let date = localDateAt(calendar.timeZone, fromMs); date <= lastDate; date += DAY_MS) {
    for (const [spanStart, spanEnd] of workingSpansOn(calendar, date)) {
      total += Math.max(0, Math.min(spanEnd, toMs) - Math.max(spanStart, fromMs));
    }
  }
  return total;
}

// ---- Validation --------------------------------------------------------------------------------

export function isValidTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== 'string' || timeZone === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

function isRealIsoDate(text: unknown): text is string {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const ms = Date.parse(`${text}T00:00:00Z`);
  // Date.parse rolls 2025-02-30 over to March; round-tripping catches that.
  return !Number.isNaN(ms) && isoDate(ms) === text;
}

/** Checks an admin's calendar; the API answers 400 with `errors`. Returns a clean copy when valid. */
export function validateCalendar(input: unknown): Validated<'calendar', BusinessCalendar> {
  const errors: FieldProblem[] = [];
  if (!isPlainObject(input)) {
    return { ok: false, errors: [{ field: '', problem: 'must be an object' }] };
  }
  const { name, timeZone, workingHours, holidays } = input;
  if (typeof name !== 'string' || name.trim() === '') {
    errors.push({ field: 'name', problem: 'must be a non-empty string' });
  }
  if (!isValidTimeZone(timeZone)) {
    errors.push({ field: 'timeZone', problem: 'must be an IANA time zone such as Europe/Berlin' });
  }
  const cleanHours: Partial<Record<Weekday, WorkingInterval[]>> = {};
  let workingIntervals = 0;
  if (!isPlainObject(workingHours)) {
    errors.push({ field: 'workingHours', problem: 'must be an object keyed by mon, tue, … sun' });
  } else {
    for (const [day, intervals] of Object.entries(workingHours)) {
      const field = `workingHours.${day}`;
      if (!(WEEKDAYS as readonly string[]).includes(day)) {
        errors.push({ field, problem: `unknown weekday; use ${WEEKDAYS.join(', ')}` });
        continue;
      }
      const checked = validateIntervals(intervals, field, errors);
      if (checked) {
        cleanHours[day as Weekday] = checked;
        workingIntervals += checked.length;
      }
    }
    if (workingIntervals === 0 && errors.length === 0) {
      errors.push({ field: 'workingHours', problem: 'needs at least one working interval' });
    }
  }
  if (!Array.isArray(holidays)) {
    errors.push({ field: 'holidays', problem: 'must be an array of YYYY-MM-DD dates' });
  } else {
    holidays.forEach((holiday, index) => {
      if (!isRealIsoDate(holiday)) {
        errors.push({ field: `holidays[${index}]`, problem: 'must be a real date written YYYY-MM-DD' });
      }
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    calendar: {
      name: name as string,
      timeZone: timeZone as string,
      workingHours: cleanHours,
      holidays: [...new Set(holidays as string[])].sort(),
    },
  };
}

function validateIntervals(input: unknown, field: string, errors: FieldProblem[]): WorkingInterval[] | null {
  if (!Array.isArray(input)) {
    errors.push({ field, problem: 'must be an array of {start, end}' });
    return null;
  }
  const before = errors.length;
  const intervals: WorkingInterval[] = [];
  input.forEach((interval: unknown, index) => {
    const at = `${field}[${index}]`;
    if (!isPlainObject(interval)) {
      errors.push({ field: at, problem: 'must be {start: "HH:MM", end: "HH:MM"}' });
      return;
    }
    const { start, end } = interval;
    if (typeof start !== 'string' || !HH_MM.test(start) || start === '24:00') {
      errors.push({ field: `${at}.start`, problem: 'must be a time HH:MM from 00:00 to 23:59' });
      return;
    }
    if (typeof end !== 'string' || !HH_MM.test(end)) {
      errors.push({ field: `${at}.end`, problem: 'must be a time HH:MM from 00:01 to 24:00' });
      return;
    }
    if (minutesOf(end) <= minutesOf(start)) {
      errors.push({
        field: `${at}.end`,
        problem: 'must be after start; split overnight shifts across two days',
      });
      return;
    }
    intervals.push({ start, end });
  });
  if (errors.length > before) return null;
  intervals.sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
  for (let i = 1; i < intervals.length; i++) {
    if (minutesOf(intervals[i].start) < minutesOf(intervals[i - 1].end)) {
      errors.push({
        field,
        problem: `intervals ${intervals[i - 1].start}–${intervals[i - 1].end} and ${intervals[i].start}–${intervals[i].end} overlap`,
      });
      return null;
    }
  }
  return intervals;
}
