// Regions are names typed by people ("North", "north "): one normal form, for TypeScript and for SQL.
// The workflow's dispatch checks use `sameRegion`, so its verdicts are part of replayed histories:
// change the normal form only behind a workflow patch.

/**
 * What `String.prototype.trim` removes (ECMAScript WhiteSpace and LineTerminator), listed so that the
 * SQL twin trims the same set; region.spec.ts checks the list against `trim` for every code point.
 */
export const TRIMMED_CODE_POINTS: readonly number[] = [
  0x0009, 0x000a, 0x000b, 0x000c, 0x000d, 0x0020, 0x00a0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004,
  0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff,
];

/** The normal form two regions are compared in: no surrounding whitespace, lower case; unknown is null. */
export function regionKey(region: string | null | undefined): string | null {
  return region == null ? null : region.trim().toLowerCase();
}

/** The same region after normalising; unknown never matches, not even another unknown. */
export function sameRegion(a: string | null | undefined, b: string | null | undefined): boolean {
  const key = regionKey(a);
  return key !== null && key === regionKey(b);
}

// An E'' literal of \uXXXX escapes keeps the SQL text ASCII; it needs a UTF-8 database.
const TRIMMED_SQL_LITERAL = `E'${TRIMMED_CODE_POINTS.map((c) => `\\u${c.toString(16).padStart(4, '0')}`).join('')}'`;

/**
 * PostgreSQL for `regionKey(sqlExpr)`; NULL stays NULL. Lower case through ICU's root locale, which is
 * what V8's `toLowerCase` uses (special casings such as `İ` and a word-final `Σ` included), whatever the
 * database's own locale; needs a server built with ICU (any packaged one). Letters newer than the
 * server's ICU may still fold differently.
 */
export function regionKeySql(sqlExpr: string): string {
  return `lower(btrim(${sqlExpr}, ${TRIMMED_SQL_LITERAL}) COLLATE "und-x-icu")`;
}

/** PostgreSQL for `sameRegion(a, b)`: true or false, never NULL, so it is safe under NOT and ORDER BY. */
export function sameRegionSql(aSqlExpr: string, bSqlExpr: string): string {
  return `coalesce(${regionKeySql(aSqlExpr)} = ${regionKeySql(bSqlExpr)}, false)`;
}
