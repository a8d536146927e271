import type { BusinessCalendar } from './business-calendar';
import {
  intakeClockStart,
  consumedAt,
  dueAt,
  fractionDueAt,
  isPaused,
  pauseClock,
  resumeClock,
  retarget,
  startClock,
} from './sla-clock';

const M = 60_000;
const H = 60 * M;
const T0 = Date.UTC(2025, 2, 17, 8, 0); // Monday 09:00 in Berlin

const nineToSix = [{ start: '09:00', end: '18:00' }];
const berlin: BusinessCalendar = {
  name: 'berlin-office',
  timeZone: 'Europe/Berlin',
  workingHours: { mon: nineToSix, tue: nineToSix, wed: nineToSix, thu: nineToSix, fri: nineToSix },
  holidays: [],
};
const berlinTime = (iso: string): number => new Date(iso).getTime();

describe(intakeClockStart.name, () => {
  const now = Date.parse('2026-12-01T10:00:30Z');
  it.each([
    [
      'the intake time when the workflow starts later',
      '2026-12-01T10:00:00Z',
      Date.parse('2026-12-01T10:00:00Z'),
    ],
    ['now when the intake time is ahead of it', '2026-12-01T10:01:00Z', now],
    ['now when the intake time is unreadable', 'not a time', now],
  ])('is %s', (_case, receivedAt, expected) => {
    expect(intakeClockStart(receivedAt, now)).toBe(expected);
  });
});

describe(startClock.name, () => {
  it('is due one target after the start', () => {
    const clock = startClock(4 * H, T0);
    expect(dueAt(clock, T0)).toBe(T0 + 4 * H);
    expect(consumedAt(clock, T0 + H)).toBe(H);
    expect(isPaused(clock)).toBe(false);
  });

  it.each([0, -1, NaN])('refuses target %d', (target) => {
    expect(() => startClock(target, T0)).toThrow(RangeError);
  });
});

describe(pauseClock.name, () => {
  it.each([1, 15 * M, 3 * H, 5 * 24 * H])('a pause of %d ms shifts the due time by exactly that', (pause) => {
    const running = startClock(4 * H, T0);
    const paused = pauseClock(running, T0 + H);
    expect(dueAt(paused, T0 + H)).toBeNull();
    expect(consumedAt(paused, T0 + H + pause)).toBe(H);
    const resumed = resumeClock(paused, T0 + H + pause);
    expect(dueAt(resumed, T0 + H + pause)).toBe((dueAt(running, T0) as number) + pause);
  });

  it('keeps what was left across repeated pauses', () => {
    let clock = startClock(10 * H, T0);
    const pauses: [number, number][] = [
      [H, 2 * H],
      [3 * H, 3 * H + 30 * M],
      [5 * H, 9 * H],
    ];
    for (const [pauseAt, resumeAt] of pauses) {
      clock = resumeClock(pauseClock(clock, T0 + pauseAt), T0 + resumeAt);
    }
    // Paused 1h + 30m + 4h in all.
    expect(consumedAt(clock, T0 + 9 * H)).toBe(9 * H - 5.5 * H);
    expect(dueAt(clock, T0 + 9 * H)).toBe(T0 + 10 * H + 5.5 * H);
  });

  it('does nothing to a paused clock, and resume does nothing to a running one', () => {
    const paused = pauseClock(startClock(4 * H, T0), T0 + H);
    expect(pauseClock(paused, T0 + 2 * H)).toBe(paused);
    const running = startClock(4 * H, T0);
    expect(resumeClock(running, T0 + H)).toBe(running);
  });

  it('never mutates the clock it is given', () => {
    const running = startClock(4 * H, T0);
    const copy = { ...running };
    pauseClock(running, T0 + H);
    expect(running).toEqual(copy);
  });
});

describe(fractionDueAt.name, () => {
  it.each([
    [0.8, T0 + 8 * H],
    [1, T0 + 10 * H],
    [1.5, T0 + 15 * H],
    [2, T0 + 20 * H],
  ])('%d of a 10h target', (fraction, expected) => {
    expect(fractionDueAt(startClock(10 * H, T0), fraction)).toBe(expected);
  });

  it('answers the resume moment for a share used up before a pause', () => {
    const resumeAt = T0 + 12 * H;
    const clock = resumeClock(pauseClock(startClock(10 * H, T0), T0 + 9 * H), resumeAt);
    expect(fractionDueAt(clock, 0.8)).toBe(resumeAt);
    expect(fractionDueAt(clock, 1)).toBe(resumeAt + H);
  });
});

