// After the technician's work: QC failure, rework rounds after the customer rejects, and the feedback
// case (low rating, unsatisfied callback), whose owner comes from the fake back office.
import {
  callback,
  cancel,
  customerAcceptance,
  decideRework,
  ORDER_FAILURE,
  qc,
  resolveFeedback,
  respondToAssignment,
  settle,
  complete,
} from '../../src/workflows/service-order/service-order.messages';
import { secondsPolicy } from '../factories/sla-policies';
import {
  CUSTOMER,
  driveFromAcceptedToInProgress,
  driveFromInProgressToPendingAcceptance,
  driveToInProgress,
  driveToPendingAcceptance,
  eventually,
  finishTracks,
  newCast,
  refusal,
  setUpWorkflowUnit,
  sleep,
  stagesOf,
  viewOf,
  type WorkflowUnitContext,
} from './support';

describe('workflow unit: after the work', () => {
  let ctx: WorkflowUnitContext;
  beforeAll(async () => {
    ctx = await setUpWorkflowUnit('wu-after');
  });
  afterAll(async () => ctx?.close());

  it('sends a failed QC back to work on the same completion clock, holding the technician again', async () => {
    const cast = newCast('qc-fail');
    const { handle, input } = await ctx.startOrder(cast);
    const tech = await driveToInProgress(handle, cast);
    const working = await viewOf(handle);
    const firstClock = working.deadlines.find((d) => d.stage === 'COMPLETION');
    const done = await handle.executeUpdate(complete, {
      args: [{ actor: tech, summary: 'done', partsUsed: [], laborHours: 1 }],
    });
    // Judged, not working: the clock stops and the technician is free.
    expect(done.deadlines.find((d) => d.stage === 'COMPLETION')).toMatchObject({
      stageKey: 'COMPLETION#1',
      paused: true,
    });
    expect(ctx.office.heldTechnician(input.orderNo)).toBeNull();
    expect(
      await refusal(handle.executeUpdate(qc, { args: [{ actor: cast.boss, result: 'FAIL' }] })),
    ).toMatchObject({ type: ORDER_FAILURE.INVALID_INPUT, details: { field: 'note', status: 'PENDING_QC' } });
    const view = await handle.executeUpdate(qc, {
      args: [{ actor: cast.boss, result: 'FAIL', note: 'pipe not insulated' }],
    });
    expect(view).toMatchObject({ status: 'IN_PROGRESS', technicianId: tech.id });
    // A failed QC does not forgive the time taken: the first clock runs on from where it stopped.
    expect(view.deadlines.map((d) => d.stageKey)).toEqual(['COMPLETION#1']);
    expect(view.deadlines[0]).toMatchObject({ startedAt: firstClock?.startedAt, paused: false });
    expect(ctx.office.heldTechnician(input.orderNo)).toBe(tech.id);
    const passed = await driveFromInProgressToPendingAcceptance(handle, cast, tech);
    expect(passed.status).toBe('PENDING_ACCEPTANCE');
    await handle.terminate('test over');
  });

  it('opens a rework round for the same technician when the customer rejects, and escalates beyond maxReworks', async () => {
    const cast = newCast('rework', 2);
    const policy = secondsPolicy('INSTALLATION', { maxReworks: 1 });
    const { handle, orderNo, input } = await ctx.startOrder(cast, { policy });
    const office = ctx.office;
    const tech = await driveToPendingAcceptance(handle, cast);

    expect(
      await refusal(
        handle.executeUpdate(customerAcceptance, {
          args: [{ actor: CUSTOMER, decision: 'REJECT', comment: ' ' }],
        }),
      ),
    ).toMatchObject({ type: ORDER_FAILURE.INVALID_INPUT, details: { field: 'comment' } });
    let view = await handle.executeUpdate(customerAcceptance, {
      args: [{ actor: CUSTOMER, decision: 'REJECT', comment: 'still leaking', rating: 2 }],
    });
    expect(view).toMatchObject({ status: 'ASSIGNED', technicianId: tech.id, reworkRound: 1 });
    expect(view.deadlines.map((d) => d.stageKey).sort()).toEqual(['COMPLETION#2', 'TECHNICIAN_ACCEPTANCE#2']);
    // Freed at PENDING_QC, the same technician is held again for the rework, without a new reservation.
    expect(office.releasedTechnicians(orderNo)).toEqual([tech.id]);
    expect(office.callsOf(orderNo, 'holdTechnician').map((c) => c.input)).toEqual([
      { orderNo, technicianId: tech.id },
    ]);
    expect(office.reservations(orderNo)).toHaveLength(1);
    expect(office.heldTechnician(orderNo)).toBe(tech.id);
    await eventually(() =>
      expect(office.notifications(orderNo, 'REWORK')).toEqual([
        expect.objectContaining({ userIds: [tech.id], body: expect.stringContaining('still leaking') }),
      ]),
    );
    expect(office.escalations(orderNo)).toEqual([]);

    // Round 2 is one more than the policy allows: the supervisor's level is told at once.
    await handle.executeUpdate(respondToAssignment, { args: [{ actor: tech, decision: 'ACCEPT' }] });
    await driveFromAcceptedToInProgress(handle, tech);
    await driveFromInProgressToPendingAcceptance(handle, cast, tech);
    view = await handle.executeUpdate(customerAcceptance, {
      args: [{ actor: CUSTOMER, decision: 'REJECT', comment: 'worse now' }],
    });
    // Past the limit the order stops in REWORK until the supervisor decides; no one may cancel it now.
    expect(view).toMatchObject({ status: 'REWORK', reworkRound: 2, technicianId: tech.id });
    // It does not wait unseen: the decision has the supervisor's deadline (the policy's qc target).
    expect(view.deadlines.map((d) => [d.stageKey, d.responsibleRole])).toEqual([
      ['REWORK_DECISION#1', 'supervisor'],
    ]);
    expect(office.heldTechnician(orderNo)).toBeNull();
    expect(
      await refusal(handle.executeUpdate(cancel, { args: [{ actor: cast.boss, reason: 'give up' }] })),
    ).toMatchObject({ type: ORDER_FAILURE.ACTION_NOT_ALLOWED, details: { status: 'REWORK' } });
    expect(
      await refusal(
        handle.executeUpdate(decideRework, {
          args: [{ actor: cast.dispatcher, decision: 'ANOTHER_ROUND', note: 'x' }],
        }),
      ),
    ).toMatchObject({ type: ORDER_FAILURE.FORBIDDEN });
    view = await handle.executeUpdate(decideRework, {
      args: [{ actor: cast.boss, decision: 'ANOTHER_ROUND', note: 'one last try, I will check it myself' }],
    });
    expect(view).toMatchObject({ status: 'ASSIGNED', reworkRound: 2, technicianId: tech.id });
    expect(office.heldTechnician(orderNo)).toBe(tech.id);
    expect(stagesOf(view)).not.toContain('REWORK_DECISION');
    await eventually(() =>
      expect(office.escalations(orderNo)).toEqual([
        expect.objectContaining({
          stage: 'COMPLETION',
          stageKey: 'REWORK_LIMIT#2',
          level: 2,
          responsibleUserId: tech.id,
          region: cast.region,
        }),
      ]),
    );

    // Accepted at last (rating 3: no feedback case); the order closes and frees the technician.
    await handle.executeUpdate(respondToAssignment, { args: [{ actor: tech, decision: 'ACCEPT' }] });
    await driveFromAcceptedToInProgress(handle, tech);
    await driveFromInProgressToPendingAcceptance(handle, cast, tech);
    view = await handle.executeUpdate(customerAcceptance, {
      args: [{ actor: CUSTOMER, decision: 'ACCEPT', rating: 3 }],
    });
    expect(view).toMatchObject({ status: 'COMPLETED', rating: 3, tracks: { feedback: 'NOT_NEEDED' } });
    // Freed at each PENDING_QC, never held after the last one.
    expect(office.releasedTechnicians(orderNo)).toEqual([tech.id, tech.id, tech.id]);
    expect(office.heldTechnician(orderNo)).toBeNull();
    expect((await finishTracks(handle, cast, input.details)).status).toBe('CLOSED');
    expect((await handle.result()).status).toBe('CLOSED');
    const actions = office.projectedActions(orderNo);
    expect(actions.filter((a) => a === 'CUSTOMER_REJECT')).toHaveLength(2);
    expect(actions.filter((a) => a === 'REWORK_ASSIGNED')).toHaveLength(1);
    expect(actions.filter((a) => a === 'REWORK_ANOTHER_ROUND')).toHaveLength(1);
    expect(actions).toContain('REWORK_LIMIT_EXCEEDED');
  });

  it('opens a feedback case after a low rating, reminds its owner, and closes only once it is resolved', async () => {
    const cast = newCast('feedback');
    const policy = secondsPolicy('INSTALLATION', { targets: { closureReminderEvery: '1s' } });
    const { handle, orderNo, input } = await ctx.startOrder(cast, { policy });
    const office = ctx.office;
    await driveToPendingAcceptance(handle, cast);

    let view = await handle.executeUpdate(customerAcceptance, {
      args: [{ actor: CUSTOMER, decision: 'ACCEPT', rating: 1, comment: 'rude' }],
    });
    // The owner is picked before the Update answers.
    expect(view).toMatchObject({
      status: 'COMPLETED',
      rating: 1,
      tracks: { feedback: 'OPEN' },
      feedbackCase: { status: 'OPEN', category: 'LOW_RATING', ownerId: cast.boss.id },
    });
    expect(stagesOf(view)).toEqual(['CALLBACK', 'FEEDBACK_CLOSURE', 'SETTLEMENT']);
    expect(office.callsOf(orderNo, 'pickFeedbackOwner').map((c) => c.input)).toEqual([
      { orderNo, region: cast.region },
    ]);
    await eventually(() =>
      expect(office.notifications(orderNo, 'FEEDBACK_CASE_ASSIGNED').map((n) => n.userIds)).toEqual([
        [cast.boss.id],
      ]),
    );

    // Callback and settlement done, the open case still holds the order back.
    view = await finishTracks(handle, cast, input.details);
    expect(view).toMatchObject({
      status: 'COMPLETED',
      tracks: { callback: 'DONE', settlement: 'DONE', feedback: 'OPEN' },
    });
    expect(
      await refusal(
        handle.executeUpdate(resolveFeedback, { args: [{ actor: cast.cashier, resolution: 'not mine' }] }),
      ),
    ).toMatchObject({ type: ORDER_FAILURE.FORBIDDEN });
    expect(
      await refusal(handle.executeUpdate(resolveFeedback, { args: [{ actor: cast.boss, resolution: '' }] })),
    ).toMatchObject({ type: ORDER_FAILURE.INVALID_INPUT, details: { field: 'resolution' } });
    // The reminder every closureReminderEvery (1s) goes to the owner.
    await eventually(() =>
      expect(office.notifications(orderNo, 'FEEDBACK_REMINDER').length).toBeGreaterThanOrEqual(2),
    );
    for (const reminder of office.notifications(orderNo, 'FEEDBACK_REMINDER')) {
      expect(reminder.userIds).toEqual([cast.boss.id]);
    }

    view = await handle.executeUpdate(resolveFeedback, {
      args: [{ actor: cast.boss, resolution: 'apologised, voucher sent' }],
    });
    expect(view).toMatchObject({
      status: 'CLOSED',
      tracks: { feedback: 'RESOLVED' },
      feedbackCase: { status: 'RESOLVED', resolution: 'apologised, voucher sent' },
    });
    const reminders = office.notifications(orderNo, 'FEEDBACK_REMINDER').length;
    expect((await handle.result()).status).toBe('CLOSED');
    await sleep(1_200);
    expect(office.notifications(orderNo, 'FEEDBACK_REMINDER')).toHaveLength(reminders);
  });

  it('gives the case to the intake clerk when no supervisor is on staff, and opens one on an unsatisfied callback', async () => {
    const cast = newCast('no-supervisor');
    const { handle, orderNo, input } = await ctx.startOrder(cast, { noFeedbackOwner: true });
    await driveToPendingAcceptance(handle, cast);
    let view = await handle.executeUpdate(customerAcceptance, {
      args: [{ actor: CUSTOMER, decision: 'ACCEPT', rating: 4 }],
    });
    expect(view.tracks.feedback).toBe('NOT_NEEDED');
    view = await handle.executeUpdate(callback, {
      args: [{ actor: cast.clerk, reached: true, satisfied: false, note: 'paint scratched' }],
    });
    expect(view).toMatchObject({
      status: 'COMPLETED',
      tracks: { callback: 'DONE', feedback: 'OPEN' },
      feedbackCase: { category: 'CALLBACK_UNSATISFIED', status: 'OPEN', ownerId: cast.clerk.id },
    });
    expect(ctx.office.callsOf(orderNo, 'pickFeedbackOwner')).toHaveLength(1);
    // The clerk owns it, so the clerk (an agent) may resolve it.
    await handle.executeUpdate(settle, {
      args: [
        { actor: cast.cashier, amount: input.details.totalAmount, paymentMethod: 'CASH', invoiceNo: 'INV-2' },
      ],
    });
    view = await handle.executeUpdate(resolveFeedback, {
      args: [{ actor: cast.clerk, resolution: 'repainted' }],
    });
    expect(view.status).toBe('CLOSED');
  });
});
