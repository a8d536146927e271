// Harness for the workflow-task regrouping reproduction (docs/durability.md, "Root cause of the
// fault-run nondeterminism"). It owns a Temporal dev server child process (SQLite file, 127.0.0.1) that
// it can stop and start again on the same file and port, one in-process worker whose core logs (DEBUG)
// it keeps, and gates: activities A/B and the `repro.hold` sink wait until the harness opens them.
// Two kinds of attempt:
//   restart-while-held  the worker holds the workflow task with A's completion while the server is
//                       killed and restarted; B and an Update arrive meanwhile (the first hypothesis);
//   direct-query-race   queries reach the server while no workflow task is pending and wait in matching
//                       (the worker's slots are busy) until A has completed, so the legacy query task
//                       carries A's completion; B (and an Update) arrive while that activation is held.
// Each attempt fetches the history and replays it with Worker.runReplayHistory.
//
// Used by test/faults/wft-regrouping.repro.test.ts; also runnable on its own (REPRO_PLANS is a JSON
// array of AttemptPlan, REPRO_DIR keeps the logs and histories):
//   npx ts-node --transpile-only test/faults/wft-regrouping.harness.ts
import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client, Connection, WorkflowUpdateStage } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import {
  bundleWorkflowCode,
  DefaultLogger,
  makeTelemetryFilterString,
  NativeConnection,
  Runtime,
  Worker,
  type LogEntry,
} from '@temporalio/worker';
import { bump, holder, progress, regrouping, type ReproSinks } from './repro.workflows';

const root = resolve(__dirname, '../..');

export type AttemptPlan =
  | {
      /** The hypothesis: the worker holds its workflow task (A resolved) while the server restarts. */
      kind: 'restart-while-held';
      name: string;
      stopSignal: 'SIGKILL' | 'SIGTERM';
      /** Milliseconds the hold stays open after the restarted server answers (B and the Update land in it). */
      holdAfterRestartMs: number;
    }
  | {
      /**
       * A query dispatched straight to the normal task queue while no workflow task is pending (so the
       * server does not hold it for the next workflow task); A completes before a poller takes it, so
       * the legacy query task's history carries A's completion. B (and the Update) arrive after that.
       */
      kind: 'direct-query-race';
      name: string;
      /** Send the Update while the query-driven activation is held (064/063 shape); else 076 shape. */
      withUpdate: boolean;
      /** Concurrent queries sent while no workflow task is pending (default 4). */
      queries?: number;
    };

export interface AttemptResult {
  plan: AttemptPlan;
  workflowId: string;
  /** History as Temporal's JSON (temporal workflow show -o json). */
  historyJson: unknown;
  /** One line per event: id, type, activity/update detail. */
  summary: string[];
  /** Events of the server's history at the interesting moment (after the restart / when the query is sent). */
  midHistory: string[];
  replayError?: string;
  /** True if the legacy query task was applied to the cached run (A's continuation ran in a query activation). */
  queryCarriedEvents?: boolean;
  /** If the live worker later failed a workflow task of this run (its own replay after an eviction). */
  liveFailure?: string;
  /** Command events of the workflow task that scheduled C, in history order. */
  taskCommands: string[];
  /**
   * True if that task's commands start with C, followed by a command that a single activation issues
   * before C (the timer, or the Update's acceptance): the task's events were applied in two activations.
   */
  regrouped: boolean;
  /** Core/worker log lines about this run (completion errors, evictions, buffered tasks, new WFTs). */
  coreLog: string[];
  logFile: string;
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => ok(port));
    });
  });
}

const sleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));

