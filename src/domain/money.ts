// Money is an integer count of the currency's minor unit (fen, cents; none for JPY, three for KWD), never a
// floating-point amount. Decimal text enters through parseAmount, which refuses what it would have to round;
// products (quantity × price, a percentage of an amount) are computed exactly in BigInt and rounded once,
// half away from zero ("half-up" as finance means it: 0.5 fen → 1 fen, −0.5 fen → −1 fen).

/** An integer number of the currency's minor unit; `Number.isSafeInteger` holds for every one. */
export type MinorUnits = number;

const digitsByCurrency = new Map<string, number>();

/**
 * How many minor digits the ISO 4217 currency has (CNY 2, JPY 0, KWD 3), as the runtime's Intl data says.
 * Throws a RangeError for a malformed code.
 */
export function currencyDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits as number;
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}

export function isMinorUnits(value: unknown): value is MinorUnits {
  return Number.isSafeInteger(value);
}

function assertMinorUnits(value: number, name: string): void {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${name} must be a whole number of minor units, got ${String(value)}`);
  }
}

function toSafeNumber(value: bigint, what: string): MinorUnits {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`${what} is too large to be counted exactly`);
  }
  return Number(value);
}

export type ParsedAmount = { ok: true; minor: MinorUnits } | { ok: false; problem: string };

const DECIMAL_TEXT = /^(-)?(\d+)(?:\.(\d+))?$/;

/**
 * A decimal amount (`"123.45"`, `123.45`, `"-0.5"`) → minor units of the currency. Refused, never rounded:
 * more decimal places than the currency has (`"1.005"` in CNY; trailing zeros such as `"1.500"` in CNY or
 * `"100.0"` in JPY lose nothing and are accepted), exponents, blanks, and amounts beyond exact integers. A number is
 * read as JavaScript prints it, so `0.1 + 0.2` (`0.30000000000000004`) is refused rather than rounded.
 */
export function parseAmount(amount: string | number, currency: string): ParsedAmount {
  const digits = currencyDigits(currency);
  let text: string;
  if (typeof amount === 'number') {
    if (!Number.isFinite(amount)) return { ok: false, problem: `${String(amount)} is not an amount` };
    text = String(amount);
    if (/e/i.test(text)) {
      return Math.abs(amount) < 1
        ? { ok: false, problem: `${text} has more decimal places than ${currency}'s ${digits}` }
        : { ok: false, problem: `${text} is too large` };
    }
  } else {
    text = amount;
  }
  const match = DECIMAL_TEXT.exec(text);
  if (!match) {
    return { ok: false, problem: `"${text}" is not a decimal amount like 123.45` };
  }
  const [, minus, whole, fraction = ''] = match;
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > digits) {
    return {
      ok: false,
      problem:
        digits === 0
          ? `${text} has decimal places, and ${currency} has no minor unit`
          : `${text} has more decimal places than ${currency}'s ${digits}`,
    };
  }
  const minor = BigInt(whole) * 10n ** BigInt(digits) + BigInt(significant.padEnd(digits, '0') || '0');
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, problem: `${text} is too large` };
  // `-0` is 0: minor units have no negative zero.
  return { ok: true, minor: minus && minor !== 0n ? -Number(minor) : Number(minor) };
}

/** parseAmount that throws a RangeError naming the problem, for amounts the caller has already checked. */
export function toMinorUnits(amount: string | number, currency: string): MinorUnits {
  const parsed = parseAmount(amount, currency);
  if (!parsed.ok) throw new RangeError(parsed.problem);
  return parsed.minor;
}

/** Minor units → the plain decimal text parseAmount reads back: 12345 CNY → `"123.45"`, −50 → `"-0.50"`. */
export function formatMinor(minor: MinorUnits, currency: string): string {
  assertMinorUnits(minor, 'amount');
  const digits = currencyDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  if (digits === 0) return sign + text;
  return `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/**
 * Minor units → what a person reads, with the currency's symbol and grouping: 1234550 CNY → `CN¥12,345.50`
 * (locale `en`), `¥12,345.50` (`zh-CN`). Exact for every safe integer: only the whole part goes through
 * Intl as a number, the fraction digits are written from the integer.
 */
export function formatMoney(minor: MinorUnits, currency: string, locale = 'en'): string {
  assertMinorUnits(minor, 'amount');
  const digits = currencyDigits(currency);
  const scale = 10 ** digits;
  const whole = Math.trunc(Math.abs(minor) / scale);
  const fraction = String(Math.abs(minor) % scale).padStart(digits, '0');
  // -0 keeps the minus sign of an amount under one major unit (−0.50).
  const signedWhole = minor < 0 ? -whole : whole;
  const parts = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).formatToParts(signedWhole);
  return parts.map((part) => (part.type === 'fraction' ? fraction : part.value)).join('');
}

/** The exact sum of minor amounts; throws a RangeError for a non-integer or a sum beyond exact integers. */
export function sumMinor(amounts: readonly MinorUnits[]): MinorUnits {
  let total = 0n;
  for (const amount of amounts) {
    assertMinorUnits(amount, 'every amount');
    total += BigInt(amount);
  }
  return toSafeNumber(total, 'the sum');
}

/** A finite number as an exact decimal: `1.25` → 125 × 10^-2, read from its shortest printed form. */
function exactDecimal(value: number, name: string): { digits: bigint; scale: number } {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite number, got ${value}`);
  const match = /^(-)?(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value));
  if (!match) throw new RangeError(`${name} ${String(value)} is not a decimal number`);
  const [, minus, whole, fraction = '', exponent = '0'] = match;
  let digits = BigInt(whole + fraction);
  let scale = fraction.length - Number(exponent);
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { digits: minus ? -digits : digits, scale };
}

/** n / d rounded half away from zero; d > 0. */
function divideHalfUp(n: bigint, d: bigint): bigint {
  const quotient = n / d;
  const remainder = n % d;
  const twice = 2n * (remainder < 0n ? -remainder : remainder);
  if (twice >= d) return quotient + (n < 0n ? -1n : 1n);
  return quotient;
}

/**
 * `minor × factor`, exact, then rounded half-up to whole minor units: a line's amount (2.5 m at 12.35 →
 * 30.875 → 30.88), an hourly rate × hours.
 */
export function multiplyMinor(minor: MinorUnits, factor: number): MinorUnits {
  assertMinorUnits(minor, 'amount');
  const { digits, scale } = exactDecimal(factor, 'factor');
  return toSafeNumber(divideHalfUp(BigInt(minor) * digits, 10n ** BigInt(scale)), 'the product');
}

/** `percent`% of an amount, rounded half-up to whole minor units: 10% of 3.35 → 0.335 → 0.34. */
export function percentOf(minor: MinorUnits, percent: number): MinorUnits {
  assertMinorUnits(minor, 'amount');
  const { digits, scale } = exactDecimal(percent, 'percent');
  return toSafeNumber(divideHalfUp(BigInt(minor) * digits, 10n ** BigInt(scale + 2)), 'the percentage');
}
