import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse } from '@nestjs/swagger';
import { ErrorBodyDto, errorBody, RETRY_AFTER_SECONDS, UnavailableErrorBodyDto } from './error-body';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed request: `details` names each bad field and why',
  401: 'No bearer token, or an invalid or expired one',
  403: 'The role or ownership does not allow this',
  404: 'No such resource',
  409: 'Not allowed in the current state: `details` gives the status and the actions allowed now',
  413: 'The request body is too large',
  422: 'Well-formed but refused (idempotency key reused with another body, invalid business input)',
  429: 'Too many attempts; wait and retry',
  503:
    'Temporal or the database is unreachable or did not answer in time. Retry after `Retry-After` seconds; on ' +
    'commands and intake `details` says whether it may have been applied, and a retry with the same ' +
    '`Idempotency-Key` applies nothing twice',
};

/** What an error body of this status looks like (a response's example: its statusCode is the response's code). */
const EXAMPLES: Record<number, ErrorBodyDto> = {
  400: errorBody(400, 'Invalid request: customer.phone', [
    { field: 'customer.phone', reasons: ['customer.phone must be a string'] },
  ]),
  401: errorBody(401, 'A valid bearer token is required'),
  403: errorBody(403, 'This needs one of the roles: admin'),
  404: errorBody(404, 'No such resource'),
  409: errorBody(409, 'review is not allowed in status PENDING_DISPATCH', {
    status: 'PENDING_DISPATCH',
    allowedActions: ['assign', 'cancel'],
  }),
  413: errorBody(413, 'The request body is too large'),
  422: errorBody(422, 'This Idempotency-Key was used with a different request body'),
  429: errorBody(429, 'Too many attempts; retry later'),
  503: errorBody(503, 'Temporal did not answer in time; the command may still be applied', {
    mayHaveBeenApplied: true,
    retryWithSameIdempotencyKey: true,
  }),
};

/** The example error body of a status, optionally with the message of a particular endpoint. */
export function errorExample(status: number, message?: string): ErrorBodyDto {
  const example = EXAMPLES[status] ?? errorBody(status, 'Error');
  return message === undefined ? example : { ...example, message };
}

/** Documents the error responses of an endpoint, all with the shared error body. */
export function ApiErrors(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((status) =>
      status === 503
        ? ApiResponse({
            status,
            description: DESCRIPTIONS[status],
            type: UnavailableErrorBodyDto,
            example: errorExample(status),
            headers: {
              'Retry-After': {
                description: `Seconds to wait before retrying (${RETRY_AFTER_SECONDS})`,
                schema: { type: 'integer' },
              },
            },
          })
        : ApiResponse({
            status,
            description: DESCRIPTIONS[status] ?? 'Error',
            type: ErrorBodyDto,
            example: errorExample(status),
          }),
    ),
  );
}

/** A protected endpoint: bearer auth plus the errors every protected endpoint can answer. */
export function ApiProtected(...statuses: number[]) {
  return applyDecorators(ApiBearerAuth(), ApiErrors(401, 403, 503, ...statuses));
}
