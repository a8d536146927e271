import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { StaffRole } from '../../domain';
import type { Principal, StaffPrincipal } from './principal';

export const PUBLIC_KEY = 'api:public';
export const ROLES_KEY = 'api:roles';
export const CUSTOMER_KEY = 'api:customer';

/**
 * In the OpenAPI document: the operation needs no credentials. Nest drops an empty `security`, so this marks
 * the operation and finishOpenApiDocument (src/api/openapi-document.ts) writes `security: []` for it.
 */
export const NO_SECURITY_EXTENSION = 'x-no-security';
export const ApiNoSecurity = () => ApiExtension(NO_SECURITY_EXTENSION, true);

/** No token needed (login, health, docs, metrics); documented as `security: []`. */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_KEY, true), ApiNoSecurity());

/** Staff roles allowed; without it any signed-in staff member passes. */
export const Roles = (...roles: StaffRole[]) => SetMetadata(ROLES_KEY, roles);

/** The order's customer token (bearer) is also accepted here, for the order in the `orderNo` param only. */
export const CustomerAccess = () => SetMetadata(CUSTOMER_KEY, true);

export interface AuthenticatedRequest {
  principal?: Principal;
}

export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a public route');
  return principal;
});

export const CurrentStaff = createParamDecorator((_data: unknown, ctx: ExecutionContext): StaffPrincipal => {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (principal?.kind !== 'staff') throw new Error('CurrentStaff used on a route open to customers');
  return principal;
});
