import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * The first outcome of an order command sent with an `Idempotency-Key`, so a retry gets it again even
 * where Temporal would not: Temporal forgets refused updates and knows update ids only within one run
 * (continue-as-new starts a fresh set). Accepted answers and workflow refusals are kept; 503s are not.
 */
@Entity({ name: 'order_commands' })
export class OrderCommandEntity {
  @PrimaryColumn({ name: 'order_no', type: 'varchar', length: 32 })
  orderNo: string;

  /** The Temporal update id: `${updateName}:${caller}:${key}`. */
  @PrimaryColumn({ name: 'update_id', type: 'varchar', length: 300 })
  updateId: string;

  /** sha256 hex of the canonical request body; the same key with another body is refused. */
  @Column({ name: 'request_hash', type: 'varchar', length: 64 })
  requestHash: string;

  /** 200, or the refusal's status (403, 409, 422). */
  @Column({ name: 'status_code', type: 'int' })
  statusCode: number;

  /** The order view answered, or the refusal `{code, message, details}`. */
  @Column({ type: 'jsonb' })
  outcome: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
