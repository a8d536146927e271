import { MigrationInterface, QueryRunner } from 'typeorm';

// First outcomes of order commands sent with an Idempotency-Key (OrderCommandEntity).
export class OrderCommands1795436200000 implements MigrationInterface {
  name = 'OrderCommands1795436200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "order_commands" ("order_no" character varying(32) NOT NULL, "update_id" character varying(300) NOT NULL, "request_hash" character varying(64) NOT NULL, "status_code" integer NOT NULL, "outcome" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4bc1bbaf927e571139a2f4a0fe0" PRIMARY KEY ("order_no", "update_id"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "order_commands"`);
  }
}
