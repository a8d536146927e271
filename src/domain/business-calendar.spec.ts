import {
  addBusinessTime,
  businessTimeBetween,
  validateCalendar,
  type BusinessCalendar,
} from './business-calendar';

const H = 3_600_000;
const M = 60_000;
const nineToSix = [{ start: '09:00', end: '18:00' }];

const berlin: BusinessCalendar = {
  name: 'berlin-office',
  timeZone: 'Europe/Berlin',
  workingHours: { mon: nineToSix, tue: nineToSix, wed: nineToSix, thu: nineToSix, fri: nineToSix },
  // Good Friday and Easter Monday 2025.
  holidays: ['2025-04-18', '2025-04-21'],
};

const withLunch = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '18:00' },
];
const shanghai: BusinessCalendar = {
  name: 'shanghai-depot',
  timeZone: 'Asia/Shanghai',
  workingHours: {
    mon: withLunch,
    tue: withLunch,
    wed: withLunch,
    thu: withLunch,
    fri: withLunch,
    sat: [{ start: '09:00', end: '12:00' }],
  },
  // National Day week 2025.
  holidays: ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07'],
};

const roundTheClockSundays: BusinessCalendar = {
  name: 'sunday-hotline',
  timeZone: 'Europe/Berlin',
  workingHours: { sun: [{ start: '00:00', end: '24:00' }] },
  holidays: [],
};

const at = (iso: string): Date => new Date(iso);

describe(addBusinessTime.name, () => {
  it.each<[string, BusinessCalendar, string, number, string]>([
    [
      'Friday 17:00 + 4h falls due Monday 12:00',
      berlin,
      '2025-03-14T17:00:00+01:00',
      4 * H,
      '2025-03-17T12:00:00+01:00',
    ],
    [
      '… across the spring-forward weekend',
      berlin,
      '2025-03-28T17:00:00+01:00',
      4 * H,
      '2025-03-31T12:00:00+02:00',
    ],
    [
      '… across the fall-back weekend',
      berlin,
      '2025-10-24T17:00:00+02:00',
      4 * H,
      '2025-10-27T12:00:00+01:00',
    ],
    ['skips Easter holidays', berlin, '2025-04-17T16:00:00+02:00', 4 * H, '2025-04-22T11:00:00+02:00'],
    ['starting on Saturday', berlin, '2025-03-15T10:00:00+01:00', 1 * H, '2025-03-17T10:00:00+01:00'],
    ['starting before opening', berlin, '2025-03-17T07:00:00+01:00', 30 * M, '2025-03-17T09:30:00+01:00'],
    ['starting after closing', berlin, '2025-03-17T19:00:00+01:00', 30 * M, '2025-03-18T09:30:00+01:00'],
    [
      'budget ending exactly at closing stays that evening',
      berlin,
      '2025-03-14T17:00:00+01:00',
      1 * H,
      '2025-03-14T18:00:00+01:00',
    ],
    [
      'zero adds nothing, even outside hours',
      berlin,
      '2025-03-15T10:00:00+01:00',
      0,
      '2025-03-15T10:00:00+01:00',
    ],
    ['a full working week', berlin, '2025-03-17T09:00:00+01:00', 45 * H, '2025-03-21T18:00:00+01:00'],
    ['Shanghai lunch break', shanghai, '2025-03-17T11:00:00+08:00', 2 * H, '2025-03-17T14:00:00+08:00'],
    ['Shanghai Saturday morning', shanghai, '2025-03-14T17:00:00+08:00', 3 * H, '2025-03-15T11:00:00+08:00'],
    ['Shanghai National Day week', shanghai, '2025-09-30T17:00:00+08:00', 2 * H, '2025-10-04T10:00:00+08:00'],
    [
      'a 23-hour Sunday',
      roundTheClockSundays,
      '2025-03-30T00:00:00+01:00',
      23 * H,
      '2025-03-31T00:00:00+02:00',
    ],
    [
      'a 25-hour Sunday',
      roundTheClockSundays,
      '2025-10-26T00:00:00+02:00',
      24 * H,
      '2025-10-26T23:00:00+01:00',
    ],
  ])('%s', (_label, calendar, from, ms, expected) => {
    expect(addBusinessTime(at(from), ms, calendar).toISOString()).toBe(at(expected).toISOString());
  });

  it('refuses negative time', () => {
    expect(() => addBusinessTime(at('2025-03-14T17:00:00Z'), -1, berlin)).toThrow(RangeError);
  });

  it('gives up on a calendar with no working time', () => {
    const never: BusinessCalendar = { name: 'never', timeZone: 'UTC', workingHours: {}, holidays: [] };
    expect(() => addBusinessTime(at('2025-03-14T17:00:00Z'), H, never)).toThrow('too little working time');
  });
});

