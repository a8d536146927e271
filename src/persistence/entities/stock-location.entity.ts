import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import type { StockLocationKind } from '../../domain/stock';
import { UserEntity } from './user.entity';

/** Where parts are kept (docs/stock.md): a warehouse, or a technician's van. */
@Entity({ name: 'stock_locations' })
@Check('ck_stock_locations_kind', `"kind" IN ('WAREHOUSE', 'VAN')`)
// A van belongs to exactly one technician; a warehouse to nobody.
@Check('ck_stock_locations_van_technician', `("kind" = 'VAN') = ("technician_id" IS NOT NULL)`)
// One van per technician, so "the technician's van" is one row.
@Index('ux_stock_locations_technician', ['technicianId'], { unique: true })
export class StockLocationEntity {
  /** `MAIN`, `VAN-ZHANG` (LOCATION_CODE_PATTERN). */
  @PrimaryColumn({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 16 })
  kind: StockLocationKind;

  @Column({ name: 'technician_id', type: 'uuid', nullable: true })
  technicianId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'technician_id', foreignKeyConstraintName: 'fk_stock_locations_technician' })
  technician?: UserEntity;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** False: no receipts or reservations any more; its history stays. */
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
