import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One row per accepted intake, written before the workflow starts. It makes `Idempotency-Key` replays
 * return the same order, and it lets the customer token be checked before the read model catches up.
 */
@Entity({ name: 'order_intakes' })
@Index('uq_order_intakes_idempotency', ['createdBy', 'idempotencyKey'], { unique: true })
export class OrderIntakeEntity {
  @PrimaryColumn({ name: 'order_no', type: 'varchar', length: 32 })
  orderNo: string;

  /** The clerk; null for a customer's own request (self-service), which has no staff creator. */
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  /** Null when the clerk sent no `Idempotency-Key`. */
  @Column({ name: 'idempotency_key', type: 'varchar', length: 200, nullable: true })
  idempotencyKey: string | null;

  /** sha256 hex of the canonical request body; a replay with another body is refused. */
  @Column({ name: 'request_hash', type: 'varchar', length: 64 })
  requestHash: string;

  /** sha256 hex of the customer token; the token itself is never stored. */
  @Column({ name: 'customer_token_hash', type: 'varchar', length: 64 })
  customerTokenHash: string;

  /** Random salt from which the token is re-derived (HMAC with the server secret) for an idempotent replay. */
  @Column({ name: 'token_nonce', type: 'varchar', length: 64 })
  tokenNonce: string;

  /** The 201 body without the customer token. */
  @Column({ type: 'jsonb' })
  response: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
