import { MigrationInterface, QueryRunner } from 'typeorm';

// Self-service requests (VerificationCodeEntity): the one-time codes sent by SMS. Orders a customer files
// themselves have no staff member as their creator, so order_intakes.created_by becomes nullable.
export class VerificationCodes1795436700000 implements MigrationInterface {
  name = 'VerificationCodes1795436700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "verification_codes" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "phone" character varying(32) NOT NULL, "code_hash" character varying(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "used_at" TIMESTAMP WITH TIME ZONE, "order_no" character varying(32), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "requester_ip" character varying(64), CONSTRAINT "PK_18741b6b8bf1680dbf5057421d7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_verification_codes_phone_created" ON "verification_codes" ("phone", "created_at") `,
    );
    await queryRunner.query(`ALTER TABLE "order_intakes" ALTER COLUMN "created_by" DROP NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Self-service intakes have no creator to put back; their orders stay, only these rows go.
    await queryRunner.query(`DELETE FROM "order_intakes" WHERE "created_by" IS NULL`);
    await queryRunner.query(`ALTER TABLE "order_intakes" ALTER COLUMN "created_by" SET NOT NULL`);
    await queryRunner.query(`DROP INDEX "public"."ix_verification_codes_phone_created"`);
    await queryRunner.query(`DROP TABLE "verification_codes"`);
  }
}
