/**
 * How deeply a JSON body may nest objects and arrays. Real requests nest a few levels (codec batches and
 * calendars: 4); thousands of levels overflow class-transformer's recursion (a 500), so deeper bodies are
 * refused right after parsing.
 */
export const MAX_JSON_DEPTH = 32;

/** True when `value` nests objects/arrays deeper than `max` (`{}` is depth 1). Iterative: no recursion to overflow. */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [current, depth] = next;
    if (typeof current !== 'object' || current === null) continue;
    if (depth > max) return true;
    for (const child of Object.values(current)) {
      if (typeof child === 'object' && child !== null) pending.push([child, depth + 1]);
    }
  }
  return false;
}
