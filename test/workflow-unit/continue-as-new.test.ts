// Continue-as-new: this tier's server suggests it at SUGGEST_CONTINUE_AS_NEW_AT events (env.ts), so a few
// hundred no-op policyChanged signals get an order there in a few seconds.
import {
  checkIn,
  complete,
  customerAcceptance,
  logContact,
  policyChanged,
  qc,
  reportProgress,
  respondToAssignment,
  review,
  type Actor,
} from '../../src/workflows/service-order/service-order.messages';
import { CUSTOMER_POSITION } from '../factories/orders';
import { secondsPolicy } from '../factories/sla-policies';
import { SUGGEST_CONTINUE_AS_NEW_AT } from './env';
import {
  CUSTOMER,
  eventually,
  finishTracks,
  newCast,
  setUpWorkflowUnit,
  viewOf,
  waitForView,
  type WorkflowUnitContext,
} from './support';

describe('workflow unit: continue-as-new', () => {
  let ctx: WorkflowUnitContext;
  beforeAll(async () => {
    ctx = await setUpWorkflowUnit('wu-can');
  });
  afterAll(async () => ctx?.close());

  it('carries the whole state into the new run, which keeps its deadlines, projection and reservation', async () => {
    const cast = newCast('can', 2);
    const [decliner, tech] = cast.techs;
    const policy = secondsPolicy('INSTALLATION');
    const { handle, orderNo, input } = await ctx.startOrder(cast, { policy, details: { priority: 'HIGH' } });
    const office = ctx.office;
    const firstRunId = (await handle.describe()).runId;

    await handle.executeUpdate(review, { args: [{ actor: cast.clerk, decision: 'APPROVE' }] });
    await handle.executeUpdate(respondToAssignment, {
      args: [{ actor: decliner, decision: 'DECLINE', reason: 'too far' }],
    });
    await handle.executeUpdate(respondToAssignment, { args: [{ actor: tech, decision: 'ACCEPT' }] });
    const before = await viewOf(handle);
    expect(before).toMatchObject({
      status: 'ACCEPTED',
      technicianId: tech.id,
      excludedTechnicianIds: [decliner.id],
    });
    expect((await handle.describe()).historyLength).toBeLessThan(SUGGEST_CONTINUE_AS_NEW_AT / 2);

    // Each no-op re-projection is a signal and a timeline note. Pumping stops once the history is long
    // enough: a run cannot complete its continue-as-new while new signals keep arriving.
    const admin: Actor = { id: null, role: 'admin', name: 'admin' };
    let signals = 0;
    for (let batch = 0; batch < 40; batch++) {
      await Promise.all(
        Array.from({ length: 50 }, () =>
          handle.signal(policyChanged, { actor: admin, policy, reason: 'load' }),
        ),
      );
      signals += 50;
      const run = await handle.describe();
      if (run.runId !== firstRunId || run.historyLength >= SUGGEST_CONTINUE_AS_NEW_AT) break;
    }
    await eventually(async () => expect((await handle.describe()).runId).not.toBe(firstRunId));
    const firstRun = await ctx.client.workflow.getHandle(handle.workflowId, firstRunId).describe();
    expect(firstRun.status.name).toBe('CONTINUED_AS_NEW');
    const continuedAt = firstRun.closeTime?.getTime() ?? Date.now();

    // Every signal counted; nothing else moved.
    const after = await waitForView(handle, (v) => expect(v.revision).toBe(before.revision + signals));
    expect({ ...after, revision: null }).toEqual({ ...before, revision: null });
    expect(office.reservations(orderNo)).toHaveLength(2);
    expect(office.releasedTechnicians(orderNo)).toEqual([decliner.id]);
    expect(office.heldTechnician(orderNo)).toBe(tech.id);

    // The new run's timers work: a shorter first-contact target makes that (long overdue) ladder fire.
    const short = secondsPolicy('INSTALLATION', { targets: { firstContact: '1s' } });
    await handle.signal(policyChanged, { actor: admin, policy: short, reason: 'short first contact' });
    await eventually(() =>
      expect(
        office
          .escalations(orderNo)
          .filter((s) => s.stageKey === 'FIRST_CONTACT#1')
          .map((s) => s.level)
          .sort(),
      ).toEqual([0, 1, 2, 3]),
    );
    for (const step of office.escalations(orderNo)) {
      expect(Date.parse(step.firedAt)).toBeGreaterThanOrEqual(continuedAt);
      expect(step.responsibleUserId).toBe(tech.id);
    }

    // The order finishes on the new run.
    await handle.executeUpdate(logContact, { args: [{ actor: tech, note: 'on my way' }] });
    await handle.executeUpdate(checkIn, { args: [{ actor: tech, ...CUSTOMER_POSITION }] });
    await handle.executeUpdate(reportProgress, {
      args: [{ actor: tech, milestone: 'IN_PROGRESS', note: 'x' }],
    });
    await handle.executeUpdate(complete, {
      args: [{ actor: tech, summary: 'done', partsUsed: [], laborHours: 1 }],
    });
    await handle.executeUpdate(qc, { args: [{ actor: cast.boss, result: 'PASS' }] });
    await handle.executeUpdate(customerAcceptance, {
      args: [{ actor: CUSTOMER, decision: 'ACCEPT', rating: 5 }],
    });
    await finishTracks(handle, cast, input.details);
    const result = await handle.result();
    expect(result).toMatchObject({ status: 'CLOSED', createdAt: before.createdAt });
    expect(office.releasedTechnicians(orderNo)).toEqual([decliner.id, tech.id]);

    // The read model got every timeline entry of both runs exactly once, in order.
    const projected = office.projected(orderNo);
    expect(projected.view?.revision).toBe(result.revision);
    expect(projected.timeline.map((t) => t.seq)).toEqual(
      Array.from({ length: result.revision }, (_, i) => i + 1),
    );
    expect(projected.timeline.filter((t) => t.action === 'POLICY_CHANGED')).toHaveLength(signals + 1);
  });
});
