import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A fired step of an escalation ladder; `(order_no, stage_key, level)` makes each step fire once. */
@Entity({ name: 'escalations' })
@Unique('uq_escalations_step', ['orderNo', 'stageKey', 'level'])
@Index('ix_escalations_open', ['acknowledgedAt', 'firedAt'])
// GIN (jsonb_path_ops) on `recipients` for "escalations sent to me"; TypeORM cannot describe it, so the
// migration owns it and synchronize leaves it alone.
@Index('ix_escalations_recipients', { synchronize: false })
export class EscalationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'order_no', type: 'varchar', length: 32 })
  orderNo: string;

  @Column({ type: 'varchar', length: 40 })
  stage: string;

  /** Stage plus the occurrence it belongs to (e.g. `COMPLETION#2`, `CHASE_RESPONSE#3`). */
  @Column({ name: 'stage_key', type: 'varchar', length: 80 })
  stageKey: string;

  /** 0 is the 80% warning, 1–3 the ladder levels. */
  @Column({ type: 'int' })
  level: number;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  @Column({ name: 'fired_at', type: 'timestamptz' })
  firedAt: Date;

  /** [{userId, username, role, region, viaFallback}] */
  @Column({ type: 'jsonb' })
  recipients: Record<string, unknown>[];

  @Column({ name: 'acknowledged_by', type: 'varchar', length: 100, nullable: true })
  acknowledgedBy: string | null;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;
}
