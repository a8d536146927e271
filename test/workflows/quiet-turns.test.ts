// Quiet turns (issue 12): a turn that changes nothing about the next deadline event keeps its timer, and
// a run started with its search attributes (as the API starts it) does not upsert them again.
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { orderInput } from '../factories/orders';
import { secondsPolicy } from '../factories/sla-policies';
import { agent } from '../factories/users.factory';
import { eventually } from '../support/harness';
import { setUpWorkflowTests, startOrder, type WorkflowTestContext } from './support';

const EventType = temporal.api.enums.v1.EventType;

async function eventCounts(handle: WorkflowHandle): Promise<Map<number, number>> {
  const history = await handle.fetchHistory();
  const counts = new Map<number, number>();
  for (const event of history.events ?? []) {
    const type = event.eventType ?? 0;
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  return counts;
}

/** Upserts of the order's own attributes (the SDK upserts TemporalChangeVersion with each patch marker). */
async function orderAttributeUpserts(handle: WorkflowHandle): Promise<string[][]> {
  const history = await handle.fetchHistory();
  return (history.events ?? [])
    .map((event) =>
      Object.keys(event.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields ?? {}),
    )
    .map((keys) => keys.filter((key) => key !== 'TemporalChangeVersion'))
    .filter((keys) => keys.length > 0);
}

describe('service order: quiet turns', () => {
  let ctx: WorkflowTestContext;
  beforeAll(async () => {
    ctx = await setUpWorkflowTests('wf-quiet-turns');
  });
  afterAll(async () => ctx.close());

  it('an intake writes no upsert and one timer, which its projection leaves running', async () => {
    const clerk = await agent(ctx.dataSource);
    const input = orderInput(clerk.actor, { policy: secondsPolicy() });
    const handle = await startOrder(ctx, input);
    // The projection activity's result wakes the loop once more: that turn must not touch the timer.
    await eventually(async () => {
      const counts = await eventCounts(handle);
      expect(counts.get(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED)).toBe(1);
      expect(counts.get(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)).toBe(2);
    });
    const counts = await eventCounts(handle);
    expect(await orderAttributeUpserts(handle)).toEqual([]);
    expect(counts.get(EventType.EVENT_TYPE_TIMER_STARTED)).toBe(1);
    expect(counts.get(EventType.EVENT_TYPE_TIMER_CANCELED) ?? 0).toBe(0);
    const described = await handle.describe();
    expect(described.searchAttributes.OrderStatus).toEqual(['PENDING_REVIEW']);
    expect(described.searchAttributes.NextDeadline?.[0]).toBeInstanceOf(Date);
  });

  it('the ladder fires from one timer per step, none restarted for the activities in between', async () => {
    const clerk = await agent(ctx.dataSource);
    const input = orderInput(clerk.actor, {
      policy: secondsPolicy('INSTALLATION', { targets: { review: '4s' } }),
    });
    const handle = await startOrder(ctx, input);
    await eventually(
      async () => {
        const rows = await ctx.dataSource.query(
          `SELECT level FROM escalations WHERE order_no = $1 AND stage = 'REVIEW' ORDER BY level`,
          [input.orderNo],
        );
        expect(rows.map((r: { level: number }) => r.level).slice(0, 2)).toEqual([0, 1]);
      },
      { timeoutMs: 30_000 },
    );
    const counts = await eventCounts(handle);
    // Each fired step moves the next event on: one timer per step, none restarted for the activities.
    expect(counts.get(EventType.EVENT_TYPE_TIMER_FIRED)).toBeGreaterThanOrEqual(2);
    expect(counts.get(EventType.EVENT_TYPE_TIMER_CANCELED) ?? 0).toBe(0);
  });
});
