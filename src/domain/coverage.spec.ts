import {
  addDays,
  addMonths,
  calendarDateIn,
  isCalendarDate,
  judgeCoverage,
  warrantyLastDay,
  type CoverageEquipment,
} from './coverage';
import type { ProductModel } from './pricing';

const MODELS: ProductModel[] = [
  { model: 'KFR-35GW', warrantyMonths: 12 },
  { model: 'KFR-72LW', warrantyMonths: 36 },
  { model: 'FAN-01', warrantyMonths: 0 },
];

const unit = (overrides: Partial<CoverageEquipment> = {}): CoverageEquipment => ({
  model: 'KFR-35GW',
  serialNumber: 'SN-1001',
  purchaseDate: '2024-03-15',
  proofRef: 'INV-2024-0315',
  ...overrides,
});

describe(addMonths.name, () => {
  it.each([
    ['2024-03-15', 12, '2025-03-15'],
    ['2024-01-31', 1, '2024-02-29'], // leap February
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2024-03-31', -1, '2024-02-29'],
    ['2024-12-15', 1, '2025-01-15'],
    ['2024-01-15', -13, '2022-12-15'],
    ['2024-08-31', 1, '2024-09-30'],
    ['2024-05-10', 0, '2024-05-10'],
  ])('%s + %i months → %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('refuses what is not a calendar date or a whole number of months', () => {
    expect(() => addMonths('2025-02-29', 1)).toThrow('"2025-02-29" is not a calendar date (YYYY-MM-DD)');
    expect(() => addMonths('2025-1-5', 1)).toThrow(RangeError);
    expect(() => addMonths('2025-01-05', 1.5)).toThrow('months must be whole');
  });
});

