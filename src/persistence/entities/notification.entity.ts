import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** In-app inbox entry; `idempotency_key` is unique so a retried activity never adds it twice. */
@Entity({ name: 'notifications' })
@Index('ix_notifications_inbox', ['userId', 'readAt', 'createdAt'])
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'order_no', type: 'varchar', length: 32, nullable: true })
  orderNo: string | null;

  @Column({ type: 'varchar', length: 64 })
  kind: string;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 300, unique: true })
  idempotencyKey: string;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
