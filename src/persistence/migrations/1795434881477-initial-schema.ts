import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795434881477 implements MigrationInterface {
  name = 'InitialSchema1795434881477';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "business_calendars" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "name" character varying(100) NOT NULL, "definition" jsonb NOT NULL, "version" integer NOT NULL DEFAULT '1', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_7cfb4388d070268e92a75dc72bc" UNIQUE ("name"), CONSTRAINT "PK_5824d9553787220e55e159fa16b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "escalations" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "order_no" character varying(32) NOT NULL, "stage" character varying(40) NOT NULL, "stage_key" character varying(80) NOT NULL, "level" integer NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "fired_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recipients" jsonb NOT NULL, "acknowledged_by" character varying(100), "acknowledged_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "uq_escalations_step" UNIQUE ("order_no", "stage_key", "level"), CONSTRAINT "PK_652a394609addaa4b0f2b3032a1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_escalations_open" ON "escalations" ("acknowledged_at", "fired_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "user_id" uuid NOT NULL, "order_no" character varying(32), "kind" character varying(64) NOT NULL, "title" character varying(300) NOT NULL, "body" text NOT NULL, "idempotency_key" character varying(300) NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_5af2abaf70226e88b27ae3b6391" UNIQUE ("idempotency_key"), CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_notifications_inbox" ON "notifications" ("user_id", "read_at", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "order_number_counters" ("day" date NOT NULL, "last_value" integer NOT NULL, CONSTRAINT "PK_682da97bee900bb6f56221ac0fc" PRIMARY KEY ("day"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "orders" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "order_no" character varying(32) NOT NULL, "workflow_id" character varying(64) NOT NULL, "revision" integer NOT NULL DEFAULT '0', "status" character varying(32) NOT NULL, "type" character varying(32) NOT NULL, "priority" character varying(16) NOT NULL, "channel" character varying(16) NOT NULL, "zone" character varying(16) NOT NULL, "region" character varying(100), "dispatch_mode" character varying(16) NOT NULL, "customer_name" character varying(200) NOT NULL, "customer_phone" character varying(50) NOT NULL, "fault_description" text NOT NULL DEFAULT '', "total_amount" numeric(12,2) NOT NULL DEFAULT '0', "technician_id" uuid, "created_by" uuid, "customer_token_hash" character varying(64), "next_deadline" TIMESTAMP WITH TIME ZONE, "escalation_level" integer NOT NULL DEFAULT '0', "overdue" boolean NOT NULL DEFAULT false, "rework_round" integer NOT NULL DEFAULT '0', "rating" integer, "is_warranty" boolean NOT NULL DEFAULT false, "parent_order_no" character varying(32), "policy_version" integer NOT NULL, "snapshot" jsonb NOT NULL, "completed_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_035026a83bef9740d7ad05df383" UNIQUE ("order_no"), CONSTRAINT "PK_710e2d4957aa5878dfe94e4ac2f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_orders_created" ON "orders" ("created_at", "order_no") `);
    await queryRunner.query(`CREATE INDEX "ix_orders_next_deadline" ON "orders" ("next_deadline") `);
    await queryRunner.query(`CREATE INDEX "ix_orders_region_status" ON "orders" ("region", "status") `);
    await queryRunner.query(`CREATE INDEX "ix_orders_technician" ON "orders" ("technician_id") `);
    await queryRunner.query(`CREATE INDEX "ix_orders_status" ON "orders" ("status") `);
    await queryRunner.query(
      `CREATE TABLE "sla_policies" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "order_type" character varying(40) NOT NULL, "version" integer NOT NULL, "definition" jsonb NOT NULL, "created_by" character varying(100), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_sla_policies_type_version" UNIQUE ("order_type", "version"), CONSTRAINT "PK_41b6803cef982534243a67b6302" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "order_timeline" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "order_no" character varying(32) NOT NULL, "seq" integer NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_id" character varying(100), "actor_role" character varying(32) NOT NULL, "action" character varying(64) NOT NULL, "from_status" character varying(32), "to_status" character varying(32), "details" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "uq_order_timeline_seq" UNIQUE ("order_no", "seq"), CONSTRAINT "PK_e6c8ff4a57760022bbf838d2a73" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_order_timeline_at" ON "order_timeline" ("order_no", "at") `);
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "username" character varying(100) NOT NULL, "password_hash" character varying(200) NOT NULL, "display_name" character varying(200) NOT NULL, "email" character varying(320), "roles" text array NOT NULL, "region" character varying(100), "skills" text array NOT NULL DEFAULT '{}', "capacity" integer NOT NULL DEFAULT '0', "lat" double precision, "lng" double precision, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_fe0bb3f6520ee0469504521e710" UNIQUE ("username"), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP INDEX "public"."ix_order_timeline_at"`);
    await queryRunner.query(`DROP TABLE "order_timeline"`);
    await queryRunner.query(`DROP TABLE "sla_policies"`);
    await queryRunner.query(`DROP INDEX "public"."ix_orders_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_orders_technician"`);
    await queryRunner.query(`DROP INDEX "public"."ix_orders_region_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_orders_next_deadline"`);
    await queryRunner.query(`DROP INDEX "public"."ix_orders_created"`);
    await queryRunner.query(`DROP TABLE "orders"`);
    await queryRunner.query(`DROP TABLE "order_number_counters"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notifications_inbox"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
    await queryRunner.query(`DROP INDEX "public"."ix_escalations_open"`);
    await queryRunner.query(`DROP TABLE "escalations"`);
    await queryRunner.query(`DROP TABLE "business_calendars"`);
  }
}
