// B: a command. `POST /api/orders/{no}/review` APPROVE (a Temporal Update through the API: auth, the
// workflow's checks, the state change; SUPERVISOR dispatch, so no reservation follows) vs a raw
// `executeUpdate` on a trivial workflow, one distinct order per call, at the same concurrency.
import { touch } from '../raw/raw.workflows';
import { runConcurrently, summarise } from '../lib/load';
import { ratioOf, type BenchRow } from '../report';
import type { BenchContext } from './context';
import { cpuPerCall, failureNotes, loadFigures, settle } from './intake';
import { CpuMeter } from '../lib/load';

export async function commandScenario(
  ctx: BenchContext,
  orderNos: string[],
  rawWorkflowIds: string[],
  count: number,
  concurrencies: number[],
): Promise<BenchRow[]> {
  const { stack, api, crew, progress } = ctx;
  const rows: BenchRow[] = [];
  let used = 0;
  for (const concurrency of concurrencies) {
    const orders = orderNos.slice(used, used + count);
    const raws = rawWorkflowIds.slice(used, used + count);
    used += count;
    if (orders.length < count || raws.length < count)
      throw new Error('B needs as many open orders as it sends');

    progress(`B command c=${concurrency}: raw executeUpdate × ${count}`);
    const rawCpu = new CpuMeter(stack.pids);
    const raw = await runConcurrently(count, concurrency, (i) =>
      stack.client.workflow.getHandle(raws[i]).executeUpdate(touch, { args: [{ actor: 'bench' }] }),
    );
    await settle(ctx, async () => true);
    const rawCpuMs = rawCpu.elapsedMs();

    progress(`B command c=${concurrency}: review APPROVE × ${count}`);
    const productCpu = new CpuMeter(stack.pids);
    const product = await runConcurrently(
      count,
      concurrency,
      (i) => api.call('POST', `/orders/${orders[i]}/review`, crew.agent, { decision: 'APPROVE' }, 200),
      (done) => progress(`  ${done}/${count}`),
    );
    await settle(ctx, async () => {
      const { rows: counted } = await stack.pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM orders WHERE order_no = ANY($1) AND status <> 'PENDING_REVIEW'`,
        [orders],
      );
      return Number(counted[0].n) === orders.length;
    });
    const productCpuMs = productCpu.elapsedMs();
    const p99 = ratioOf(summarise(product.latenciesMs).p99, summarise(raw.latenciesMs).p99);
    rows.push({
      scenario: 'B command',
      cell: `c = ${concurrency}, N = ${count}`,
      product: {
        ...loadFigures(product),
        ...cpuPerCall(productCpuMs, product.latenciesMs.length, ['api', 'worker', 'temporal']),
      },
      baseline: {
        ...loadFigures(raw),
        ...cpuPerCall(rawCpuMs, raw.latenciesMs.length, ['rawWorker', 'temporal']),
      },
      ratio: { metric: 'p99', value: p99 },
      target: { description: 'p99 ≤ 1.5 × raw', met: product.failures.length === 0 ? p99 <= 1.5 : false },
      notes: failureNotes(product, raw),
    });
  }
  return rows;
}