describe(retarget.name, () => {
  it('keeps the consumed time and moves the due time', () => {
    const clock = retarget(startClock(4 * H, T0), 6 * H, T0 + H);
    expect(consumedAt(clock, T0 + H)).toBe(H);
    expect(dueAt(clock, T0 + H)).toBe(T0 + 6 * H);
    expect(clock.startedAt).toBe(T0);
  });

  it('is due at once when the new target is already used up', () => {
    const clock = retarget(startClock(4 * H, T0), 2 * H, T0 + 3 * H);
    expect(dueAt(clock, T0 + 3 * H)).toBe(T0 + 3 * H);
  });

  it('leaves a paused clock paused', () => {
    const clock = retarget(pauseClock(startClock(4 * H, T0), T0 + H), 2 * H, T0 + 2 * H);
    expect(isPaused(clock)).toBe(true);
    expect(dueAt(resumeClock(clock, T0 + 3 * H))).toBe(T0 + 4 * H);
  });

  it('switches to a calendar for the time still to run', () => {
    const friday17 = berlinTime('2025-03-14T17:00:00+01:00');
    const clock = retarget(startClock(4 * H, friday17 - H), 4 * H, friday17, berlin);
    // 1h consumed in wall time before the switch; 3 working hours left from Friday 17:00.
    expect(dueAt(clock, friday17)).toBe(berlinTime('2025-03-17T11:00:00+01:00'));
    expect(retarget(clock, 4 * H, friday17).calendar).toBe(berlin);
    expect(retarget(clock, 4 * H, friday17, null).calendar).toBeNull();
  });
});

describe('SlaClock in business time', () => {
  const friday17 = berlinTime('2025-03-14T17:00:00+01:00');

  it('falls due Monday 12:00 for 4 working hours from Friday 17:00', () => {
    expect(dueAt(startClock(4 * H, friday17, berlin), friday17)).toBe(
      berlinTime('2025-03-17T12:00:00+01:00'),
    );
  });

  it('counts only working time while running', () => {
    const clock = startClock(4 * H, friday17, berlin);
    expect(consumedAt(clock, berlinTime('2025-03-17T09:30:00+01:00'))).toBe(1.5 * H);
  });

  it('shifts by the working time of a pause', () => {
    const clock = startClock(4 * H, friday17, berlin);
    const paused = pauseClock(clock, berlinTime('2025-03-17T09:30:00+01:00'));
    const resumed = resumeClock(paused, berlinTime('2025-03-17T11:00:00+01:00'));
    expect(dueAt(resumed, berlinTime('2025-03-17T11:00:00+01:00'))).toBe(
      berlinTime('2025-03-17T13:30:00+01:00'),
    );
  });

  it('shifts only by the working part of a pause that runs into the weekend', () => {
    const clock = startClock(4 * H, friday17, berlin);
    const paused = pauseClock(clock, berlinTime('2025-03-14T17:30:00+01:00'));
    const resumed = resumeClock(paused, berlinTime('2025-03-15T10:00:00+01:00'));
    // Friday 17:30–18:00 is lost; Saturday morning costs nothing.
    expect(dueAt(resumed)).toBe(berlinTime('2025-03-17T12:30:00+01:00'));
  });

  it('loses nothing to a pause that covers only the weekend', () => {
    const clock = startClock(4 * H, friday17, berlin);
    const paused = pauseClock(clock, berlinTime('2025-03-15T10:00:00+01:00'));
    const resumed = resumeClock(paused, berlinTime('2025-03-16T20:00:00+01:00'));
    expect(dueAt(resumed)).toBe(berlinTime('2025-03-17T12:00:00+01:00'));
  });

  it('places the warning at 80% of working time', () => {
    expect(fractionDueAt(startClock(10 * H, friday17, berlin), 0.8)).toBe(
      berlinTime('2025-03-17T16:00:00+01:00'),
    );
  });
});
