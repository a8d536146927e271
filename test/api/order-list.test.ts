// GET /api/orders through the API: the `text` filter (order number, name or phone; any case; `%`, `_` and
// `\` literal; a text too short for the trigram indexes), and the capped count (`total`, `totalCapped`).
// Orders are read-model rows (writeOrderRow, or bulk SQL for the counts); no workflow is needed to list.
import { randomInt, randomUUID } from 'node:crypto';
import { ORDER_LIST_COUNT_CAP, SHORT_TEXT_WINDOW } from '../../src/api/orders/dto/order-view.dto';
import { anOrderDetails } from '../../src/domain/testing/order-details.factory';
import { writeOrderRow } from '../../src/persistence/order-row';
import type { OrderView } from '../../src/workflows/service-order/service-order.messages';
import { orderView } from '../factories/orders';
import { bearer, createStaff, startApiStack, type ApiStack, type TestUser } from './api-harness';

// Unique to this run: every filter below sees this file's orders only.
const RUN = `${process.pid}${randomInt(100_000, 1_000_000)}`;
const MARKER = `Olist${RUN}`;
const ORDER_KEY = String(randomInt(100_000, 1_000_000));
const PHONE_KEY = String(randomInt(10_000_000, 100_000_000));
const WORKFLOW_PREFIX = `order-list-test-${RUN}-`;

let sequence = 0;

function viewOf(customer: { name: string; phone: string }, technicianId: string | null = null): OrderView {
  sequence += 1;
  const orderNo = `OL-${ORDER_KEY}-${String(sequence).padStart(6, '0')}`;
  const base = anOrderDetails();
  const createdAt = new Date(Date.now() - sequence * 1000).toISOString();
  return orderView({
    orderNo,
    workflowId: `${WORKFLOW_PREFIX}${sequence}`,
    status: technicianId ? 'ASSIGNED' : 'PENDING_DISPATCH',
    details: { ...base, customer: { ...base.customer, ...customer, region: 'north' } },
    technicianId,
    createdAt,
  });
}

interface Page {
  items: { orderNo: string; customerName: string }[];
  total: number;
  totalCapped: boolean;
  page: number;
  pageSize: number;
}

