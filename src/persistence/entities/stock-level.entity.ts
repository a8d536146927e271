import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { StockLocationEntity } from './stock-location.entity';

/**
 * How many of a part a location holds and how many of those are promised to orders. Only conditional
 * UPDATEs change it (src/persistence/stock.ts); the CHECKs are the second wall: no statement, however
 * written, leaves stock below zero or reserves more than is on hand.
 */
@Entity({ name: 'stock_levels' })
@Check('ck_stock_levels_on_hand', `"on_hand" >= 0`)
@Check('ck_stock_levels_reserved', `"reserved" >= 0`)
@Check('ck_stock_levels_reserved_on_hand', `"reserved" <= "on_hand"`)
// GET /api/stock?partCode=…: where a part is (the key already serves a location's parts).
@Index('ix_stock_levels_part', ['partCode'])
export class StockLevelEntity {
  @PrimaryColumn({ name: 'location_code', type: 'varchar', length: 32 })
  locationCode: string;

  @ManyToOne(() => StockLocationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'location_code',
    referencedColumnName: 'code',
    foreignKeyConstraintName: 'fk_stock_levels_location',
  })
  location?: StockLocationEntity;

  @PrimaryColumn({ name: 'part_code', type: 'varchar', length: 50 })
  partCode: string;

  @Column({ name: 'on_hand', type: 'int', default: 0 })
  onHand: number;

  @Column({ type: 'int', default: 0 })
  reserved: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
