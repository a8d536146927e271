import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { normalizeIp } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { Observable, tap } from 'rxjs';
import { ApiErrorCode, ApiException } from '../common/api-error';
import { LoginThrottle } from './login-throttle';

/**
 * Applies the LoginThrottle to a login request. Interceptors run before the validation pipe, so the
 * username is read from the raw body; only a 401 counts as a failed attempt (a 400 or 503 is no guess).
 */
@Injectable()
export class LoginThrottleInterceptor implements NestInterceptor {
  constructor(private readonly throttle: LoginThrottle) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const username = (request.body as { username?: unknown } | undefined)?.username;
    // IPv6 clients are grouped by /64, the block one subscriber gets.
    const address = normalizeIp(request.ip ?? request.socket.remoteAddress ?? 'unknown');
    const admission = this.throttle.admit(address, typeof username === 'string' ? username : undefined);
    if (!admission.admitted) {
      http.getResponse<Response>().setHeader('Retry-After', String(admission.retryAfterSeconds));
      throw new ApiException(ApiErrorCode.RATE_LIMITED, admission.message);
    }
    return next.handle().pipe(
      tap({
        next: admission.release,
        error: (error: unknown) => {
          if (!(error instanceof ApiException && error.code === ApiErrorCode.UNAUTHENTICATED))
            admission.release();
        },
      }),
    );
  }
}
