import { MigrationInterface, QueryRunner } from 'typeorm';

// When the last send attempt began; attempts are now counted before the send (docs/notifications.md).
export class DeliveryLastAttempt1795436100000 implements MigrationInterface {
  name = 'DeliveryLastAttempt1795436100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "notification_deliveries" ADD "last_attempt_at" TIMESTAMP WITH TIME ZONE`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification_deliveries" DROP COLUMN "last_attempt_at"`);
  }
}
