// Dispatch inside the workflow: the four modes, exclusion after decline/timeout, capacity under concurrency.
import {
  assign,
  cancel,
  respondToAssignment,
  review,
} from '../../src/workflows/service-order/service-order.messages';
import { uniqueRegion } from '../factories/orders';
import { secondsPolicy } from '../factories/sla-policies';
import { dispatcher, technician } from '../factories/users.factory';
import { eventually } from '../support/harness';
import {
  castInput,
  driveToInProgress,
  createCast,
  escalationsOf,
  notificationsOf,
  setUpWorkflowTests,
  startOrder,
  techById,
  timelineOf,
  waitForView,
  type WorkflowTestContext,
} from './support';

describe('service order dispatch', () => {
  let ctx: WorkflowTestContext;
  beforeAll(async () => {
    ctx = await setUpWorkflowTests('wf-dispatch');
  });
  afterAll(async () => ctx.close());

  it('reassigns at once in AUTO mode when the technician does not accept in time, excluding them', async () => {
    const cast = await createCast(ctx.dataSource, 'timeout', [{}, {}]);
    const policy = secondsPolicy('INSTALLATION', { targets: { technicianAcceptance: '2s' } });
    const input = castInput(cast, { policy });
    const handle = await startOrder(ctx, input);
    const first = await handle.executeUpdate(review, {
      args: [{ actor: cast.clerk.actor, decision: 'APPROVE' }],
    });
    const silent = techById(cast, first.technicianId);
    const view = await waitForView(
      handle,
      (v) => {
        expect(v.status).toBe('ASSIGNED');
        expect(v.excludedTechnicianIds).toEqual([silent.id]);
      },
      10_000,
    );
    const next = techById(cast, view.technicianId);
    expect(next.id).not.toBe(silent.id);
    expect(view.deadlines.find((d) => d.stage === 'TECHNICIAN_ACCEPTANCE')?.stageKey).toBe(
      'TECHNICIAN_ACCEPTANCE#2',
    );
    await eventually(async () => {
      const actions = (await timelineOf(ctx.dataSource, input.orderNo)).map((t) => t.action);
      expect(actions).toEqual([
        'INTAKE',
        'REVIEW_APPROVE',
        'AUTO_ASSIGN',
        'SLA_WARNING',
        'TECHNICIAN_TIMEOUT',
        'AUTO_ASSIGN',
      ]);
      const notified = await notificationsOf(ctx.dataSource, input.orderNo, 'TECHNICIAN_TIMEOUT');
      expect(notified.map((n) => n.user_id)).toContain(cast.dispatcher.id);
      const held = await ctx.dataSource.query(
        `SELECT technician_id FROM technician_assignments WHERE order_no = $1`,
        [input.orderNo],
      );
      expect(held).toEqual([{ technician_id: next.id }]);
    });
    // The warning went to the silent technician before the timeout.
    const [warning] = await escalationsOf(ctx.dataSource, input.orderNo);
    expect(warning).toMatchObject({ stage_key: 'TECHNICIAN_ACCEPTANCE#1', level: 0 });
    expect(warning.recipients.map((r) => r.userId)).toEqual([silent.id]);
    await handle.executeUpdate(cancel, { args: [{ actor: cast.clerk.actor, reason: 'test over' }] });
  });

  it('escalates to the dispatcher when declines and timeouts exhaust every candidate', async () => {
    const cast = await createCast(ctx.dataSource, 'exhaust', [{}, {}]);
    const policy = secondsPolicy('INSTALLATION', {
      targets: {
        technicianAcceptance: '2s',
        dispatch: { URGENT: '1h', HIGH: '1h', NORMAL: '2s', LOW: '1h' },
      },
    });
    const input = castInput(cast, { policy });
    const handle = await startOrder(ctx, input);
    const first = await handle.executeUpdate(review, {
      args: [{ actor: cast.clerk.actor, decision: 'APPROVE' }],
    });
    const decliner = techById(cast, first.technicianId);
    const second = await handle.executeUpdate(respondToAssignment, {
      args: [{ actor: decliner.actor, decision: 'DECLINE', reason: 'no ladder long enough' }],
    });
    // AUTO re-dispatched inside the same update, to the other technician.
    expect(second.status).toBe('ASSIGNED');
    expect(second.technicianId).not.toBe(decliner.id);
    // The second one stays silent: timeout, nobody left.
    const stuck = await waitForView(
      handle,
      (v) => {
        expect(v.status).toBe('PENDING_DISPATCH');
        expect(v.excludedTechnicianIds.sort()).toEqual(cast.techs.map((t) => t.id).sort());
      },
      10_000,
    );
    expect(stuck.technicianId).toBeNull();
    await eventually(
      async () => {
        const kinds = (await notificationsOf(ctx.dataSource, input.orderNo))
          .filter((n) => n.user_id === cast.dispatcher.id)
          .map((n) => n.kind);
        expect(kinds).toEqual(
          expect.arrayContaining(['TECHNICIAN_DECLINED', 'TECHNICIAN_TIMEOUT', 'NO_ELIGIBLE_TECHNICIAN']),
        );
        const dispatchLevel1 = (await escalationsOf(ctx.dataSource, input.orderNo)).find(
          (e) => e.stage === 'DISPATCH' && e.level === 1,
        );
        expect(dispatchLevel1?.recipients.map((r) => r.userId)).toContain(cast.dispatcher.id);
      },
      { timeoutMs: 10_000 },
    );
    const noEligible = (await timelineOf(ctx.dataSource, input.orderNo)).find(
      (t) => t.action === 'NO_ELIGIBLE_TECHNICIAN',
    );
    expect(String(noEligible?.details.explanation)).toContain('excluded');
    expect(
      await ctx.dataSource.query(`SELECT * FROM technician_assignments WHERE order_no = $1`, [input.orderNo]),
    ).toEqual([]);
    await handle.executeUpdate(cancel, { args: [{ actor: cast.clerk.actor, reason: 'test over' }] });
  });

  it('DIRECT mode assigns the technician named at intake, and records clearly when they are not eligible', async () => {
    const cast = await createCast(ctx.dataSource, 'direct', [{}, { active: false }]);
    const [named, away] = cast.techs;
    const direct = await startOrder(
      ctx,
      castInput(cast, { details: { dispatchMode: 'DIRECT', directTechnicianId: named.id } }),
    );
    const assigned = await direct.executeUpdate(review, {
      args: [{ actor: cast.clerk.actor, decision: 'APPROVE' }],
    });
    expect(assigned).toMatchObject({ status: 'ASSIGNED', technicianId: named.id });

    const input = castInput(cast, { details: { dispatchMode: 'DIRECT', directTechnicianId: away.id } });
    const refused = await startOrder(ctx, input);
    const waiting = await refused.executeUpdate(review, {
      args: [{ actor: cast.clerk.actor, decision: 'APPROVE' }],
    });
    expect(waiting).toMatchObject({ status: 'PENDING_DISPATCH', technicianId: null });
    await eventually(async () => {
      const entry = (await timelineOf(ctx.dataSource, input.orderNo)).find(
        (t) => t.action === 'DIRECT_TECHNICIAN_INELIGIBLE',
      );
      expect(String(entry?.details.explanation)).toContain('inactive');
      expect(
        (await notificationsOf(ctx.dataSource, input.orderNo, 'DIRECT_TECHNICIAN_INELIGIBLE')).map(
          (n) => n.user_id,
        ),
      ).toContain(cast.dispatcher.id);
    });
    // A dispatcher then assigns by hand.
    const manual = await refused.executeUpdate(assign, {
      args: [{ actor: cast.dispatcher.actor, technicianId: named.id }],
    });
    expect(manual).toMatchObject({ status: 'ASSIGNED', technicianId: named.id });
    for (const handle of [direct, refused])
      await handle.executeUpdate(cancel, { args: [{ actor: cast.clerk.actor, reason: 'test over' }] });
  });

  it('REGIONAL mode waits for a dispatcher of the region; reassignment tells the previous technician', async () => {
    const cast = await createCast(ctx.dataSource, 'regional', [{}, {}]);
    const [first, second] = cast.techs;
    const input = castInput(cast, { details: { dispatchMode: 'REGIONAL' } });
    const handle = await startOrder(ctx, input);
    const waiting = await handle.executeUpdate(review, {
      args: [{ actor: cast.clerk.actor, decision: 'APPROVE' }],
    });
    expect(waiting.status).toBe('PENDING_DISPATCH');
    const global = await dispatcher(ctx.dataSource, { region: null });
    await expect(
      handle.executeUpdate(assign, { args: [{ actor: global.actor, technicianId: first.id }] }),
    ).rejects.toThrow();
    await handle.executeUpdate(assign, { args: [{ actor: cast.dispatcher.actor, technicianId: first.id }] });
    await handle.executeUpdate(respondToAssignment, { args: [{ actor: first.actor, decision: 'ACCEPT' }] });
    // A refused reassignment leaves the order and the reservation as they were.
    const away = await technician(ctx.dataSource, {
      region: cast.region,
      skills: [cast.skill],
      active: false,
    });
    await expect(
      handle.executeUpdate(assign, { args: [{ actor: cast.dispatcher.actor, technicianId: away.id }] }),
    ).rejects.toThrow();
    expect(
      await ctx.dataSource.query(`SELECT technician_id FROM technician_assignments WHERE order_no = $1`, [
        input.orderNo,
      ]),
    ).toEqual([{ technician_id: first.id }]);
    // Reassign with automatic choice: the current technician is not chosen again.
    const moved = await handle.executeUpdate(assign, { args: [{ actor: cast.dispatcher.actor }] });
    expect(moved).toMatchObject({ status: 'ASSIGNED', technicianId: second.id });
    expect(moved.deadlines.map((d) => d.stage).sort()).toEqual(['COMPLETION', 'TECHNICIAN_ACCEPTANCE']);
    await eventually(async () => {
      const away = await notificationsOf(ctx.dataSource, input.orderNo, 'REASSIGNED_AWAY');
      expect(away.map((n) => n.user_id)).toEqual([first.id]);
      const held = await ctx.dataSource.query(
        `SELECT technician_id FROM technician_assignments WHERE order_no = $1`,
        [input.orderNo],
      );
      expect(held).toEqual([{ technician_id: second.id }]);
    });
    await handle.executeUpdate(cancel, { args: [{ actor: cast.clerk.actor, reason: 'test over' }] });
  });

  it('lets the supervisor take over an order on site whose technician was deactivated', async () => {
    const cast = await createCast(ctx.dataSource, 'takeover', [{}, {}]);
    const input = castInput(cast);
    const handle = await startOrder(ctx, input);
    const leaving = await driveToInProgress(handle, cast);
    await ctx.dataSource.query(`UPDATE users SET active = false WHERE id = $1`, [leaving.id]);
    // The best remaining technician, picked by the real reservation; the leaver's capacity row is gone.
    const view = await handle.executeUpdate(assign, { args: [{ actor: cast.boss.actor }] });
    expect(view).toMatchObject({ status: 'ASSIGNED' });
    expect(view.technicianId).not.toBe(leaving.id);
    const held: { technician_id: string }[] = await ctx.dataSource.query(
      `SELECT technician_id FROM technician_assignments WHERE order_no = $1`,
      [input.orderNo],
    );
    expect(held.map((r) => r.technician_id)).toEqual([view.technicianId]);
    await eventually(async () => {
      const entry = (await timelineOf(ctx.dataSource, input.orderNo)).find((t) => t.action === 'REASSIGN');
      expect(entry).toMatchObject({ from_status: 'IN_PROGRESS', to_status: 'ASSIGNED' });
    });
    await handle.terminate('test over');
  });

  it('assigns 40 orders at once without putting anyone above capacity, spreading load evenly', async () => {
    const ds = ctx.dataSource;
    const north = uniqueRegion('north');
    const south = uniqueRegion('south');
    const a = `${north}-a`;
    const b = `${north}-b`;
    const c = `${north}-c`;
    // Two identical pairs, one b-only technician and one who is away.
    const t1 = await technician(ds, { region: north, skills: [a, b], capacity: 18, lat: 31.2, lng: 121.4 });
    const t2 = await technician(ds, { region: north, skills: [a, b], capacity: 18, lat: 31.2, lng: 121.4 });
    const t3 = await technician(ds, { region: south, skills: [a], capacity: 10, lat: 30.2, lng: 120.1 });
    const t4 = await technician(ds, { region: south, skills: [a], capacity: 10, lat: 30.2, lng: 120.1 });
    const t5 = await technician(ds, { region: north, skills: [b, c], capacity: 5, lat: 31.2, lng: 121.4 });
    const t6 = await technician(ds, {
      region: north,
      skills: [a, b],
      capacity: 20,
      lat: 31.2,
      lng: 121.4,
      active: false,
    });
    const cast = await createCast(ds, 'capacity', []);
    // Orders never cross regions here (region and distance outweigh load), so each region's pair
    // has room for all of its orders and every order has an eligible technician when it is dispatched.
    const inputs = Array.from({ length: 40 }, (_, i) => {
      const inSouth = i % 5 === 4;
      return castInput(cast, {
        details: {
          requiredSkills: i % 5 === 0 ? [a, b] : [a],
          customer: {
            region: inSouth ? south : north,
            lat: inSouth ? 30.25 : 31.25,
            lng: inSouth ? 120.15 : 121.45,
          },
        },
      });
    });
    const handles = await Promise.all(inputs.map((input) => startOrder(ctx, input)));
    const views = await Promise.all(
      handles.map((handle) =>
        handle.executeUpdate(review, { args: [{ actor: cast.clerk.actor, decision: 'APPROVE' }] }),
      ),
    );
    expect(views.filter((v) => v.status === 'ASSIGNED')).toHaveLength(40);
    const load = new Map<string, number>();
    for (const view of views)
      load.set(view.technicianId as string, (load.get(view.technicianId as string) ?? 0) + 1);
    const held = (await ds.query(
      `SELECT technician_id, count(*)::int AS n FROM technician_assignments WHERE technician_id = ANY($1::uuid[]) GROUP BY technician_id`,
      [[t1.id, t2.id, t3.id, t4.id, t5.id, t6.id]],
    )) as { technician_id: string; n: number }[];
    const heldBy = new Map(held.map((row) => [row.technician_id, row.n]));
    for (const tech of [t1, t2, t3, t4, t5, t6]) {
      expect(heldBy.get(tech.id) ?? 0).toBe(load.get(tech.id) ?? 0);
      expect(load.get(tech.id) ?? 0).toBeLessThanOrEqual(tech.capacity);
    }
    expect(load.get(t5.id) ?? 0).toBe(0);
    expect(load.get(t6.id) ?? 0).toBe(0);
    expect(Math.abs((load.get(t1.id) ?? 0) - (load.get(t2.id) ?? 0))).toBeLessThanOrEqual(1);
    expect(Math.abs((load.get(t3.id) ?? 0) - (load.get(t4.id) ?? 0))).toBeLessThanOrEqual(1);
    // Every [a, b] order went to the pair that has both skills.
    views.forEach((view, i) => {
      if (i % 5 === 0) expect([t1.id, t2.id]).toContain(view.technicianId);
    });
    await Promise.all(
      handles.map((handle) =>
        handle.executeUpdate(cancel, { args: [{ actor: cast.clerk.actor, reason: 'test over' }] }),
      ),
    );
    const left = await ds.query(
      `SELECT count(*)::int AS n FROM technician_assignments WHERE order_no = ANY($1)`,
      [inputs.map((i) => i.orderNo)],
    );
    expect(left).toEqual([{ n: 0 }]);
  });
});
