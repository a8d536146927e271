import { MigrationInterface, QueryRunner } from 'typeorm';

export class TechnicianAssignments1795435669416 implements MigrationInterface {
  name = 'TechnicianAssignments1795435669416';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "technician_assignments" ("order_no" character varying(32) NOT NULL, "technician_id" uuid NOT NULL, "explanation" text NOT NULL DEFAULT '', "reserved_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f98c74801091e7f6a2e0181dfbf" PRIMARY KEY ("order_no"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_technician_assignments_technician" ON "technician_assignments" ("technician_id") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_technician_assignments_technician"`);
    await queryRunner.query(`DROP TABLE "technician_assignments"`);
  }
}
