// Activities of an order's parts (docs/stock.md): reserve what its parts request asks for, opening purchase
// requests for what the shelf lacks; book out what the work used; give back what is left. Each is one call
// of src/persistence/stock.ts, whose idempotency keys make a retried activity change nothing twice.
import { ApplicationFailure } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import { missingLines, type Shortfall, type StockLine } from '../domain/stock';
import {
  bookOut,
  cancelPurchaseRequests,
  openPurchaseRequests,
  releaseReservation,
  reserveParts,
  StockRefusal,
  type BookOutOutcome,
} from '../persistence/stock';

export interface StockActivitiesDeps {
  dataSource: DataSource;
}

export interface OrderPartsInput {
  orderNo: string;
  /** Names the call: the same key always answers the first outcome. */
  key: string;
  locationCode: string;
  lines: StockLine[];
  /** Who asked (the technician), for the movement rows; null: the order itself. */
  actorId: string | null;
}

export type OrderPartsReservation =
  | { kind: 'RESERVED'; lines: StockLine[] }
  /** Nothing reserved; a purchase request is open for each missing part. */
  | { kind: 'SHORTFALL'; shortfall: Shortfall[]; purchaseRequestIds: string[] };

/**
 * A refusal of the stock tables (a bad code, an unknown location) is the same on every retry: it fails the
 * activity for good, so the order is not held by retries; database trouble is retried.
 */
async function refusalsFinal<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StockRefusal) throw ApplicationFailure.nonRetryable(error.message, error.reason);
    throw error;
  }
}

export function createStockActivities({ dataSource }: StockActivitiesDeps) {
  return {
    /** 领用, or 申请配件 when the shelf is short: all lines reserved, or none and the missing ones requested. */
    reserveOrderParts: (input: OrderPartsInput): Promise<OrderPartsReservation> =>
      refusalsFinal(async () => {
        const outcome = await reserveParts(dataSource, {
          orderNo: input.orderNo,
          locationCode: input.locationCode,
          lines: input.lines,
          idempotencyKey: input.key,
          actorId: input.actorId,
        });
        if (outcome.kind === 'RESERVED') return { kind: 'RESERVED', lines: outcome.lines };
        const requests = await openPurchaseRequests(dataSource, {
          orderNo: input.orderNo,
          locationCode: input.locationCode,
          lines: missingLines(outcome.shortfall),
          actorId: input.actorId,
        });
        return {
          kind: 'SHORTFALL',
          shortfall: outcome.shortfall,
          purchaseRequestIds: requests.map((request) => request.id),
        };
      }),

    /** 仓库下账 at completion, then what the order still holds goes back to free stock. */
    bookOutOrderParts: (input: OrderPartsInput): Promise<BookOutOutcome | null> =>
      refusalsFinal(async () => {
        const booked =
          input.lines.length > 0
            ? await bookOut(dataSource, {
                orderNo: input.orderNo,
                locationCode: input.locationCode,
                lines: input.lines,
                idempotencyKey: input.key,
                actorId: input.actorId,
              })
            : null;
        // Short: nothing was booked out, so the order keeps what it holds for the supervisor to sort out.
        if (booked?.kind === 'SHORTFALL') return booked;
        await releaseReservation(dataSource, {
          orderNo: input.orderNo,
          idempotencyKey: `${input.key}:left-over`,
          actorId: input.actorId,
        });
        return booked;
      }),

    /** The order will not use its parts (quote declined, order cancelled): reservations and requests end. */
    async releaseOrderParts(input: Pick<OrderPartsInput, 'orderNo' | 'key' | 'actorId'>): Promise<void> {
      await releaseReservation(dataSource, {
        orderNo: input.orderNo,
        idempotencyKey: input.key,
        actorId: input.actorId,
      });
      await cancelPurchaseRequests(dataSource.manager, { orderNo: input.orderNo });
    },
  };
}

export type StockActivities = ReturnType<typeof createStockActivities>;
