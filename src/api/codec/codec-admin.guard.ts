import { CanActivate, createParamDecorator, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import { CODEC_SESSION_AUDIENCE, CODEC_SESSION_COOKIE, readCookie } from './codec-session';
import { codecError } from './codec.errors';
import { CODEC_OPTIONS, type CodecJwtClaims, type CodecModuleOptions } from './codec.options';

interface CodecRequest extends Request {
  codecAdmin?: CodecJwtClaims;
}

/** How a caller may prove to be an admin: the API's bearer token, or the codec session cookie. */
export type CodecCredential = 'bearer' | 'cookie';

/** Narrows a route to some credentials; without it both are accepted. */
export const CodecAccepts = Reflector.createDecorator<CodecCredential[]>();

/**
 * Decoding shows customers' personal data: only admins. The caller sends either the API's own access token
 * (`Authorization: Bearer <JWT>`, HS256 under JWT_SECRET) whose `roles` include `admin`, or — what the
 * Temporal Web UI can send — the `codec_session` cookie: a JWT under the same secret with `aud: codec`.
 * An Authorization header, when present, decides alone.
 */
@Injectable()
export class CodecAdminGuard implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    private readonly reflector: Reflector,
    @Inject(CODEC_OPTIONS) private readonly options: CodecModuleOptions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<CodecRequest>();
    const accepts = this.reflector.getAllAndOverride(CodecAccepts, [
      context.getHandler(),
      context.getClass(),
    ]) ?? ['bearer', 'cookie'];
    const authorization = accepts.includes('bearer') ? request.headers.authorization : undefined;
    const cookie = accepts.includes('cookie')
      ? readCookie(request.headers.cookie, CODEC_SESSION_COOKIE)
      : undefined;

    let claims: CodecJwtClaims;
    if (authorization !== undefined) {
      const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
      if (!token) throw codecError(401, 'A bearer token of an admin is required');
      claims = await this.verify(token, {}, 'The bearer token is invalid or expired');
    } else if (cookie) {
      claims = await this.verify(
        cookie,
        { audience: CODEC_SESSION_AUDIENCE },
        'The codec session is invalid or expired: create a new one with POST /api/codec/session',
      );
    } else {
      throw codecError(
        401,
        accepts.includes('bearer') ? 'A bearer token of an admin is required' : 'There is no codec session',
      );
    }
    if (!claims.roles.includes('admin')) throw codecError(403, 'Decoding payloads needs the role admin');
    if (this.options.confirmAdmin && !(await this.options.confirmAdmin(claims))) {
      throw codecError(401, 'The token no longer names an active admin');
    }
    request.codecAdmin = claims;
    return true;
  }

  private async verify(
    token: string,
    options: { audience?: string },
    invalid: string,
  ): Promise<CodecJwtClaims> {
    let claims: CodecJwtClaims;
    try {
      claims = await this.jwt.verifyAsync<CodecJwtClaims>(token, { algorithms: ['HS256'], ...options });
    } catch {
      throw codecError(401, invalid);
    }
    if (typeof claims.sub !== 'string' || !Array.isArray(claims.roles)) {
      throw codecError(401, 'The token is not an access token of this API');
    }
    return claims;
  }
}

/** The admin the guard let through. */
export const CodecAdmin = createParamDecorator(
  (_data: unknown, context: ExecutionContext): CodecJwtClaims => {
    const admin = context.switchToHttp().getRequest<CodecRequest>().codecAdmin;
    if (!admin) throw new Error('CodecAdmin used without CodecAdminGuard');
    return admin;
  },
);
