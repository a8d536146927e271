/** One thing wrong with one field; the API turns a list of them into a 400 body's `details`. */
export interface FieldProblem {
  field: string;
  problem: string;
}

export type Validated<K extends string, T> =
  ({ ok: true } & Record<K, T>) | { ok: false; errors: FieldProblem[] };

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
