const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const UNITS = [
  { suffix: 'd', ms: DAY },
  { suffix: 'h', ms: HOUR },
  { suffix: 'm', ms: MINUTE },
  { suffix: 's', ms: SECOND },
] as const;

// Units in falling order, each at most once: `1d12h`, `1h30m`, `90s`. No spaces, no fractions.
const DURATION_PATTERN = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

export class InvalidDurationError extends Error {
  constructor(
    readonly input: unknown,
    detail: string,
  ) {
    super(`invalid duration ${JSON.stringify(input)}: ${detail}`);
    this.name = 'InvalidDurationError';
  }
}

/** `'90s'`, `'30m'`, `'4h'`, `'3d'`, `'1d12h'` → milliseconds. Zero and anything else throw. */
export function parseDuration(text: string): number {
  if (typeof text !== 'string' || text === '') {
    throw new InvalidDurationError(text, 'expected a string like 90s, 30m, 4h, 3d or 1h30m');
  }
  const match = DURATION_PATTERN.exec(text);
  if (!match) {
    throw new InvalidDurationError(
      text,
      'use whole numbers with units d, h, m, s in that order, e.g. 1d12h or 1h30m',
    );
  }
  const ms = UNITS.reduce((sum, unit, index) => sum + Number(match[index + 1] ?? 0) * unit.ms, 0);
  if (ms === 0) {
    throw new InvalidDurationError(text, 'must be longer than zero');
  }
  if (!Number.isSafeInteger(ms)) {
    throw new InvalidDurationError(text, 'is too long');
  }
  return ms;
}

export function isDuration(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  try {
    parseDuration(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Milliseconds → the compact form `parseDuration` reads (`5400000` → `1h30m`). Rounded to whole
 * seconds because the policy language has no smaller unit; negative spans get a leading `-`.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`cannot format ${ms} as a duration`);
  const sign = ms < 0 ? '-' : '';
  let rest = Math.round(Math.abs(ms) / SECOND) * SECOND;
  if (rest === 0) return '0s';
  let text = '';
  for (const unit of UNITS) {
    const count = Math.floor(rest / unit.ms);
    if (count > 0) text += `${count}${unit.suffix}`;
    rest -= count * unit.ms;
  }
  return sign + text;
}
