import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { STAFF_ROLES, type StaffRole } from '../../domain';
import { OrderIntakeEntity, OrderEntity } from '../../persistence/entities';
import type { AppConfig } from '../../config/app-config';
import {
  checkCustomerLink,
  customerLinkSecret,
  isCustomerLinkToken,
} from '../../notifications/customer-link';
import { ApiErrorCode, ApiException } from './api-error';
import { AuthenticatedRequest, CUSTOMER_KEY, PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import { Principal } from './principal';
import { APP_CONFIG, sameHex, sha256Hex } from './tokens';
import { UserCache } from './user-cache';

export interface JwtClaims {
  sub: string;
  username: string;
  roles: string[];
}

/**
 * Every route is closed unless marked @Public. A JWT names a staff member, whose users row decides (kept
 * by the UserCache, which every change of the row invalidates in every API process: a deactivated account
 * is refused at once); routes marked @CustomerAccess also accept the customer token of the order in their
 * `orderNo` parameter, or a link from a customer message signed for that order. @Roles narrows staff by role (403).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly users: UserCache,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.linkSecret = customerLinkSecret(config);
  }

  private readonly linkSecret: string;

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const token = bearerToken(request);
    if (!token) throw ApiException.unauthenticated();

    const customerAllowed = this.reflector.getAllAndOverride<boolean>(CUSTOMER_KEY, targets) ?? false;
    const orderNo = typeof request.params?.orderNo === 'string' ? request.params.orderNo : undefined;
    const principal = isCustomerLinkToken(token)
      ? customerAllowed
        ? this.customerFromLink(token, orderNo)
        : null
      : looksLikeJwt(token)
        ? await this.staffFromJwt(token)
        : customerAllowed
          ? await this.customerFromToken(token, orderNo)
          : null;
    if (!principal) throw ApiException.unauthenticated('The bearer token is invalid or expired');
    request.principal = principal;

    const roles = this.reflector.getAllAndOverride<StaffRole[] | undefined>(ROLES_KEY, targets);
    if (principal.kind === 'staff' && roles && !principal.roles.some((role) => roles.includes(role))) {
      throw ApiException.forbidden(`This needs one of the roles ${roles.join(', ')}`);
    }
    return true;
  }

  private async staffFromJwt(token: string): Promise<Principal | null> {
    let claims: JwtClaims;
    try {
      claims = await this.jwt.verifyAsync<JwtClaims>(token);
    } catch {
      return null;
    }
    if (typeof claims.sub !== 'string' || !/^[0-9a-f-]{36}$/i.test(claims.sub)) return null;
    // Tokens minted for one purpose (e.g. the codec session cookie, `aud: codec`) are not API logins.
    if ((claims as { aud?: unknown }).aud !== undefined) return null;
    const user = await this.users.find(claims.sub);
    if (!user || !user.active) return null;
    return {
      kind: 'staff',
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      roles: user.roles.filter((role): role is StaffRole =>
        (STAFF_ROLES as readonly string[]).includes(role),
      ),
      region: user.region,
    };
  }

  /** A link from a customer message: signed for this order and not expired (an expired one says so). */
  private customerFromLink(token: string, orderNo: string | undefined): Principal | null {
    const link = checkCustomerLink(this.linkSecret, token);
    if (link.kind === 'INVALID' || link.orderNo !== orderNo) return null;
    if (link.kind === 'EXPIRED') {
      throw new ApiException(ApiErrorCode.UNAUTHENTICATED, 'The link has expired; ask for a fresh one', {
        reason: 'LINK_EXPIRED',
        orderNo: link.orderNo,
      });
    }
    return { kind: 'customer', orderNo: link.orderNo };
  }

  private async customerFromToken(token: string, orderNo: string | undefined): Promise<Principal | null> {
    if (!orderNo || token.length > 200) return null;
    const hash = sha256Hex(token);
    const intake = await this.dataSource
      .getRepository(OrderIntakeEntity)
      .findOne({ where: { orderNo }, select: ['orderNo', 'customerTokenHash'] });
    let stored = intake?.customerTokenHash ?? null;
    if (!stored) {
      const order = await this.dataSource
        .getRepository(OrderEntity)
        .findOne({ where: { orderNo }, select: ['id', 'customerTokenHash'] });
      stored = order?.customerTokenHash ?? null;
    }
    return stored && sameHex(stored, hash) ? { kind: 'customer', orderNo } : null;
  }
}

function bearerToken(request: Request): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
}

function looksLikeJwt(token: string): boolean {
  return token.split('.').length === 3;
}
