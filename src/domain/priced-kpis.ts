// The KPIs of priced work (issue 11), read from the timeline entries the order workflow writes to
// `order_timeline`: the customer's answer to a quote, the final price against the approved total at
// completion, parts requests the stock could not cover and replaced parts found faultless. The action names
// are the timeline's contract (the transition table's own names); the SQL fragments are the one statement of
// each rule for the reports.
import type { OrderAction, SystemAction } from './transitions';

type TimelineAction = OrderAction | SystemAction;

/** The customer's answer to a quote: approved, declined, or never given (expired, written by the system). */
export const QUOTE_APPROVED = 'APPROVE_QUOTE' satisfies TimelineAction;
export const QUOTE_DECLINED = 'DECLINE_QUOTE' satisfies TimelineAction;
export const QUOTE_EXPIRED = 'QUOTE_EXPIRED' satisfies TimelineAction;
export const QUOTE_OUTCOME_ACTIONS = [QUOTE_APPROVED, QUOTE_DECLINED, QUOTE_EXPIRED] as const;

/** Work done; on priced orders its details carry `finalPrice` and `approvedTotal` (integer minor units). */
export const COMPLETE_ACTION = 'COMPLETE' satisfies TimelineAction;
/** A parts request the stock could not cover (details `shortfall`, `purchaseRequestIds`). */
export const PARTS_SHORTFALL = 'PARTS_SHORTFALL';
/** A replaced part the supervisor found faultless; details `technicianId` is the technician it flags. */
export const PART_FOUND_FAULTLESS = 'PART_FOUND_FAULTLESS';

const quoted = (action: string): string => `'${action}'`;

/** The entry (alias `t`) is a quote outcome. */
export function quoteOutcomeSql(t: string): string {
  return `${t}.action IN (${QUOTE_OUTCOME_ACTIONS.map(quoted).join(', ')})`;
}

/** The entry (alias `t`) is the customer's approval of a quote. */
export function quoteApprovedSql(t: string): string {
  return `${t}.action = ${quoted(QUOTE_APPROVED)}`;
}

/**
 * The entry (alias `t`) is its order's last COMPLETE entry: an order completed again after a failed QC has
 * several, and only the price of the work finally done counts.
 */
export function lastCompletionSql(t: string): string {
  return `(${t}.action = ${quoted(COMPLETE_ACTION)} AND NOT EXISTS (
             SELECT 1 FROM order_timeline later
              WHERE later.order_no = ${t}.order_no AND later.action = ${quoted(COMPLETE_ACTION)} AND later.seq > ${t}.seq))`;
}

/**
 * The signed deviation of a COMPLETE entry's (alias `t`) final price from its approved total (0.05: 5 %
 * above); null when the entry carries no price (unpriced orders) or the approved total is not above zero.
 */
export function estimateDeviationSql(t: string): string {
  const finalPrice = `${t}.details -> 'finalPrice'`;
  const approvedTotal = `${t}.details -> 'approvedTotal'`;
  // Nested: the casts run only once both fields are known to be numbers.
  return `CASE WHEN jsonb_typeof(${finalPrice}) = 'number' AND jsonb_typeof(${approvedTotal}) = 'number' THEN
            CASE WHEN (${approvedTotal})::numeric > 0
                 THEN ((${finalPrice})::numeric - (${approvedTotal})::numeric) / (${approvedTotal})::numeric END END`;
}

/** The entry (alias `t`) is a parts request the stock could not cover. */
export function partsStockOutSql(t: string): string {
  return `${t}.action = ${quoted(PARTS_SHORTFALL)}`;
}

/** The entry (alias `t`) flags technician `technicianId` (an SQL expression) for a faultless part. */
export function faultlessReturnOfSql(t: string, technicianId: string): string {
  return `(${t}.action = ${quoted(PART_FOUND_FAULTLESS)} AND ${t}.details ->> 'technicianId' = ${technicianId}::text)`;
}
