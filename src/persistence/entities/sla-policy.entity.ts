import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** One row per version of an order type's policy; the newest version is in force, orders snapshot theirs. */
@Entity({ name: 'sla_policies' })
@Unique('uq_sla_policies_type_version', ['orderType', 'version'])
export class SlaPolicyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'order_type', type: 'varchar', length: 40 })
  orderType: string;

  @Column({ type: 'int' })
  version: number;

  /** The whole `SlaPolicy` of src/domain as JSON. */
  @Column({ type: 'jsonb' })
  definition: Record<string, unknown>;

  @Column({ name: 'created_by', type: 'varchar', length: 100, nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
