import { MigrationInterface, QueryRunner } from 'typeorm';

export class ApiIntakeAndAccessLog1795435246769 implements MigrationInterface {
  name = 'ApiIntakeAndAccessLog1795435246769';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "order_access_log" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "order_no" character varying(32) NOT NULL, "user_id" uuid NOT NULL, "username" character varying(100) NOT NULL, "roles" character varying(200) NOT NULL, "action" character varying(32) NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f4126c52e2b0423dd277d15dcf6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_order_access_log_user" ON "order_access_log" ("user_id", "at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_order_access_log_order" ON "order_access_log" ("order_no", "at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "order_intakes" ("order_no" character varying(32) NOT NULL, "created_by" uuid NOT NULL, "idempotency_key" character varying(200), "request_hash" character varying(64) NOT NULL, "customer_token_hash" character varying(64) NOT NULL, "token_nonce" character varying(64) NOT NULL, "response" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_858d076f568affa7fc4da093883" PRIMARY KEY ("order_no"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_order_intakes_idempotency" ON "order_intakes" ("created_by", "idempotency_key") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_order_intakes_idempotency"`);
    await queryRunner.query(`DROP TABLE "order_intakes"`);
    await queryRunner.query(`DROP INDEX "public"."ix_order_access_log_order"`);
    await queryRunner.query(`DROP INDEX "public"."ix_order_access_log_user"`);
    await queryRunner.query(`DROP TABLE "order_access_log"`);
  }
}
