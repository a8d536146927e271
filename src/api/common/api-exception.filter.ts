import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { ApiErrorCode, ApiException } from './api-error';
import { assertUnreachable } from './assert-unreachable';
import { sendError } from './error-body';

export function statusOf(code: ApiErrorCode): number {
  switch (code) {
    case ApiErrorCode.VALIDATION_FAILED:
    case ApiErrorCode.MALFORMED_BODY:
      return HttpStatus.BAD_REQUEST;
    case ApiErrorCode.UNAUTHENTICATED:
      return HttpStatus.UNAUTHORIZED;
    case ApiErrorCode.FORBIDDEN:
      return HttpStatus.FORBIDDEN;
    case ApiErrorCode.NOT_FOUND:
      return HttpStatus.NOT_FOUND;
    case ApiErrorCode.CONFLICT:
    case ApiErrorCode.ACTION_NOT_ALLOWED:
      return HttpStatus.CONFLICT;
    case ApiErrorCode.PAYLOAD_TOO_LARGE:
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case ApiErrorCode.UNSUPPORTED_MEDIA_TYPE:
      return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
    case ApiErrorCode.UNPROCESSABLE:
    case ApiErrorCode.IDEMPOTENCY_KEY_REUSED:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case ApiErrorCode.RATE_LIMITED:
      return HttpStatus.TOO_MANY_REQUESTS;
    case ApiErrorCode.UNAVAILABLE:
      return HttpStatus.SERVICE_UNAVAILABLE;
    default:
      return assertUnreachable(code);
  }
}

// Errors raised by body-parser before any controller runs carry a `type`.
const BODY_PARSER_ERRORS: Record<string, ApiErrorCode> = {
  'entity.parse.failed': ApiErrorCode.MALFORMED_BODY,
  'entity.verify.failed': ApiErrorCode.MALFORMED_BODY,
  'request.aborted': ApiErrorCode.MALFORMED_BODY,
  'request.size.invalid': ApiErrorCode.MALFORMED_BODY,
  'entity.too.large': ApiErrorCode.PAYLOAD_TOO_LARGE,
  'encoding.unsupported': ApiErrorCode.UNSUPPORTED_MEDIA_TYPE,
  'charset.unsupported': ApiErrorCode.UNSUPPORTED_MEDIA_TYPE,
};

// Node socket errors and PostgreSQL "cannot connect now / admin shutdown / connection exception" classes.
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);
const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;

function errorCodeOf(error: unknown): string | number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' || typeof code === 'number' ? code : undefined;
}

/** True for "the database or Temporal cannot be reached", wherever in the cause chain it shows. */
export function isUnreachable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const code = errorCodeOf(error);
  if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || code.startsWith('08'))) return true;
  if (code === GRPC_UNAVAILABLE || code === GRPC_DEADLINE_EXCEEDED) return true;
  const message = error instanceof Error ? error.message : '';
  if (
    /Connection terminated|connect ECONNREFUSED|Failed to connect before the deadline|timeout exceeded when trying to connect/i.test(
      message,
    )
  ) {
    return true;
  }
  const nested =
    (error as { cause?: unknown; driverError?: unknown }).cause ??
    (error as { driverError?: unknown }).driverError;
  return isUnreachable(nested, depth + 1);
}

/** Turns anything thrown into the API's refusal, or null for a genuine server fault. */
export function toApiException(error: unknown): ApiException | null {
  if (error instanceof ApiException) return error;
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const message =
      typeof response === 'string'
        ? response
        : Array.isArray((response as { message?: unknown }).message)
          ? (response as { message: string[] }).message.join('; ')
          : String((response as { message?: unknown }).message ?? error.message);
    const code = codeForStatus(status);
    return code ? new ApiException(code, message) : null;
  }
  if (typeof error === 'object' && error !== null && typeof (error as { type?: unknown }).type === 'string') {
    const code = BODY_PARSER_ERRORS[(error as { type: string }).type];
    if (code) {
      const message =
        code === ApiErrorCode.PAYLOAD_TOO_LARGE
          ? 'The request body is too large'
          : code === ApiErrorCode.MALFORMED_BODY
            ? `The request body is not valid JSON: ${(error as Error).message}`
            : (error as Error).message;
      return new ApiException(
        code,
        message,
        code === ApiErrorCode.MALFORMED_BODY
          ? [{ field: 'body', reasons: ['must be valid JSON'] }]
          : undefined,
      );
    }
  }
  if (isUnreachable(error)) {
    return new ApiException(
      ApiErrorCode.UNAVAILABLE,
      'A backing service (database or Temporal) is unreachable; try again shortly',
    );
  }
  // Values PostgreSQL could not read (a malformed uuid slipped past the DTOs) are the caller's fault.
  if (
    error instanceof QueryFailedError &&
    ['22P02', '22007', '22008', '22003'].includes(String(errorCodeOf(error.driverError)))
  ) {
    return ApiException.validation(
      [{ field: 'request', reasons: [error.message] }],
      'A value in the request is not acceptable',
    );
  }
  return null;
}

function codeForStatus(status: number): ApiErrorCode | null {
  switch (status) {
    case 400:
      return ApiErrorCode.VALIDATION_FAILED;
    case 401:
      return ApiErrorCode.UNAUTHENTICATED;
    case 403:
      return ApiErrorCode.FORBIDDEN;
    case 404:
    case 405:
      return ApiErrorCode.NOT_FOUND;
    case 409:
      return ApiErrorCode.CONFLICT;
    case 413:
      return ApiErrorCode.PAYLOAD_TOO_LARGE;
    case 415:
      return ApiErrorCode.UNSUPPORTED_MEDIA_TYPE;
    case 422:
      return ApiErrorCode.UNPROCESSABLE;
    case 429:
      return ApiErrorCode.RATE_LIMITED;
    case 502:
    case 503:
    case 504:
      return ApiErrorCode.UNAVAILABLE;
    default:
      return null;
  }
}

/**
 * The one place errors become HTTP responses (Temporal client errors are first translated by
 * TemporalExceptionFilter). Anything unclassified is a 500 whose details stay in the log.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(ApiExceptionFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const refusal = toApiException(error);
    if (refusal) {
      const status = statusOf(refusal.code);
      if (status >= 500)
        this.logger.warn(`${refusal.message}: ${error instanceof Error ? error.message : String(error)}`);
      sendError(response, status, refusal.message, refusal.details);
      return;
    }
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    sendError(response, HttpStatus.INTERNAL_SERVER_ERROR, 'Internal server error');
  }
}
