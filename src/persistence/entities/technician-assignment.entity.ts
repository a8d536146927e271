import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The authoritative count of a technician's open orders: one row per order while a technician holds it.
 * Written by the `reserveTechnician` activity under a row lock on the technician (so capacity holds when
 * many orders are dispatched at once) and deleted when the order leaves the technician (decline, timeout,
 * reassignment, completion, cancellation).
 */
@Entity({ name: 'technician_assignments' })
@Index('ix_technician_assignments_technician', ['technicianId'])
export class TechnicianAssignmentEntity {
  @PrimaryColumn({ name: 'order_no', type: 'varchar', length: 32 })
  orderNo: string;

  @Column({ name: 'technician_id', type: 'uuid' })
  technicianId: string;

  /** The scoring explanation that chose this technician (or `named by …` for a manual choice). */
  @Column({ type: 'text', default: '' })
  explanation: string;

  @CreateDateColumn({ name: 'reserved_at', type: 'timestamptz' })
  reservedAt: Date;
}
