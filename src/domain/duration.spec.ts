import { formatDuration, InvalidDurationError, isDuration, parseDuration } from './duration';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe(parseDuration.name, () => {
  it.each([
    ['90s', 90 * S],
    ['30m', 30 * M],
    ['4h', 4 * H],
    ['3d', 3 * D],
    ['1d12h', D + 12 * H],
    ['1h30m', H + 30 * M],
    ['2d3h4m5s', 2 * D + 3 * H + 4 * M + 5 * S],
    ['0h30m', 30 * M],
    ['90m', 90 * M],
  ])('%s → %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    '',
    '0s',
    '0d0h',
    '4',
    'h',
    '4x',
    '1.5h',
    '-4h',
    '4 h',
    ' 4h',
    '4H',
    '30m1h',
    '1h1h',
    '4ms',
    'P1D',
  ])('refuses %p', (text) => {
    expect(() => parseDuration(text)).toThrow(InvalidDurationError);
  });

  it('refuses non-strings that reach it from untyped JSON', () => {
    expect(() => parseDuration(4 as unknown as string)).toThrow(InvalidDurationError);
  });

  it('says what was wrong and what is expected', () => {
    expect(() => parseDuration('4x')).toThrow(
      'invalid duration "4x": use whole numbers with units d, h, m, s',
    );
    expect(() => parseDuration('0m')).toThrow('must be longer than zero');
  });
});

describe(isDuration.name, () => {
  it.each([
    ['4h', true],
    ['1d12h', true],
    ['0s', false],
    ['', false],
    [null, false],
    [14400000, false],
  ])('%p → %p', (value, expected) => {
    expect(isDuration(value)).toBe(expected);
  });
});

describe(formatDuration.name, () => {
  it.each([
    [90 * S, '1m30s'],
    [4 * H, '4h'],
    [D + 12 * H, '1d12h'],
    [0, '0s'],
    [-(H + 30 * M), '-1h30m'],
    [1499, '1s'],
    [400, '0s'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it.each(['90s', '30m', '4h', '3d', '1d12h', '2d3h4m5s'])('round-trips %s', (text) => {
    expect(parseDuration(formatDuration(parseDuration(text)))).toBe(parseDuration(text));
  });

  it('refuses infinity', () => {
    expect(() => formatDuration(Infinity)).toThrow(RangeError);
  });
});
