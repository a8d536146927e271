// Deadlines on second-scale policies: the escalation ladder (fireEscalation with levels 0–3 at 80, 100,
// 150 and 200% of the target), its end when the stage is done, and the customer's acceptance window.
// The server's timers have about one second of resolution and steps due together run as parallel
// activities, so the fakes may see them in any order: tests compare levels as sets and times as lower
// bounds, and the order of record on the projected timeline.
import type { EscalationStep } from '../../src/activities/notification.contract';
import { LADDER } from '../../src/domain';
import { approval, review } from '../../src/workflows/service-order/service-order.messages';
import { NEEDS_APPROVAL } from '../factories/orders';
import { secondsPolicy } from '../factories/sla-policies';
import {
  driveToPendingAcceptance,
  eventually,
  newCast,
  setUpWorkflowUnit,
  sleep,
  viewOf,
  waitForView,
  type WorkflowUnitContext,
} from './support';

describe('workflow unit: deadlines', () => {
  let ctx: WorkflowUnitContext;
  beforeAll(async () => {
    ctx = await setUpWorkflowUnit('wu-deadlines');
  });
  afterAll(async () => ctx?.close());

  it('climbs the escalation ladder of an overdue review: levels 0, 1, 2, 3 at 80/100/150/200% of the target', async () => {
    const cast = newCast('ladder');
    const policy = secondsPolicy('INSTALLATION', { targets: { review: '1s' } });
    const { handle, orderNo } = await ctx.startOrder(cast, { policy, outbox: true });
    const office = ctx.office;
    const reviewDeadline = (await viewOf(handle)).deadlines.find((d) => d.stage === 'REVIEW');
    expect(reviewDeadline).toMatchObject({ stageKey: 'REVIEW#1', escalationLevel: -1 });
    const startedAt = Date.parse(reviewDeadline?.startedAt ?? '');
    const dueAt = reviewDeadline?.dueAt;
    expect(Date.parse(dueAt ?? '') - startedAt).toBe(1000);

    const steps = await eventually(() => {
      const fired = office.escalations(orderNo);
      expect(levelsOf(fired)).toEqual([0, 1, 2, 3]);
      return fired;
    });
    for (const step of steps) {
      expect(step).toMatchObject({
        orderNo,
        stage: 'REVIEW',
        stageKey: 'REVIEW#1',
        dueAt,
        responsibleUserId: cast.clerk.id,
        responsibleRole: 'agent',
        region: cast.region,
      });
      // Never early: each step at its share of the target (workflow time, on this machine's clock).
      expect(Date.parse(step.firedAt)).toBeGreaterThanOrEqual(startedAt + LADDER[step.level].fraction * 1000);
    }
    const view = await viewOf(handle);
    expect(view.status).toBe('PENDING_REVIEW');
    expect(view.deadlines.find((d) => d.stage === 'REVIEW')?.escalationLevel).toBe(3);
    expect(view.escalations.map((e) => [e.stageKey, e.level])).toEqual([
      ['REVIEW#1', 0],
      ['REVIEW#1', 1],
      ['REVIEW#1', 2],
      ['REVIEW#1', 3],
    ]);
    await eventually(() => {
      expect(office.projectedActions(orderNo)).toEqual([
        'INTAKE',
        'SLA_WARNING',
        'ESCALATION',
        'ESCALATION',
        'ESCALATION',
      ]);
      // Each step's outbox row is handed to `deliver` in the background.
      expect(office.deliveries(orderNo).sort()).toEqual(office.deliveryIdsIssued(orderNo).sort());
      expect(office.deliveries(orderNo)).toHaveLength(4);
    });
    // The ladder has no fifth step.
    await sleep(500);
    expect(office.escalations(orderNo)).toHaveLength(4);
    await handle.terminate('test over');
  });

  it('stops the ladder when the stage is done, and runs the next stage’s own', async () => {
    const cast = newCast('ladder-stop');
    const policy = secondsPolicy('INSTALLATION', { targets: { review: '1s', approval: '1s' } });
    // Over the approval threshold: review leads to PENDING_APPROVAL, whose deadline is short too.
    const { handle, orderNo } = await ctx.startOrder(cast, { policy, details: { ...NEEDS_APPROVAL } });
    const office = ctx.office;
    const reviewStartedAt = Date.parse((await viewOf(handle)).deadlines[0].startedAt);
    const reviewLevels = () => levelsOf(office.escalations(orderNo).filter((s) => s.stage === 'REVIEW'));
    await eventually(() => expect(reviewLevels()).toContain(0));
    const reviewed = await handle.executeUpdate(review, {
      args: [{ actor: cast.clerk, decision: 'APPROVE' }],
    });
    expect(reviewed).toMatchObject({ status: 'PENDING_APPROVAL', requiresApproval: true });
    expect(reviewed.deadlines.map((d) => d.stageKey)).toEqual(['APPROVAL#1']);
    const firedBeforeApproval = reviewLevels();

    // The approval's ladder runs (to the supervisor) …
    await eventually(() =>
      expect(levelsOf(office.escalations(orderNo).filter((s) => s.stage === 'APPROVAL'))).toEqual([
        0, 1, 2, 3,
      ]),
    );
    for (const step of office.escalations(orderNo).filter((s) => s.stage === 'APPROVAL')) {
      expect(step).toMatchObject({ responsibleRole: 'supervisor', stageKey: 'APPROVAL#1' });
    }
    // … and the review's fired nothing more, though its 200% has passed.
    await sleep(Math.max(0, reviewStartedAt + 2 * 1000 + 300 - Date.now()));
    expect(reviewLevels()).toEqual(firedBeforeApproval);
    expect(firedBeforeApproval).not.toContain(3);

    const approved = await handle.executeUpdate(approval, {
      args: [{ actor: cast.boss, decision: 'APPROVE' }],
    });
    expect(approved.status).toBe('ASSIGNED');
    await handle.terminate('test over');
  });

  it('completes the order when the customer lets the acceptance window pass (AUTO_ACCEPT), without a ladder', async () => {
    const cast = newCast('auto-accept');
    const policy = secondsPolicy('INSTALLATION', {
      onAcceptanceWindowExpiry: 'AUTO_ACCEPT',
      targets: { customerAcceptanceWindow: '1s' },
    });
    const { handle, orderNo } = await ctx.startOrder(cast, { policy });
    const tech = await driveToPendingAcceptance(handle, cast);
    const view = await waitForView(handle, (v) => expect(v.status).toBe('COMPLETED'));
    expect(view).toMatchObject({
      rating: null,
      tracks: { callback: 'PENDING', feedback: 'NOT_NEEDED', settlement: 'PENDING' },
    });
    // The query shows the state at once; the release it started runs on (no Update waits for it here).
    await eventually(() => expect(ctx.office.releasedTechnicians(orderNo)).toEqual([tech.id]));
    expect(ctx.office.escalations(orderNo)).toEqual([]);
    await eventually(() => {
      const entry = ctx.office
        .projected(orderNo)
        .timeline.find((t) => t.action === 'ACCEPTANCE_WINDOW_EXPIRED');
      expect(entry).toMatchObject({
        fromStatus: 'PENDING_ACCEPTANCE',
        toStatus: 'COMPLETED',
        actor: { role: 'system' },
      });
    });
    await handle.terminate('test over');
  });

  it('escalates an expired acceptance window (ESCALATE) and keeps waiting for the customer', async () => {
    const cast = newCast('escalate-window');
    const policy = secondsPolicy('INSTALLATION', {
      onAcceptanceWindowExpiry: 'ESCALATE',
      targets: { customerAcceptanceWindow: '1s' },
    });
    const { handle, orderNo } = await ctx.startOrder(cast, { policy });
    await driveToPendingAcceptance(handle, cast);
    await eventually(() =>
      expect(
        levelsOf(ctx.office.escalations(orderNo).filter((s) => s.stage === 'CUSTOMER_ACCEPTANCE')),
      ).toEqual([0, 1, 2, 3]),
    );
    const view = await viewOf(handle);
    expect(view.status).toBe('PENDING_ACCEPTANCE');
    for (const step of ctx.office.escalations(orderNo)) {
      expect(step).toMatchObject({ responsibleRole: 'agent', responsibleUserId: cast.clerk.id });
    }
    await handle.terminate('test over');
  });
});

function levelsOf(steps: EscalationStep[]): number[] {
  return steps.map((s) => s.level).sort((a, b) => a - b);
}
