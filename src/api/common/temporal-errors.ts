import {
  ApplicationFailure,
  QueryRejectedError,
  ServiceError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ORDER_FAILURE, type RefusalDetails } from '../../workflows/service-order/service-order.messages';
import { ApiErrorCode, ApiException } from './api-error';
import { isUnreachable } from './api-exception.filter';

export const TEMPORAL_ERRORS = [
  WorkflowUpdateFailedError,
  WorkflowNotFoundError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  QueryRejectedError,
  ServiceError,
] as const;

/** `details` of a 503 to a command: whether it may have been applied, and how to retry safely. */
export interface UnavailableDetails {
  /** False only when the command is known not to have reached Temporal (e.g. connection refused). */
  mayHaveBeenApplied: boolean;
  /** A retry with the same Idempotency-Key returns the first outcome and applies nothing twice. */
  retryWithSameIdempotencyKey: true;
}

export function commandUnavailable(message: string, mayHaveBeenApplied: boolean): ApiException {
  const details: UnavailableDetails = { mayHaveBeenApplied, retryWithSameIdempotencyKey: true };
  return new ApiException(ApiErrorCode.UNAVAILABLE, message, details);
}

/**
 * A failed command call as the API answers it: refusals as they are, anything that means "Temporal did
 * not answer" as a 503 that says whether the command may have been applied; null when not understood.
 */
export function fromCommandError(error: unknown, mayHaveReachedServer: boolean): ApiException | null {
  const refusal = fromTemporalError(error);
  if (refusal && refusal.code !== ApiErrorCode.UNAVAILABLE) return refusal;
  if (!refusal && !isUnreachable(error)) return null;
  return commandUnavailable(
    mayHaveReachedServer
      ? 'Temporal did not answer in time; the command may still be applied. Retry with the same Idempotency-Key'
      : 'Temporal is unreachable; the command was not sent. Retry shortly',
    mayHaveReachedServer,
  );
}

function refusalDetails(failure: ApplicationFailure): Partial<RefusalDetails> {
  const first = failure.details?.[0];
  return typeof first === 'object' && first !== null ? (first as Partial<RefusalDetails>) : {};
}

/** Maps a Temporal client error to the API's refusal (SPEC §5); null when it is not one we understand. */
export function fromTemporalError(error: unknown): ApiException | null {
  if (error instanceof WorkflowUpdateFailedError) {
    const cause = error.cause;
    if (cause instanceof ApplicationFailure) {
      const details = refusalDetails(cause);
      const message = cause.message || error.message;
      switch (cause.type) {
        case ORDER_FAILURE.ACTION_NOT_ALLOWED:
          return new ApiException(ApiErrorCode.ACTION_NOT_ALLOWED, message, {
            status: details.status,
            allowedActions: details.allowedActions ?? [],
          });
        case ORDER_FAILURE.FORBIDDEN:
          return new ApiException(ApiErrorCode.FORBIDDEN, message);
        case ORDER_FAILURE.INVALID_INPUT:
          return new ApiException(ApiErrorCode.UNPROCESSABLE, message, {
            field: details.field,
            status: details.status,
            allowedActions: details.allowedActions,
          });
        default:
          return new ApiException(ApiErrorCode.UNPROCESSABLE, message);
      }
    }
    return null;
  }
  if (error instanceof WorkflowNotFoundError) {
    return new ApiException(ApiErrorCode.NOT_FOUND, 'No such order');
  }
  if (error instanceof WorkflowExecutionAlreadyStartedError) {
    return new ApiException(ApiErrorCode.CONFLICT, `The order workflow ${error.workflowId} already exists`);
  }
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    return new ApiException(
      ApiErrorCode.UNAVAILABLE,
      'The order did not answer in time; the command may still be applied, check the order',
    );
  }
  if (error instanceof QueryRejectedError) {
    return new ApiException(ApiErrorCode.CONFLICT, 'The order cannot answer queries in its current state');
  }
  if (isUnreachable(error) || error instanceof ServiceError) {
    return new ApiException(ApiErrorCode.UNAVAILABLE, 'Temporal is unreachable; try again shortly');
  }
  return null;
}
