// The workflow's database activities called directly: idempotent projection, reservations, policy store.
import type { DataSource } from 'typeorm';
import { createServiceOrderActivities } from '../../src/activities/service-order.activities';
import {
  currentPolicy,
  listPolicies,
  policyHistory,
  savePolicy,
  currentCalendar,
  saveCalendar,
} from '../../src/persistence/policy-store';
import { OrderState } from '../../src/workflows/service-order/service-order.state';
import { orderInput, uniqueOrderNo, uniqueRegion } from '../factories/orders';
import { agent, technician } from '../factories/users.factory';
import { openDataSource } from '../support/harness';

describe('service order activities', () => {
  let ds: DataSource;
  let activities: ReturnType<typeof createServiceOrderActivities>;
  beforeAll(async () => {
    ds = await openDataSource();
    activities = createServiceOrderActivities({ dataSource: ds });
  });
  afterAll(async () => ds.destroy());

  it('projects idempotently: a retry adds nothing, an older revision never overwrites a newer one', async () => {
    const clerk = await agent(ds);
    const state = OrderState.start(orderInput(clerk.actor), Date.now());
    const first = {
      view: state.view(),
      timeline: state.data.unprojected.slice(),
      customerTokenHash: 'x'.repeat(64),
    };
    await activities.projectOrder(first);
    state.moveTo('REJECTED', clerk.actor, 'REVIEW_REJECT', Date.now());
    const second = { view: state.view(), timeline: state.data.unprojected.slice() };
    await activities.projectOrder(second);
    await activities.projectOrder(second);
    await activities.projectOrder(first);
    const rows = await ds.query(
      `SELECT status, revision, customer_token_hash FROM orders WHERE order_no = $1`,
      [state.data.orderNo],
    );
    expect(rows).toEqual([{ status: 'REJECTED', revision: 2, customer_token_hash: 'x'.repeat(64) }]);
    const timeline = await ds.query(
      `SELECT seq, action FROM order_timeline WHERE order_no = $1 ORDER BY seq`,
      [state.data.orderNo],
    );
    expect(timeline).toEqual([
      { seq: 1, action: 'INTAKE' },
      { seq: 2, action: 'REVIEW_REJECT' },
    ]);
  });

  it('reserves once per order: a retried reservation returns the one it made', async () => {
    const region = uniqueRegion('reserve');
    const skill = `${region}-x`;
    const tech = await technician(ds, { region, skills: [skill], capacity: 1 });
    const orderNo = uniqueOrderNo();
    const request = {
      orderNo,
      order: { priority: 'NORMAL' as const, requiredSkills: [skill], region },
      excludedIds: [],
    };
    const made = await activities.reserveTechnician(request);
    const again = await activities.reserveTechnician(request);
    expect(made).toMatchObject({ ok: true, technicianId: tech.id, alreadyReserved: false });
    expect(again).toMatchObject({ ok: true, technicianId: tech.id, alreadyReserved: true });
    // Capacity 1 is used up by that order.
    const other = await activities.reserveTechnician({ ...request, orderNo: uniqueOrderNo() });
    expect(other).toMatchObject({ ok: false, reason: 'NO_ELIGIBLE' });
    expect(other.explanation).toContain('at capacity');
    await activities.releaseTechnician({ orderNo, technicianId: tech.id });
    await activities.releaseTechnician({ orderNo, technicianId: tech.id });
    expect(await ds.query(`SELECT * FROM technician_assignments WHERE order_no = $1`, [orderNo])).toEqual([]);
    expect(await activities.reserveTechnician({ ...request, technicianId: 'not-a-uuid' })).toMatchObject({
      ok: false,
      reason: 'UNKNOWN_TECHNICIAN',
    });
  });

  it('keeps versioned policies and named calendars', async () => {
    const seeded = await currentPolicy(ds, 'TRAINING');
    expect(seeded.version).toBeGreaterThanOrEqual(1);
    const saved = await savePolicy(ds, { ...seeded, version: 999, maxReworks: 5 }, 'admin');
    expect(saved.version).toBe(seeded.version + 1);
    expect(await currentPolicy(ds, 'TRAINING')).toMatchObject({ version: saved.version, maxReworks: 5 });
    expect((await policyHistory(ds, 'TRAINING')).map((p) => p.version)[0]).toBe(saved.version);
    expect((await listPolicies(ds)).map((p) => p.orderType)).toEqual(
      expect.arrayContaining(['INSTALLATION', 'REPAIR', 'TRAINING']),
    );
    const name = uniqueRegion('cal');
    const calendar = {
      name,
      timeZone: 'UTC',
      workingHours: { mon: [{ start: '09:00', end: '17:00' }] },
      holidays: [],
    };
    await saveCalendar(ds, calendar);
    await saveCalendar(ds, { ...calendar, holidays: ['2030-01-01'] });
    expect(await currentCalendar(ds, name)).toMatchObject({ name, holidays: ['2030-01-01'] });
    expect(await currentCalendar(ds, `${name}-missing`)).toBeNull();
  });
});
