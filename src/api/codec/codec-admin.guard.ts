import { CanActivate, createParamDecorator, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import { codecError } from './codec.errors';
import { CODEC_OPTIONS, type CodecJwtClaims, type CodecModuleOptions } from './codec.options';

interface CodecRequest extends Request {
  codecAdmin?: CodecJwtClaims;
}

/**
 * Decoding shows customers' personal data: only admins. The caller sends the API's own access token
 * (`Authorization: Bearer <JWT>`, HS256 under JWT_SECRET) whose `roles` include `admin`.
 */
@Injectable()
export class CodecAdminGuard implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    @Inject(CODEC_OPTIONS) private readonly options: CodecModuleOptions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<CodecRequest>();
    const token = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!token) throw codecError(401, 'A bearer token of an admin is required');

    let claims: CodecJwtClaims;
    try {
      claims = await this.jwt.verifyAsync<CodecJwtClaims>(token, { algorithms: ['HS256'] });
    } catch {
      throw codecError(401, 'The bearer token is invalid or expired');
    }
    if (typeof claims.sub !== 'string' || !Array.isArray(claims.roles)) {
      throw codecError(401, 'The bearer token is not an access token of this API');
    }
    if (!claims.roles.includes('admin')) throw codecError(403, 'Decoding payloads needs the role admin');
    if (this.options.confirmAdmin && !(await this.options.confirmAdmin(claims))) {
      throw codecError(401, 'The bearer token no longer names an active admin');
    }
    request.codecAdmin = claims;
    return true;
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
