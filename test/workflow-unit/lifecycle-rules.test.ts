// The lifecycle rules made right (rules v2, the runs that start with the `lifecycle-rules-v2` marker):
// supervisor overrides, chases only where someone answers, follow-ups after a spent ladder, the clerk
// told of a returned order, and policy re-projection that keeps the order's own policy.
import { WEEKDAYS, type BusinessCalendar, type Weekday, type WorkingInterval } from '../../src/domain';
import {
  assign,
  cancel,
  chase,
  complete,
  ORDER_FAILURE,
  policyChanged,
  qc,
  requestParts,
  respondToAssignment,
  review,
} from '../../src/workflows/service-order/service-order.messages';
import { secondsPolicy } from '../factories/sla-policies';
import {
  driveToInProgress,
  driveToPendingAcceptance,
  eventually,
  newCast,
  refusal,
  setUpWorkflowUnit,
  sleep,
  stagesOf,
  viewOf,
  waitForView,
  type UnitCast,
  type WorkflowUnitContext,
} from './support';

describe('workflow unit: lifecycle rules', () => {
  let ctx: WorkflowUnitContext;
  beforeAll(async () => {
    ctx = await setUpWorkflowUnit('wu-rules');
  });
  afterAll(async () => ctx?.close());

  /** Every technician of the cast becomes (in)eligible for the order's next reservation. */
  function setEligible(orderNo: string, cast: UnitCast, eligible: boolean): void {
    ctx.office.staff(orderNo, {
      technicians: cast.techs.map((t) => ({ id: t.id, name: t.name ?? t.id, eligible })),
      feedbackOwner: { userId: cast.boss.id, username: cast.boss.name ?? null },
    });
  }

  it('lets a supervisor take the work from a technician on site, or cancel it, but not once it is done', async () => {
    const cast = newCast('override', 2);
    const { handle, orderNo } = await ctx.startOrder(cast);
    const first = await driveToInProgress(handle, cast);
    const second = cast.techs.find((t) => t.id !== first.id)!;

    // A dispatcher may not take the order from a technician at work; the supervisor may.
    expect(
      await refusal(
        handle.executeUpdate(assign, { args: [{ actor: cast.dispatcher, technicianId: second.id }] }),
      ),
    ).toMatchObject({ type: ORDER_FAILURE.ACTION_NOT_ALLOWED, details: { status: 'IN_PROGRESS' } });
    const view = await handle.executeUpdate(assign, {
      args: [{ actor: cast.boss, technicianId: second.id }],
    });
    expect(view).toMatchObject({ status: 'ASSIGNED', technicianId: second.id });
    expect(ctx.office.heldTechnician(orderNo)).toBe(second.id);
    await eventually(() =>
      expect(ctx.office.notifications(orderNo, 'REASSIGNED_AWAY').map((n) => n.userIds)).toEqual([
        [first.id],
      ]),
    );
    await handle.terminate('test over');

    // Cancelled while the work is under way: the technician is freed and told.
    const other = newCast('override-cancel');
    const started = await ctx.startOrder(other);
    const tech = await driveToInProgress(started.handle, other);
    expect(
      await refusal(
        started.handle.executeUpdate(cancel, { args: [{ actor: other.clerk, reason: 'changed mind' }] }),
      ),
    ).toMatchObject({ type: ORDER_FAILURE.ACTION_NOT_ALLOWED });
    const cancelled = await started.handle.executeUpdate(cancel, {
      args: [{ actor: other.boss, reason: 'customer moved away' }],
    });
    expect(cancelled).toMatchObject({ status: 'CANCELLED', cancelReason: 'customer moved away' });
    expect(ctx.office.releasedTechnicians(started.orderNo)).toEqual([tech.id]);

    // Work done: nobody cancels.
    const third = newCast('override-done');
    const done = await ctx.startOrder(third);
    const worker = await driveToInProgress(done.handle, third);
    await done.handle.executeUpdate(complete, {
      args: [{ actor: worker, summary: 'done', partsUsed: [], laborHours: 1 }],
    });
    expect(
      await refusal(done.handle.executeUpdate(cancel, { args: [{ actor: third.boss, reason: 'too late' }] })),
    ).toMatchObject({ type: ORDER_FAILURE.ACTION_NOT_ALLOWED, details: { status: 'PENDING_QC' } });
    await done.handle.terminate('test over');
  });

  it('keeps trying to dispatch an AUTO order every half target after its ladder is spent', async () => {
    const cast = newCast('auto-retry');
    const policy = secondsPolicy('INSTALLATION', {
      targets: { dispatch: { URGENT: '1s', HIGH: '1s', NORMAL: '1s', LOW: '1s' } },
    });
    const { handle, orderNo } = await ctx.startOrder(cast, {
      policy,
      ineligible: cast.techs.map((t) => t.id),
    });
    await handle.executeUpdate(review, { args: [{ actor: cast.clerk, decision: 'APPROVE' }] });
    // Intake plus the four ladder steps: five attempts, all refused (steps due together start together).
    await eventually(
      () =>
        expect(
          ctx.office
            .escalations(orderNo)
            .map((e) => e.level)
            .sort(),
        ).toEqual([0, 1, 2, 3]),
      {
        timeoutMs: 5_000,
      },
    );
    await eventually(() => expect(ctx.office.reservations(orderNo).length).toBeGreaterThanOrEqual(5));
    setEligible(orderNo, cast, true);
    // The first follow-up is due at 250 % of the 1 s target.
    const view = await waitForView(handle, (v) => expect(v.status).toBe('ASSIGNED'), 5_000);
    expect(view.technicianId).toBe(cast.techs[0].id);
    await handle.terminate('test over');
  });

  it('sends a chase with no technician to the region’s dispatchers once, and the assignment answers it', async () => {
    const cast = newCast('chase-dispatch');
    const { handle, orderNo } = await ctx.startOrder(cast, {
      details: { dispatchMode: 'SUPERVISOR' },
    });
    await handle.executeUpdate(review, { args: [{ actor: cast.clerk, decision: 'APPROVE' }] });
    let view = await handle.executeUpdate(chase, {
      args: [{ actor: cast.clerk, note: 'where is my engineer?' }],
    });
    view = await handle.executeUpdate(chase, { args: [{ actor: cast.clerk, note: 'still nobody' }] });
    expect(view.chaseCount).toBe(2);
    expect(view.deadlines.filter((d) => d.stage === 'CHASE_RESPONSE')).toEqual([
      expect.objectContaining({ responsibleRole: 'dispatcher', responsibleUserId: null }),
    ]);
    await eventually(() =>
      expect(ctx.office.notifications(orderNo, 'CHASE')).toEqual([
        expect.objectContaining({ roles: ['dispatcher'], region: cast.region }),
      ]),
    );
    view = await handle.executeUpdate(assign, { args: [{ actor: cast.dispatcher }] });
    expect(view.status).toBe('ASSIGNED');
    expect(stagesOf(view)).not.toContain('CHASE_RESPONSE');

    // Assigned: the technician is told, and accepting answers the chase.
    const tech = cast.techs[0];
    view = await handle.executeUpdate(chase, { args: [{ actor: cast.clerk, note: 'when?' }] });
    expect(view.deadlines.find((d) => d.stage === 'CHASE_RESPONSE')).toMatchObject({
      responsibleRole: 'technician',
      responsibleUserId: tech.id,
    });
    await eventually(() =>
      expect(ctx.office.notifications(orderNo, 'CHASE').map((n) => n.userIds)).toContainEqual([tech.id]),
    );
    view = await handle.executeUpdate(respondToAssignment, { args: [{ actor: tech, decision: 'ACCEPT' }] });
    expect(stagesOf(view)).not.toContain('CHASE_RESPONSE');
    await eventually(() => {
      const accepted = ctx.office.projected(orderNo).timeline.find((e) => e.action === 'TECHNICIAN_ACCEPT');
      expect(accepted?.details).toMatchObject({ chasesAnswered: ['CHASE_RESPONSE#2'] });
    });
    await handle.terminate('test over');
  });

  it('refuses a chase nobody can answer: the work is done and waits for QC or the customer', async () => {
    const cast = newCast('chase-done');
    const { handle } = await ctx.startOrder(cast);
    const tech = await driveToInProgress(handle, cast);
    await handle.executeUpdate(complete, {
      args: [{ actor: tech, summary: 'done', partsUsed: [], laborHours: 1 }],
    });
    expect(
      await refusal(handle.executeUpdate(chase, { args: [{ actor: cast.clerk, note: 'hello?' }] })),
    ).toMatchObject({ type: ORDER_FAILURE.ACTION_NOT_ALLOWED, details: { status: 'PENDING_QC' } });
    await handle.executeUpdate(qc, { args: [{ actor: cast.boss, result: 'PASS' }] });
    expect(
      await refusal(handle.executeUpdate(chase, { args: [{ actor: cast.clerk, note: 'hello?' }] })),
    ).toMatchObject({ details: { status: 'PENDING_ACCEPTANCE' } });
    await handle.terminate('test over');
  });

  it('tells the clerk who took the order when the review returns it for information', async () => {
    const cast = newCast('return');
    const { handle, orderNo } = await ctx.startOrder(cast);
    const view = await handle.executeUpdate(review, {
      args: [{ actor: cast.clerk, decision: 'RETURN', note: 'which floor?' }],
    });
    expect(view.status).toBe('INFO_REQUIRED');
    await eventually(() =>
      expect(ctx.office.notifications(orderNo, 'REVIEW_RETURNED')).toEqual([
        expect.objectContaining({ userIds: [cast.clerk.id], body: expect.stringContaining('which floor?') }),
      ]),
    );
    await handle.terminate('test over');
  });

  it('keeps reminding the agent when the customer never answers and the policy escalates', async () => {
    const cast = newCast('acceptance-escalate');
    const policy = secondsPolicy('INSTALLATION', {
      onAcceptanceWindowExpiry: 'ESCALATE',
      targets: { customerAcceptanceWindow: '1s' },
    });
    const { handle, orderNo } = await ctx.startOrder(cast, { policy });
    await driveToPendingAcceptance(handle, cast);
    // Ladder at 0.8/1/1.5/2 s, then reminders at 2.5 s, 3 s, …
    await eventually(
      () => expect(ctx.office.notifications(orderNo, 'ACCEPTANCE_REMINDER').length).toBeGreaterThanOrEqual(2),
      { timeoutMs: 6_000 },
    );
    const [firstReminder] = ctx.office.notifications(orderNo, 'ACCEPTANCE_REMINDER');
    expect(firstReminder).toMatchObject({ userIds: [cast.clerk.id] });
    expect((await viewOf(handle)).status).toBe('PENDING_ACCEPTANCE');
    await handle.terminate('test over');
  });

  it('re-projects onto an edited calendar only when the order’s own policy uses it, keeping its version', async () => {
    const cast = newCast('calendar');
    const policy = secondsPolicy('INSTALLATION', { calendar: 'workshop' });
    const { handle, orderNo } = await ctx.startOrder(cast, { policy });
    const before = await viewOf(handle);
    await handle.signal(policyChanged, {
      actor: cast.boss,
      calendar: allDayCalendar('front-desk'),
      reason: 'not ours',
    });
    await handle.signal(policyChanged, {
      actor: cast.boss,
      calendar: allDayCalendar('workshop'),
      reason: 'workshop closes on Sundays now',
    });
    await eventually(() => {
      const changes = ctx.office.projected(orderNo).timeline.filter((e) => e.action === 'POLICY_CHANGED');
      expect(changes.map((e) => e.details)).toEqual([
        expect.objectContaining({
          reason: 'workshop closes on Sundays now',
          calendarOnly: true,
          fromVersion: policy.version,
          toVersion: policy.version,
        }),
      ]);
    });
    expect((await viewOf(handle)).policyVersion).toBe(before.policyVersion);
    await handle.terminate('test over');
  });

  it('takes the acceptance window’s action and the parts pause from the edited policy', async () => {
    const cast = newCast('policy-actions');
    const policy = secondsPolicy('INSTALLATION', { pauseWhileWaitingParts: true });
    const { handle } = await ctx.startOrder(cast, { policy });
    const tech = await driveToInProgress(handle, cast);
    let view = await handle.executeUpdate(requestParts, {
      args: [{ actor: tech, items: [{ code: 'VALVE', quantity: 1 }] }],
    });
    expect(view.deadlines.find((d) => d.stage === 'COMPLETION')).toMatchObject({ paused: true });
    await handle.signal(policyChanged, {
      actor: cast.boss,
      policy: { ...policy, version: policy.version + 1, pauseWhileWaitingParts: false },
      reason: 'parts delays count against us now',
    });
    view = await waitForView(handle, (v) =>
      expect(v.deadlines.find((d) => d.stage === 'COMPLETION')).toMatchObject({ paused: false }),
    );
    expect(view.policyVersion).toBe(policy.version + 1);
    await handle.terminate('test over');

    // An auto-accepting window switched to ESCALATE does not accept for the customer any more.
    const other = newCast('policy-acceptance');
    const short = secondsPolicy('INSTALLATION', { targets: { customerAcceptanceWindow: '3s' } });
    const started = await ctx.startOrder(other, { policy: short });
    await driveToPendingAcceptance(started.handle, other);
    await started.handle.signal(policyChanged, {
      actor: other.boss,
      policy: { ...short, version: short.version + 1, onAcceptanceWindowExpiry: 'ESCALATE' },
      reason: 'customers must accept themselves',
    });
    await eventually(
      () =>
        expect(ctx.office.escalations(started.orderNo).map((e) => e.stage)).toContain('CUSTOMER_ACCEPTANCE'),
      { timeoutMs: 6_000 },
    );
    await sleep(200);
    expect((await viewOf(started.handle)).status).toBe('PENDING_ACCEPTANCE');
    await started.handle.terminate('test over');
  });
});

function allDayCalendar(name: string): BusinessCalendar {
  const day: WorkingInterval[] = [{ start: '00:00', end: '24:00' }];
  return {
    name,
    timeZone: 'UTC',
    workingHours: Object.fromEntries(WEEKDAYS.map((d) => [d, day])) as Record<Weekday, WorkingInterval[]>,
    holidays: [],
  };
}
