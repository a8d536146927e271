import type { DataSource } from 'typeorm';
import { TERMINAL_STATUSES, type OrderType } from '../../domain';

/** A running order an edit with `applyToRunning` would re-project. */
export interface RunningOrderRow {
  orderNo: string;
  status: string;
  policyVersion: number;
}

// The one home of "which running orders does this edit reach": the PUT's signalling and the admin
// page's preview read the same statements. A policy edit moves every running order of the type onto
// the new version. A calendar edit reaches the orders whose own snapshotted policy version names the
// calendar (an order with no stored version row runs the code default, which has no calendar).
const POLICY_TARGETS = `FROM orders o WHERE o.type = $1 AND NOT (o.status = ANY($2))`;
const CALENDAR_TARGETS = `FROM orders o
  JOIN sla_policies p ON p.order_type = o.type AND p.version = o.policy_version
 WHERE p.definition->>'calendar' = $1 AND NOT (o.status = ANY($2))`;

const COLUMNS = `o.order_no AS "orderNo", o.status, o.policy_version AS "policyVersion"`;

async function select(
  dataSource: DataSource,
  targets: string,
  key: string,
  limit: number | null,
): Promise<{ total: number; orders: RunningOrderRow[] }> {
  const params = [key, [...TERMINAL_STATUSES]];
  const list = dataSource.query(
    `SELECT ${COLUMNS} ${targets} ORDER BY o.order_no${limit === null ? '' : ` LIMIT ${limit}`}`,
    params,
  ) as Promise<RunningOrderRow[]>;
  // Every row listed (the PUT's signalling) is its own count; a preview counts the rest separately.
  if (limit === null) {
    const orders = await list;
    return { total: orders.length, orders };
  }
  const [orders, [{ total }]] = await Promise.all([
    list,
    dataSource.query(`SELECT count(*)::int AS total ${targets}`, params) as Promise<{ total: number }[]>,
  ]);
  return { total, orders };
}

/** The running orders of the type (all of them when `limit` is null). */
export function runningOrdersOfType(dataSource: DataSource, orderType: OrderType, limit: number | null) {
  return select(dataSource, POLICY_TARGETS, orderType, limit);
}

/** The running orders whose snapshotted policy uses the calendar (all of them when `limit` is null). */
export function runningOrdersOnCalendar(dataSource: DataSource, calendar: string, limit: number | null) {
  return select(dataSource, CALENDAR_TARGETS, calendar, limit);
}
