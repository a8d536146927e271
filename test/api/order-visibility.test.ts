// Who sees what, through the API: for every principal × order (regions in other cases and spacing, orders
// without region, assigned orders, feedback cases owned by staff of any role), GET /api/orders/{no}
// answers 200 exactly when GET /api/orders lists the order, and both match the expected table. Orders are
// read-model rows written by writeOrderRow, the projection's writer; no workflow is needed to read them.
import { randomInt } from 'node:crypto';
import type { StaffRole } from '../../src/domain';
import { anOrderDetails } from '../../src/domain/testing/order-details.factory';
import { writeOrderRow } from '../../src/persistence/order-row';
import type { OrderView } from '../../src/workflows/service-order/service-order.messages';
import { orderView } from '../factories/orders';
import { bearer, createStaff, startApiStack, type ApiStack, type TestUser } from './api-harness';

// Unique to this run, so that the list filters (`text`, `region`) see this file's orders only.
const MARKER = `visibility-${process.pid}-${randomInt(1_000_000)}`;
const REGION = `Vis${randomInt(1_000_000)}`;
const OTHER = `Other${randomInt(1_000_000)}`;

let orderSequence = 0;
function nextOrderNo(): string {
  orderSequence += 1;
  const key = (process.pid * 100 + orderSequence) % 1_000_000;
  return `SO-20980101-${String(key).padStart(6, '0')}`;
}

interface OrderSpec {
  region: string | null;
  technician?: string;
  feedbackOwner?: string | null;
  nextDeadline?: string;
}

function viewOf(orderNo: string, spec: OrderSpec, ids: Record<string, string>): OrderView {
  const base = anOrderDetails();
  const now = new Date().toISOString();
  return orderView({
    orderNo,
    status: spec.technician ? 'ASSIGNED' : 'PENDING_DISPATCH',
    details: { ...base, customer: { ...base.customer, name: MARKER, region: spec.region ?? undefined } },
    technicianId: spec.technician ? ids[spec.technician] : null,
    deadlines: spec.nextDeadline
      ? [
          {
            stage: 'DISPATCH',
            stageKey: 'DISPATCH#1',
            responsibleRole: 'dispatcher',
            responsibleUserId: null,
            startedAt: now,
            dueAt: spec.nextDeadline,
            paused: false,
            escalationLevel: -1,
          },
        ]
      : [],
    feedbackCase:
      spec.feedbackOwner === undefined
        ? null
        : {
            status: 'OPEN',
            category: 'LOW_RATING',
            ownerId: spec.feedbackOwner === null ? null : ids[spec.feedbackOwner],
            openedAt: now,
            resolvedAt: null,
            resolution: null,
          },
    createdAt: now,
  });
}

const PRINCIPALS: Record<string, { roles: StaffRole[]; region: string | null }> = {
  agent: { roles: ['agent'], region: OTHER },
  supervisor: { roles: ['supervisor'], region: OTHER },
  finance: { roles: ['finance'], region: null },
  admin: { roles: ['admin'], region: null },
  dispatcherAnywhere: { roles: ['dispatcher'], region: null },
  dispatcherOfRegion: { roles: ['dispatcher'], region: REGION },
  dispatcherOfRegionLower: { roles: ['dispatcher'], region: ` ${REGION.toLowerCase()}\t` },
  dispatcherElsewhere: { roles: ['dispatcher'], region: OTHER },
  technician: { roles: ['technician'], region: REGION },
  technicianIdle: { roles: ['technician'], region: REGION.toUpperCase() },
  // Owns feedback cases outside their region, or with no region: the case alone lets them in.
  ownerDispatcher: { roles: ['dispatcher'], region: `East${randomInt(1_000_000)}` },
  ownerTechnician: { roles: ['technician'], region: null },
  dispatcherTechnician: { roles: ['dispatcher', 'technician'], region: OTHER },
};

const ORDERS: Record<string, OrderSpec> = {
  inRegion: { region: REGION.toLowerCase() },
  inRegionUpper: { region: REGION.toUpperCase(), technician: 'technician' },
  inRegionSpaced: { region: `  ${REGION}  ` },
  elsewhereAssigned: { region: OTHER, technician: 'technician' },
  elsewhereOfDispatcherTechnician: { region: `${OTHER.toUpperCase()} `, technician: 'dispatcherTechnician' },
  elsewhereOwnedByDispatcher: { region: OTHER, feedbackOwner: 'ownerDispatcher' },
  noRegion: { region: null },
  noRegionOwnedByTechnician: { region: null, feedbackOwner: 'ownerTechnician' },
  inRegionUnownedCase: { region: REGION, feedbackOwner: null },
};

const ALL = Object.keys(ORDERS);
const REGION_ORDERS = ['inRegion', 'inRegionUpper', 'inRegionSpaced', 'inRegionUnownedCase'];
const OTHER_ORDERS = ['elsewhereAssigned', 'elsewhereOfDispatcherTechnician', 'elsewhereOwnedByDispatcher'];

/** Which orders each principal sees: today's rules, with regions compared by sameRegion. */
const EXPECTED: Record<keyof typeof PRINCIPALS, string[]> = {
  agent: ALL,
  supervisor: ALL,
  finance: ALL,
  admin: ALL,
  dispatcherAnywhere: ALL,
  dispatcherOfRegion: REGION_ORDERS,
  dispatcherOfRegionLower: REGION_ORDERS,
  dispatcherElsewhere: OTHER_ORDERS,
  technician: ['inRegionUpper', 'elsewhereAssigned'],
  technicianIdle: [],
  ownerDispatcher: ['elsewhereOwnedByDispatcher'],
  ownerTechnician: ['noRegionOwnedByTechnician'],
  dispatcherTechnician: OTHER_ORDERS,
};