describe('GET /api/orders: text search and the capped count', () => {
  let stack: ApiStack;
  let supervisor: TestUser;
  const orders: Record<string, OrderView> = {};

  async function list(
    query: Record<string, string | number | undefined>,
    token = supervisor.token,
  ): Promise<Page> {
    const response = await stack.http().get('/api/orders').query(query).set(bearer(token));
    expect(response.status).toBe(200);
    return response.body as Page;
  }

  async function found(
    query: Record<string, string | number | undefined>,
    token?: string,
  ): Promise<string[]> {
    const page = await list({ pageSize: 100, ...query }, token);
    const names = Object.fromEntries(Object.entries(orders).map(([name, view]) => [view.orderNo, name]));
    return page.items.map((item) => names[item.orderNo] ?? item.orderNo).sort();
  }

  /** `count` rows for `technicianId` by SQL, the oldest first, named `${MARKER} bulk i`. */
  async function seedBulk(technicianId: string, from: number, count: number): Promise<void> {
    await stack.dataSource.query(
      `INSERT INTO orders (order_no, workflow_id, revision, status, type, priority, channel, zone, region,
              dispatch_mode, customer_name, customer_phone, technician_id, policy_version, snapshot,
              created_at, updated_at)
       SELECT 'OB-' || left($3, 8) || '-' || i, $1 || 'bulk-' || left($3, 8) || '-' || i, 1, 'ASSIGNED', 'REPAIR', 'NORMAL', 'PHONE',
              'IN_CITY', 'north', 'AUTO', $2 || ' bulk ' || i, '+86 100 0000 0000', $3::uuid, 1, '{}',
              timestamptz '2001-01-01' + i * interval '1 minute', now()
         FROM generate_series($4::int, $4::int + $5::int - 1) AS i`,
      [WORKFLOW_PREFIX, MARKER, technicianId, from, count],
    );
  }

  beforeAll(async () => {
    stack = await startApiStack({ prefix: 'order-list' });
    supervisor = await createStaff(stack, ['supervisor']);
    const specs: Record<string, { name: string; phone: string }> = {
      plain: { name: `Zhang ${MARKER} Wei`, phone: '+86 138 0000 0001' },
      percent: { name: `${MARKER} 100% sure`, phone: '+86 139 0000 0002' },
      percentLookalike: { name: `${MARKER} 1000 sure`, phone: '+86 139 0000 0003' },
      underscore: { name: `${MARKER} a_b`, phone: '+86 139 0000 0004' },
      underscoreLookalike: { name: `${MARKER} axb`, phone: '+86 139 0000 0005' },
      backslash: { name: `${MARKER} c\\d`, phone: '+86 139 0000 0006' },
      phoneOnly: { name: 'Li Na', phone: `+86 150 ${PHONE_KEY.slice(0, 4)} ${PHONE_KEY.slice(4)}` },
    };
    for (const [name, customer] of Object.entries(specs)) {
      orders[name] = viewOf(customer);
      await writeOrderRow(stack.dataSource.manager, orders[name], null);
    }
  });

  afterAll(async () => {
    await stack?.dataSource.query(`DELETE FROM orders WHERE workflow_id LIKE $1 || '%'`, [WORKFLOW_PREFIX]);
    await stack?.close();
  });

  it('finds an order by part of its number, in any case', async () => {
    const orderNo = orders.plain.orderNo;
    expect(await found({ text: orderNo.slice(1).toLowerCase() })).toEqual(['plain']);
    expect(await found({ text: `${ORDER_KEY.slice(1)}-0000` })).toEqual(
      [
        'plain',
        'percent',
        'percentLookalike',
        'underscore',
        'underscoreLookalike',
        'backslash',
        'phoneOnly',
      ].sort(),
    );
  });

  it('finds orders by part of the customer name, in any case', async () => {
    const all = Object.keys(orders)
      .filter((name) => name !== 'phoneOnly')
      .sort();
    expect(await found({ text: MARKER.toUpperCase() })).toEqual(all);
    expect(await found({ text: `ng ${MARKER.toLowerCase()} w` })).toEqual(['plain']);
  });

  it('finds an order by part of the phone number', async () => {
    expect(await found({ text: `150 ${PHONE_KEY.slice(0, 4)}` })).toEqual(['phoneOnly']);
    expect(await found({ text: `${PHONE_KEY.slice(1, 4)} ${PHONE_KEY.slice(4, 7)}` })).toEqual(['phoneOnly']);
  });

  it('takes %, _ and \\ literally', async () => {
    expect(await found({ text: `${MARKER} 100%` })).toEqual(['percent']);
    expect(await found({ text: `${MARKER} a_b` })).toEqual(['underscore']);
    expect(await found({ text: `${MARKER} c\\d` })).toEqual(['backslash']);
    expect(await found({ text: `${MARKER} %` })).toEqual([]);
  });

  it('matches a text without three letters or digits in a row among the newest orders, exactly when they are few', async () => {
    const technicianUser = await createStaff(stack, ['technician']);
    const technician = technicianUser.id;
    const few = {
      short: viewOf({ name: `${MARKER} q%`, phone: '+86 139 0000 0007' }, technician),
      shortUpper: viewOf({ name: `${MARKER} Q% upper`, phone: '+86 139 0000 0008' }, technician),
      other: viewOf({ name: `${MARKER} q-`, phone: '+86 139 0000 0009' }, technician),
      someoneElses: viewOf({ name: `${MARKER} q% too`, phone: '+86 139 0000 0010' }, randomUUID()),
    };
    Object.assign(orders, few);
    for (const view of Object.values(few)) await writeOrderRow(stack.dataSource.manager, view, null);

    expect(await found({ technician, text: 'q%' })).toEqual(['short', 'shortUpper']);
    expect(await list({ technician, text: 'Q%' })).toMatchObject({ total: 2, totalCapped: false });
    expect(await list({ technician, text: 'q' })).toMatchObject({ total: 3, totalCapped: false });
    expect(await list({ technician, text: 'zz' })).toMatchObject({ total: 0, totalCapped: false });
    // Visibility holds within the window: the technician sees their own matches, not the other's.
    expect(await found({ text: 'q%' }, technicianUser.token)).toEqual(['short', 'shortUpper']);
  });

  it('counts up to the cap exactly and says when it stopped counting', async () => {
    const technician = randomUUID();
    await seedBulk(technician, 1, ORDER_LIST_COUNT_CAP);
    const exact = await list({ technician });
    expect(exact).toMatchObject({ total: ORDER_LIST_COUNT_CAP, totalCapped: false, page: 1, pageSize: 20 });
    // Newest first.
    expect(exact.items[0].customerName).toBe(`${MARKER} bulk ${ORDER_LIST_COUNT_CAP}`);

    await seedBulk(technician, ORDER_LIST_COUNT_CAP + 1, 1);
    for (const query of [{ technician }, { technician, text: `${MARKER} bulk` }]) {
      const capped = await list(query);
      expect(capped).toMatchObject({ total: ORDER_LIST_COUNT_CAP, totalCapped: true });
      expect(capped.items[0].customerName).toBe(`${MARKER} bulk ${ORDER_LIST_COUNT_CAP + 1}`);
    }
    // Pages go on past the cap: the oldest order is on the last page.
    const last = await list({ technician, pageSize: 100, page: Math.ceil((ORDER_LIST_COUNT_CAP + 1) / 100) });
    expect(last.items.at(-1)?.customerName).toBe(`${MARKER} bulk 1`);
  });

  it('says a short text’s total is a lower bound once the window of newest orders fills', async () => {
    const technician = randomUUID();
    await seedBulk(technician, 1, SHORT_TEXT_WINDOW + 1);
    // Two digits of the newest bulk name: it matches, and so do older ones beyond the window.
    const page = await list({ technician, text: String(SHORT_TEXT_WINDOW + 1).slice(0, 2) });
    expect(page.totalCapped).toBe(true);
    expect(page.total).toBeGreaterThan(0);
    expect(page.items[0].customerName).toBe(`${MARKER} bulk ${SHORT_TEXT_WINDOW + 1}`);
    expect(await list({ technician, text: 'zz' })).toMatchObject({ total: 0, totalCapped: true });
  });
});
