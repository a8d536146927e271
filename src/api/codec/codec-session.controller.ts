import { Controller, Delete, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiErrors } from '../common/api-errors.decorator';
import { ApiNoSecurity } from '../common/auth.decorators';
import { CodecAccepts, CodecAdmin, CodecAdminGuard } from './codec-admin.guard';
import {
  CODEC_SESSION_AUDIENCE,
  CODEC_SESSION_COOKIE,
  CODEC_SESSION_MAX_AGE_SECONDS,
  CODEC_SESSION_SECURITY,
  codecSessionCookieOptions,
} from './codec-session';
import { CodecSessionDto } from './codec.dto';
import type { CodecJwtClaims } from './codec.options';

/**
 * `/api/codec/session`: an admin, in the browser that runs the Temporal Web UI, trades the bearer token for
 * the HttpOnly `codec_session` cookie the UI sends with "Include cross-origin credentials" turned on.
 */
@ApiTags('codec')
@Controller('codec/session')
export class CodecSessionController {
  constructor(private readonly jwt: JwtService) {}

  /** Bearer only: a cookie cannot renew itself, so a session never outlives the admin's login. */
  @Post()
  @HttpCode(200)
  @UseGuards(CodecAdminGuard)
  @CodecAccepts(['bearer'])
  @ApiOperation({
    summary: 'Trade an admin bearer token for the codec session cookie (for the Temporal Web UI)',
    description:
      'Sets the HttpOnly, SameSite=Lax `codec_session` cookie (Path=/api/codec). Call it on the same host name ' +
      'as the UI (localhost with localhost, 127.0.0.1 with 127.0.0.1): README "Customer data in Temporal".',
  })
  @ApiBearerAuth()
  @ApiOkResponse({
    type: CodecSessionDto,
    headers: {
      'Set-Cookie': {
        description: '`codec_session=<JWT>; Path=/api/codec; HttpOnly; SameSite=Lax`',
        schema: { type: 'string' },
      },
    },
  })
  @ApiErrors(401, 403, 503)
  async create(
    @CodecAdmin() admin: CodecJwtClaims,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ expiresAt: string }> {
    const now = Math.floor(Date.now() / 1000);
    const expires = Math.min(now + CODEC_SESSION_MAX_AGE_SECONDS, admin.exp ?? Infinity);
    const token = await this.jwt.signAsync(
      { sub: admin.sub, roles: admin.roles },
      { audience: CODEC_SESSION_AUDIENCE, expiresIn: expires - now },
    );
    response.setHeader('Cache-Control', 'no-store');
    response.cookie(CODEC_SESSION_COOKIE, token, {
      ...codecSessionCookieOptions(request),
      maxAge: (expires - now) * 1000,
    });
    return { expiresAt: new Date(expires * 1000).toISOString() };
  }

  /** 204 while the cookie names an admin, 401 otherwise. */
  @Get()
  @HttpCode(204)
  @UseGuards(CodecAdminGuard)
  @CodecAccepts(['cookie'])
  @ApiOperation({ summary: 'Whether the codec session cookie names an active admin' })
  @ApiSecurity(CODEC_SESSION_SECURITY)
  @ApiNoContentResponse({ description: 'The session is valid' })
  @ApiErrors(401, 403, 503)
  check(): void {}

  /** No credentials needed: clearing one's own cookie must always work. */
  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: 'End the codec session (clears the cookie); needs no credentials' })
  @ApiNoSecurity()
  @ApiNoContentResponse({ description: 'The cookie is cleared (also when there was none): never an error' })
  remove(@Req() request: Request, @Res({ passthrough: true }) response: Response): void {
    response.clearCookie(CODEC_SESSION_COOKIE, codecSessionCookieOptions(request));
  }
}
