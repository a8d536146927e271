// C: escalation lag. N open orders whose review warning (80 % of the target) and level-1 step (the due
// time) fall due within one minute, as after an intake burst: how late each step fires (fired − due), vs
// a raw workflow per order whose timers fire at the same instants and each run one activity.
import { secondsPolicy } from '../../test/factories/sla-policies';
import { until } from '../../test/faults/stack';
import { round, runConcurrently, summarise } from '../lib/load';
import { benchOrderNo, startOrderDirect, terminateAll } from '../lib/orders';
import { RAW_FIRINGS_TABLE } from '../raw/raw.activities';
import { rawTimer } from '../raw/raw.workflows';
import { ratioOf, type BenchRow } from '../report';
import type { BenchContext } from './context';
import { settle } from './intake';
import { orderWorkflowId } from '../../src/workflows/service-order/service-order.messages';
import { LADDER } from '../../src/domain';

const WARNING_FRACTION = LADDER[0].fraction;
/** Assumed creation rate for sizing the target; the note says when creation overran it. */
const ASSUMED_STARTS_PER_SECOND = 50;
const MARGIN_MS = 10_000;

export async function escalationScenario(
  ctx: BenchContext,
  counts: number[],
  dueSpreadMs: number,
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const [cellIndex, count] of counts.entries())
    rows.push(await escalationCell(ctx, cellIndex, count, dueSpreadMs));
  return rows;
}

