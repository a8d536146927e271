// The whole lifecycle through the workflow's updates: happy path to CLOSED, cancellation, re-projection.
import {
  assign,
  callback,
  cancel,
  checkIn,
  complete,
  customerAcceptance,
  logContact,
  policyChanged,
  qc,
  reportProgress,
  review,
  resolveFeedback,
  respondToAssignment,
  settle,
} from '../../src/workflows/service-order/service-order.messages';
import { addBusinessTime, type BusinessCalendar } from '../../src/domain';
import { orderInput, uniqueRegion } from '../factories/orders';
import { secondsPolicy } from '../factories/sla-policies';
import { agent, CUSTOMER, dispatcher, finance, supervisor, technician } from '../factories/users.factory';
import { eventually } from '../support/harness';
import { recordHistory } from './histories';
import {
  castInput,
  createCast,
  escalationsOf,
  notificationsOf,
  techById,
  setUpWorkflowTests,
  startOrder,
  timelineOf,
  waitForView,
  type WorkflowTestContext,
} from './support';

describe('service order lifecycle', () => {
  let ctx: WorkflowTestContext;
  beforeAll(async () => {
    ctx = await setUpWorkflowTests('wf-lifecycle');
  });
  afterAll(async () => ctx.close());

  it('runs the happy path from intake to CLOSED', async () => {
    const ds = ctx.dataSource;
    const region = uniqueRegion('happy');
    const skill = `${region}-hvac`;
    const clerk = await agent(ds, { region });
    const boss = await supervisor(ds, { region });
    const cashier = await finance(ds);
    const tech = await technician(ds, { region, skills: [skill], lat: 31.23, lng: 121.47 });
    // The customer agreed to messages, so the recorded history holds the customer's sends too.
    const input = orderInput(clerk.actor, {
      details: { requiredSkills: [skill], customer: { region, messageConsent: true } },
    });
    const handle = await startOrder(ctx, input);

    let view = await handle.executeUpdate(review, {
      args: [{ actor: clerk.actor, decision: 'APPROVE', note: 'complete' }],
    });
    // AUTO dispatch happens inside the same update.
    expect(view.status).toBe('ASSIGNED');
    expect(view.technicianId).toBe(tech.id);
    expect(view.deadlines.map((d) => d.stage).sort()).toEqual(['COMPLETION', 'TECHNICIAN_ACCEPTANCE']);

    view = await handle.executeUpdate(respondToAssignment, {
      args: [{ actor: tech.actor, decision: 'ACCEPT' }],
    });
    expect(view.status).toBe('ACCEPTED');
    expect(view.deadlines.map((d) => d.stage).sort()).toEqual([
      'COMPLETION',
      'FIRST_CONTACT',
      'PROGRESS_REPLY',
    ]);
    view = await handle.executeUpdate(logContact, {
      args: [{ actor: tech.actor, note: 'called, coming at 10' }],
    });
    expect(view.deadlines.map((d) => d.stage).sort()).toEqual(['COMPLETION', 'PROGRESS_REPLY']);
    view = await handle.executeUpdate(checkIn, {
      args: [{ actor: tech.actor, lat: 31.2301, lng: 121.4701 }],
    });
    expect(view.status).toBe('ON_SITE');
    view = await handle.executeUpdate(reportProgress, {
      args: [{ actor: tech.actor, milestone: 'IN_PROGRESS', note: 'mounting' }],
    });
    expect(view.status).toBe('IN_PROGRESS');
    view = await handle.executeUpdate(complete, {
      args: [
        {
          actor: tech.actor,
          summary: 'installed',
          partsUsed: [{ code: 'BRACKET', quantity: 2 }],
          laborHours: 2,
        },
      ],
    });
    expect(view.status).toBe('PENDING_QC');
    view = await handle.executeUpdate(qc, { args: [{ actor: boss.actor, result: 'PASS' }] });
    expect(view.status).toBe('PENDING_ACCEPTANCE');
    view = await handle.executeUpdate(customerAcceptance, {
      args: [{ actor: CUSTOMER, decision: 'ACCEPT', rating: 5, comment: 'great' }],
    });
    expect(view.status).toBe('COMPLETED');
    expect(view.tracks).toEqual({ callback: 'PENDING', feedback: 'NOT_NEEDED', settlement: 'PENDING' });
    expect(view.deadlines.map((d) => d.stage).sort()).toEqual(['CALLBACK', 'SETTLEMENT']);

    // Settlement must match the order total.
    await expect(
      handle.executeUpdate(settle, {
        args: [{ actor: cashier.actor, amount: 1, paymentMethod: 'CASH', invoiceNo: 'INV-1' }],
      }),
    ).rejects.toThrow();
    view = await handle.executeUpdate(callback, {
      args: [{ actor: clerk.actor, reached: true, satisfied: true, note: 'happy' }],
    });
    view = await handle.executeUpdate(settle, {
      args: [{ actor: cashier.actor, amount: 300, paymentMethod: 'CASH', invoiceNo: 'INV-1' }],
    });
    expect(view.status).toBe('CLOSED');
    expect(view.deadlines).toEqual([]);

    const result = await handle.result();
    expect(result.status).toBe('CLOSED');
    await eventually(async () => {
      const [row] = await ds.query(
        `SELECT status, technician_id, rating, closed_at FROM orders WHERE order_no = $1`,
        [input.orderNo],
      );
      expect(row.status).toBe('CLOSED');
      expect(row.technician_id).toBe(tech.id);
      expect(row.rating).toBe(5);
      expect(row.closed_at).not.toBeNull();
    });
    const actions = (await timelineOf(ds, input.orderNo)).map((t) => t.action);
    expect(actions).toEqual([
      'INTAKE',
      'REVIEW_APPROVE',
      'AUTO_ASSIGN',
      'TECHNICIAN_ACCEPT',
      'LOG_CONTACT',
      'CHECK_IN',
      'REPORT_PROGRESS',
      'COMPLETE',
      'QC_PASS',
      'CUSTOMER_ACCEPT',
      'CALLBACK',
      'SETTLE',
      'CLOSE',
    ]);
    const reservations = await ds.query(`SELECT * FROM technician_assignments WHERE order_no = $1`, [
      input.orderNo,
    ]);
    expect(reservations).toEqual([]);
    const described = await handle.describe();
    expect(described.searchAttributes.OrderStatus).toEqual(['CLOSED']);
    expect(described.searchAttributes.TechnicianId).toEqual([tech.id]);
    expect(await escalationsOf(ds, input.orderNo)).toEqual([]);
    await recordHistory(handle, 'happy-path');
  });

  it('refuses actions with the right failure type and the current status', async () => {
    const ds = ctx.dataSource;
    const clerk = await agent(ds);
    const region = uniqueRegion('refuse');
    const input = orderInput(clerk.actor, {
      details: {
        dispatchMode: 'SUPERVISOR',
        customer: { region },
      },
    });
    const handle = await startOrder(ctx, input);
    const tech = await technician(ds, { region });
    const refusal = async (promise: Promise<unknown>) => {
      try {
        await promise;
      } catch (error) {
        const cause = (error as { cause?: { type?: string; details?: unknown[]; message?: string } }).cause;
        return { type: cause?.type, details: cause?.details?.[0], message: cause?.message };
      }
      throw new Error('expected a refusal');
    };
    // Wrong role → Forbidden; wrong status → ActionNotAllowed; bad input → InvalidInput.
    expect(
      await refusal(handle.executeUpdate(review, { args: [{ actor: tech.actor, decision: 'APPROVE' }] })),
    ).toMatchObject({
      type: 'Forbidden',
      details: { status: 'PENDING_REVIEW' },
    });
    // Ownership before status: a technician not (yet) on the order is refused as not theirs.
    expect(
      await refusal(
        handle.executeUpdate(respondToAssignment, { args: [{ actor: tech.actor, decision: 'ACCEPT' }] }),
      ),
    ).toMatchObject({
      type: 'Forbidden',
      details: { status: 'PENDING_REVIEW', allowedActions: [] },
    });
    expect(
      await refusal(handle.executeUpdate(cancel, { args: [{ actor: clerk.actor, reason: ' ' }] })),
    ).toMatchObject({
      type: 'InvalidInput',
      details: { field: 'reason' },
    });
    await handle.executeUpdate(review, { args: [{ actor: clerk.actor, decision: 'APPROVE' }] });
    // SUPERVISOR mode waits for a person; a dispatcher of another region may not, a named ineligible technician is refused.
    const elsewhere = await dispatcher(ds, { region: uniqueRegion('other') });
    expect(
      await refusal(
        handle.executeUpdate(assign, { args: [{ actor: elsewhere.actor, technicianId: tech.id }] }),
      ),
    ).toMatchObject({ type: 'Forbidden' });
    const away = await technician(ds, { region, active: false });
    const local = await dispatcher(ds, { region });
    const ineligible = await refusal(
      handle.executeUpdate(assign, { args: [{ actor: local.actor, technicianId: away.id }] }),
    );
    expect(ineligible).toMatchObject({ type: 'InvalidInput', details: { field: 'technicianId' } });
    expect(ineligible.message).toContain('inactive');
    const view = await handle.executeUpdate(assign, {
      args: [{ actor: local.actor, technicianId: tech.id }],
    });
    expect(view).toMatchObject({ status: 'ASSIGNED', technicianId: tech.id });
    // Only the assigned technician may answer.
    const other = await technician(ds, { region });
    expect(
      await refusal(
        handle.executeUpdate(respondToAssignment, { args: [{ actor: other.actor, decision: 'ACCEPT' }] }),
      ),
    ).toMatchObject({ type: 'Forbidden' });
    await handle.executeUpdate(cancel, { args: [{ actor: clerk.actor, reason: 'test over' }] });
    await handle.result();
  });

  it('cancellation stops every timer and releases the technician', async () => {
    const ds = ctx.dataSource;
    const region = uniqueRegion('cancel');
    const skill = `${region}-s`;
    const clerk = await agent(ds);
    const tech = await technician(ds, { region, skills: [skill] });
    const policy = secondsPolicy('INSTALLATION', {
      targets: { technicianAcceptance: '3s', completion: { IN_CITY: '4s', OUT_OF_CITY: '4s' } },
    });
    const input = orderInput(clerk.actor, {
      policy,
      details: { requiredSkills: [skill], customer: { region, messageConsent: true } },
    });
    const handle = await startOrder(ctx, input);
    let view = await handle.executeUpdate(review, { args: [{ actor: clerk.actor, decision: 'APPROVE' }] });
    expect(view.technicianId).toBe(tech.id);
    // The acceptance and completion timers are running…
    await eventually(async () => {
      const started = ((await handle.fetchHistory()).events ?? []).filter(
        (e) => e.timerStartedEventAttributes,
      );
      expect(started.length).toBeGreaterThan(0);
    });
    view = await handle.executeUpdate(cancel, {
      args: [{ actor: clerk.actor, reason: 'customer changed their mind' }],
    });
    expect(view).toMatchObject({
      status: 'CANCELLED',
      deadlines: [],
      cancelReason: 'customer changed their mind',
    });
    const result = await handle.result();
    expect(result.status).toBe('CANCELLED');
    // Let every deadline the order had pass: nothing fires.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    expect(await escalationsOf(ds, input.orderNo)).toEqual([]);
    const history = await handle.fetchHistory();
    // …and none of them fires after the cancellation.
    const fired = (history.events ?? []).filter((e) => e.timerFiredEventAttributes);
    expect(fired).toHaveLength(0);
    expect(
      await ds.query(`SELECT * FROM technician_assignments WHERE order_no = $1`, [input.orderNo]),
    ).toEqual([]);
    await recordHistory(handle, 'cancelled');
  });

  it('re-projects running deadlines when the policy changes and records old and new due times', async () => {
    const ds = ctx.dataSource;
    const clerk = await agent(ds);
    const policy = secondsPolicy('INSTALLATION', { targets: { review: '1h' } });
    const input = orderInput(clerk.actor, { policy });
    const handle = await startOrder(ctx, input);
    const before = await waitForView(handle, (v) => expect(v.deadlines).toHaveLength(1));
    const oldDue = Date.parse(before.deadlines[0].dueAt as string);
    const edited = { ...policy, version: policy.version + 1, targets: { ...policy.targets, review: '2h' } };
    await handle.signal(policyChanged, {
      actor: { id: null, role: 'admin', name: 'admin' },
      policy: edited,
      reason: 'review takes longer now',
    });
    const after = await waitForView(handle, (v) => expect(v.policyVersion).toBe(edited.version));
    const newDue = Date.parse(after.deadlines[0].dueAt as string);
    // Time consumed is kept: the due time moves by the extra hour.
    expect(newDue - oldDue).toBeGreaterThanOrEqual(3600_000 - 50);
    expect(newDue - oldDue).toBeLessThanOrEqual(3600_000 + 50);
    await eventually(async () => {
      const entry = (await timelineOf(ds, input.orderNo)).find((t) => t.action === 'POLICY_CHANGED');
      expect(entry?.details).toMatchObject({
        reason: 'review takes longer now',
        deadlines: [
          { stageKey: 'REVIEW#1', oldDueAt: before.deadlines[0].dueAt, newDueAt: after.deadlines[0].dueAt },
        ],
      });
    });
    await handle.executeUpdate(cancel, { args: [{ actor: clerk.actor, reason: 'done' }] });
    await expect(handle.result()).resolves.toMatchObject({ status: 'CANCELLED' });
  });

  it('counts targets in business time when the policy names a calendar', async () => {
    const clerk = await agent(ctx.dataSource);
    const calendar: BusinessCalendar = {
      name: 'office-hours',
      timeZone: 'Asia/Shanghai',
      workingHours: Object.fromEntries(
        ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => [day, [{ start: '09:00', end: '18:00' }]]),
      ),
      holidays: [],
    };
    const policy = secondsPolicy('INSTALLATION', { calendar: 'office-hours', targets: { review: '4h' } });
    const input = { ...orderInput(clerk.actor, { policy }), calendar };
    const handle = await startOrder(ctx, input);
    const view = await waitForView(handle, (v) => expect(v.deadlines).toHaveLength(1));
    const [deadline] = view.deadlines;
    const expected = addBusinessTime(new Date(deadline.startedAt), 4 * 3600_000, calendar).toISOString();
    expect(deadline.dueAt).toBe(expected);
    await handle.executeUpdate(cancel, { args: [{ actor: clerk.actor, reason: 'done' }] });
  });

  it('flags a check-in outside the radius to the dispatcher; an unsatisfied callback opens a feedback case; warranty settles at 0', async () => {
    const ds = ctx.dataSource;
    const cast = await createCast(ds, 'radius');
    const input = castInput(cast, { details: { isWarranty: true, totalAmount: 0 } });
    const handle = await startOrder(ctx, input);
    const assigned = await handle.executeUpdate(review, {
      args: [{ actor: cast.clerk.actor, decision: 'APPROVE' }],
    });
    const tech = techById(cast, assigned.technicianId);
    await handle.executeUpdate(respondToAssignment, { args: [{ actor: tech.actor, decision: 'ACCEPT' }] });
    // About 1.1 km north of the customer.
    await handle.executeUpdate(checkIn, { args: [{ actor: tech.actor, lat: 31.24, lng: 121.47 }] });
    await eventually(async () => {
      const entry = (await timelineOf(ds, input.orderNo)).find((t) => t.action === 'CHECK_IN');
      expect(entry?.details).toMatchObject({ outsideRadius: true, radiusMeters: 500 });
      expect((entry?.details.distanceMeters as number) > 1000).toBe(true);
      const flagged = await notificationsOf(ds, input.orderNo, 'CHECK_IN_OUTSIDE_RADIUS');
      expect(flagged.map((n) => n.user_id)).toContain(cast.dispatcher.id);
    });
    await handle.executeUpdate(complete, {
      args: [{ actor: tech.actor, summary: 'replaced', partsUsed: [], laborHours: 1 }],
    });
    await handle.executeUpdate(qc, { args: [{ actor: cast.boss.actor, result: 'PASS' }] });
    await handle.executeUpdate(customerAcceptance, {
      args: [{ actor: CUSTOMER, decision: 'ACCEPT', rating: 4 }],
    });
    let view = await handle.executeUpdate(callback, {
      args: [{ actor: cast.clerk.actor, reached: true, satisfied: false }],
    });
    expect(view.feedbackCase).toMatchObject({
      status: 'OPEN',
      category: 'CALLBACK_UNSATISFIED',
      ownerId: cast.boss.id,
    });
    view = await handle.executeUpdate(settle, {
      args: [{ actor: cast.cashier.actor, amount: 0, paymentMethod: 'WARRANTY', invoiceNo: '' }],
    });
    expect(view.status).toBe('COMPLETED');
    view = await handle.executeUpdate(resolveFeedback, {
      args: [{ actor: cast.boss.actor, resolution: 'explained the repair' }],
    });
    expect(view.status).toBe('CLOSED');
  });
});
