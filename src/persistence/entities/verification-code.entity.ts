import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One-time codes sent by SMS before a self-service request creates an order (src/api/self-service). The
 * code itself is never stored: `code_hash` is its HMAC under a server key, bound to the row's id. Rows also
 * count the codes sent to a phone (CODES_PER_PHONE), so that limit holds across restarts and instances.
 */
@Entity({ name: 'verification_codes' })
@Index('ix_verification_codes_phone_created', ['phone', 'createdAt'])
export class VerificationCodeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** E.164. */
  @Column({ type: 'varchar', length: 32 })
  phone: string;

  /** HMAC-SHA256 hex of `${id}:${code}` under the verification key. */
  @Column({ name: 'code_hash', type: 'varchar', length: 64 })
  codeHash: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  /** Tries so far, each counted before the code is compared (MAX_WRONG_CODE_ATTEMPTS). */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** Set by the one request the code was accepted for; null again if that request failed before an order existed. */
  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  /** The order the code created, so a repeat of that request gets the same order. */
  @Column({ name: 'order_no', type: 'varchar', length: 32, nullable: true })
  orderNo: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** The client address that asked for the code (abuse investigations). */
  @Column({ name: 'requester_ip', type: 'varchar', length: 64, nullable: true })
  requesterIp: string | null;
}
