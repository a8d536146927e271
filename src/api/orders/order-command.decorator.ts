import { applyDecorators, HttpCode } from '@nestjs/common';
import { ApiProtected } from '../common/api-errors.decorator';
import { ApiIdempotencyKey } from '../common/idempotency';

export const COMMAND_ERRORS = [400, 404, 409, 422] as const;

/** An order command route: 200 with the new state, `Idempotency-Key` honoured, the command errors. */
export const OrderCommand = () =>
  applyDecorators(HttpCode(200), ApiIdempotencyKey(), ApiProtected(...COMMAND_ERRORS));
