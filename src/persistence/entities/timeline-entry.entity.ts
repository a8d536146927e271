import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** One recorded transition or event of an order; `(order_no, seq)` makes retried writes no-ops. */
@Entity({ name: 'order_timeline' })
@Unique('uq_order_timeline_seq', ['orderNo', 'seq'])
@Index('ix_order_timeline_at', ['orderNo', 'at'])
export class TimelineEntryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'order_no', type: 'varchar', length: 32 })
  orderNo: string;

  @Column({ type: 'int' })
  seq: number;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ name: 'actor_id', type: 'varchar', length: 100, nullable: true })
  actorId: string | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 32 })
  actorRole: string;

  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ name: 'from_status', type: 'varchar', length: 32, nullable: true })
  fromStatus: string | null;

  @Column({ name: 'to_status', type: 'varchar', length: 32, nullable: true })
  toStatus: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details: Record<string, unknown>;
}