function portOpen(port: number): Promise<boolean> {
  return new Promise((ok) => {
    const socket = new Socket();
    socket.setTimeout(500);
    socket.once('connect', () => {
      socket.destroy();
      ok(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      ok(false);
    });
    socket.once('error', () => ok(false));
    socket.connect(port, '127.0.0.1');
  });
}

/** A dev server child process on a fixed port and SQLite file, restartable. */
export class DevServer {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  private readonly logFd: number;
  constructor(
    private readonly cli: string,
    readonly port: number,
    private readonly dbFile: string,
    logFile: string,
  ) {
    this.logFd = openSync(logFile, 'a');
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn(
      this.cli,
      [
        'server',
        'start-dev',
        '--headless',
        '--ip',
        '127.0.0.1',
        '--port',
        String(this.port),
        '--db-filename',
        this.dbFile,
        '--log-level',
        'warn',
      ],
      { stdio: ['ignore', this.logFd, this.logFd] },
    );
    this.child = child;
    // Never leave a server behind, even if the caller crashes.
    const reap = () => child.kill('SIGKILL');
    process.once('exit', reap);
    this.exited = new Promise((ok) =>
      child.once('exit', () => {
        process.removeListener('exit', reap);
        ok();
      }),
    );
    const deadline = Date.now() + 30_000;
    while (!(await portOpen(this.port))) {
      if (child.exitCode !== null) throw new Error(`dev server exited with ${child.exitCode}`);
      if (Date.now() > deadline) throw new Error('dev server did not open its port in 30 s');
      await sleep(100);
    }
  }

  async stop(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    const killed = await Promise.race([this.exited!.then(() => true), sleep(15_000).then(() => false)]);
    if (!killed) {
      child.kill('SIGKILL');
      await this.exited;
    }
    this.child = undefined;
  }

  close(): void {
    try {
      closeSync(this.logFd);
    } catch {
      /* already closed */
    }
  }
}

/** Waits until the frontend answers a namespace call (after a start or restart). */
async function waitForFrontend(connection: Connection): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await connection.withDeadline(Date.now() + 2000, () =>
        connection.workflowService.describeNamespace({ namespace: 'default' }),
      );
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(200);
    }
  }
}

/** Named one-shot gates: `wait` blocks until `open`; `reached`/`whenReached` report that someone waits. */
class Gates {
  private readonly gates = new Map<string, { open: () => void; opened: Promise<void> }>();
  private readonly arrivals = new Map<string, { arrive: () => void; arrived: Promise<void> }>();
  private readonly armed = new Set<string>();
  private gate(name: string) {
    let g = this.gates.get(name);
    if (!g) {
      let open!: () => void;
      const opened = new Promise<void>((ok) => (open = ok));
      g = { open, opened };
      this.gates.set(name, g);
    }
    return g;
  }
  private arrival(name: string) {
    let a = this.arrivals.get(name);
    if (!a) {
      let arrive!: () => void;
      const arrived = new Promise<void>((ok) => (arrive = ok));
      a = { arrive, arrived };
      this.arrivals.set(name, a);
    }
    return a;
  }
  /** Only armed hold labels block; any other label passes straight through. */
  arm(name: string): void {
    this.armed.add(name);
  }
  open(name: string): void {
    this.gate(name).open();
  }
  openAll(): void {
    for (const name of [...this.armed, 'A', 'B']) this.open(name);
  }
  wait(name: string): Promise<void> {
    if (name.startsWith('hold:') && !this.armed.has(name)) return Promise.resolve();
    return this.gate(name).opened;
  }
  reached(name: string): void {
    this.arrival(name).arrive();
  }
  whenReached(name: string, timeoutMs: number): Promise<void> {
    return Promise.race([
      this.arrival(name).arrived,
      sleep(timeoutMs).then(() => {
        throw new Error(`${name} not reached within ${timeoutMs} ms`);
      }),
    ]);
  }
}

async function waitForEvent(
  handle: { fetchHistory(): Promise<temporal.api.history.v1.IHistory> },
  type: string,
  count: number,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const events = (await handle.fetchHistory()).events ?? [];
    if (events.filter((e) => temporal.api.enums.v1.EventType[e.eventType as number] === type).length >= count)
      return;
    if (Date.now() > deadline) throw new Error(`no ${count} × ${type} within ${timeoutMs} ms`);
    await sleep(200);
  }
}

