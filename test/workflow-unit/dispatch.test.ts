// Dispatch with a fake reservation service: the acceptance timeout and the decline send the order back to
// dispatch with the technician excluded and released; a manual (re)assignment; cancellation releases.
import {
  assign,
  cancel,
  checkIn,
  ORDER_FAILURE,
  respondToAssignment,
  review,
} from '../../src/workflows/service-order/service-order.messages';
import { CUSTOMER_POSITION, uniqueRegion } from '../factories/orders';
import { secondsPolicy } from '../factories/sla-policies';
import { staffActor } from '../factories/users.factory';
import {
  eventually,
  newCast,
  refusal,
  setUpWorkflowUnit,
  stagesOf,
  viewOf,
  waitForView,
  type WorkflowUnitContext,
} from './support';

describe('workflow unit: dispatch', () => {
  let ctx: WorkflowUnitContext;
  beforeAll(async () => {
    ctx = await setUpWorkflowUnit('wu-dispatch');
  });
  afterAll(async () => ctx?.close());

  it('takes the order from a technician who does not accept in time, excludes and releases them, and re-dispatches', async () => {
    const cast = newCast('timeout', 2);
    const [silent, next] = cast.techs;
    const policy = secondsPolicy('INSTALLATION', { targets: { technicianAcceptance: '2s' } });
    const { handle, orderNo } = await ctx.startOrder(cast, { policy });
    const office = ctx.office;

    const first = await handle.executeUpdate(review, { args: [{ actor: cast.clerk, decision: 'APPROVE' }] });
    expect(first).toMatchObject({ status: 'ASSIGNED', technicianId: silent.id, excludedTechnicianIds: [] });
    const acceptance = first.deadlines.find((d) => d.stage === 'TECHNICIAN_ACCEPTANCE');
    expect(acceptance).toMatchObject({ stageKey: 'TECHNICIAN_ACCEPTANCE#1', responsibleUserId: silent.id });
    const dueAt = Date.parse(acceptance?.dueAt ?? '');
    expect(dueAt - Date.parse(acceptance?.startedAt ?? '')).toBe(2000);

    const view = await waitForView(handle, (v) => {
      expect(v.excludedTechnicianIds).toEqual([silent.id]);
      expect(v.status).toBe('ASSIGNED');
    });
    expect(view.technicianId).toBe(next.id);
    expect(view.deadlines.find((d) => d.stage === 'TECHNICIAN_ACCEPTANCE')).toMatchObject({
      stageKey: 'TECHNICIAN_ACCEPTANCE#2',
      responsibleUserId: next.id,
    });

    // Released once, at (not before) the due time; the new reservation excludes them. The release and
    // the new reservation run side by side, so the view may show the new technician first.
    const releases = await eventually(() => {
      const calls = office.callsOf(orderNo, 'releaseTechnician');
      expect(calls.map((c) => c.input)).toEqual([{ orderNo, technicianId: silent.id }]);
      return calls;
    });
    expect(releases[0].at).toBeGreaterThanOrEqual(dueAt - 50);
    expect(office.reservations(orderNo).map((r) => r.excludedIds)).toEqual([[], [silent.id]]);
    expect(office.heldTechnician(orderNo)).toBe(next.id);
    // The warning (80%) went to the silent technician; the timeout itself is no ladder level. (With the
    // server's one-second timer resolution the warning may fire in the timeout's own turn.)
    await eventually(() =>
      expect(office.escalations(orderNo)).toEqual([
        expect.objectContaining({
          stageKey: 'TECHNICIAN_ACCEPTANCE#1',
          level: 0,
          responsibleUserId: silent.id,
          responsibleRole: 'technician',
        }),
      ]),
    );
    await eventually(() => {
      expect(office.notifications(orderNo, 'TECHNICIAN_TIMEOUT')).toEqual([
        expect.objectContaining({ roles: ['dispatcher'], region: cast.region }),
      ]);
      expect(office.notifications(orderNo, 'ASSIGNED').map((n) => n.userIds)).toEqual([
        [silent.id],
        [next.id],
      ]);
      expect(office.projectedActions(orderNo)).toEqual([
        'INTAKE',
        'REVIEW_APPROVE',
        'AUTO_ASSIGN',
        'SLA_WARNING',
        'TECHNICIAN_TIMEOUT',
        'AUTO_ASSIGN',
      ]);
    });

    // The excluded technician cannot take it back.
    expect(
      await refusal(
        handle.executeUpdate(respondToAssignment, { args: [{ actor: silent, decision: 'ACCEPT' }] }),
      ),
    ).toMatchObject({ type: ORDER_FAILURE.FORBIDDEN });
    await handle.executeUpdate(cancel, { args: [{ actor: cast.clerk, reason: 'test over' }] });
  });

  it('sends a declined order back to dispatch, excluding each decliner, until nobody is left', async () => {
    const cast = newCast('decline', 2);
    const [first, second] = cast.techs;
    const { handle, orderNo } = await ctx.startOrder(cast);
    const office = ctx.office;
    await handle.executeUpdate(review, { args: [{ actor: cast.clerk, decision: 'APPROVE' }] });

    // AUTO re-dispatches inside the decline's own Update.
    let view = await handle.executeUpdate(respondToAssignment, {
      args: [{ actor: first, decision: 'DECLINE', reason: 'no ladder long enough' }],
    });
    expect(view).toMatchObject({
      status: 'ASSIGNED',
      technicianId: second.id,
      excludedTechnicianIds: [first.id],
    });
    expect(office.releasedTechnicians(orderNo)).toEqual([first.id]);
    await eventually(() =>
      expect(office.notifications(orderNo, 'TECHNICIAN_DECLINED')).toEqual([
        expect.objectContaining({
          roles: ['dispatcher'],
          region: cast.region,
          body: expect.stringContaining('no ladder long enough'),
        }),
      ]),
    );

    view = await handle.executeUpdate(respondToAssignment, {
      args: [{ actor: second, decision: 'DECLINE', reason: 'off sick' }],
    });
    expect(view).toMatchObject({ status: 'PENDING_DISPATCH', technicianId: null });
    expect([...view.excludedTechnicianIds].sort()).toEqual([first.id, second.id].sort());
    // The completion clock started at the first assignment keeps counting between technicians.
    expect(stagesOf(view)).toEqual(['COMPLETION', 'DISPATCH']);
    expect(view.deadlines.find((d) => d.stage === 'COMPLETION')).toMatchObject({
      stageKey: 'COMPLETION#1',
      responsibleUserId: null,
    });
    expect(office.releasedTechnicians(orderNo)).toEqual([first.id, second.id]);
    expect(office.heldTechnician(orderNo)).toBeNull();
    expect(office.reservations(orderNo).map((r) => [...r.excludedIds].sort())).toEqual([
      [],
      [first.id],
      [first.id, second.id].sort(),
    ]);
    await eventually(() => {
      expect(office.notifications(orderNo, 'NO_ELIGIBLE_TECHNICIAN')).toEqual([
        expect.objectContaining({ roles: ['dispatcher'], region: cast.region }),
      ]);
      expect(office.projectedActions(orderNo)).toEqual([
        'INTAKE',
        'REVIEW_APPROVE',
        'AUTO_ASSIGN',
        'TECHNICIAN_DECLINE',
        'AUTO_ASSIGN',
        'TECHNICIAN_DECLINE',
        'NO_ELIGIBLE_TECHNICIAN',
      ]);
    });
    await handle.executeUpdate(cancel, { args: [{ actor: cast.clerk, reason: 'test over' }] });
  });

  it('lets a dispatcher of the region assign and reassign by hand, releasing and telling the previous technician', async () => {
    const cast = newCast('manual', 3);
    const [unavailable, chosen, replacement] = cast.techs;
    const { handle, orderNo } = await ctx.startOrder(cast, {
      details: { dispatchMode: 'SUPERVISOR' },
      ineligible: [unavailable.id],
    });
    const office = ctx.office;
    let view = await handle.executeUpdate(review, { args: [{ actor: cast.clerk, decision: 'APPROVE' }] });
    // SUPERVISOR mode waits for a person.
    expect(view).toMatchObject({ status: 'PENDING_DISPATCH', technicianId: null });
    expect(office.reservations(orderNo)).toEqual([]);

    const elsewhere = staffActor('dispatcher', { region: uniqueRegion('elsewhere') });
    expect(
      await refusal(handle.executeUpdate(assign, { args: [{ actor: elsewhere, technicianId: chosen.id }] })),
    ).toMatchObject({ type: ORDER_FAILURE.FORBIDDEN });
    // The reservation service's refusal is the dispatcher's InvalidInput, with its explanation.
    const ineligible = await refusal(
      handle.executeUpdate(assign, { args: [{ actor: cast.dispatcher, technicianId: unavailable.id }] }),
    );
    expect(ineligible).toMatchObject({
      type: ORDER_FAILURE.INVALID_INPUT,
      details: { field: 'technicianId' },
    });
    expect(ineligible.message).toContain('not eligible');
    expect((await viewOf(handle)).status).toBe('PENDING_DISPATCH');

    view = await handle.executeUpdate(assign, {
      args: [{ actor: cast.dispatcher, technicianId: chosen.id }],
    });
    expect(view).toMatchObject({ status: 'ASSIGNED', technicianId: chosen.id });
    expect(office.reservations(orderNo).at(-1)).toMatchObject({ technicianId: chosen.id, replacing: null });
    expect(
      await refusal(
        handle.executeUpdate(assign, { args: [{ actor: cast.dispatcher, technicianId: chosen.id }] }),
      ),
    ).toMatchObject({ type: ORDER_FAILURE.INVALID_INPUT, details: { field: 'technicianId' } });

    await handle.executeUpdate(respondToAssignment, { args: [{ actor: chosen, decision: 'ACCEPT' }] });
    view = await handle.executeUpdate(assign, { args: [{ actor: cast.boss, technicianId: replacement.id }] });
    expect(view).toMatchObject({ status: 'ASSIGNED', technicianId: replacement.id });
    // A reassignment hands the old reservation over in one call (`replacing`), not by a separate release.
    expect(office.reservations(orderNo).at(-1)).toMatchObject({
      technicianId: replacement.id,
      replacing: chosen.id,
    });
    expect(office.heldTechnician(orderNo)).toBe(replacement.id);
    await eventually(() => {
      expect(office.notifications(orderNo, 'REASSIGNED_AWAY').map((n) => n.userIds)).toEqual([[chosen.id]]);
      expect(office.notifications(orderNo, 'ASSIGNED').map((n) => n.userIds)).toEqual([
        [chosen.id],
        [replacement.id],
      ]);
      expect(office.projectedActions(orderNo)).toEqual([
        'INTAKE',
        'REVIEW_APPROVE',
        'ASSIGN',
        'TECHNICIAN_ACCEPT',
        'REASSIGN',
      ]);
    });
    await handle.executeUpdate(cancel, { args: [{ actor: cast.clerk, reason: 'test over' }] });
  });

  it('cancellation releases the technician, tells them, and ends the order; on site it is refused', async () => {
    const cast = newCast('cancel');
    const [tech] = cast.techs;
    const { handle, orderNo } = await ctx.startOrder(cast);
    const office = ctx.office;
    await handle.executeUpdate(review, { args: [{ actor: cast.clerk, decision: 'APPROVE' }] });
    await handle.executeUpdate(respondToAssignment, { args: [{ actor: tech, decision: 'ACCEPT' }] });
    expect(office.heldTechnician(orderNo)).toBe(tech.id);

    const view = await handle.executeUpdate(cancel, {
      args: [{ actor: cast.boss, reason: 'customer moved away' }],
    });
    expect(view).toMatchObject({ status: 'CANCELLED', cancelReason: 'customer moved away', deadlines: [] });
    expect(office.releasedTechnicians(orderNo)).toEqual([tech.id]);
    expect(office.heldTechnician(orderNo)).toBeNull();
    const result = await handle.result();
    expect(result.status).toBe('CANCELLED');
    expect(office.notifications(orderNo, 'ORDER_CANCELLED')).toEqual([
      expect.objectContaining({ userIds: [tech.id], body: 'customer moved away' }),
    ]);
    expect(office.projected(orderNo).view).toMatchObject({ status: 'CANCELLED', revision: result.revision });

    // Once the technician is on site the order can no longer be cancelled.
    const onSite = newCast('cancel-on-site');
    const other = await ctx.startOrder(onSite);
    await other.handle.executeUpdate(review, { args: [{ actor: onSite.clerk, decision: 'APPROVE' }] });
    const [worker] = onSite.techs;
    await other.handle.executeUpdate(respondToAssignment, { args: [{ actor: worker, decision: 'ACCEPT' }] });
    await other.handle.executeUpdate(checkIn, { args: [{ actor: worker, ...CUSTOMER_POSITION }] });
    expect(
      await refusal(
        other.handle.executeUpdate(cancel, { args: [{ actor: onSite.clerk, reason: 'too late' }] }),
      ),
    ).toMatchObject({ type: ORDER_FAILURE.ACTION_NOT_ALLOWED, details: { status: 'ON_SITE' } });
    expect(office.releasedTechnicians(other.orderNo)).toEqual([]);
    await other.handle.terminate('test over');
  });
});
