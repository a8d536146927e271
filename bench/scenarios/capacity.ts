// E: capacity. Open orders with live timers (every SLA target an hour away) added in steps; after each step
// the resident memory of the worker and the Temporal server, and the CPU the step cost. The worker's
// sticky cache is bounded (WORKER_MAX_CACHED_WORKFLOWS), so its memory must level off while the count
// grows. The raw baseline holds trivial workflows with one timer each, in the same steps.
import { secondsPolicy } from '../../test/factories/sla-policies';
import { CpuMeter, processUsage, round, runConcurrently } from '../lib/load';
import { benchOrderNo, startOrderDirect } from '../lib/orders';
import { rawOrder } from '../raw/raw.workflows';
import { ratioOf, type BenchRow } from '../report';
import type { BenchContext } from './context';
import { settle } from './intake';

export interface CapacityOptions {
  openOrders: number;
  rawOpen: number;
  steps: number;
  cacheSize: number;
}

interface Sample {
  open: number;
  workerMb: number;
  temporalMb: number;
}

export async function capacityScenario(ctx: BenchContext, options: CapacityOptions): Promise<BenchRow[]> {
  const { stack, progress } = ctx;
  const policy = { ...secondsPolicy('MAINTENANCE'), version: 1 };
  progress(
    `E capacity: ${options.openOrders} product orders, then ${options.rawOpen} raw, in ${options.steps} steps`,
  );
  const product = await holdOpen(ctx, 'product', options.openOrders, options.steps, stack.pids.worker, (i) =>
    startOrderDirect(stack, benchOrderNo(100 + Math.floor(i / 900_000), i % 900_000), policy, new Date()),
  );
  const raw = await holdOpen(ctx, 'raw', options.rawOpen, options.steps, stack.pids.rawWorker, (i) =>
    stack.client.workflow.start(rawOrder, {
      workflowId: `bench-raw-open-${ctx.runId}-${i}`,
      taskQueue: stack.rawTaskQueue,
      args: [{ index: i }],
    }),
  );
  progress(`E capacity: ${product.open} product and ${raw.open} raw orders open`);
  const ratio = ratioOf(product.workerMbPer1000, raw.workerMbPer1000);
  const full = options.openOrders >= 100_000;
  // Bounded: once twice the cache size is open, the worker grows by less than a tenth however many follow.
  const plateau = product.samples.find((sample) => sample.open >= 2 * options.cacheSize);
  const bounded = plateau !== undefined && product.workerMbMax <= 1.1 * plateau.workerMb;
  return [
    {
      scenario: 'E capacity',
      cell: `${product.open.toLocaleString('en')} open orders, cache ${options.cacheSize}`,
      product: {
        open: product.open,
        workerMb: product.last.workerMb,
        workerMbMax: product.workerMbMax,
        temporalMb: product.last.temporalMb,
        workerMbPer1000: product.workerMbPer1000,
        temporalMbPer1000: product.temporalMbPer1000,
        'cpuMsPerOrder.worker': product.cpuMsPerOrder.worker,
        'cpuMsPerOrder.temporal': product.cpuMsPerOrder.temporal,
        'idleCpuPercent.worker': product.idleCpuPercent.worker,
        'idleCpuPercent.temporal': product.idleCpuPercent.temporal,
      },
      baseline: {
        open: raw.open,
        workerMb: raw.last.workerMb,
        workerMbPer1000: raw.workerMbPer1000,
        temporalMbPer1000: raw.temporalMbPer1000,
        'cpuMsPerOrder.worker': raw.cpuMsPerOrder.worker,
        'cpuMsPerOrder.temporal': raw.cpuMsPerOrder.temporal,
      },
      ratio: { metric: 'worker MB per 1,000 open', value: ratio },
      target: {
        description: `100,000 open; worker memory flat past ${2 * options.cacheSize} open (cache ${options.cacheSize})`,
        met: full ? product.open >= 100_000 && bounded : null,
      },
      notes: [
        plateau
          ? `worker ${plateau.workerMb} MB at ${plateau.open} open, at most ${product.workerMbMax} MB after: ${bounded ? 'bounded' : 'still growing'}.`
          : `fewer than ${2 * options.cacheSize} orders open: too few to show the cache bound.`,
        `product samples (open: worker MB / temporal MB): ${product.samples.map((s) => `${s.open}: ${s.workerMb} / ${s.temporalMb}`).join('; ')}`,
        `raw samples: ${raw.samples.map((s) => `${s.open}: ${s.workerMb} / ${s.temporalMb}`).join('; ')}`,
        ...(product.failures > 0 ? [`${product.failures} product starts failed`] : []),
      ],
    },
  ];
}

async function holdOpen(
  ctx: BenchContext,
  label: string,
  total: number,
  steps: number,
  workerPid: number | undefined,
  start: (index: number) => Promise<unknown>,
) {
  const { stack, progress } = ctx;
  const pids = { worker: workerPid, temporal: stack.pids.temporal };
  const sample = (open: number): Sample => ({
    open,
    workerMb: round(processUsage(workerPid)?.rssMb ?? 0),
    temporalMb: round(processUsage(stack.pids.temporal)?.rssMb ?? 0),
  });
  const first = sample(0);
  const samples: Sample[] = [first];
  const cpu = new CpuMeter(pids);
  let open = 0;
  let failures = 0;
  const perStep = Math.ceil(total / steps);
  while (open < total) {
    const batch = Math.min(perStep, total - open);
    const base = open;
    const result = await runConcurrently(batch, 32, (i) => start(base + i));
    failures += result.failures.length;
    open += result.latenciesMs.length;
    await settle(ctx, async () => true);
    samples.push(sample(open));
    progress(
      `  ${label}: ${open}/${total} open, worker ${samples.at(-1)?.workerMb} MB, temporal ${samples.at(-1)?.temporalMb} MB`,
    );
  }
  const creationCpu = cpu.elapsedMs();
  const idle = new CpuMeter(pids);
  const idleMs = 20_000;
  await new Promise((resolve) => setTimeout(resolve, idleMs));
  const idleCpu = idle.elapsedMs();
  const last = samples[samples.length - 1];
  const per1000 = (mb: number) => round((mb / Math.max(open, 1)) * 1_000, 2);
  return {
    open,
    failures,
    samples,
    last,
    workerMbMax: Math.max(...samples.map((s) => s.workerMb)),
    workerMbPer1000: per1000(last.workerMb - first.workerMb),
    temporalMbPer1000: per1000(last.temporalMb - first.temporalMb),
    cpuMsPerOrder: {
      worker: round((creationCpu.worker ?? 0) / Math.max(open, 1), 2),
      temporal: round((creationCpu.temporal ?? 0) / Math.max(open, 1), 2),
    },
    idleCpuPercent: {
      worker: round(((idleCpu.worker ?? 0) / idleMs) * 100, 2),
      temporal: round(((idleCpu.temporal ?? 0) / idleMs) * 100, 2),
    },
  };
}
