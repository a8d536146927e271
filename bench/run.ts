// `npm run bench`: the product against raw baselines on the same server in the same run (README
// "Benchmarks"). Starts its own stack, runs the scenarios, writes bench/results/<timestamp>.{json,md,svg}.
//   --quick            small N (about two minutes; CI runs it to keep it working, asserting no speed)
//   --only A,B,...     a subset of pure, A, B, C, D, E
//   --n N              orders per A/B cell          --escalation 1000,10000   C's open-order counts
//   --list-rows 1e5,1e6  D's row counts             --capacity N              E's open orders
// Exits 1 when a full run misses a target (quick mode reports, never fails on speed), 2 on an error.
import { randomBytes } from 'node:crypto';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../src/config/app-config';
import { BenchApi, seedCrew } from './lib/api';
import { writeRun, markdown, type BenchRow, type BenchRun } from './report';
import { capacityScenario } from './scenarios/capacity';
import { commandScenario } from './scenarios/command';
import type { BenchContext } from './scenarios/context';
import { escalationScenario } from './scenarios/escalation';
import { intakeScenario } from './scenarios/intake';
import { orderListScenario } from './scenarios/order-list';
import { pureRulesScenario } from './scenarios/pure-rules';
import { BenchStack } from './stack';

interface Settings {
  quick: boolean;
  only: Set<string>;
  perCell: number;
  escalation: number[];
  dueSpreadMs: number;
  listRows: number[];
  listSamples: number;
  capacity: number;
  rawCapacity: number;
  cacheSize: number;
}

function numbers(text: string): number[] {
  return text.split(',').map((part) => {
    const value = Number(part.trim());
    if (!Number.isFinite(value) || value <= 0) throw new Error(`not a positive number: ${part}`);
    return Math.round(value);
  });
}

function parseArgs(argv: string[]): Settings {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${arg}`);
    const [name, inline] = arg.slice(2).split('=', 2);
    if (name === 'quick') flags.set(name, 'true');
    else flags.set(name, inline ?? argv[++i] ?? '');
  }
  const known = ['quick', 'only', 'n', 'escalation', 'list-rows', 'capacity'];
  for (const name of flags.keys()) if (!known.includes(name)) throw new Error(`unknown option --${name}`);
  const quick = flags.has('quick');
  // The worker's own setting (validated, one default): E reports the bound it ran with.
  const cacheSize = loadConfig().WORKER_MAX_CACHED_WORKFLOWS;
  const capacity = flags.has('capacity') ? numbers(flags.get('capacity') ?? '')[0] : quick ? 300 : 100_000;
  return {
    quick,
    only: new Set((flags.get('only') ?? 'pure,A,B,C,D,E').split(',').map((s) => s.trim())),
    perCell: flags.has('n') ? numbers(flags.get('n') ?? '')[0] : quick ? 40 : 1_000,
    escalation: flags.has('escalation')
      ? numbers(flags.get('escalation') ?? '')
      : quick
        ? [100]
        : [1_000, 10_000],
    dueSpreadMs: quick ? 10_000 : 60_000,
    listRows: flags.has('list-rows')
      ? numbers(flags.get('list-rows') ?? '')
      : quick
        ? [5_000]
        : [100_000, 1_000_000],
    listSamples: quick ? 20 : 200,
    capacity,
    rawCapacity: Math.min(capacity, quick ? 300 : 10_000),
    cacheSize,
  };
}

async function main(): Promise<number> {
  const settings = parseArgs(process.argv.slice(2));
  const startedAt = new Date().toISOString();
  const runId = randomBytes(4).toString('hex');
  const runDir = join(tmpdir(), `service-order-bench-${startedAt.replace(/[:.]/g, '-')}`);
  const progress = (line: string) =>
    process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
  const rows: BenchRow[] = [];
  const want = (name: string) => settings.only.has(name);

  if (want('pure')) {
    progress('pure rules');
    rows.push(...pureRulesScenario(settings.quick ? 200 : 1_000));
  }
  const stackNeeded = ['A', 'B', 'C', 'D', 'E'].some(want);
  let stack: BenchStack | null = null;
  if (stackNeeded) {
    stack = new BenchStack({
      runDir,
      log: progress,
      workerEnv: { WORKER_MAX_CACHED_WORKFLOWS: String(settings.cacheSize) },
    });
    const started = stack;
    process.once('exit', () => started.killAll());
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        started.killAll();
        process.exit(130);
      });
    }
    progress(`starting the stack (logs in ${runDir})`);
    try {
      await stack.start();
      const api = new BenchApi(stack.apiBase);
      const ctx: BenchContext = {
        stack,
        api,
        crew: await seedCrew(api, stack.adminPassword),
        progress,
        runId,
      };
      if (want('A') || want('B')) {
        const intake = await intakeScenario(ctx, settings.perCell, [8, 32]);
        if (want('A')) rows.push(...intake.rows);
        if (want('B'))
          rows.push(
            ...(await commandScenario(
              ctx,
              intake.orderNos,
              intake.rawWorkflowIds,
              settings.perCell,
              [1, 16],
            )),
          );
      }
      if (want('C')) rows.push(...(await escalationScenario(ctx, settings.escalation, settings.dueSpreadMs)));
      if (want('E'))
        rows.push(
          ...(await capacityScenario(ctx, {
            openOrders: settings.capacity,
            rawOpen: settings.rawCapacity,
            steps: settings.quick ? 2 : 10,
            cacheSize: settings.cacheSize,
          })),
        );
      if (want('D'))
        rows.push(
          ...(await orderListScenario({
            pool: stack.pool,
            apiBase: stack.apiBase,
            token: ctx.crew.admin,
            rows: settings.listRows,
            samples: settings.listSamples,
            progress,
          })),
        );
    } finally {
      progress('stopping the stack');
      await stack.stop();
    }
  }

  const run: BenchRun = {
    startedAt,
    finishedAt: new Date().toISOString(),
    mode: settings.quick ? 'quick' : process.argv.length > 2 ? 'custom' : 'full',
    machine: {
      cpus: cpus().length,
      memoryGb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      platform: process.platform,
    },
    settings: { ...settings, only: [...settings.only] },
    rows,
  };
  // Quick runs only prove the benchmark works: kept apart from the results worth comparing.
  const written = await writeRun(run, resolve(__dirname, 'results', settings.quick ? 'quick' : ''));
  process.stdout.write(`\n${markdown(run)}\n`);
  progress(`written: ${written.join(', ')}`);
  const missed = rows.filter((row) => row.target.met === false);
  if (missed.length > 0)
    progress(`${missed.length} target(s) missed: ${missed.map((r) => `${r.scenario} ${r.cell}`).join('; ')}`);
  return settings.quick || missed.length === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 2;
  },
);