describe(addDays.name, () => {
  it.each([
    ['2025-03-15', -1, '2025-03-14'],
    ['2025-03-01', -1, '2025-02-28'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2025-03-30', 1, '2025-03-31'], // a daylight-saving change in Europe: calendar days are unaffected
  ])('%s %+i day → %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});

describe(isCalendarDate.name, () => {
  it.each([
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2100-02-29', false],
    ['2000-02-29', true],
    ['2025-04-31', false],
    ['2025-13-01', false],
    ['2025-00-10', false],
    ['2025-01-00', false],
    ['2025-01-01T00:00:00Z', false],
    [20250101, false],
  ])('%p → %p', (text, expected) => {
    expect(isCalendarDate(text)).toBe(expected);
  });
});

describe(calendarDateIn.name, () => {
  it("is the customer's date, not UTC's", () => {
    const lateUtcEvening = Date.UTC(2025, 5, 30, 17, 30); // 01:30 on 1 July in Shanghai
    expect(calendarDateIn(lateUtcEvening, 'Asia/Shanghai')).toBe('2025-07-01');
    expect(calendarDateIn(lateUtcEvening, 'UTC')).toBe('2025-06-30');
    expect(calendarDateIn(new Date(lateUtcEvening), 'America/New_York')).toBe('2025-06-30');
  });
});

describe(warrantyLastDay.name, () => {
  it.each([
    ['2024-03-15', 12, '2025-03-14'],
    ['2024-01-31', 1, '2024-02-28'],
    ['2024-02-29', 12, '2025-02-27'],
    ['2024-03-01', 24, '2026-02-28'],
    ['2024-03-15', 0, null],
  ])('bought %s with %i months → covered through %s', (purchaseDate, months, expected) => {
    expect(warrantyLastDay(purchaseDate, months)).toBe(expected);
  });
});

describe(judgeCoverage.name, () => {
  it('puts a valid service contract first, even on a unit in warranty', () => {
    expect(
      judgeCoverage(
        unit(),
        { contract: { number: 'SC-88', validUntil: '2025-12-31' } },
        MODELS,
        '2025-01-10',
      ),
    ).toEqual({
      coverage: 'CONTRACT',
      reason: 'Covered by service contract SC-88, valid until 2025-12-31.',
      warrantyEndsOn: '2025-03-14',
    });
  });

  it('covers under a contract on its last day, and needs no equipment facts for it', () => {
    const judgement = judgeCoverage(
      {},
      { contract: { number: 'SC-88', validUntil: '2025-12-31' } },
      MODELS,
      '2025-12-31',
    );
    expect(judgement).toEqual({
      coverage: 'CONTRACT',
      reason: 'Covered by service contract SC-88, valid until 2025-12-31.',
      warrantyEndsOn: null,
    });
  });

  it('falls back to the warranty when the contract has ended, and says so', () => {
    expect(
      judgeCoverage(
        unit(),
        { contract: { number: 'SC-88', validUntil: '2024-12-31' } },
        MODELS,
        '2025-01-10',
      ),
    ).toEqual({
      coverage: 'IN_WARRANTY',
      reason:
        "In warranty: KFR-35GW's 12-month warranty from the purchase on 2024-03-15 (proof INV-2024-0315) covers through 2025-03-14 (service contract SC-88 ended on 2024-12-31).",
      warrantyEndsOn: '2025-03-14',
    });
  });

  it('judges the warranty up to and including its last day', () => {
    const onLastDay = judgeCoverage(unit(), {}, MODELS, '2025-03-14');
    expect(onLastDay.coverage).toBe('IN_WARRANTY');
    const dayAfter = judgeCoverage(unit(), {}, MODELS, '2025-03-15');
    expect(dayAfter).toEqual({
      coverage: 'PAID',
      reason:
        "Paid service: KFR-35GW's 12-month warranty from the purchase on 2024-03-15 ended on 2025-03-14.",
      warrantyEndsOn: '2025-03-14',
    });
  });

  it('covers on the purchase date itself', () => {
    expect(judgeCoverage(unit(), {}, MODELS, '2024-03-15').coverage).toBe('IN_WARRANTY');
  });

  it("uses the model's own period and is end-of-month safe", () => {
    const bought = unit({ model: 'kfr-72lw ', purchaseDate: '2022-02-28' });
    expect(judgeCoverage(bought, {}, MODELS, '2025-02-27')).toMatchObject({
      coverage: 'IN_WARRANTY',
      warrantyEndsOn: '2025-02-27',
    });
    expect(judgeCoverage(bought, {}, MODELS, '2025-02-28').coverage).toBe('PAID');
  });

  it.each([
    [
      'no model',
      unit({ model: ' ' }),
      'Paid service: no product model was given, so no warranty period applies.',
      null,
    ],
    [
      'an unknown model',
      unit({ model: 'XYZ-1' }),
      'Paid service: model XYZ-1 is not in the price catalogue, so no warranty period applies.',
      null,
    ],
    [
      'a model without warranty',
      unit({ model: 'FAN-01' }),
      'Paid service: model FAN-01 carries no warranty.',
      null,
    ],
    [
      'no serial number',
      unit({ serialNumber: null }),
      "Paid service: no serial number was given, so the unit's warranty cannot be checked.",
      '2025-03-14',
    ],
    [
      'no purchase date',
      unit({ purchaseDate: undefined }),
      'Paid service: no purchase date was given, so the warranty period cannot be dated.',
      null,
    ],
    [
      'a purchase date that is no date',
      unit({ purchaseDate: '2024-02-30' }),
      'Paid service: the purchase date "2024-02-30" is not a calendar date (YYYY-MM-DD).',
      null,
    ],
    [
      'a purchase date after today',
      unit({ purchaseDate: '2025-06-01' }),
      'Paid service: the purchase date 2025-06-01 is after today, 2025-01-10.',
      '2026-05-31',
    ],
    [
      'no proof of purchase',
      unit({ proofRef: '' }),
      'Paid service: no proof of purchase was recorded, and the warranty needs one.',
      '2025-03-14',
    ],
  ])('charges for %s', (_label, equipment, reason, warrantyEndsOn) => {
    expect(judgeCoverage(equipment, {}, MODELS, '2025-01-10')).toEqual({
      coverage: 'PAID',
      reason,
      warrantyEndsOn,
    });
  });

  it('names an ended contract on a paid judgement too', () => {
    expect(
      judgeCoverage(
        unit({ proofRef: null }),
        { contract: { number: 'SC-1', validUntil: '2025-01-09' } },
        MODELS,
        '2025-01-10',
      ).reason,
    ).toBe(
      'Paid service: no proof of purchase was recorded, and the warranty needs one (service contract SC-1 ended on 2025-01-09).',
    );
  });

  it('refuses a today that is not a calendar date', () => {
    expect(() => judgeCoverage(unit(), {}, MODELS, '2025-01-10T08:00:00Z')).toThrow(RangeError);
  });
});
