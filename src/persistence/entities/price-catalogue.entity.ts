import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per version of the price catalogue (src/domain/pricing.ts); the highest version is in force and
 * a priced order keeps the version it was priced with. Rows are never updated.
 */
@Entity({ name: 'price_catalogues' })
export class PriceCatalogueEntity {
  // The primary key is what stops two concurrent saves writing the same version.
  @PrimaryColumn({ type: 'int' })
  version: number;

  /** The whole `PriceCatalogueDefinition` of src/domain as JSON, amounts in minor units. */
  @Column({ type: 'jsonb' })
  definition: Record<string, unknown>;

  @Column({ name: 'created_by', type: 'varchar', length: 100, nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
