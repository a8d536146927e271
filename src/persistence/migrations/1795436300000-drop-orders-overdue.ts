import { MigrationInterface, QueryRunner } from 'typeorm';

// The stored flag went stale as soon as a deadline passed and nothing read it; overdue is computed from
// next_deadline (src/domain/overdue.ts). Workers of the previous release still write the column: their
// projections fail, and are retried, from this migration until they are replaced.
export class DropOrdersOverdue1795436300000 implements MigrationInterface {
  name = 'DropOrdersOverdue1795436300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "orders" DROP COLUMN "overdue"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "orders" ADD "overdue" boolean NOT NULL DEFAULT false`);
  }
}
