import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const DELIVERY_CHANNELS = ['EMAIL', 'WEBHOOK', 'SMS'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

export const DELIVERY_STATUSES = ['PENDING', 'SENT', 'FAILED'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * Outbox of the e-mail and webhook channels: written with the escalation/inbox rows in one transaction,
 * sent later by the `deliver` activity. `idempotency_key` is unique per (order, stage or kind, level,
 * recipient, channel), and a SENT row is never sent again.
 */
@Entity({ name: 'notification_deliveries' })
@Index('ix_notification_deliveries_source', ['sourceKey'])
@Index('ix_notification_deliveries_status', ['status', 'createdAt'])
export class NotificationDeliveryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 300, unique: true })
  idempotencyKey: string;

  /** The escalation step or notification this row belongs to (`${orderNo}:${stageKey}:${level}` or the notify key). */
  @Column({ name: 'source_key', type: 'varchar', length: 300 })
  sourceKey: string;

  @Column({ name: 'order_no', type: 'varchar', length: 32, nullable: true })
  orderNo: string | null;

  @Column({ type: 'varchar', length: 16 })
  channel: DeliveryChannel;

  /** E-mail address, or the webhook URL. */
  @Column({ type: 'varchar', length: 2000 })
  recipient: string;

  /** The message exactly as it is sent: e-mail {to, subject, text, html, messageId}, webhook event. */
  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ type: 'varchar', length: 16, default: 'PENDING' })
  status: DeliveryStatus;

  /** Counted (and committed) before each send, so an attempt cut off by a crash still shows. */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'last_attempt_at', type: 'timestamptz', nullable: true })
  lastAttemptAt: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
