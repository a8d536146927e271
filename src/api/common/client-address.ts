import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { normalizeIp } from '@nestjs/throttler';
import type { Request } from 'express';

/** The client's address as the login throttle counts it: IPv6 clients grouped by /64, one subscriber's block. */
export const ClientAddress = createParamDecorator((_data: unknown, ctx: ExecutionContext): string => {
  const request = ctx.switchToHttp().getRequest<Request>();
  return normalizeIp(request.ip ?? request.socket.remoteAddress ?? 'unknown');
});
