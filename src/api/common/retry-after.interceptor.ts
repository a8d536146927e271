import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { catchError, Observable, throwError } from 'rxjs';
import { ApiErrorCode, ApiException } from './api-error';

/** A 429 the service raised with `details.retryAfterSeconds` also says it in the Retry-After header. */
@Injectable()
export class RetryAfterInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        const seconds = retryAfterOf(error);
        if (seconds !== null)
          context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(seconds));
        return throwError(() => error);
      }),
    );
  }
}

function retryAfterOf(error: unknown): number | null {
  if (!(error instanceof ApiException) || error.code !== ApiErrorCode.RATE_LIMITED) return null;
  const seconds = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof seconds === 'number' ? seconds : null;
}
