// The stored first outcome of keyed order commands (OrderCommandEntity). Temporal dedupes a keyed update
// by its id only while it is accepted or done in the same run; this row covers refusals and later runs.
import type { DataSource } from 'typeorm';
import { OrderCommandEntity } from '../../persistence/entities';
import type { OrderView } from '../../workflows/service-order/service-order.messages';
import { ApiErrorCode, ApiException } from '../common/api-error';
import { statusOf } from '../common/api-exception.filter';
import type { Principal } from '../common/principal';

/**
 * Temporal update id of a keyed command: per command and per caller, so equal keys of two callers or of
 * two commands never meet. At most 32 + 36 + 200 + 2 characters, far below Temporal's 1000.
 */
export function commandUpdateId(updateName: string, principal: Principal, key: string): string {
  const caller = principal.kind === 'staff' ? principal.userId : 'customer';
  return `${updateName}:${caller}:${key}`;
}

export type StoredOutcome = { view: OrderView } | { refusal: ApiException };

interface RefusalRecord {
  code: ApiErrorCode;
  message: string;
  details?: unknown;
}

/** The first outcome of this command, or null; the same key with another body is refused (422). */
export async function findOutcome(
  dataSource: DataSource,
  orderNo: string,
  updateId: string,
  requestHash: string,
): Promise<StoredOutcome | null> {
  const row = await dataSource.getRepository(OrderCommandEntity).findOne({ where: { orderNo, updateId } });
  if (!row) return null;
  if (row.requestHash !== requestHash) {
    throw new ApiException(
      ApiErrorCode.IDEMPOTENCY_KEY_REUSED,
      'This Idempotency-Key was used for this command with a different request body',
      { orderNo },
    );
  }
  if (row.statusCode === 200) return { view: row.outcome as unknown as OrderView };
  const refusal = row.outcome as unknown as RefusalRecord;
  return { refusal: new ApiException(refusal.code, refusal.message, refusal.details) };
}

/** Keeps the first outcome; a concurrent retry that stored one already wins. */
export async function recordOutcome(
  dataSource: DataSource,
  orderNo: string,
  updateId: string,
  requestHash: string,
  outcome: StoredOutcome,
): Promise<void> {
  const record =
    'view' in outcome
      ? { statusCode: 200, outcome: outcome.view as unknown as Record<string, unknown> }
      : {
          statusCode: statusOf(outcome.refusal.code),
          outcome: {
            code: outcome.refusal.code,
            message: outcome.refusal.message,
            ...(outcome.refusal.details === undefined ? {} : { details: outcome.refusal.details }),
          },
        };
  await dataSource.query(
    `INSERT INTO order_commands (order_no, update_id, request_hash, status_code, outcome)
     VALUES ($1, $2, $3, $4, $5::jsonb) ON CONFLICT DO NOTHING`,
    [orderNo, updateId, requestHash, record.statusCode, JSON.stringify(record.outcome)],
  );
}