describe('order visibility: single reads and the list agree', () => {
  let stack: ApiStack;
  const users: Record<string, TestUser> = {};
  const orderNos: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startApiStack({ prefix: 'visibility' });
    for (const [name, { roles, region }] of Object.entries(PRINCIPALS)) {
      users[name] = await createStaff(stack, roles, { region });
    }
    const ids = Object.fromEntries(Object.entries(users).map(([name, user]) => [name, user.id]));
    for (const [name, spec] of Object.entries(ORDERS)) {
      orderNos[name] = nextOrderNo();
      await writeOrderRow(stack.dataSource.manager, viewOf(orderNos[name], spec, ids), null);
    }
  });

  afterAll(async () => {
    await stack?.close();
  });

  it.each(Object.keys(PRINCIPALS))(
    '%s: GET /api/orders/{no} is 200 exactly for the listed orders',
    async (name) => {
      const token = users[name].token;
      const list = await stack
        .http()
        .get('/api/orders')
        .query({ text: MARKER, pageSize: 100 })
        .set(bearer(token));
      expect(list.status).toBe(200);
      const listed = new Set((list.body.items as { orderNo: string }[]).map((item) => item.orderNo));

      const readable = new Set<string>();
      for (const orderNo of Object.values(orderNos)) {
        const read = await stack.http().get(`/api/orders/${orderNo}`).set(bearer(token));
        expect([200, 403]).toContain(read.status);
        if (read.status === 200) readable.add(orderNo);
      }

      const named = (nos: Set<string>) => ALL.filter((order) => nos.has(orderNos[order]));
      expect(named(readable)).toEqual(named(listed));
      expect(named(listed)).toEqual(EXPECTED[name]);
      expect(list.body.total).toBe(EXPECTED[name].length);
    },
  );

  it('filters the list by region as sameRegion compares', async () => {
    const list = await stack
      .http()
      .get('/api/orders')
      .query({ text: MARKER, region: ` ${REGION.toUpperCase()}`, pageSize: 100 })
      .set(bearer(users.admin.token));
    expect(list.status).toBe(200);
    const listed = (list.body.items as { orderNo: string }[]).map((item) => item.orderNo);
    expect(ALL.filter((order) => listed.includes(orderNos[order]))).toEqual(REGION_ORDERS);
  });

  it('counts the same technicians in the workload of a region, whatever its case', async () => {
    const workload = await stack
      .http()
      .get('/api/technicians/workload')
      .query({ region: REGION.toLowerCase() })
      .set(bearer(users.admin.token));
    expect(workload.status).toBe(200);
    const ids = (workload.body as { technicianId: string }[]).map((row) => row.technicianId);
    expect(ids.sort()).toEqual([users.technician.id, users.technicianIdle.id].sort());
  });
});

describe('overdue: the list filter, the summary flag and the workload count agree', () => {
  let stack: ApiStack;
  let admin: TestUser;
  let technician: TestUser;
  const marker = `${MARKER}-overdue`;
  const orders: Record<'passed' | 'later' | 'none', string> = { passed: '', later: '', none: '' };

  beforeAll(async () => {
    stack = await startApiStack({ prefix: 'overdue' });
    admin = await createStaff(stack, ['admin']);
    technician = await createStaff(stack, ['technician'], { region: `Solo${randomInt(1_000_000)}` });
    const deadlines = {
      passed: new Date(Date.now() - 60_000).toISOString(),
      later: new Date(Date.now() + 3_600_000).toISOString(),
      none: undefined,
    };
    for (const key of Object.keys(orders) as (keyof typeof orders)[]) {
      orders[key] = nextOrderNo();
      const view = viewOf(
        orders[key],
        { region: null, technician: 'me', nextDeadline: deadlines[key] },
        { me: technician.id },
      );
      view.details.customer.name = marker;
      await writeOrderRow(stack.dataSource.manager, view, null);
    }
  });

  afterAll(async () => {
    await stack?.close();
  });

  it.each([
    [true, ['passed']],
    [false, ['later', 'none']],
  ])('overdue=%p lists %j, each flagged accordingly', async (overdue, expected) => {
    const list = await stack
      .http()
      .get('/api/orders')
      .query({ text: marker, overdue, pageSize: 100 })
      .set(bearer(admin.token));
    expect(list.status).toBe(200);
    const items = list.body.items as { orderNo: string; overdue: boolean }[];
    const byKey = (Object.keys(orders) as (keyof typeof orders)[]).filter((key) =>
      items.some((item) => item.orderNo === orders[key]),
    );
    expect(byKey.sort()).toEqual([...expected].sort());
    expect(items.every((item) => item.overdue === overdue)).toBe(true);
  });

  it("counts the technician's overdue open orders", async () => {
    const workload = await stack.http().get('/api/technicians/workload').set(bearer(admin.token));
    expect(workload.status).toBe(200);
    const mine = (
      workload.body as { technicianId: string; openOrders: number; overdueOrders: number }[]
    ).find((row) => row.technicianId === technician.id);
    expect(mine).toMatchObject({ openOrders: 3, overdueOrders: 1 });
  });
});
