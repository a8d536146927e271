import { Controller, Delete, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Request, Response } from 'express';
import { CodecAccepts, CodecAdmin, CodecAdminGuard } from './codec-admin.guard';
import {
  CODEC_SESSION_AUDIENCE,
  CODEC_SESSION_COOKIE,
  CODEC_SESSION_MAX_AGE_SECONDS,
  codecSessionCookieOptions,
} from './codec-session';
import type { CodecJwtClaims } from './codec.options';

/**
 * `/api/codec/session`: an admin, in the browser that runs the Temporal Web UI, trades the bearer token for
 * the HttpOnly `codec_session` cookie the UI sends with "Include cross-origin credentials" turned on.
 */
@Controller('codec/session')
export class CodecSessionController {
  constructor(private readonly jwt: JwtService) {}

  /** Bearer only: a cookie cannot renew itself, so a session never outlives the admin's login. */
  @Post()
  @HttpCode(200)
  @UseGuards(CodecAdminGuard)
  @CodecAccepts(['bearer'])
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
  check(): void {}

  /** No credentials needed: clearing one's own cookie must always work. */
  @Delete()
  @HttpCode(204)
  remove(@Req() request: Request, @Res({ passthrough: true }) response: Response): void {
    response.clearCookie(CODEC_SESSION_COOKIE, codecSessionCookieOptions(request));
  }
}
