import { MigrationInterface, QueryRunner } from 'typeorm';

// GET /api/orders at a million rows (docs/performance.md, "Order list"). `text` is `ILIKE %text%` on the
// order number, customer name or phone: a leading wildcard no btree serves, so each column gets a trigram
// index (pg_trgm; PostgreSQL rechecks ILIKE on the row). Each leads with `status` (btree_gin), so a
// status and a text are matched inside one index: ANDing a bitmap of the status's half a million rows
// cost more than the text search itself. A status in the list's order (created_at DESC, order_no DESC)
// is one backward range of ix_orders_status_created, so a page stops after its rows.
// Plain CREATE INDEX (migrations run in a transaction): writes to orders wait while they build, about
// 20 s at a million rows; projections retry meanwhile.
export class OrderListIndexes1795436500000 implements MigrationInterface {
  name = 'OrderListIndexes1795436500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);
    await queryRunner.query(
      `CREATE INDEX "ix_orders_order_no_trgm" ON "orders" USING gin ("status", "order_no" gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_orders_customer_name_trgm" ON "orders" USING gin ("status", "customer_name" gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_orders_customer_phone_trgm" ON "orders" USING gin ("status", "customer_phone" gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_orders_status_created" ON "orders" ("status", "created_at", "order_no") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_orders_status_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_orders_customer_phone_trgm"`);
    await queryRunner.query(`DROP INDEX "public"."ix_orders_customer_name_trgm"`);
    await queryRunner.query(`DROP INDEX "public"."ix_orders_order_no_trgm"`);
    // The extensions stay: they may predate this migration, or serve something else since.
  }
}
