import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { PurchaseRequestStatus } from '../../domain/stock';
import { StockLocationEntity } from './stock-location.entity';

/**
 * 申请配件: parts an order needs that were not in stock, to arrive at `location_code`. OPEN until receipts
 * naming it cover `quantity` (RECEIVED), or CANCELLED.
 */
@Entity({ name: 'purchase_requests' })
@Check('ck_purchase_requests_status', `"status" IN ('OPEN', 'RECEIVED', 'CANCELLED')`)
@Check('ck_purchase_requests_quantity', `"quantity" > 0 AND "received_quantity" >= 0`)
// One open request per order, part and location: asking again raises it, never doubles it.
@Index('ux_purchase_requests_open', ['orderNo', 'partCode', 'locationCode'], {
  unique: true,
  where: `"status" = 'OPEN'`,
})
@Index('ix_purchase_requests_order', ['orderNo'])
@Index('ix_purchase_requests_status_created', ['status', 'createdAt'])
export class PurchaseRequestEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'order_no', type: 'varchar', length: 32 })
  orderNo: string;

  @Column({ name: 'part_code', type: 'varchar', length: 50 })
  partCode: string;

  @Column({ type: 'int' })
  quantity: number;

  /** Units booked in against this request so far (deliveries may come in parts). */
  @Column({ name: 'received_quantity', type: 'int', default: 0 })
  receivedQuantity: number;

  /** Where the parts should arrive. */
  @Column({ name: 'location_code', type: 'varchar', length: 32 })
  locationCode: string;

  @ManyToOne(() => StockLocationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'location_code',
    referencedColumnName: 'code',
    foreignKeyConstraintName: 'fk_purchase_requests_location',
  })
  location?: StockLocationEntity;

  @Column({ type: 'varchar', length: 16, default: 'OPEN' })
  status: PurchaseRequestStatus;

  @Column({ name: 'requested_by', type: 'uuid', nullable: true })
  requestedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'received_at', type: 'timestamptz', nullable: true })
  receivedAt: Date | null;
}
