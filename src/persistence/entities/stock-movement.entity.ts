import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { StockMovementKind } from '../../domain/stock';
import { PurchaseRequestEntity } from './purchase-request.entity';
import { StockLocationEntity } from './stock-location.entity';

/**
 * Every change of a stock level, written in the same transaction as the change. The signed quantity is the
 * change of one column: RECEIPT, ADJUST and BOOK_OUT of `on_hand`, RESERVE and RELEASE of `reserved`, so
 * each level is the sum of its movements. The unique `idempotency_key` makes a retried call apply nothing
 * twice.
 */
@Entity({ name: 'stock_movements' })
@Check('ck_stock_movements_kind', `"kind" IN ('RECEIPT', 'RESERVE', 'RELEASE', 'BOOK_OUT', 'ADJUST')`)
@Check('ck_stock_movements_quantity', `"quantity" <> 0`)
// An order's reservations (what it still holds) and a retried release's first outcome.
@Unique('uq_stock_movements_idempotency_key', ['idempotencyKey'])
@Index('ix_stock_movements_order', ['orderNo'])
@Index('ix_stock_movements_purchase_request', ['purchaseRequestId'])
export class StockMovementEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'location_code', type: 'varchar', length: 32 })
  locationCode: string;

  @ManyToOne(() => StockLocationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'location_code',
    referencedColumnName: 'code',
    foreignKeyConstraintName: 'fk_stock_movements_location',
  })
  location?: StockLocationEntity;

  @Column({ name: 'part_code', type: 'varchar', length: 50 })
  partCode: string;

  /** Signed: + adds to the column the kind changes, − takes from it. */
  @Column({ type: 'int' })
  quantity: number;

  @Column({ type: 'varchar', length: 16 })
  kind: StockMovementKind;

  @Column({ name: 'order_no', type: 'varchar', length: 32, nullable: true })
  orderNo: string | null;

  @Column({ name: 'purchase_request_id', type: 'uuid', nullable: true })
  purchaseRequestId: string | null;

  @ManyToOne(() => PurchaseRequestEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'purchase_request_id',
    foreignKeyConstraintName: 'fk_stock_movements_purchase_request',
  })
  purchaseRequest?: PurchaseRequestEntity;

  /** The caller's key and the part (`${key}:${partCode}`; a release adds the location). */
  @Column({ name: 'idempotency_key', type: 'varchar', length: 400 })
  idempotencyKey: string;

  /** The staff member (or null: the system) the movement was made for. */
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
