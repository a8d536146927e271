// A long-lived order continues as new when Temporal suggests it, carrying its state and deadlines.
import { policyChanged, review } from '../../src/workflows/service-order/service-order.messages';
import { secondsPolicy } from '../factories/sla-policies';
import { eventually } from '../support/harness';
import {
  castInput,
  createCast,
  escalationsOf,
  setUpWorkflowTests,
  startOrder,
  viewOf,
  waitForView,
  type WorkflowTestContext,
} from './support';

describe('service order continue-as-new', () => {
  let ctx: WorkflowTestContext;
  beforeAll(async () => {
    ctx = await setUpWorkflowTests('wf-can');
  });
  afterAll(async () => ctx.close());

  it('carries state and running deadlines unchanged into the new run', async () => {
    const cast = await createCast(ctx.dataSource, 'can');
    // Long enough that no ladder step fires while thousands of signals are sent on a loaded machine.
    const policy = secondsPolicy('INSTALLATION', { targets: { approval: '5m' } });
    const input = castInput(cast, { policy, details: { priority: 'URGENT' } });
    const handle = await startOrder(ctx, input);
    const firstRunId = (await handle.describe()).runId;
    await handle.executeUpdate(review, { args: [{ actor: cast.clerk.actor, decision: 'APPROVE' }] });
    const before = await viewOf(handle);

    // Thousands of (no-op) policy re-projections make the history long enough for the server to
    // suggest continue-as-new (its default threshold is 4Ki events).
    const admin = { id: null, role: 'admin' as const, name: 'admin' };
    for (let batch = 0; batch < 90; batch++) {
      await Promise.all(
        Array.from({ length: 50 }, () =>
          handle.signal(policyChanged, { actor: admin, policy, reason: 'load' }),
        ),
      );
      if ((await handle.describe()).runId !== firstRunId) break;
    }
    await eventually(async () => expect((await handle.describe()).runId).not.toBe(firstRunId), {
      timeoutMs: 30_000,
    });

    const after = await waitForView(handle, (v) => expect(v.revision).toBeGreaterThan(before.revision));
    expect(after.status).toBe('PENDING_APPROVAL');
    expect(after.deadlines.map((d) => [d.stageKey, d.dueAt])).toEqual(
      before.deadlines.map((d) => [d.stageKey, d.dueAt]),
    );
    expect(after.createdAt).toBe(before.createdAt);
    const [row] = await ctx.dataSource.query(`SELECT status, revision FROM orders WHERE order_no = $1`, [
      input.orderNo,
    ]);
    expect(row.status).toBe('PENDING_APPROVAL');
    expect(await escalationsOf(ctx.dataSource, input.orderNo)).toEqual([]);
    const seqs = (await ctx.dataSource.query(
      `SELECT seq FROM order_timeline WHERE order_no = $1 ORDER BY seq`,
      [input.orderNo],
    )) as { seq: number }[];
    await eventually(async () => {
      const rows = (await ctx.dataSource.query(
        `SELECT count(*)::int AS n, max(seq) AS m FROM order_timeline WHERE order_no = $1`,
        [input.orderNo],
      )) as { n: number; m: number }[];
      expect(rows[0].n).toBe(rows[0].m);
    });
    expect(seqs[0].seq).toBe(1);
  });
});