function eventLine(e: temporal.api.history.v1.IHistoryEvent, typeName: (t: unknown) => string): string {
  const parts = [String(e.eventId), typeName(e.eventType)];
  const sched = e.activityTaskScheduledEventAttributes;
  if (sched) parts.push(`${sched.activityType?.name} id=${sched.activityId}`);
  const done = e.activityTaskCompletedEventAttributes;
  if (done) parts.push(`sched=${done.scheduledEventId}`);
  const started = e.workflowTaskStartedEventAttributes;
  if (started) parts.push(`sched=${started.scheduledEventId} req=${started.requestId}`);
  const acc = e.workflowExecutionUpdateAcceptedEventAttributes;
  if (acc) parts.push(`seq=${acc.acceptedRequestSequencingEventId}`);
  const time = e.eventTime?.seconds
    ? new Date(Number(e.eventTime.seconds) * 1000 + Math.floor((e.eventTime.nanos ?? 0) / 1e6)).toISOString()
    : '';
  return `${parts.join(' ')} @${time}`;
}

/** The command events of the workflow task whose commands include C (activity `step` with input "C"). */
function commandsOfTaskWithC(
  events: temporal.api.history.v1.IHistoryEvent[],
  typeName: (t: unknown) => string,
): string[] {
  const COMMAND_EVENTS = new Set([
    'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED',
    'EVENT_TYPE_TIMER_STARTED',
    'EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED',
    'EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED',
    'EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED',
  ]);
  let current: string[] | undefined;
  for (const e of events) {
    const type = typeName(e.eventType);
    if (type === 'EVENT_TYPE_WORKFLOW_TASK_COMPLETED') {
      current = [];
      continue;
    }
    if (!current) continue;
    if (!COMMAND_EVENTS.has(type)) {
      current = undefined;
      continue;
    }
    let label = type.replace('EVENT_TYPE_', '');
    const input = e.activityTaskScheduledEventAttributes?.input?.payloads?.[0]?.data;
    if (input) label += ` ${Buffer.from(input).toString()}`;
    current.push(`${e.eventId} ${label}`);
    if (input && Buffer.from(input).toString() === '"C"') {
      // Collect the rest of this task's command events too.
      const rest = events.slice(events.indexOf(e) + 1);
      for (const r of rest) {
        const t = typeName(r.eventType);
        if (!COMMAND_EVENTS.has(t)) break;
        let l = t.replace('EVENT_TYPE_', '');
        const i = r.activityTaskScheduledEventAttributes?.input?.payloads?.[0]?.data;
        if (i) l += ` ${Buffer.from(i).toString()}`;
        current.push(`${r.eventId} ${l}`);
      }
      return current;
    }
  }
  return [];
}

function isRegrouped(taskCommands: string[]): boolean {
  if (taskCommands.length < 2 || !taskCommands[0].endsWith('ACTIVITY_TASK_SCHEDULED "C"')) return false;
  return taskCommands.slice(1).some((c) => / (TIMER_STARTED|WORKFLOW_EXECUTION_UPDATE_ACCEPTED)$/.test(c));
}

const INTERESTING =
  /Task not found|Error while completing|Eviction requested|Evicting run|buffering it|Applying new workflow task|Sending responses to server|partial history|Failing workflow task|Nondeterminism|nondeterminism|Retrying|New WFT|Marking WFT completed|leftover buffered/;

export interface ReproSession {
  server: DevServer;
  runAttempt(plan: AttemptPlan): Promise<AttemptResult>;
  close(): Promise<void>;
}

