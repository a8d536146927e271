// One test per timed stage: the ladder fires on time, once per step, to the right people; done stages stop.
import {
  approval,
  chase,
  logContact,
  receiveParts,
  requestParts,
  review,
} from '../../src/workflows/service-order/service-order.messages';
import { secondsPolicy } from '../factories/sla-policies';
import { eventually } from '../support/harness';
import {
  castInput,
  createCast,
  driveToInProgress,
  escalationsOf,
  setUpWorkflowTests,
  sleep,
  startOrder,
  timelineOf,
  viewOf,
  type WorkflowTestContext,
} from './support';

describe('service order deadlines', () => {
  let ctx: WorkflowTestContext;
  beforeAll(async () => {
    ctx = await setUpWorkflowTests('wf-deadlines');
  });
  afterAll(async () => ctx.close());

  it('escalates an approval that nobody gives', async () => {
    const cast = await createCast(ctx.dataSource, 'approval');
    const policy = secondsPolicy('INSTALLATION', { targets: { approval: '2s' } });
    const input = castInput(cast, { policy, details: { priority: 'URGENT' } });
    const handle = await startOrder(ctx, input);
    const view = await handle.executeUpdate(review, {
      args: [{ actor: cast.clerk.actor, decision: 'APPROVE' }],
    });
    expect(view).toMatchObject({ status: 'PENDING_APPROVAL', requiresApproval: true });
    expect(view.approvalReasons).toEqual(['priority URGENT needs approval']);
    await eventually(
      async () => {
        const levels = (await escalationsOf(ctx.dataSource, input.orderNo)).map((e) => [
          e.stage_key,
          e.level,
        ]);
        expect(levels).toEqual([
          ['APPROVAL#1', 0],
          ['APPROVAL#1', 1],
        ]);
      },
      { timeoutMs: 10_000 },
    );
    const [, level1] = await escalationsOf(ctx.dataSource, input.orderNo);
    expect(level1.recipients.map((r) => r.role)).toContain('supervisor');
    expect(level1.recipients.map((r) => r.userId)).toContain(cast.boss.id);
    const escalated = await viewOf(handle);
    expect(escalated.deadlines[0]).toMatchObject({ stageKey: 'APPROVAL#1', escalationLevel: 1 });
    expect((await handle.describe()).searchAttributes.EscalationLevel).toEqual([1]);
    // Approving ends the stage: no level 2 afterwards.
    await handle.executeUpdate(approval, {
      args: [{ actor: cast.boss.actor, decision: 'REJECT', comment: 'no' }],
    });
    await sleep(1500);
    expect((await escalationsOf(ctx.dataSource, input.orderNo)).length).toBe(2);
    await handle.result();
  });

  it('escalates a dispatch deadline that runs out while the order waits for a dispatcher', async () => {
    const cast = await createCast(ctx.dataSource, 'dispatch');
    const policy = secondsPolicy('INSTALLATION', {
      targets: { dispatch: { URGENT: '1h', HIGH: '1h', NORMAL: '2s', LOW: '1h' } },
    });
    const input = castInput(cast, { policy, details: { dispatchMode: 'SUPERVISOR' } });
    const handle = await startOrder(ctx, input);
    await handle.executeUpdate(review, { args: [{ actor: cast.clerk.actor, decision: 'APPROVE' }] });
    await eventually(
      async () => {
        const level1 = (await escalationsOf(ctx.dataSource, input.orderNo)).find((e) => e.level === 1);
        expect(level1?.stage_key).toBe('DISPATCH#1');
        expect(level1?.recipients.map((r) => r.userId)).toEqual(
          expect.arrayContaining([cast.dispatcher.id, cast.boss.id]),
        );
      },
      { timeoutMs: 10_000 },
    );
    expect((await viewOf(handle)).status).toBe('PENDING_DISPATCH');
  });

  it('runs the completion ladder: warning, levels 1–3 in order, each exactly once', async () => {
    const cast = await createCast(ctx.dataSource, 'completion');
    const policy = secondsPolicy('INSTALLATION', {
      targets: { completion: { IN_CITY: '2s', OUT_OF_CITY: '1h' } },
    });
    const input = castInput(cast, { policy });
    const handle = await startOrder(ctx, input);
    const tech = await driveToInProgress(handle, cast);
    await eventually(
      async () => {
        expect((await escalationsOf(ctx.dataSource, input.orderNo)).length).toBe(4);
      },
      { timeoutMs: 15_000 },
    );
    // Nothing more comes after level 3.
    await sleep(1500);
    const rows = await escalationsOf(ctx.dataSource, input.orderNo);
    expect(rows.map((e) => [e.stage_key, e.level])).toEqual([
      ['COMPLETION#1', 0],
      ['COMPLETION#1', 1],
      ['COMPLETION#1', 2],
      ['COMPLETION#1', 3],
    ]);
    // Fired at 80/100/150/200% of the 2 s target, in that order.
    const started = Date.parse(
      (await viewOf(handle)).deadlines.find((d) => d.stage === 'COMPLETION')?.startedAt as string,
    );
    const offsets = rows.map((e) => new Date(e.fired_at).getTime() - started);
    [1600, 2000, 3000, 4000].forEach((expected, i) => {
      expect(offsets[i]).toBeGreaterThanOrEqual(expected);
      expect(offsets[i]).toBeLessThan(expected + 1500);
    });
    expect(rows[0].recipients.map((r) => r.userId)).toEqual([tech.id]);
    expect(rows[1].recipients.map((r) => r.userId)).toEqual(
      expect.arrayContaining([tech.id, cast.dispatcher.id]),
    );
    expect(rows[2].recipients.map((r) => r.userId)).toEqual(
      expect.arrayContaining([tech.id, cast.dispatcher.id, cast.boss.id]),
    );
    await eventually(async () => {
      const steps = (await timelineOf(ctx.dataSource, input.orderNo)).filter(
        (t) => t.action === 'SLA_WARNING' || t.action === 'ESCALATION',
      );
      expect(steps.map((t) => t.details.level)).toEqual([0, 1, 2, 3]);
    });
    const view = await viewOf(handle);
    expect(view.escalations.map((e) => e.level)).toEqual([0, 1, 2, 3]);
    expect((await handle.describe()).searchAttributes.EscalationLevel).toEqual([3]);
  });

  it('pauses the completion clock while waiting for parts and shifts the due time by exactly the paused span', async () => {
    const cast = await createCast(ctx.dataSource, 'parts');
    const policy = secondsPolicy('REPAIR', { targets: { completion: { IN_CITY: '1h', OUT_OF_CITY: '1h' } } });
    const input = castInput(cast, { policy, details: { type: 'REPAIR' } });
    const handle = await startOrder(ctx, input);
    const tech = await driveToInProgress(handle, cast);
    const before = (await viewOf(handle)).deadlines.find((d) => d.stage === 'COMPLETION');
    expect(before?.paused).toBe(false);

    const paused = await handle.executeUpdate(requestParts, {
      args: [{ actor: tech.actor, items: [{ code: 'COMPRESSOR', quantity: 1 }] }],
    });
    expect(paused.milestone).toBe('WAITING_PARTS');
    expect(paused.deadlines.find((d) => d.stage === 'COMPLETION')).toMatchObject({
      paused: true,
      dueAt: null,
    });
    await sleep(1200);
    const resumed = await handle.executeUpdate(receiveParts, {
      args: [{ actor: tech.actor, requestId: paused.partsRequests[0].id }],
    });
    const after = resumed.deadlines.find((d) => d.stage === 'COMPLETION');
    expect(after?.paused).toBe(false);
    const request = resumed.partsRequests[0];
    const pausedSpan = Date.parse(request.receivedAt as string) - Date.parse(request.requestedAt);
    expect(pausedSpan).toBeGreaterThanOrEqual(1200);
    expect(Date.parse(after?.dueAt as string) - Date.parse(before?.dueAt as string)).toBe(pausedSpan);
    expect(resumed.milestone).toBe('IN_PROGRESS');
  });

  it('escalates a customer chase that the technician does not answer, and counts repeated chases', async () => {
    const cast = await createCast(ctx.dataSource, 'chase');
    const policy = secondsPolicy('INSTALLATION', { targets: { chaseResponse: '2s' } });
    const input = castInput(cast, { policy });
    const handle = await startOrder(ctx, input);
    const tech = await driveToInProgress(handle, cast);
    await handle.executeUpdate(chase, {
      args: [{ actor: cast.clerk.actor, note: 'customer called: where is the technician?' }],
    });
    await eventually(
      async () => {
        const level1 = (await escalationsOf(ctx.dataSource, input.orderNo)).find((e) => e.level === 1);
        expect(level1?.stage_key).toBe('CHASE_RESPONSE#1');
        expect(level1?.recipients.map((r) => r.userId)).toEqual(
          expect.arrayContaining([tech.id, cast.dispatcher.id]),
        );
      },
      { timeoutMs: 10_000 },
    );
    // A second chase opens a second occurrence; answering it in time stops its timers.
    const view = await handle.executeUpdate(chase, {
      args: [{ actor: cast.clerk.actor, note: 'called again' }],
    });
    expect(view.chaseCount).toBe(2);
    expect(view.deadlines.filter((d) => d.stage === 'CHASE_RESPONSE').map((d) => d.stageKey)).toEqual([
      'CHASE_RESPONSE#1',
      'CHASE_RESPONSE#2',
    ]);
    const answered = await handle.executeUpdate(logContact, {
      args: [{ actor: tech.actor, note: 'called the customer back' }],
    });
    expect(answered.deadlines.filter((d) => d.stage === 'CHASE_RESPONSE')).toEqual([]);
    await sleep(2500);
    const keys = (await escalationsOf(ctx.dataSource, input.orderNo)).map((e) => e.stage_key);
    expect(keys).not.toContain('CHASE_RESPONSE#2');
  });
});
