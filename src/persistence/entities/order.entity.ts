import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * Searchable read copy of an order. The workflow is the source of truth; activities write this row
 * with the workflow's `revision`, and an older revision never overwrites a newer one.
 */
@Entity({ name: 'orders' })
@Index('ix_orders_status', ['status'])
@Index('ix_orders_technician', ['technicianId'])
@Index('ix_orders_region_status', ['region', 'status'])
@Index('ix_orders_next_deadline', ['nextDeadline'])
@Index('ix_orders_created', ['createdAt', 'orderNo'])
// The list's status filter in the list's order (orders.service.ts, orderListStatement).
@Index('ix_orders_status_created', ['status', 'createdAt', 'orderNo'])
// GIN on (status, column gin_trgm_ops) for the list's `text` filter, `ILIKE %text%`, with or without a
// status; TypeORM cannot describe them, so the migration owns them and synchronize leaves them alone.
@Index('ix_orders_order_no_trgm', { synchronize: false })
@Index('ix_orders_customer_name_trgm', { synchronize: false })
@Index('ix_orders_customer_phone_trgm', { synchronize: false })
export class OrderEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'order_no', type: 'varchar', length: 32, unique: true })
  orderNo: string;

  @Column({ name: 'workflow_id', type: 'varchar', length: 64 })
  workflowId: string;

  @Column({ type: 'int', default: 0 })
  revision: number;

  @Column({ type: 'varchar', length: 32 })
  status: string;

  @Column({ type: 'varchar', length: 32 })
  type: string;

  @Column({ type: 'varchar', length: 16 })
  priority: string;

  @Column({ type: 'varchar', length: 16 })
  channel: string;

  @Column({ type: 'varchar', length: 16 })
  zone: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  region: string | null;

  @Column({ name: 'dispatch_mode', type: 'varchar', length: 16 })
  dispatchMode: string;

  @Column({ name: 'customer_name', type: 'varchar', length: 200 })
  customerName: string;

  @Column({ name: 'customer_phone', type: 'varchar', length: 50 })
  customerPhone: string;

  @Column({ name: 'fault_description', type: 'text', default: '' })
  faultDescription: string;

  @Column({ name: 'total_amount', type: 'numeric', precision: 12, scale: 2, default: 0 })
  totalAmount: string;

  @Column({ name: 'technician_id', type: 'uuid', nullable: true })
  technicianId: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  /** sha256 of the customer token; the token itself is shown once at intake. */
  @Column({ name: 'customer_token_hash', type: 'varchar', length: 64, nullable: true })
  customerTokenHash: string | null;

  @Column({ name: 'next_deadline', type: 'timestamptz', nullable: true })
  nextDeadline: Date | null;

  @Column({ name: 'escalation_level', type: 'int', default: 0 })
  escalationLevel: number;

  @Column({ name: 'rework_round', type: 'int', default: 0 })
  reworkRound: number;

  @Column({ type: 'int', nullable: true })
  rating: number | null;

  @Column({ name: 'is_warranty', type: 'boolean', default: false })
  isWarranty: boolean;

  @Column({ name: 'parent_order_no', type: 'varchar', length: 32, nullable: true })
  parentOrderNo: string | null;

  @Column({ name: 'policy_version', type: 'int' })
  policyVersion: number;

  /** Full snapshot of the workflow state at `revision` (details, deadlines, tracks) for reads and reports. */
  @Column({ type: 'jsonb' })
  snapshot: Record<string, unknown>;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
