import { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationDeliveries1795435297207 implements MigrationInterface {
  name = 'NotificationDeliveries1795435297207';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notification_deliveries" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "idempotency_key" character varying(300) NOT NULL, "source_key" character varying(300) NOT NULL, "order_no" character varying(32), "channel" character varying(16) NOT NULL, "recipient" character varying(2000) NOT NULL, "payload" jsonb NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'PENDING', "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "sent_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_0f0b5248920f27f6ba9f47d1b55" UNIQUE ("idempotency_key"), CONSTRAINT "PK_81daeff81f237bd384f7cfc4a4c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_notification_deliveries_status" ON "notification_deliveries" ("status", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_notification_deliveries_source" ON "notification_deliveries" ("source_key") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_notification_deliveries_source"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notification_deliveries_status"`);
    await queryRunner.query(`DROP TABLE "notification_deliveries"`);
  }
}
