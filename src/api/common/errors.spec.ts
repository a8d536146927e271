import { ApplicationFailure, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ORDER_FAILURE } from '../../workflows/service-order/service-order.messages';
import { ApiErrorCode } from './api-error';
import { statusOf, toApiException } from './api-exception.filter';
import { fromTemporalError } from './temporal-errors';

describe(fromTemporalError.name, () => {
  const refused = (type: string, details: unknown) =>
    new WorkflowUpdateFailedError(
      'update failed',
      ApplicationFailure.create({ type, message: 'no', details: [details] }),
    );

  it.each([
    [ORDER_FAILURE.ACTION_NOT_ALLOWED, 409],
    [ORDER_FAILURE.FORBIDDEN, 403],
    [ORDER_FAILURE.INVALID_INPUT, 422],
  ])('maps an update refused with %s to %i', (type, status) => {
    const mapped = fromTemporalError(
      refused(type, { status: 'ASSIGNED', allowedActions: ['TECHNICIAN_ACCEPT'] }),
    );
    expect(mapped && statusOf(mapped.code)).toBe(status);
  });

  it('puts the current status and the allowed actions in the 409 details', () => {
    const mapped = fromTemporalError(
      refused(ORDER_FAILURE.ACTION_NOT_ALLOWED, { status: 'ASSIGNED', allowedActions: ['CANCEL'] }),
    );
    expect(mapped?.details).toEqual({ status: 'ASSIGNED', allowedActions: ['CANCEL'] });
  });

  it('maps not found to 404 and already started to 409', () => {
    expect(fromTemporalError(new WorkflowNotFoundError('gone', 'order-x', undefined))?.code).toBe(
      ApiErrorCode.NOT_FOUND,
    );
    expect(
      fromTemporalError(new WorkflowExecutionAlreadyStartedError('dup', 'order-x', 'serviceOrder'))?.code,
    ).toBe(ApiErrorCode.CONFLICT);
  });

  it('maps an unreachable server to 503', () => {
    const grpc = Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 });
    expect(fromTemporalError(grpc)?.code).toBe(ApiErrorCode.UNAVAILABLE);
  });
});

describe(toApiException.name, () => {
  it.each([
    [{ type: 'entity.parse.failed', message: 'Unexpected token' }, 400],
    [{ type: 'entity.too.large', message: 'too large' }, 413],
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), 503],
  ])('maps %p to %i', (error, status) => {
    const mapped = toApiException(error);
    expect(mapped && statusOf(mapped.code)).toBe(status);
  });

  it('leaves a programming error unclassified (a 500)', () => {
    expect(toApiException(new TypeError('x is undefined'))).toBeNull();
  });

  it('gives every code a status', () => {
    for (const code of Object.values(ApiErrorCode)) expect(statusOf(code)).toBeGreaterThanOrEqual(400);
  });
});