describe(businessTimeBetween.name, () => {
  it.each<[string, BusinessCalendar, string, string, number]>([
    ['Friday 17:00 to Monday 12:00', berlin, '2025-03-14T17:00:00+01:00', '2025-03-17T12:00:00+01:00', 4 * H],
    [
      'across the spring-forward weekend',
      berlin,
      '2025-03-28T17:00:00+01:00',
      '2025-03-31T12:00:00+02:00',
      4 * H,
    ],
    ['a weekend only', berlin, '2025-03-15T00:00:00+01:00', '2025-03-17T00:00:00+01:00', 0],
    ['inside one interval', berlin, '2025-03-17T10:00:00+01:00', '2025-03-17T10:45:00+01:00', 45 * M],
    ['the Easter week', berlin, '2025-04-14T00:00:00+02:00', '2025-04-21T00:00:00+02:00', 36 * H],
    ['Shanghai across lunch', shanghai, '2025-03-17T11:30:00+08:00', '2025-03-17T13:30:00+08:00', 1 * H],
    [
      'the whole 23-hour Sunday',
      roundTheClockSundays,
      '2025-03-29T12:00:00Z',
      '2025-04-01T00:00:00Z',
      23 * H,
    ],
    [
      'the whole 25-hour Sunday',
      roundTheClockSundays,
      '2025-10-25T12:00:00Z',
      '2025-10-28T00:00:00Z',
      25 * H,
    ],
  ])('%s', (_label, calendar, from, to, ms) => {
    expect(businessTimeBetween(at(from), at(to), calendar)).toBe(ms);
  });

  it('is negative backwards', () => {
    expect(
      businessTimeBetween(at('2025-03-17T12:00:00+01:00'), at('2025-03-14T17:00:00+01:00'), berlin),
    ).toBe(-4 * H);
  });

  it('undoes addBusinessTime', () => {
    const starts = [
      '2025-03-14T17:00:00+01:00',
      '2025-03-29T03:00:00+01:00',
      '2025-10-25T23:30:00+02:00',
      '2025-04-17T08:00:00+02:00',
    ];
    const budgets = [1, 30 * M, 4 * H + 7 * M, 9 * H, 50 * H, 200 * H];
    for (const calendar of [berlin, shanghai, roundTheClockSundays]) {
      for (const start of starts) {
        for (const ms of budgets) {
          const due = addBusinessTime(at(start), ms, calendar);
          expect({
            calendar: calendar.name,
            start,
            ms,
            between: businessTimeBetween(at(start), due, calendar),
          }).toEqual({
            calendar: calendar.name,
            start,
            ms,
            between: ms,
          });
        }
      }
    }
  });
});

describe(validateCalendar.name, () => {
  it('accepts a good calendar and returns a tidy copy', () => {
    const result = validateCalendar({
      ...shanghai,
      workingHours: {
        mon: [
          { start: '13:00', end: '18:00' },
          { start: '09:00', end: '12:00' },
        ],
        sun: [{ start: '00:00', end: '24:00' }],
      },
      holidays: ['2025-10-02', '2025-10-01', '2025-10-02'],
      extra: 'ignored',
    });
    expect(result).toEqual({
      ok: true,
      calendar: {
        name: 'shanghai-depot',
        timeZone: 'Asia/Shanghai',
        workingHours: { mon: withLunch, sun: [{ start: '00:00', end: '24:00' }] },
        holidays: ['2025-10-01', '2025-10-02'],
      },
    });
  });

  it.each<[string, unknown, string[]]>([
    ['not an object', 'berlin', ['']],
    ['blank name', { ...berlin, name: ' ' }, ['name']],
    ['unknown time zone', { ...berlin, timeZone: 'Europe/Atlantis' }, ['timeZone']],
    ['UTC offset instead of a zone name', { ...berlin, timeZone: '' }, ['timeZone']],
    ['unknown weekday', { ...berlin, workingHours: { monday: nineToSix } }, ['workingHours.monday']],
    [
      'hours not a list',
      { ...berlin, workingHours: { mon: { start: '09:00', end: '18:00' } } },
      ['workingHours.mon'],
    ],
    [
      'bad start',
      { ...berlin, workingHours: { mon: [{ start: '9:00', end: '18:00' }] } },
      ['workingHours.mon[0].start'],
    ],
    [
      'start at 24:00',
      { ...berlin, workingHours: { mon: [{ start: '24:00', end: '24:00' }] } },
      ['workingHours.mon[0].start'],
    ],
    [
      'bad end',
      { ...berlin, workingHours: { mon: [{ start: '09:00', end: '25:00' }] } },
      ['workingHours.mon[0].end'],
    ],
    [
      'overnight shift',
      { ...berlin, workingHours: { mon: [{ start: '22:00', end: '06:00' }] } },
      ['workingHours.mon[0].end'],
    ],
    [
      'overlapping intervals',
      {
        ...berlin,
        workingHours: {
          mon: [
            { start: '09:00', end: '13:00' },
            { start: '12:00', end: '18:00' },
          ],
        },
      },
      ['workingHours.mon'],
    ],
    ['no working time at all', { ...berlin, workingHours: { mon: [] } }, ['workingHours']],
    ['holidays not a list', { ...berlin, holidays: '2025-04-18' }, ['holidays']],
    ['impossible holiday', { ...berlin, holidays: ['2025-04-18', '2025-02-30'] }, ['holidays[1]']],
    ['holiday with a time', { ...berlin, holidays: ['2025-04-18T00:00'] }, ['holidays[0]']],
  ])('refuses %s', (_label, input, fields) => {
    const result = validateCalendar(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => e.field)).toEqual(fields);
  });
});
