import {
  currencyDigits,
  formatMinor,
  formatMoney,
  multiplyMinor,
  parseAmount,
  percentOf,
  sumMinor,
  toMinorUnits,
} from './money';

describe(currencyDigits.name, () => {
  it.each([
    ['CNY', 2],
    ['USD', 2],
    ['JPY', 0],
    ['KWD', 3],
  ])('%s has %i minor digits', (currency, digits) => {
    expect(currencyDigits(currency)).toBe(digits);
  });

  it('refuses a malformed currency code', () => {
    expect(() => currencyDigits('YUAN')).toThrow(RangeError);
  });
});

describe(parseAmount.name, () => {
  it.each([
    ['123.45', 'CNY', 12345],
    ['123.4', 'CNY', 12340],
    ['123', 'CNY', 12300],
    ['0.01', 'CNY', 1],
    ['-0.50', 'CNY', -50],
    ['-0', 'CNY', 0],
    ['1.500', 'CNY', 150],
    ['007.10', 'CNY', 710],
    ['100', 'JPY', 100],
    ['100.0', 'JPY', 100],
    ['1.234', 'KWD', 1234],
    [123.45, 'CNY', 12345],
    [0.1, 'CNY', 10],
    [500, 'CNY', 50000],
    ['90071992547409.91', 'CNY', 9007199254740991],
  ])('%p %s → %i', (amount, currency, minor) => {
    expect(parseAmount(amount, currency)).toEqual({ ok: true, minor });
    expect(toMinorUnits(amount, currency)).toBe(minor);
  });

  it.each([
    ['1.005', 'CNY', "1.005 has more decimal places than CNY's 2"],
    ['100.5', 'JPY', '100.5 has decimal places, and JPY has no minor unit'],
    ['1.2345', 'KWD', "1.2345 has more decimal places than KWD's 3"],
    [0.1 + 0.2, 'CNY', "0.30000000000000004 has more decimal places than CNY's 2"],
    [1e-7, 'CNY', "1e-7 has more decimal places than CNY's 2"],
    [1e21, 'CNY', '1e+21 is too large'],
    ['90071992547409.92', 'CNY', '90071992547409.92 is too large'],
    [Number.NaN, 'CNY', 'NaN is not an amount'],
    [Number.POSITIVE_INFINITY, 'CNY', 'Infinity is not an amount'],
    ['', 'CNY', '"" is not a decimal amount like 123.45'],
    [' 1.00', 'CNY', '" 1.00" is not a decimal amount like 123.45'],
    ['1,000.00', 'CNY', '"1,000.00" is not a decimal amount like 123.45'],
    ['.5', 'CNY', '".5" is not a decimal amount like 123.45'],
    ['1.', 'CNY', '"1." is not a decimal amount like 123.45'],
    ['+1', 'CNY', '"+1" is not a decimal amount like 123.45'],
    ['1e3', 'CNY', '"1e3" is not a decimal amount like 123.45'],
  ])('refuses %p in %s rather than rounding', (amount, currency, problem) => {
    expect(parseAmount(amount, currency)).toEqual({ ok: false, problem });
    expect(() => toMinorUnits(amount, currency)).toThrow(problem);
  });
});

describe(formatMinor.name, () => {
  it.each([
    [12345, 'CNY', '123.45'],
    [5, 'CNY', '0.05'],
    [0, 'CNY', '0.00'],
    [-50, 'CNY', '-0.50'],
    [-12345, 'CNY', '-123.45'],
    [100, 'JPY', '100'],
    [1234, 'KWD', '1.234'],
    [9007199254740991, 'CNY', '90071992547409.91'],
  ])('%i %s → %s', (minor, currency, text) => {
    expect(formatMinor(minor, currency)).toBe(text);
  });

  it('is read back by parseAmount unchanged', () => {
    for (const minor of [0, 1, 99, 100, -1, -101, 123456789]) {
      expect(toMinorUnits(formatMinor(minor, 'CNY'), 'CNY')).toBe(minor);
    }
  });

  it('refuses a fractional amount of minor units', () => {
    expect(() => formatMinor(1.5, 'CNY')).toThrow('amount must be a whole number of minor units, got 1.5');
  });
});

describe(formatMoney.name, () => {
  it.each([
    [1234550, 'CNY', 'en', 'CN¥12,345.50'],
    [1234550, 'CNY', 'zh-CN', '¥12,345.50'],
    [-50, 'CNY', 'en', '-CN¥0.50'],
    [0, 'CNY', 'en', 'CN¥0.00'],
    [100, 'JPY', 'en', '¥100'],
    [1234, 'KWD', 'en', 'KWD 1.234'],
  ])('%i %s in %s → %s', (minor, currency, locale, text) => {
    expect(formatMoney(minor, currency, locale).replace(/\u00a0/g, ' ')).toBe(text);
  });

  it('is exact for the largest safe amount (a float division would round it)', () => {
    expect(formatMoney(9007199254740991, 'CNY')).toBe('CN¥90,071,992,547,409.91');
  });
});

describe(sumMinor.name, () => {
  it('adds exactly', () => {
    expect(sumMinor([10, 20, 30])).toBe(60);
    expect(sumMinor([])).toBe(0);
    expect(sumMinor([-5, 5])).toBe(0);
  });

  it('refuses fractions and sums beyond exact integers', () => {
    expect(() => sumMinor([1, 0.5])).toThrow(RangeError);
    expect(() => sumMinor([Number.MAX_SAFE_INTEGER, 1])).toThrow(
      'the sum is too large to be counted exactly',
    );
  });
});

describe(multiplyMinor.name, () => {
  it.each([
    [1235, 2.5, 3088], // 30.875 → 30.88: half rounds up
    [1234, 2.5, 3085],
    [1000, 0.333, 333],
    [1000, 0.3335, 334], // 333.5 → 334
    [1000, 0.3334, 333],
    [-1235, 2.5, -3088], // half away from zero
    [8000, 1.5, 12000],
    [8000, 0.25, 2000],
    [199, 3, 597],
    [1, 0.5, 1],
    [1, 0.49, 0],
    [0, 7.5, 0],
    [1000, 1e-7, 0], // exponent forms are read exactly too
    [100, 1.005, 101], // 100.5 exactly; in floating point 100 * 1.005 is 100.49999999999999 and rounds to 100
    [3, 0.1, 0],
  ])('%i × %d → %i', (minor, factor, product) => {
    expect(multiplyMinor(minor, factor)).toBe(product);
  });

  it('refuses a product beyond exact integers', () => {
    expect(() => multiplyMinor(3, 1e21)).toThrow('the product is too large to be counted exactly');
  });
});

describe(percentOf.name, () => {
  it.each([
    [50000, 10, 5000],
    [335, 10, 34], // 33.5 → 34
    [334, 10, 33], // 33.4 → 33
    [345, 10, 35], // 34.5 → 35 (half-up, not half-even)
    [-335, 10, -34],
    [10000, 5, 500],
    [10000, 12.5, 1250],
    [101, 0.5, 1], // 0.505 → 1
    [99, 0.5, 0], // 0.495 → 0
    [12345, 0, 0],
    [12345, 100, 12345],
  ])('%i × %d%% → %i', (minor, percent, result) => {
    expect(percentOf(minor, percent)).toBe(result);
  });

  it('refuses a fractional amount', () => {
    expect(() => percentOf(10.5, 10)).toThrow(RangeError);
  });
});
