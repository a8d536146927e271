// The reads the dispatch board and the technician's list share: orders in a few statuses at once, and
// one order as staff see it.
import { useQueries } from '@tanstack/react-query';
import { $api, isStaffView, type Schemas } from '../../api/client';
import { PRIORITIES } from '../../components/vocabulary';
import type { operations } from '../../api/schema';

export type OrderSummary = Schemas['OrderSummaryDto'];
export type StaffOrder = Schemas['OrderReadDto'];
export type OrderStatus = OrderSummary['status'];
export type OrderListFilters = Omit<
  NonNullable<operations['OrdersController_list']['parameters']['query']>,
  'status' | 'page' | 'pageSize'
>;

/** The largest page the API serves: a board shows everything waiting, not the first 20. */
const PAGE_SIZE = 100;
export const POLL_MS = 5000;

export interface OrdersInStatuses {
  orders: OrderSummary[];
  isPending: boolean;
  error: unknown;
  /** More orders match than one page holds for some status (the newest are shown). */
  truncated: boolean;
}

/** The list endpoint filters by one status at a time: ask once per status and merge the pages. */
export function useOrdersInStatuses(
  statuses: readonly OrderStatus[],
  filters: OrderListFilters = {},
  pageSize = PAGE_SIZE,
): OrdersInStatuses {
  return useQueries({
    queries: statuses.map((status) =>
      $api.queryOptions(
        'get',
        '/api/orders',
        { params: { query: { ...filters, status, pageSize } } },
        { refetchInterval: POLL_MS },
      ),
    ),
    combine: (results) => ({
      orders: results.flatMap((result) => result.data?.items ?? []),
      isPending: results.some((result) => result.isPending),
      error: results.find((result) => result.error)?.error ?? null,
      truncated: results.some(
        (result) => result.data !== undefined && result.data.total > result.data.items.length,
      ),
    }),
  });
}

/** Time of the next deadline; orders without one go last. */
export function deadlineTime(order: OrderSummary): number {
  return order.nextDeadline ? new Date(order.nextDeadline).getTime() : Number.POSITIVE_INFINITY;
}

/** 0 for the most urgent (PRIORITIES lists them most urgent first); unknown priorities last. */
function priorityRank(order: OrderSummary): number {
  const rank = (PRIORITIES as readonly string[]).indexOf(order.priority);
  return rank === -1 ? PRIORITIES.length : rank;
}

/** Most urgent first: priority, then the deadline that falls due first, then the order number. */
export function byPriorityThenDeadline(a: OrderSummary, b: OrderSummary): number {
  return (
    priorityRank(a) - priorityRank(b) ||
    deadlineTime(a) - deadlineTime(b) ||
    a.orderNo.localeCompare(b.orderNo)
  );
}

/** One order as staff see it (GET /api/orders/{orderNo} answers the customer's narrower view too). */
export function useStaffOrder(orderNo: string) {
  return $api.useQuery(
    'get',
    '/api/orders/{orderNo}',
    { params: { path: { orderNo } } },
    {
      refetchInterval: POLL_MS,
      select: (view): StaffOrder | null => (isStaffView(view) ? view : null),
    },
  );
}