async function escalationCell(
  ctx: BenchContext,
  cellIndex: number,
  count: number,
  spreadMs: number,
): Promise<BenchRow> {
  const { stack, progress } = ctx;
  // Received over `spreadMs` ending now, so every warning falls due within `spreadMs`, after creation ends.
  const creationEstimateMs = (count / ASSUMED_STARTS_PER_SECOND) * 1_000;
  const targetSeconds = Math.ceil((creationEstimateMs + MARGIN_MS + spreadMs) / WARNING_FRACTION / 1_000);
  const policy = { ...secondsPolicy('TESTING', { targets: { review: `${targetSeconds}s` } }), version: 1 };
  const began = Date.now();
  const orderNos = Array.from({ length: count }, (_, i) => benchOrderNo(10 + cellIndex, i));
  progress(
    `C escalation ${count}: starting orders (review target ${targetSeconds} s, dues spread ${spreadMs / 1000} s)`,
  );
  const created = await runConcurrently(
    count,
    32,
    (i) => startOrderDirect(stack, orderNos[i], policy, new Date(began - spreadMs + (i / count) * spreadMs)),
    (done) => progress(`  started ${done}/${count}`),
  );
  const creationMs = Date.now() - began;
  const firstWarningAt = began - spreadMs + WARNING_FRACTION * targetSeconds * 1_000;
  const lastDueAt = began + targetSeconds * 1_000;
  progress(
    `  created in ${round(creationMs / 1000)} s; warnings from ${new Date(firstWarningAt).toISOString()}`,
  );
  // Done when every order's ladder has passed level 1. A step that falls due together with a later one
  // (the order's task ran after both) fires as that later one only: counted as superseded, not waited for.
  await until(
    async () => {
      const { rows: counted } = await stack.pool.query<{ n: string }>(
        `SELECT count(DISTINCT order_no) AS n FROM escalations
          WHERE order_no = ANY($1) AND stage = 'REVIEW' AND level >= 1`,
        [orderNos],
      );
      return Number(counted[0].n) >= created.latenciesMs.length;
    },
    lastDueAt - Date.now() + 300_000,
    1_000,
  );
  const { rows: fired } = await stack.pool.query<{
    order_no: string;
    level: number;
    due_ms: string;
    fired_ms: string;
  }>(
    `SELECT order_no, level, extract(epoch FROM due_at) * 1000 AS due_ms,
            extract(epoch FROM fired_at) * 1000 AS fired_ms
       FROM escalations WHERE order_no = ANY($1) AND stage = 'REVIEW' ORDER BY order_no, level`,
    [orderNos],
  );
  const targetMs = targetSeconds * 1_000;
  // Every row carries the SLA due (level 1's instant); the warning's is 80 % of the target.
  const byOrder = new Map<string, { dueMs: number; firedAt: Map<number, number> }>();
  for (const row of fired) {
    const order = byOrder.get(row.order_no) ?? { dueMs: Number(row.due_ms), firedAt: new Map() };
    order.firedAt.set(row.level, Number(row.fired_ms));
    byOrder.set(row.order_no, order);
  }
  const instantsOf = (dueMs: number) => [dueMs - (1 - WARNING_FRACTION) * targetMs, dueMs];
  const productLags: number[] = [];
  let superseded = 0;
  for (const { dueMs, firedAt } of byOrder.values()) {
    instantsOf(dueMs).forEach((scheduled, level) => {
      // A superseded step is late by when the later step that took its place fired.
      const own = firedAt.get(level);
      const later = [...firedAt.entries()].filter(([l]) => l > level).sort((x, y) => x[0] - y[0])[0]?.[1];
      if (own === undefined) superseded += 1;
      const at = own ?? later;
      if (at !== undefined) productLags.push(at - scheduled);
    });
  }
  const schedule = [...byOrder.values()].flatMap(({ dueMs }) => instantsOf(dueMs));
  await terminateAll(stack, orderNos.map(orderWorkflowId), 'benchmark cell finished');
  await settle(ctx, async () => true);

  // The raw baseline: the same instants, shifted to start once its workflows are created.
  progress(`C escalation ${count}: raw timer + activity`);
  const rawIds = Array.from({ length: count }, (_, i) => `bench-raw-timer-${ctx.runId}-${cellIndex}-${i}`);
  const minScheduled = Math.min(...schedule);
  const shift = Date.now() + creationEstimateMs / 2 + MARGIN_MS - minScheduled;
  const steps = [...byOrder.values()].map(({ dueMs }) => instantsOf(dueMs).map((at) => at + shift));
  const rawCount = Math.min(rawIds.length, steps.length);
  await runConcurrently(rawCount, 32, (i) =>
    stack.client.workflow.start(rawTimer, {
      workflowId: rawIds[i],
      taskQueue: stack.rawTaskQueue,
      args: [{ id: rawIds[i], dueAtMs: steps[i] }],
    }),
  );
  const rawSteps = steps.slice(0, rawCount).reduce((n, s) => n + s.length, 0);
  await until(
    async () => {
      const { rows: counted } = await stack.pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM ${RAW_FIRINGS_TABLE} WHERE id = ANY($1)`,
        [rawIds],
      );
      return Number(counted[0].n) >= rawSteps;
    },
    Math.max(...schedule) + shift - Date.now() + 300_000,
    1_000,
  );
  const { rows: rawFired } = await stack.pool.query<{ lag_ms: string; recorded_lag_ms: string }>(
    `SELECT extract(epoch FROM fired_at - due_at) * 1000 AS lag_ms,
            extract(epoch FROM recorded_at - due_at) * 1000 AS recorded_lag_ms
       FROM ${RAW_FIRINGS_TABLE} WHERE id = ANY($1)`,
    [rawIds],
  );
  const rawLags = rawFired.map((row) => Number(row.lag_ms));
  const product = summarise(productLags);
  const raw = summarise(rawLags);
  const rawRecorded = summarise(rawFired.map((row) => Number(row.recorded_lag_ms)));
  const ratio = ratioOf(product.p99, raw.p99);
  const dueWindowS = round((Math.max(...schedule) - Math.min(...schedule)) / 1_000);
  const notes = [
    `${count} orders, review target ${targetSeconds} s; warning and level-1 steps due over ${dueWindowS} s; ` +
      `orders created in ${round(creationMs / 1_000)} s (${round(count / (creationMs / 1_000))}/s).`,
    `raw activity recorded p50 ${round(rawRecorded.p50)} ms, p99 ${round(rawRecorded.p99)} ms after the due time.`,
  ];
  if (superseded > 0)
    notes.push(
      `${superseded} product steps were superseded: the order's task ran after a later step was due too, ` +
        'so only the later one fired (its lag counts).',
    );
  if (rawSteps > rawFired.length) notes.push(`${rawSteps - rawFired.length} raw steps had not fired.`);
  const atThousand = count === 1_000;
  return {
    scenario: 'C escalation lag',
    cell: `${count.toLocaleString('en')} open orders`,
    product: { p50Ms: round(product.p50), p99Ms: round(product.p99), maxMs: round(product.max), superseded },
    baseline: { p50Ms: round(raw.p50), p99Ms: round(raw.p99), maxMs: round(raw.max) },
    ratio: { metric: 'p99', value: ratio },
    target: {
      description: atThousand ? 'p99 ≤ 1.5 × raw and ≤ 1 s' : 'p99 ≤ 1.5 × raw',
      met: atThousand ? ratio <= 1.5 && product.p99 <= 1_000 : count >= 1_000 ? ratio <= 1.5 : null,
    },
    notes,
  };
}
