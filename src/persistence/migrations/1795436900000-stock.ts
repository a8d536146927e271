import { MigrationInterface, QueryRunner } from 'typeorm';

// Parts and stock per location (docs/stock.md): locations (warehouses, technicians' vans), the level of each
// part at each, every movement of it, and purchase requests for what was missing. The CHECKs on
// stock_levels are the second wall behind the conditional UPDATEs: stock never goes below zero and never
// more is reserved than is on hand. Seeds the MAIN warehouse, with no parts in it.
export class Stock1795436900000 implements MigrationInterface {
  name = 'Stock1795436900000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "stock_locations" ("code" character varying(32) NOT NULL, "kind" character varying(16) NOT NULL, "technician_id" uuid, "name" character varying(200) NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_stock_locations_van_technician" CHECK (("kind" = 'VAN') = ("technician_id" IS NOT NULL)), CONSTRAINT "ck_stock_locations_kind" CHECK ("kind" IN ('WAREHOUSE', 'VAN')), CONSTRAINT "PK_51ef96e31f43d0de2cc87c837ed" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_stock_locations_technician" ON "stock_locations" ("technician_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "purchase_requests" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "order_no" character varying(32) NOT NULL, "part_code" character varying(50) NOT NULL, "quantity" integer NOT NULL, "received_quantity" integer NOT NULL DEFAULT '0', "location_code" character varying(32) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'OPEN', "requested_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "received_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_purchase_requests_quantity" CHECK ("quantity" > 0 AND "received_quantity" >= 0), CONSTRAINT "ck_purchase_requests_status" CHECK ("status" IN ('OPEN', 'RECEIVED', 'CANCELLED')), CONSTRAINT "PK_f3c5a8ff7bd4338f4c860925c8f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_purchase_requests_status_created" ON "purchase_requests" ("status", "created_at") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_purchase_requests_order" ON "purchase_requests" ("order_no") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_purchase_requests_open" ON "purchase_requests" ("order_no", "part_code", "location_code") WHERE "status" = 'OPEN'`,
    );
    await queryRunner.query(
      `CREATE TABLE "stock_levels" ("location_code" character varying(32) NOT NULL, "part_code" character varying(50) NOT NULL, "on_hand" integer NOT NULL DEFAULT '0', "reserved" integer NOT NULL DEFAULT '0', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_stock_levels_reserved_on_hand" CHECK ("reserved" <= "on_hand"), CONSTRAINT "ck_stock_levels_reserved" CHECK ("reserved" >= 0), CONSTRAINT "ck_stock_levels_on_hand" CHECK ("on_hand" >= 0), CONSTRAINT "PK_7a97cf41d52eb4b4aefe5deb359" PRIMARY KEY ("location_code", "part_code"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_stock_levels_part" ON "stock_levels" ("part_code") `);
    await queryRunner.query(
      `CREATE TABLE "stock_movements" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "location_code" character varying(32) NOT NULL, "part_code" character varying(50) NOT NULL, "quantity" integer NOT NULL, "kind" character varying(16) NOT NULL, "order_no" character varying(32), "purchase_request_id" uuid, "idempotency_key" character varying(400) NOT NULL, "actor_id" uuid, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_stock_movements_idempotency_key" UNIQUE ("idempotency_key"), CONSTRAINT "ck_stock_movements_quantity" CHECK ("quantity" <> 0), CONSTRAINT "ck_stock_movements_kind" CHECK ("kind" IN ('RECEIPT', 'RESERVE', 'RELEASE', 'BOOK_OUT', 'ADJUST')), CONSTRAINT "PK_57a26b190618550d8e65fb860e7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_stock_movements_purchase_request" ON "stock_movements" ("purchase_request_id") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_stock_movements_order" ON "stock_movements" ("order_no") `);
    await queryRunner.query(
      `ALTER TABLE "stock_locations" ADD CONSTRAINT "fk_stock_locations_technician" FOREIGN KEY ("technician_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "purchase_requests" ADD CONSTRAINT "fk_purchase_requests_location" FOREIGN KEY ("location_code") REFERENCES "stock_locations"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "stock_levels" ADD CONSTRAINT "fk_stock_levels_location" FOREIGN KEY ("location_code") REFERENCES "stock_locations"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "stock_movements" ADD CONSTRAINT "fk_stock_movements_location" FOREIGN KEY ("location_code") REFERENCES "stock_locations"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "stock_movements" ADD CONSTRAINT "fk_stock_movements_purchase_request" FOREIGN KEY ("purchase_request_id") REFERENCES "purchase_requests"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `INSERT INTO "stock_locations" ("code", "kind", "technician_id", "name") VALUES ('MAIN', 'WAREHOUSE', NULL, 'Main warehouse')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "stock_movements"`);
    await queryRunner.query(`DROP TABLE "stock_levels"`);
    await queryRunner.query(`DROP TABLE "purchase_requests"`);
    await queryRunner.query(`DROP TABLE "stock_locations"`);
  }
}
