import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiException } from './api-error';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** The `Idempotency-Key` header: null when absent or empty; 400 when it is not 1–200 visible ASCII characters. */
export function checkIdempotencyKey(key: string | undefined): string | null {
  if (key === undefined || key === '') return null;
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw ApiException.validation([
      { field: 'Idempotency-Key', reasons: ['must be 1–200 visible ASCII characters'] },
    ]);
  }
  return key;
}

/** The checked `Idempotency-Key` of the request (string or null). */
export const IdempotencyKey = createParamDecorator((_data: unknown, ctx: ExecutionContext): string | null => {
  const header = ctx.switchToHttp().getRequest<Request>().headers['idempotency-key'];
  return checkIdempotencyKey(Array.isArray(header) ? header[0] : header);
});

/** The one OpenAPI declaration of the header, shared by every route that honours it. */
export function ApiIdempotencyKey() {
  return ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,200}$', maxLength: 200 },
    description:
      'Makes a retry safe: the same key again returns the first outcome and applies nothing twice. ' +
      'Intake and warranty claims: same key and same body → the same order, same key with another body → 422. ' +
      'Order commands: the first answer again (a refusal too); the same key with another body → 422. ' +
      'Keys are scoped per caller and per command. After a 503, retry with the same key.',
  });
}
