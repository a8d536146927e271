// GET /api/orders is index-served: the list's own statement (orderListStatement), EXPLAIN ANALYZEd on
// 50,000 synthetic read-model rows the benchmark also uses, seeded and ANALYZEd inside a transaction that
// is rolled back, so no other test file ever sees them. Only the plan nodes that ran are checked: the
// statement holds a branch for few matches and one for many, and one-time filters skip the other.
import { plainToInstance } from 'class-transformer';
import type { DataSource, QueryRunner } from 'typeorm';
import { syntheticOrdersStatement } from '../../bench/scenarios/order-list';
import type { StaffPrincipal } from '../../src/api/common/principal';
import { ListOrdersQueryDto } from '../../src/api/orders/dto/list-orders.query';
import { orderListStatement } from '../../src/api/orders/orders.service';
import { openDataSource } from '../support/harness';

const ROWS = 50_000;

const admin: StaffPrincipal = {
  kind: 'staff',
  userId: '00000000-0000-4000-8000-000000000001',
  username: 'plan-admin',
  displayName: 'plan-admin',
  roles: ['admin'],
  region: null,
};
// Sees the region's orders, and those assigned to them or whose feedback case they own.
const dispatcher: StaffPrincipal = {
  ...admin,
  username: 'plan-dispatcher',
  roles: ['dispatcher'],
  region: 'north',
};

describe('order list plans at 50,000 rows', () => {
  let dataSource: DataSource;
  let runner: QueryRunner;

  beforeAll(async () => {
    dataSource = await openDataSource();
    runner = dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    const { sql, parameters } = syntheticOrdersStatement(0, ROWS);
    await runner.query(sql, parameters);
    // ANALYZE in the transaction counts its own uncommitted rows, as the planner then sees them.
    await runner.query('ANALYZE orders');
  });

  afterAll(async () => {
    await runner?.rollbackTransaction();
    await runner?.release();
    await dataSource?.destroy();
  });

  /** The plan nodes that ran. */
  async function executed(principal: StaffPrincipal, query: Record<string, unknown>): Promise<string> {
    const statement = orderListStatement(
      dataSource,
      principal,
      plainToInstance(ListOrdersQueryDto, query),
      Date.now(),
    );
    const rows = (await runner.query(
      `EXPLAIN (ANALYZE, COSTS OFF) ${statement.sql}`,
      statement.parameters,
    )) as {
      'QUERY PLAN': string;
    }[];
    return rows
      .map((row) => row['QUERY PLAN'])
      .filter((line) => !line.includes('never executed'))
      .join('\n');
  }

  it.each([
    ['a name', { status: 'CLOSED', text: 'zhang xiu' }, 'ix_orders_customer_name_trgm'],
    ['a phone', { status: 'IN_PROGRESS', text: '7312' }, 'ix_orders_customer_phone_trgm'],
    ['an order number', { text: '20250111-0012' }, 'ix_orders_order_no_trgm'],
  ])('finds %s through its trigram index', async (_what, query, index) => {
    for (const principal of [admin, dispatcher]) {
      const plan = await executed(principal, query);
      expect(plan).toContain(index);
      expect(plan).not.toContain('Seq Scan on orders');
    }
  });

  it('counts a status through its index and pages it in the list order from ix_orders_status_created', async () => {
    const plan = await executed(admin, { status: 'PENDING_QC' });
    // Counted through a status index (index-only once VACUUM has run), paged walking the list order.
    expect(plan).toMatch(/Index (Only )?Scan on ix_orders_status|Index (Only )?Scan using ix_orders_status/);
    expect(plan).toMatch(/Index (Only )?Scan Backward using ix_orders_status_created/);
    expect(plan).not.toContain('Seq Scan on orders');
  });

  it('matches a text without a trigram within the newest orders of the status, never scanning them all', async () => {
    for (const principal of [admin, dispatcher]) {
      for (const text of ['zq', 'l_', '7']) {
        const plan = await executed(principal, { status: 'CLOSED', text });
        // Newest first: the status's range, or all orders filtered by status where it is that common.
        expect(plan).toMatch(/Index (Only )?Scan Backward using ix_orders_(status_)?created/);
        expect(plan).toMatch(/Limit/);
        expect(plan).not.toContain('Seq Scan on orders');
      }
    }
  });

  it('never reads the snapshot but for the feedback case owner a narrower viewer needs', () => {
    const statement = (principal: StaffPrincipal) =>
      orderListStatement(
        dataSource,
        principal,
        plainToInstance(ListOrdersQueryDto, { text: 'wang' }),
        Date.now(),
      ).sql;
    expect(statement(admin)).not.toContain('snapshot');
    const mentions = statement(dispatcher).match(/[\w.]*snapshot\S*/g) ?? [];
    expect(mentions.length).toBeGreaterThan(0);
    expect(new Set(mentions)).toEqual(new Set(["o.snapshot->'feedbackCase'->>'ownerId'"]));
  });
});
