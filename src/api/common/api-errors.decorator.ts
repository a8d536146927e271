import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse } from '@nestjs/swagger';
import { ErrorBodyDto, RETRY_AFTER_SECONDS, UnavailableErrorBodyDto } from './error-body';

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

/** Documents the error responses of an endpoint, all with the shared error body. */
export function ApiErrors(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((status) =>
      status === 503
        ? ApiResponse({
            status,
            description: DESCRIPTIONS[status],
            type: UnavailableErrorBodyDto,
            headers: {
              'Retry-After': {
                description: `Seconds to wait before retrying (${RETRY_AFTER_SECONDS})`,
                schema: { type: 'integer' },
              },
            },
          })
        : ApiResponse({ status, description: DESCRIPTIONS[status] ?? 'Error', type: ErrorBodyDto }),
    ),
  );
}

/** A protected endpoint: bearer auth plus the errors every protected endpoint can answer. */
export function ApiProtected(...statuses: number[]) {
  return applyDecorators(ApiBearerAuth(), ApiErrors(401, 403, 503, ...statuses));
}