/** Starts the dev server, the runtime (core logs at DEBUG into memory) and bundles the workflow once. */
export async function openReproSession(workDir?: string): Promise<ReproSession> {
  const cli = execFileSync('bash', [join(root, 'scripts/ensure-temporal-cli.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
  const dir = workDir ?? mkdtempSync(join(tmpdir(), 'wft-regrouping-'));
  mkdirSync(dir, { recursive: true });
  const logLines: string[] = [];
  const logger = new DefaultLogger('DEBUG', (entry: LogEntry) => {
    const meta = entry.meta ? JSON.stringify(entry.meta) : '';
    const at = new Date(Number(entry.timestampNanos / 1_000_000n)).toISOString();
    logLines.push(`${at} ${entry.level} ${entry.message} ${meta}`);
  });
  try {
    Runtime.install({
      logger,
      telemetryOptions: {
        logging: { filter: makeTelemetryFilterString({ core: 'DEBUG', other: 'WARN' }), forward: {} },
      },
    });
  } catch {
    // Already installed in this process (a second session): keep the first runtime.
  }
  const server = new DevServer(cli, await freePort(), join(dir, 'temporal.db'), join(dir, 'server.log'));
  await server.start();
  const connection = await Connection.connect({ address: server.address });
  await waitForFrontend(connection);
  const client = new Client({ connection, namespace: 'default' });
  const bundle = await bundleWorkflowCode({
    workflowsPath: require.resolve('./repro.workflows'),
    logger: new DefaultLogger('WARN'),
  });
  const typeName = (t: unknown): string => {
    // eventType is a number in the decoded protobuf; map it to the enum's name.
    return temporal.api.enums.v1.EventType[t as number] ?? String(t);
  };
  let attemptNo = 0;

  async function runAttempt(plan: AttemptPlan): Promise<AttemptResult> {
    attemptNo += 1;
    const workflowId = `regrouping-${attemptNo}-${plan.name}`;
    const taskQueue = `regrouping-${attemptNo}`;
    const firstLogLine = logLines.length;
    const logFile = join(dir, `attempt-${attemptNo}-${plan.name}.log`);
    const note = (what: string) => logLines.push(`${new Date().toISOString()} HARNESS ${what}`);
    const gates = new Gates();
    // Activities A and B wait for their gate; holds wait for the gate of their label (if one is armed).
    if (plan.kind === 'restart-while-held') gates.open('A');
    gates.arm('hold:A resolved');
    if (plan.kind === 'direct-query-race') gates.arm('hold:holder');
    else gates.open('holder-done');

    const nativeConnection = await NativeConnection.connect({ address: server.address });
    const worker = await Worker.create({
      connection: nativeConnection,
      namespace: 'default',
      taskQueue,
      workflowBundle: { code: bundle.code },
      // Two slots, two pollers (one sticky, one normal). A poller takes a slot before it polls (with one slot
      // the sticky poller held it and the normal queue was never polled), so
      // while the `holder` workflow's activation holds one slot the normal queue is not polled at all.
      ...(plan.kind === 'direct-query-race'
        ? {
            maxConcurrentWorkflowTaskExecutions: 2,
            workflowTaskPollerBehavior: { type: 'simple-maximum' as const, maximum: 2 },
          }
        : {}),
      activities: {
        async step(name: string): Promise<string> {
          if (name === 'A' || name === 'B' || name === 'holder-done') await gates.wait(name);
          return name;
        },
      },
      sinks: {
        repro: {
          hold: {
            fn: async (info, label: string) => {
              note(`hold start (${label}) in ${info.workflowId}`);
              gates.reached(`hold:${label}`);
              await gates.wait(`hold:${label}`);
              note(`hold released (${label})`);
            },
            callDuringReplay: false,
          },
        },
      } satisfies import('@temporalio/worker').InjectedSinks<ReproSinks>,
    }).catch(async (error: unknown) => {
      await nativeConnection.close();
      throw error;
    });
    const running = worker.run();
    let midHistory: string[] = [];
    let historyJson: unknown;
    let summary: string[] = [];
    let regrouped = false;
    let taskCommands: string[] = [];
    let queryCarriedEvents: boolean | undefined;
    let liveFailure: string | undefined;
    let releasedAt: number | undefined;
    let replayError: string | undefined;
    const lines = (h: temporal.api.history.v1.IHistory) =>
      (h.events ?? []).map((e) => eventLine(e, typeName));
    try {
      const handle = await client.workflow.start(regrouping, { taskQueue, workflowId });
      let update: Promise<unknown> = Promise.resolve();
      const sendUpdate = () => {
        update = handle
          .startUpdate(bump, { args: ['x'], waitForStage: WorkflowUpdateStage.ACCEPTED })
          .then(() => note('update accepted'))
          .catch((error: unknown) => note(`update failed: ${String(error)}`));
      };
      if (plan.kind === 'restart-while-held') {
        await gates.whenReached('hold:A resolved', 20_000);
        note(`stopping server (${plan.stopSignal})`);
        await server.stop(plan.stopSignal);
        await server.start();
        await waitForFrontend(connection);
        note('server answers again');
        midHistory = lines(await handle.fetchHistory());
        // B completes on the restarted server, then the Update arrives, while the first task is still held.
        gates.open('B');
        await sleep(500);
        sendUpdate();
        await sleep(plan.holdAfterRestartMs);
        gates.open('hold:A resolved');
      } else {
        // W has scheduled A and B and waits; no workflow task is pending.
        await waitForEvent(handle, 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED', 2, 20_000);
        await sleep(500);
        // Take the run off the sticky queue, so that a query goes to the normal queue with full history
        // (the server does this itself when a sticky query times out or finds no sticky poller).
        await connection.workflowService.resetStickyTaskQueue({
          namespace: 'default',
          execution: { workflowId, runId: handle.firstExecutionRunId },
        });
        // The holder's held activation takes one of the two slots, the sticky poller's reservation the
        // other: nothing polls the normal queue, so the queries wait in matching.
        await client.workflow.start(holder, { taskQueue, workflowId: `${workflowId}-holder` });
        await gates.whenReached('hold:holder', 20_000);
        midHistory = lines(await handle.fetchHistory());
        const queries = plan.queries ?? 4;
        note(`sending ${queries} queries (no workflow task pending: dispatched directly to matching)`);
        const query = Promise.all(
          Array.from({ length: queries }, (_, i) =>
            handle
              .query(progress)
              .then((r) => note(`query ${i} answered ${JSON.stringify(r)}`))
              .catch((error: unknown) => note(`query ${i} failed: ${String(error)}`)),
          ),
        );
        await sleep(1000);
        note('completing A (the workflow task T is scheduled; the queries still wait)');
        gates.open('A');
        await sleep(700);
        const released = logLines.length;
        note('releasing the holder: the normal poller takes a query task or T');
        gates.open('hold:holder');
        await gates.whenReached('hold:A resolved', 15_000);
        releasedAt = released;
        note("A's continuation reached the hold");
        // While that activation is held (the other slot is the sticky poller's), T is not polled: B's
        // completion (and the Update) join T.
        gates.open('B');
        await sleep(700);
        if (plan.withUpdate) {
          sendUpdate();
          await sleep(1000);
        }
        gates.open('hold:A resolved');
        await Promise.race([query, sleep(15_000)]);
        gates.open('holder-done');
      }
      // Done when the workflow completes, or when the live worker itself fails a workflow task (the
      // run was evicted and its own replay of this history failed, like order 000076).
      const result = handle.result().then(
        () => 'completed',
        (error: unknown) => `failed: ${String(error)}`,
      );
      // Without the Update the workflow never finishes (it waits for it): a few seconds are enough.
      const waitMs = plan.kind === 'direct-query-race' && !plan.withUpdate ? 5_000 : 30_000;
      const deadline = Date.now() + waitMs;
      for (;;) {
        const finished = await Promise.race([result, sleep(1000).then(() => undefined)]);
        if (finished) break;
        const events = (await handle.fetchHistory()).events ?? [];
        const failed = events.find((e) => e.workflowTaskFailedEventAttributes);
        if (failed) {
          liveFailure = failed.workflowTaskFailedEventAttributes?.failure?.message ?? 'workflow task failed';
          break;
        }
        if (Date.now() > deadline) break;
      }
      await Promise.race([update, sleep(5_000)]);
      const history = await handle.fetchHistory();
      const described = await handle.describe();
      if (described.status.name === 'RUNNING') {
        await handle.terminate('repro attempt over').catch(() => undefined);
        note('terminated the workflow (still running)');
      }
      await result;
      summary = lines(history);
      taskCommands = commandsOfTaskWithC(history.events ?? [], typeName);
      regrouped = isRegrouped(taskCommands);
      historyJson = JSON.parse(historyToJSON(history));
      try {
        await Worker.runReplayHistory({ workflowBundle: { code: bundle.code } }, history, workflowId);
      } catch (error) {
        replayError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      }
    } finally {
      gates.openAll();
      worker.shutdown();
      await running.catch(() => undefined);
      await nativeConnection.close();
      writeFileSync(logFile, logLines.slice(firstLogLine).join('\n') + '\n');
    }
    const all = logLines.slice(firstLogLine);
    if (releasedAt !== undefined) {
      // Core's log lines reach the runtime logger in batches: look only now, after the attempt.
      // The first task applied to W after the holder was released: a legacy query task has
      // `legacy_query: Some` and no started event (`started_id: 0`).
      const firstApplied = logLines
        .slice(releasedAt)
        .find(
          (l) =>
            l.includes('Applying new workflow task from server') &&
            l.includes(`"workflowId":"${workflowId}"`),
        );
      queryCarriedEvents = /legacy_query: Some/.test(firstApplied ?? '');
    }
    writeFileSync(
      join(dir, `attempt-${attemptNo}-${plan.name}.history.json`),
      JSON.stringify(historyJson, null, 2),
    );
    return {
      plan,
      workflowId,
      historyJson,
      summary,
      midHistory,
      replayError,
      queryCarriedEvents,
      liveFailure,
      taskCommands,
      regrouped,
      coreLog: all.filter((l) => INTERESTING.test(l) || l.includes('HARNESS')).map((l) => l.slice(0, 700)),
      logFile,
    };
  }

  return {
    server,
    runAttempt,
    async close() {
      await connection.close().catch(() => undefined);
      await server.stop('SIGTERM');
      server.close();
      if (!workDir && process.env.KEEP_REPRO_FILES !== '1') rmSync(dir, { recursive: true, force: true });
    },
  };
}

if (require.main === module) {
  const out = (...parts: unknown[]) => process.stdout.write(`${parts.join(' ')}\n`);
  const plans: AttemptPlan[] = JSON.parse(
    process.env.REPRO_PLANS ??
      JSON.stringify([{ kind: 'direct-query-race', name: 'query-update', withUpdate: true }]),
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
  void (async () => {
    const session = await openReproSession(process.env.REPRO_DIR);
    try {
      for (const plan of plans) {
        const r = await session.runAttempt(plan);
        out(
          `=== ${plan.name}: queryCarriedEvents=${r.queryCarriedEvents} regrouped=${r.regrouped} replay=${r.replayError ?? 'ok'}`,
        );
        out('task with C:\n  ' + r.taskCommands.join('\n  '));
        out(`replay error: ${r.replayError}\nlive failure: ${r.liveFailure}`);
        out('mid:\n  ' + r.midHistory.join('\n  '));
        out('final:\n  ' + r.summary.join('\n  '));
        out('core:\n  ' + r.coreLog.join('\n  '));
        out('log file', r.logFile);
      }
    } finally {
      await session.close();
    }
  })()
    .catch((error) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    })
    .finally(() => process.exit());
}
