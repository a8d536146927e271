// Each escalation step fires exactly once, even when the worker is down while it falls due.
import { review } from '../../src/workflows/service-order/service-order.messages';
import { secondsPolicy } from '../factories/sla-policies';
import { eventually } from '../support/harness';
import {
  castInput,
  createCast,
  escalationsOf,
  notificationsOf,
  setUpWorkflowTests,
  sleep,
  startOrder,
  timelineOf,
  type WorkflowTestContext,
} from './support';

describe('service order across worker restarts', () => {
  let ctx: WorkflowTestContext;
  beforeAll(async () => {
    ctx = await setUpWorkflowTests('wf-restart');
  });
  afterAll(async () => ctx.close());

  it('fires the steps that fell due while the worker was stopped once each, in order', async () => {
    const cast = await createCast(ctx.dataSource, 'restart');
    const policy = secondsPolicy('INSTALLATION', { targets: { approval: '2s' } });
    const input = castInput(cast, { policy, details: { priority: 'URGENT' } });
    const handle = await startOrder(ctx, input);
    await handle.executeUpdate(review, { args: [{ actor: cast.clerk.actor, decision: 'APPROVE' }] });

    await ctx.worker?.shutdown();
    // Warning (1.6 s), level 1 (2 s) and level 2 (3 s) fall due while nobody runs the workflow.
    await sleep(3500);
    expect(await escalationsOf(ctx.dataSource, input.orderNo)).toEqual([]);
    await ctx.startWorker();

    await eventually(
      async () => {
        expect((await escalationsOf(ctx.dataSource, input.orderNo)).map((e) => e.level)).toEqual([
          0, 1, 2, 3,
        ]);
      },
      { timeoutMs: 30_000 },
    );
    await sleep(1000);
    const history = await handle.fetchHistory();
    const fired = (history.events ?? []).filter(
      (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'fireEscalation',
    );
    expect(fired).toHaveLength(4);
    await eventually(async () => {
      const steps = (await timelineOf(ctx.dataSource, input.orderNo)).filter(
        (t) => t.action === 'SLA_WARNING' || t.action === 'ESCALATION',
      );
      expect(steps.map((t) => t.details.level)).toEqual([0, 1, 2, 3]);
    });
    // One inbox entry per recipient and step: the supervisor got each of the four steps once.
    const inbox = (await notificationsOf(ctx.dataSource, input.orderNo)).filter(
      (n) => n.user_id === cast.boss.id,
    );
    expect(inbox).toHaveLength(4);
  });
});
