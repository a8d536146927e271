import { MigrationInterface, QueryRunner } from 'typeorm';

// The SMS sink (SMS_PROVIDER=sink): text messages kept in the database instead of sent (SmsSinkMessageEntity).
export class SmsSinkMessages1795436600000 implements MigrationInterface {
  name = 'SmsSinkMessages1795436600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "sms_sink_messages" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "recipient" character varying(32) NOT NULL, "sender" character varying(64) NOT NULL, "text" text NOT NULL, "idempotency_key" character varying(300) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_ef092dd9bdc03cb73d6d4b17251" UNIQUE ("idempotency_key"), CONSTRAINT "PK_176e6cda97b8f0aa2fbcc269eca" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_sms_sink_messages_recipient" ON "sms_sink_messages" ("recipient", "created_at") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_sms_sink_messages_recipient"`);
    await queryRunner.query(`DROP TABLE "sms_sink_messages"`);
  }
}
