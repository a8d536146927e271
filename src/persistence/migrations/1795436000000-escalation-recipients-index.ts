import { MigrationInterface, QueryRunner } from 'typeorm';

// GET /api/escalations narrows non-supervisors with `recipients @> '[{"userId": …}]'`; without this index
// that is a scan of every escalation ever fired on each request.
export class EscalationRecipientsIndex1795436000000 implements MigrationInterface {
  name = 'EscalationRecipientsIndex1795436000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_escalations_recipients" ON "escalations" USING gin ("recipients" jsonb_path_ops)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_escalations_recipients"`);
  }
}
