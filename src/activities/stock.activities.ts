// Activities of an order's parts (docs/stock.md): reserve what its parts request asks for, opening purchase
// requests for what the shelf lacks; book out what the work used; give back what is left. Each is one call
// of src/persistence/stock.ts, whose idempotency keys make a retried activity change nothing twice.
import type { DataSource } from 'typeorm';
import { missingLines, type Shortfall, type StockLine } from '../domain/stock';
import {
  bookOut,
  cancelPurchaseRequests,
  openPurchaseRequests,
  releaseReservation,
  reserveParts,
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

export function createStockActivities({ dataSource }: StockActivitiesDeps) {
  return {
    /** 领用, or 申请配件 when the shelf is short: all lines reserved, or none and the missing ones requested. */
    async reserveOrderParts(input: OrderPartsInput): Promise<OrderPartsReservation> {
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
    },

    /** 仓库下账 at completion, then what the order still holds goes back to free stock. */
    async bookOutOrderParts(input: OrderPartsInput): Promise<BookOutOutcome | null> {
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
      await releaseReservation(dataSource, {
        orderNo: input.orderNo,
        idempotencyKey: `${input.key}:left-over`,
        actorId: input.actorId,
      });
      return booked;
    },

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
