// A: intake. `POST /api/orders` (number, snapshot the policy, store the intake and the read-model copy,
// start the workflow) vs the raw `workflow.start` of a trivial workflow with the same input, at the same
// concurrency. CPU per order counts each process until its work for the cell is done, not just the answer.
import { intakeBody } from '../../test/factories/orders';
import { CpuMeter, round, runConcurrently, summarise, throughput, type LoadResult } from '../lib/load';
import { until } from '../../test/faults/stack';
import { rawOrder } from '../raw/raw.workflows';
import { ratioOf, type BenchRow } from '../report';
import type { BenchContext } from './context';

export interface IntakeOutcome {
  rows: BenchRow[];
  /** Orders created (PENDING_REVIEW, SUPERVISOR dispatch), ready for the command scenario. */
  orderNos: string[];
  /** Raw workflows started, open (each holds a timer), ready for the raw Update baseline. */
  rawWorkflowIds: string[];
}

export async function intakeScenario(
  ctx: BenchContext,
  count: number,
  concurrencies: number[],
): Promise<IntakeOutcome> {
  const { stack, api, crew, progress } = ctx;
  const rows: BenchRow[] = [];
  const orderNos: string[] = [];
  const rawWorkflowIds: string[] = [];
  for (const concurrency of concurrencies) {
    progress(`A intake c=${concurrency}: raw workflow.start × ${count}`);
    const rawCpu = new CpuMeter(stack.pids);
    const raw = await runConcurrently(count, concurrency, async (i) => {
      const workflowId = `bench-raw-order-${ctx.runId}-${concurrency}-${i}`;
      await stack.client.workflow.start(rawOrder, {
        workflowId,
        taskQueue: stack.rawTaskQueue,
        args: [{ ...intakeBody({ dispatchMode: 'SUPERVISOR' }), receivedAt: new Date().toISOString() }],
      });
      rawWorkflowIds.push(workflowId);
    });
    await settle(ctx, async () => true);
    const rawCpuMs = rawCpu.elapsedMs();

    progress(`A intake c=${concurrency}: POST /api/orders × ${count}`);
    const productCpu = new CpuMeter(stack.pids);
    const created: string[] = [];
    const product = await runConcurrently(
      count,
      concurrency,
      async () => {
        const body = await api.call<{ orderNo: string }>(
          'POST',
          '/orders',
          crew.agent,
          intakeBody({ dispatchMode: 'SUPERVISOR' }),
        );
        created.push(body.orderNo);
      },
      (done) => progress(`  ${done}/${count}`),
    );
    // The cell's work is done when every order's first projection (revision 1) is written.
    await settle(ctx, async () => {
      const { rows: counted } = await stack.pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM orders WHERE order_no = ANY($1) AND revision >= 1`,
        [created],
      );
      return Number(counted[0].n) === created.length;
    });
    const productCpuMs = productCpu.elapsedMs();
    orderNos.push(...created);
    rows.push({
      scenario: 'A intake',
      cell: `c = ${concurrency}, N = ${count}`,
      product: {
        ...loadFigures(product),
        ...cpuPerCall(productCpuMs, created.length, ['api', 'worker', 'temporal']),
      },
      baseline: {
        ...loadFigures(raw),
        ...cpuPerCall(rawCpuMs, raw.latenciesMs.length, ['rawWorker', 'temporal']),
      },
      ratio: { metric: 'throughput', value: ratioOf(throughput(product), throughput(raw)) },
      target: {
        description: 'throughput ≥ 0.8 × raw',
        met: product.failures.length === 0 ? ratioOf(throughput(product), throughput(raw)) >= 0.8 : false,
      },
      notes: failureNotes(product, raw),
    });
  }
  return { rows, orderNos, rawWorkflowIds };
}

export function loadFigures(result: LoadResult): Record<string, number> {
  const { p50, p99 } = summarise(result.latenciesMs);
  return {
    perSecond: round(throughput(result)),
    p50Ms: round(p50),
    p99Ms: round(p99),
    ...(result.failures.length > 0 ? { failures: result.failures.length } : {}),
  };
}

/** CPU milliseconds per call of each named process (the keys read `cpuMs.<process>`). */
export function cpuPerCall(
  cpuMs: Record<string, number>,
  calls: number,
  names: string[],
): Record<string, number> {
  return Object.fromEntries(
    names.map((name) => [`cpuMs.${name}`, round((cpuMs[name] ?? 0) / Math.max(calls, 1), 2)]),
  );
}

export function failureNotes(product: LoadResult, raw: LoadResult): string[] {
  const notes: string[] = [];
  if (product.failures.length > 0)
    notes.push(
      `product: ${product.failures.length} failed, first: ${product.failures.filter(Boolean).slice(0, 3).join(' | ')}`,
    );
  if (raw.failures.length > 0)
    notes.push(
      `raw: ${raw.failures.length} failed, first: ${raw.failures.filter(Boolean).slice(0, 3).join(' | ')}`,
    );
  return notes;
}

/**
 * Waits until `done` holds and the worker has gone quiet (under 5 % of a core over a second), so the next
 * cell starts on an idle stack and this cell's CPU includes its after-work. Bounded: 5 minutes.
 */
export async function settle(ctx: BenchContext, done: () => Promise<boolean>): Promise<void> {
  await until(done, 300_000, 250);
  await until(
    async () => {
      const meter = new CpuMeter({ worker: ctx.stack.worker.pid, raw: ctx.stack.rawWorker.pid });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const used = meter.elapsedMs();
      return (used.worker ?? 0) < 50 && (used.raw ?? 0) < 50;
    },
    60_000,
    0,
  );
}
