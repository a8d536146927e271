// Which orders a staff member may see, for single reads and for lists alike: each way of reaching an order
// has its check and its SQL side by side, and both `maySeeOrder` and `visibleOrdersSql` take them from
// `reachesOf`, so the list shows exactly the orders a single read lets through.
import type { StaffRole } from './order';
import { sameRegion, sameRegionSql } from './region';

/** Roles that see every order. */
export const SEE_EVERY_ORDER_ROLES: readonly StaffRole[] = ['agent', 'supervisor', 'finance', 'admin'];

export interface OrderViewer {
  userId: string;
  roles: readonly StaffRole[];
  region: string | null;
}

/** What visibility reads of an order. */
export interface OrderVisibilityFacts {
  region: string | null | undefined;
  technicianId: string | null | undefined;
  /** Owner of the order's feedback case, if it has one. */
  feedbackOwnerId: string | null | undefined;
}

/** SQL expressions for the same facts (e.g. `o.region`). */
export type OrderVisibilityColumns = Record<keyof OrderVisibilityFacts, string>;

/** SQL placeholders bound by the caller to the viewer's `userId` and `region` (e.g. `:me`). */
export interface ViewerPlaceholders {
  userId: string;
  region: string;
}

export type OrderReach = 'every-order' | 'region' | 'assigned' | 'feedback-owner';

interface ReachRule {
  holds: (viewer: OrderViewer, order: OrderVisibilityFacts) => boolean;
  sql: (order: OrderVisibilityColumns, viewer: ViewerPlaceholders) => string;
}

const REACH: Readonly<Record<OrderReach, ReachRule>> = {
  'every-order': { holds: () => true, sql: () => 'TRUE' },
  region: {
    holds: (viewer, order) => sameRegion(order.region, viewer.region),
    sql: (order, viewer) => sameRegionSql(order.region, viewer.region),
  },
  assigned: {
    holds: (viewer, order) => order.technicianId === viewer.userId,
    // Casts: the one placeholder meets a uuid column here and a text one below.
    sql: (order, viewer) => `${order.technicianId} = CAST(${viewer.userId} AS uuid)`,
  },
  // Whoever owns the order's feedback case must see it to resolve it, whatever their role or region.
  'feedback-owner': {
    holds: (viewer, order) => order.feedbackOwnerId != null && order.feedbackOwnerId === viewer.userId,
    sql: (order, viewer) => `${order.feedbackOwnerId} = CAST(${viewer.userId} AS text)`,
  },
};

/**
 * How the viewer reaches orders: agents, supervisors, finance and admins, and dispatchers without a
 * region, see every order; a dispatcher with a region sees that region's (`sameRegion`); everyone sees
 * the orders assigned to them and those whose feedback case they own. Technicians therefore see only
 * their own orders.
 */
export function reachesOf(viewer: OrderViewer): OrderReach[] {
  if (seesEveryOrder(viewer)) return ['every-order'];
  const reaches: OrderReach[] = viewer.roles.includes('dispatcher') ? ['region'] : [];
  return [...reaches, 'assigned', 'feedback-owner'];
}

/** True when the viewer's access does not depend on the order. */
export function seesEveryOrder(viewer: OrderViewer): boolean {
  if (viewer.roles.some((role) => SEE_EVERY_ORDER_ROLES.includes(role))) return true;
  return viewer.roles.includes('dispatcher') && !viewer.region;
}

export function maySeeOrder(viewer: OrderViewer, order: OrderVisibilityFacts): boolean {
  return reachesOf(viewer).some((reach) => REACH[reach].holds(viewer, order));
}

/** PostgreSQL for `maySeeOrder` of each row, true or false (never NULL), for a list's WHERE clause. */
export function visibleOrdersSql(
  viewer: OrderViewer,
  order: OrderVisibilityColumns,
  placeholders: ViewerPlaceholders,
): string {
  const reaches = reachesOf(viewer).map((reach) => `(${REACH[reach].sql(order, placeholders)})`);
  return `coalesce(${reaches.join(' OR ')}, false)`;
}
