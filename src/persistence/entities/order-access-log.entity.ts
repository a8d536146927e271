import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Who read which order when (staff reads of an order or its timeline), for audits of personal data access. */
@Entity({ name: 'order_access_log' })
@Index('ix_order_access_log_order', ['orderNo', 'at'])
@Index('ix_order_access_log_user', ['userId', 'at'])
export class OrderAccessLogEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'order_no', type: 'varchar', length: 32 })
  orderNo: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 100 })
  username: string;

  /** The roles the reader held, comma-separated. */
  @Column({ type: 'varchar', length: 200 })
  roles: string;

  /** `VIEW_ORDER` or `VIEW_TIMELINE`. */
  @Column({ type: 'varchar', length: 32 })
  action: string;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;
}
