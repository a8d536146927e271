// The customer's acceptance window, rework rounds and the feedback-closure reminders.
import type { WorkflowHandle } from '@temporalio/client';
import {
  callback,
  checkIn,
  complete,
  customerAcceptance,
  decideRework,
  logContact,
  qc,
  reportProgress,
  resolveFeedback,
  respondToAssignment,
  settle,
} from '../../src/workflows/service-order/service-order.messages';
import { secondsPolicy } from '../factories/sla-policies';
import { CUSTOMER, type TestStaff } from '../factories/users.factory';
import { eventually } from '../support/harness';
import { recordHistory } from './histories';
import {
  castInput,
  createCast,
  driveToPendingAcceptance,
  escalationsOf,
  heldTechnicianOf,
  notificationsOf,
  setUpWorkflowTests,
  sleep,
  startOrder,
  timelineOf,
  waitForView,
  type Cast,
  type WorkflowTestContext,
} from './support';

describe('service order after the work', () => {
  let ctx: WorkflowTestContext;
  beforeAll(async () => {
    ctx = await setUpWorkflowTests('wf-after');
  });
  afterAll(async () => ctx.close());

  it('AUTO_ACCEPT completes the order when the customer does nothing within the window', async () => {
    const cast = await createCast(ctx.dataSource, 'autoaccept');
    const policy = secondsPolicy('INSTALLATION', {
      onAcceptanceWindowExpiry: 'AUTO_ACCEPT',
      targets: { customerAcceptanceWindow: '2s' },
    });
    const input = castInput(cast, { policy });
    const handle = await startOrder(ctx, input);
    await driveToPendingAcceptance(handle, cast);
    const view = await waitForView(handle, (v) => expect(v.status).toBe('COMPLETED'), 10_000);
    expect(view.rating).toBeNull();
    expect(view.tracks).toEqual({ callback: 'PENDING', feedback: 'NOT_NEEDED', settlement: 'PENDING' });
    await eventually(async () => {
      const entry = (await timelineOf(ctx.dataSource, input.orderNo)).find(
        (t) => t.action === 'ACCEPTANCE_WINDOW_EXPIRED',
      );
      expect(entry).toMatchObject({
        from_status: 'PENDING_ACCEPTANCE',
        to_status: 'COMPLETED',
        actor_role: 'system',
      });
    });
    // No ladder on an auto-accepting window.
    expect(
      (await escalationsOf(ctx.dataSource, input.orderNo)).filter((e) => e.stage === 'CUSTOMER_ACCEPTANCE'),
    ).toEqual([]);
  });

  it('ESCALATE notifies the agent when the window expires and keeps waiting for the customer', async () => {
    const cast = await createCast(ctx.dataSource, 'escalate');
    const policy = secondsPolicy('INSTALLATION', {
      onAcceptanceWindowExpiry: 'ESCALATE',
      targets: { customerAcceptanceWindow: '2s' },
    });
    const input = castInput(cast, { policy });
    const handle = await startOrder(ctx, input);
    await driveToPendingAcceptance(handle, cast);
    await eventually(
      async () => {
        const level1 = (await escalationsOf(ctx.dataSource, input.orderNo)).find(
          (e) => e.stage === 'CUSTOMER_ACCEPTANCE' && e.level === 1,
        );
        expect(level1?.recipients.map((r) => r.userId)).toEqual(
          expect.arrayContaining([cast.clerk.id, cast.boss.id]),
        );
      },
      { timeoutMs: 10_000 },
    );
    const view = await waitForView(handle, (v) => expect(v.status).toBe('PENDING_ACCEPTANCE'));
    expect(
      view.deadlines.find((d) => d.stage === 'CUSTOMER_ACCEPTANCE')?.escalationLevel,
    ).toBeGreaterThanOrEqual(1);
    // The customer can still answer.
    const accepted = await handle.executeUpdate(customerAcceptance, {
      args: [{ actor: CUSTOMER, decision: 'ACCEPT', rating: 4 }],
    });
    expect(accepted.status).toBe('COMPLETED');
  });

  it('sends rework rounds back to the same technician; past maxReworks the supervisor decides', async () => {
    const cast = await createCast(ctx.dataSource, 'rework');
    const policy = secondsPolicy('INSTALLATION', { maxReworks: 1 });
    // The customer agreed to messages, so the recorded history holds the customer's sends too.
    const input = castInput(cast, { policy, details: { customer: { messageConsent: true } } });
    const handle = await startOrder(ctx, input);
    const tech = await driveToPendingAcceptance(handle, cast);

    let view = await handle.executeUpdate(customerAcceptance, {
      args: [{ actor: CUSTOMER, decision: 'REJECT', comment: 'still leaking' }],
    });
    expect(view).toMatchObject({ status: 'ASSIGNED', technicianId: tech.id, reworkRound: 1 });
    // Freed when the work was done, held again for the rework.
    expect(await heldTechnicianOf(ctx.dataSource, input.orderNo)).toBe(tech.id);
    expect(view.deadlines.map((d) => d.stageKey).sort()).toEqual(['COMPLETION#2', 'TECHNICIAN_ACCEPTANCE#2']);
    expect(await escalationsOf(ctx.dataSource, input.orderNo)).toEqual([]);

    // Round 2 is one more than allowed.
    await handle.executeUpdate(respondToAssignment, { args: [{ actor: tech.actor, decision: 'ACCEPT' }] });
    await driveFromAcceptedToPendingAcceptance(handle, cast, tech);
    view = await handle.executeUpdate(customerAcceptance, {
      args: [{ actor: CUSTOMER, decision: 'REJECT', comment: 'worse now' }],
    });
    // Past the limit the order waits for the supervisor; the technician holds no capacity meanwhile.
    expect(view).toMatchObject({ status: 'REWORK', reworkRound: 2 });
    expect(await heldTechnicianOf(ctx.dataSource, input.orderNo)).toBeNull();
    view = await handle.executeUpdate(decideRework, {
      args: [{ actor: cast.boss.actor, decision: 'ANOTHER_ROUND', note: 'last chance, I will inspect it' }],
    });
    expect(view).toMatchObject({ status: 'ASSIGNED', reworkRound: 2, technicianId: tech.id });
    expect(await heldTechnicianOf(ctx.dataSource, input.orderNo)).toBe(tech.id);
    // The escalation is stored by a notification activity that does not hold the command's answer.
    await eventually(async () => {
      const escalations = await escalationsOf(ctx.dataSource, input.orderNo);
      expect(escalations.map((e) => e.stage_key)).toEqual(['REWORK_LIMIT#2']);
      expect(escalations[0].recipients.map((r) => r.userId)).toEqual(expect.arrayContaining([cast.boss.id]));
    });
    await eventually(async () => {
      const actions = (await timelineOf(ctx.dataSource, input.orderNo)).map((t) => t.action);
      expect(actions.filter((a) => a === 'CUSTOMER_REJECT')).toHaveLength(2);
      expect(actions).toContain('REWORK_LIMIT_EXCEEDED');
      expect((await notificationsOf(ctx.dataSource, input.orderNo, 'REWORK')).map((n) => n.user_id)).toEqual([
        tech.id,
        tech.id,
      ]);
    });
    // Third time lucky: accepted with a low rating opens a feedback case; the order finishes.
    await handle.executeUpdate(respondToAssignment, { args: [{ actor: tech.actor, decision: 'ACCEPT' }] });
    await driveFromAcceptedToPendingAcceptance(handle, cast, tech);
    await handle.executeUpdate(customerAcceptance, {
      args: [{ actor: CUSTOMER, decision: 'ACCEPT', rating: 3 }],
    });
    await finishTracks(handle, cast, 300);
    expect((await handle.result()).status).toBe('CLOSED');
    await recordHistory(handle, 'rework');
  });

  it('reminds the feedback owner every closureReminderEvery until the case is resolved', async () => {
    const cast = await createCast(ctx.dataSource, 'feedback');
    const policy = secondsPolicy('INSTALLATION', {
      targets: { closureReminderEvery: '1s', feedbackClosure: '1h' },
    });
    const input = castInput(cast, { policy });
    const handle = await startOrder(ctx, input);
    await driveToPendingAcceptance(handle, cast);
    const view = await handle.executeUpdate(customerAcceptance, {
      args: [{ actor: CUSTOMER, decision: 'ACCEPT', rating: 1, comment: 'rude' }],
    });
    expect(view.tracks.feedback).toBe('OPEN');
    expect(view.feedbackCase).toMatchObject({
      status: 'OPEN',
      category: 'LOW_RATING',
      ownerId: cast.boss.id,
    });
    expect(view.deadlines.map((d) => d.stage).sort()).toEqual(['CALLBACK', 'FEEDBACK_CLOSURE', 'SETTLEMENT']);
    await eventually(
      async () => {
        const reminders = await notificationsOf(ctx.dataSource, input.orderNo, 'FEEDBACK_REMINDER');
        expect(reminders.length).toBeGreaterThanOrEqual(3);
        expect(new Set(reminders.map((r) => r.user_id))).toEqual(new Set([cast.boss.id]));
      },
      { timeoutMs: 10_000 },
    );
    const resolved = await handle.executeUpdate(resolveFeedback, {
      args: [{ actor: cast.boss.actor, resolution: 'apologised, voucher sent' }],
    });
    expect(resolved.tracks.feedback).toBe('RESOLVED');
    expect(resolved.deadlines.map((d) => d.stage).sort()).toEqual(['CALLBACK', 'SETTLEMENT']);
    await sleep(300);
    const count = (await notificationsOf(ctx.dataSource, input.orderNo, 'FEEDBACK_REMINDER')).length;
    await sleep(2000);
    expect((await notificationsOf(ctx.dataSource, input.orderNo, 'FEEDBACK_REMINDER')).length).toBe(count);
    await finishTracks(handle, cast, 300);
    expect((await handle.result()).status).toBe('CLOSED');
  });
});

async function driveFromAcceptedToPendingAcceptance(
  handle: WorkflowHandle,
  cast: Cast,
  tech: TestStaff,
): Promise<void> {
  await handle.executeUpdate(logContact, { args: [{ actor: tech.actor, note: 'back again' }] });
  await handle.executeUpdate(checkIn, { args: [{ actor: tech.actor }] });
  await handle.executeUpdate(reportProgress, {
    args: [{ actor: tech.actor, milestone: 'IN_PROGRESS', note: 'fixing' }],
  });
  await handle.executeUpdate(complete, {
    args: [{ actor: tech.actor, summary: 'fixed', partsUsed: [], laborHours: 1 }],
  });
  await handle.executeUpdate(qc, { args: [{ actor: cast.boss.actor, result: 'PASS' }] });
}

async function finishTracks(handle: WorkflowHandle, cast: Cast, amount: number): Promise<void> {
  await handle.executeUpdate(callback, {
    args: [{ actor: cast.clerk.actor, reached: true, satisfied: true }],
  });
  await handle.executeUpdate(settle, {
    args: [{ actor: cast.cashier.actor, amount, paymentMethod: 'CARD', invoiceNo: 'INV-9' }],
  });
}
