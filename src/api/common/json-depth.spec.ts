import { MAX_JSON_DEPTH, nestedDeeperThan } from './json-depth';

const nested = (depth: number, leaf: unknown = 1): unknown => {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? { a: value } : [value];
  return value;
};

describe(nestedDeeperThan.name, () => {
  it.each([
    [1, 0, false],
    ['text', 0, false],
    [null, 0, false],
    [{}, 0, true],
    [{}, 1, false],
    [{ a: [1, 2] }, 1, true],
    [{ a: [1, 2] }, 2, false],
    [{ a: 1, b: { c: { d: [] } } }, 3, true],
    [{ a: 1, b: { c: { d: [] } } }, 4, false],
  ])('%j deeper than %i: %s', (value, max, expected) => {
    expect(nestedDeeperThan(value, max)).toBe(expected);
  });

  it('allows exactly MAX_JSON_DEPTH levels and refuses one more', () => {
    expect(nestedDeeperThan(nested(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(false);
    expect(nestedDeeperThan(nested(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toBe(true);
  });

  it('finds the deep branch among wide shallow ones', () => {
    const wide = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, { x: [i] }]));
    expect(nestedDeeperThan({ ...wide, deep: nested(40) }, MAX_JSON_DEPTH)).toBe(true);
    expect(nestedDeeperThan(wide, MAX_JSON_DEPTH)).toBe(false);
  });

  it('walks 100,000 levels without overflowing the stack', () => {
    expect(nestedDeeperThan(nested(100_000), MAX_JSON_DEPTH)).toBe(true);
  });
});
