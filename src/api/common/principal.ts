import type { StaffRole } from '../../domain';
import type { Actor } from '../../workflows/service-order/service-order.messages';

/** A signed-in staff member, re-read from the users table on every request (deactivation is immediate). */
export interface StaffPrincipal {
  kind: 'staff';
  userId: string;
  username: string;
  displayName: string;
  roles: StaffRole[];
  region: string | null;
}

/** Whoever holds an order's customer token; it reaches only that order. */
export interface CustomerPrincipal {
  kind: 'customer';
  orderNo: string;
}

export type Principal = StaffPrincipal | CustomerPrincipal;

export function hasRole(principal: Principal, ...roles: StaffRole[]): boolean {
  return principal.kind === 'staff' && principal.roles.some((role) => roles.includes(role));
}

/**
 * The actor a command is sent as: the first of the endpoint's roles the user holds, so a user with
 * several roles acts in the one the endpoint is for.
 */
export function actorFor(principal: Principal, endpointRoles: readonly StaffRole[] = []): Actor {
  if (principal.kind === 'customer') return { id: null, role: 'customer', name: 'customer' };
  const role = endpointRoles.find((r) => principal.roles.includes(r)) ?? principal.roles[0];
  return { id: principal.userId, role, region: principal.region, name: principal.displayName };
}
