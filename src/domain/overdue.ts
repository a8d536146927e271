// An order is overdue when its next deadline has passed; an order with no running deadline (all paused,
// or none left) is not. The read model stores the deadline, never the verdict, which would go stale.

export function isOverdue(nextDeadlineMs: number | null, nowMs: number): boolean {
  return nextDeadlineMs !== null && nextDeadlineMs < nowMs;
}

/**
 * PostgreSQL for `isOverdue(nextDeadlineColumn, nowSql)`, true or false (never NULL), so that NOT and
 * FILTER treat an order without a deadline as not overdue. `nowSql` is `now()` unless the caller passes
 * the instant it also gives `isOverdue`.
 */
export function overdueSql(nextDeadlineColumn: string, nowSql = 'now()'): string {
  return `(${nextDeadlineColumn} IS NOT NULL AND ${nextDeadlineColumn} < ${nowSql})`;
}

export function notOverdueSql(nextDeadlineColumn: string, nowSql = 'now()'): string {
  return `(NOT ${overdueSql(nextDeadlineColumn, nowSql)})`;
}
