import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Text messages "sent" with SMS_PROVIDER=sink: kept here instead of going to a gateway, for development,
 * the browser tests and the demo (GET /api/dev/sms-sink). One row per idempotency key, so a retried
 * delivery shows as one message, as a deduping gateway would deliver it.
 */
@Entity({ name: 'sms_sink_messages' })
@Index('ix_sms_sink_messages_recipient', ['recipient', 'createdAt'])
export class SmsSinkMessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** E.164 phone number. */
  @Column({ type: 'varchar', length: 32 })
  recipient: string;

  /** SMS_SENDER at the time of sending. */
  @Column({ type: 'varchar', length: 64 })
  sender: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 300, unique: true })
  idempotencyKey: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
