import { regionKey, regionKeySql, sameRegion, sameRegionSql, TRIMMED_CODE_POINTS } from './region';

describe(regionKey.name, () => {
  it.each([
    ['north', 'north'],
    ['North', 'north'],
    ['  NORTH\t', 'north'],
    ['\u3000Pudong\u00a0', 'pudong'],
    ['New York', 'new york'],
    ['浦东', '浦东'],
    ['', ''],
    [null, null],
    [undefined, null],
  ])('%p → %p', (region, expected) => {
    expect(regionKey(region)).toBe(expected);
  });
});

describe(sameRegion.name, () => {
  it.each([
    ['north', 'North ', true],
    [' NORTH', 'north', true],
    ['north', 'south', false],
    ['new york', 'newyork', false],
    [null, 'north', false],
    ['north', undefined, false],
    [null, null, false],
    [undefined, null, false],
  ])('%p vs %p → %p', (a, b, expected) => {
    expect(sameRegion(a, b)).toBe(expected);
  });
});

describe('TRIMMED_CODE_POINTS', () => {
  it('is exactly what String.prototype.trim removes', () => {
    const trimmed: number[] = [];
    for (let c = 0; c <= 0x10ffff; c += 1) if (String.fromCodePoint(c).trim() === '') trimmed.push(c);
    expect(TRIMMED_CODE_POINTS).toEqual(trimmed);
  });
});

describe(regionKeySql.name, () => {
  it('lowercases through ICU the expression trimmed of every whitespace character (an ASCII E-string)', () => {
    const sql = regionKeySql('o.region');
    expect(sql).toMatch(/^lower\(btrim\(o\.region, E'(\\u[0-9a-f]{4})+'\) COLLATE "und-x-icu"\)$/);
    expect(sql).toContain('\\u0020');
    expect(sql).toContain('\\u3000');
    expect(sql.match(/\\u/g)).toHaveLength(TRIMMED_CODE_POINTS.length);
  });

  it('compares two keys as a never-NULL boolean', () => {
    expect(sameRegionSql('u.region', '$1')).toBe(
      `coalesce(${regionKeySql('u.region')} = ${regionKeySql('$1')}, false)`,
    );
  });
});
