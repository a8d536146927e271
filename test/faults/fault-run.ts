// The fault run: start the stack as child processes, seed staff and second-scale policies through the API,
// drive orders through their scripts while the worker is killed, the Temporal server restarted and
// PostgreSQL cut, then let everything settle and collect what the end checks need.
import { appendFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { Client as PgClient } from 'pg';
import type { OrderType } from '../../src/domain';
import { ApiClient } from './api-client';
import {
  escalationFailures,
  missingCommandFailures,
  oneEffectFailures,
  queryAll,
  readModelFailures,
  refusalFailures,
  replayEverything,
  statusFailures,
  takeSnapshot,
  unexpectedAnswerFailures,
  waitForProjection,
  type ReplayOutcome,
} from './checks';
import { FAULT_POLICIES } from './policies';
import { OrderRun, SCRIPTS, type Crew, type Person } from './scripts';
import { FaultStack, ROOT, sleep, until } from './stack';

export const SETTINGS = {
  orders: Number(process.env.FAULTS_ORDERS ?? 144),
  concurrency: Number(process.env.FAULTS_CONCURRENCY ?? 24),
  /** Order starts are spread over this long, so load lasts through the whole fault schedule. */
  driveSeconds: Number(process.env.FAULTS_DRIVE_SECONDS ?? 170),
  workerDownMs: Number(process.env.FAULTS_WORKER_DOWN_MS ?? 5_000),
  postgresDownMs: Number(process.env.FAULTS_POSTGRES_DOWN_MS ?? 10_000),
};

/** Seconds after the first order starts. */
const FAULT_SCHEDULE: { at: number; kind: FaultKind }[] = [
  { at: 25, kind: 'kill -9 worker' },
  { at: 65, kind: 'restart Temporal' },
  { at: 105, kind: 'cut PostgreSQL' },
  { at: 140, kind: 'kill -9 worker' },
];
type FaultKind = 'kill -9 worker' | 'restart Temporal' | 'cut PostgreSQL';

export interface FaultRecord {
  kind: FaultKind;
  /** Seconds after the first order started. */
  at: number;
  /** Commands on existing orders (Temporal Updates) waiting for their answer when the fault began. */
  inFlight: number;
  downMs: number;
  recoveredAfterMs: number | null;
}

export interface FaultRunOutcome {
  runDir: string;
  durationMs: number;
  runs: OrderRun[];
  faults: FaultRecord[];
  replay: ReplayOutcome;
  failures: {
    replay: string[];
    statuses: string[];
    refusals: string[];
    escalations: string[];
    readModel: string[];
    missingCommands: string[];
    oneEffect: string[];
    unexpectedAnswers: string[];
    faults: string[];
  };
  summary: string;
}

export async function runFaultRun(): Promise<FaultRunOutcome> {
  const started = Date.now();
  const runDir = join(ROOT, '.data/faults', new Date().toISOString().replace(/[:.]/g, '-'));
  mkdirSync(runDir, { recursive: true });
  const runnerLog = join(runDir, 'runner.log');
  const log = (line: string) => {
    const stamped = `[faults +${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`;
    appendFileSync(runnerLog, `${stamped}\n`);
    process.stdout.write(`${stamped}\n`);
  };
  installQuietRuntime(runnerLog);

  const stack = new FaultStack({ runDir, log });
  const killAll = () => stack.killAll();
  const onSignal = (signal: NodeJS.Signals) => {
    stack.killAll();
    process.kill(process.pid, signal);
  };
  process.once('exit', killAll);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let pg: PgClient | null = null;
  let allPassed = false;
  try {
    log(`logs in ${runDir}`);
    await stack.start();
    log(
      `stack up: Temporal ${stack.temporalAddress}, API ${stack.apiBase}, database via proxy :${stack.proxy.port}`,
    );
    pg = new PgClient({ connectionString: stack.databaseUrl });
    await pg.connect();
    const api = new ApiClient(stack.apiBase);
    const crew = await seedCrew(api, stack.adminPassword);
    await setPolicies(api, crew.admin);
    log(`seeded ${crew.byId.size} staff and policies for ${Object.keys(FAULT_POLICIES).join(', ')}`);

    // ---- Drive ----
    const t0 = Date.now();
    const driveDeadline = t0 + SETTINGS.driveSeconds * 1000 + 300_000;
    const options = {
      waitTimeoutMs: 150_000,
      thinkMs: [150, 700] as [number, number],
      aborted: () => Date.now() > driveDeadline,
    };
    const runs = Array.from(
      { length: SETTINGS.orders },
      (_, i) => new OrderRun(i, SCRIPTS[i % SCRIPTS.length], api, crew, options),
    );
    const interval = (SETTINGS.driveSeconds * 1000) / SETTINGS.orders;
    let next = 0;
    const progress = setInterval(() => {
      const done = runs.filter((r) => r.endedAt > 0).length;
      log(`orders done ${done}/${runs.length}, commands ${api.commands.length}, in flight ${api.inFlight}`);
    }, 20_000);
    const faultsDone = injectFaults(stack, api, t0, log);
    await Promise.all(
      Array.from({ length: SETTINGS.concurrency }, async () => {
        for (let i = next++; i < runs.length; i = next++) {
          const wait = t0 + i * interval - Date.now();
          if (wait > 0) await sleep(wait);
          if (options.aborted()) {
            runs[i].failure = 'never started: the run ended first';
            continue;
          }
          await runs[i].run();
        }
      }),
    );
    clearInterval(progress);
    const faults = await faultsDone;
    const allRuns = runs.flatMap((r) => [r, ...r.children]);
    log(`drive done: ${allRuns.filter((r) => r.finished).length}/${allRuns.length} scripts finished`);

    // ---- Settle ----
    if (!(await stack.healthy(180_000))) log('the stack is not healthy after the faults');
    const orderNos = allRuns.filter((r) => r.orderNo).map((r) => r.orderNo);
    await until(
      async () => {
        const { views } = await queryAll(stack.client, orderNos);
        return allRuns.every((r) => !r.orderNo || views.get(r.orderNo)?.status === r.script.final);
      },
      120_000,
      3_000,
    );
    const projectionWait = await waitForProjection(stack.client, pg, orderNos, 90_000);
    log(`settled (projection caught up after ${(projectionWait / 1000).toFixed(0)}s); checking`);
    const snapshot = await takeSnapshot(stack.client, pg, orderNos);
    const replay = await replayEverything(stack.client, stack.encryptionKey);
    const missingWorkflows = orderNos.filter((no) => !replay.workflowIds.has(`order-${no}`));

    const failures: FaultRunOutcome['failures'] = {
      replay: [
        ...replay.failures,
        ...missingWorkflows.map((no) => `order-${no}: not listed on the server`),
        ...(replay.replayed < replay.listed
          ? [`only ${replay.replayed} of ${replay.listed} histories replayed`]
          : []),
      ],
      statuses: statusFailures(allRuns, snapshot),
      refusals: refusalFailures(api.commands),
      escalations: escalationFailures(allRuns, snapshot, 20_000),
      readModel: readModelFailures(allRuns, snapshot),
      missingCommands: missingCommandFailures(allRuns, api.commands, snapshot),
      oneEffect: oneEffectFailures(allRuns, api.commands, snapshot),
      unexpectedAnswers: unexpectedAnswerFailures(api.commands, api.reads),
      faults: faultFailures(faults, stack),
    };
    allPassed = Object.values(failures).every((list) => list.length === 0);
    const durationMs = Date.now() - started;
    const summary = summarize({ runs: allRuns, api, faults, replay, durationMs, stack, failures, runDir });
    writeFileSync(
      join(runDir, 'outcome.json'),
      JSON.stringify(
        {
          settings: SETTINGS,
          failures,
          faults,
          childEvents: stack.events,
          orders: allRuns.map((r) => ({
            orderNo: r.orderNo,
            script: r.script.name,
            final: r.script.final,
            failure: r.failure,
            steps: r.steps,
          })),
          commands: api.commands,
        },
        null,
        1,
      ),
    );
    process.stdout.write(`${summary}\n`);
    return { runDir, durationMs, runs: allRuns, faults, replay, failures, summary };
  } finally {
    await pg?.end().catch(() => undefined);
    await stack.stop();
    process.off('exit', killAll);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    // The SQLite file is only worth keeping when something failed.
    if (allPassed) rmSync(join(runDir, 'temporal.db'), { force: true });
    log('stack stopped');
  }
}

// ---- Seeding -------------------------------------------------------------------------------------

async function login(api: ApiClient, username: string, password: string): Promise<string> {
  const response = await fetch(`${api.base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await response.json()) as { accessToken?: string };
  if (response.status !== 200 || !body.accessToken) throw new Error(`login ${username}: ${response.status}`);
  return body.accessToken;
}

async function seedCrew(api: ApiClient, adminPassword: string): Promise<Crew> {
  const adminToken = await login(api, 'admin', adminPassword);
  const admin: Person = { id: 'admin', username: 'admin', token: adminToken, roles: ['admin'] };
  const byId = new Map<string, Person>();
  const create = async (username: string, roles: string[], profile: Record<string, unknown> = {}) => {
    const password = `${username}-password`;
    const created = await api.command(
      adminToken,
      'POST',
      '/users',
      { username, password, displayName: username, roles, ...profile },
      { orderNo: null, action: null },
    );
    if (created.status !== 201)
      throw new Error(`creating ${username}: ${created.status} ${JSON.stringify(created.body)}`);
    const person: Person = {
      id: String(created.body.id),
      username,
      token: await login(api, username, password),
      roles,
    };
    byId.set(person.id, person);
    return person;
  };
  const agents = [
    await create('agent-1', ['agent']),
    await create('agent-2', ['agent']),
    await create('agent-3', ['agent']),
  ];
  const supervisor = await create('supervisor-1', ['supervisor'], { region: 'north' });
  const dispatcher = await create('dispatcher-1', ['dispatcher']);
  const finance = await create('finance-1', ['finance']);
  const technicians: Person[] = [];
  for (let i = 1; i <= 12; i++) {
    technicians.push(
      await create(`technician-${i}`, ['technician'], {
        region: 'north',
        skills: ['hvac', 'electrical'],
        capacity: 10,
        lat: 31.23 + i * 0.001,
        lng: 121.47 + i * 0.001,
      }),
    );
  }
  return { admin, agents, supervisor, dispatcher, finance, technicians, byId };
}

async function setPolicies(api: ApiClient, admin: Person): Promise<void> {
  for (const [type, policy] of Object.entries(FAULT_POLICIES)) {
    const answer = await api.command(
      admin.token,
      'PUT',
      `/sla-policies/${type as OrderType}`,
      { ...policy, applyToRunning: false },
      { orderNo: null, action: null },
    );
    if (answer.status !== 200)
      throw new Error(`PUT policy ${type}: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
}

// ---- Faults --------------------------------------------------------------------------------------

async function injectFaults(
  stack: FaultStack,
  api: ApiClient,
  t0: number,
  log: (line: string) => void,
): Promise<FaultRecord[]> {
  const records: FaultRecord[] = [];
  for (const planned of FAULT_SCHEDULE) {
    const wait = t0 + planned.at * 1000 - Date.now();
    if (wait > 0) await sleep(wait);
    // Faults land while several Updates wait for their answer (bounded: the run never stalls on it).
    // The restart wants the most: Updates accepted but not yet answered when the server goes away.
    const wanted = planned.kind === 'restart Temporal' ? 6 : 3;
    if (!(await until(() => api.inFlightUpdates >= wanted, 30_000, 25))) {
      await until(() => api.inFlightUpdates > 0, 30_000, 50);
    }
    const at = (Date.now() - t0) / 1000;
    const inFlight = api.inFlightUpdates;
    const began = Date.now();
    let downMs = 0;
    log(`fault: ${planned.kind} (${inFlight} updates in flight)`);
    try {
      if (planned.kind === 'kill -9 worker') {
        await stack.worker.kill9();
        await sleep(SETTINGS.workerDownMs);
        stack.worker.start();
        downMs = Date.now() - began;
      } else if (planned.kind === 'restart Temporal') {
        await stack.temporal.stop(20_000);
        downMs = Date.now() - began;
        stack.temporal.start();
      } else {
        await stack.proxy.cut(SETTINGS.postgresDownMs);
        downMs = Date.now() - began;
      }
    } catch (error) {
      log(`fault ${planned.kind} failed: ${String(error)}`);
    }
    const healthy = await stack.healthy(180_000);
    const recoveredAfterMs = healthy ? Date.now() - began : null;
    log(
      `fault: ${planned.kind} done, ${healthy ? `healthy after ${(recoveredAfterMs ?? 0) / 1000}s` : 'NOT healthy after 180s'}`,
    );
    records.push({ kind: planned.kind, at, inFlight, downMs, recoveredAfterMs });
  }
  return records;
}

function faultFailures(faults: FaultRecord[], stack: FaultStack): string[] {
  const failures: string[] = [];
  const kills = faults.filter((f) => f.kind === 'kill -9 worker');
  if (kills.length < 2) failures.push(`the worker was killed ${kills.length}× (at least 2 planned)`);
  if (!faults.some((f) => f.kind === 'restart Temporal'))
    failures.push('the Temporal server was not restarted');
  if (!faults.some((f) => f.kind === 'cut PostgreSQL')) failures.push('PostgreSQL was not cut');
  for (const fault of faults) {
    if (fault.inFlight === 0)
      failures.push(`${fault.kind} at +${fault.at.toFixed(0)}s found no Update in flight`);
    if (fault.recoveredAfterMs === null)
      failures.push(`${fault.kind} at +${fault.at.toFixed(0)}s: the stack did not recover`);
  }
  for (const exit of stack.unexpectedExits) failures.push(`${exit.name} ${exit.what}`);
  return failures;
}

// ---- Summary -------------------------------------------------------------------------------------

function summarize(input: {
  runs: OrderRun[];
  api: ApiClient;
  faults: FaultRecord[];
  replay: ReplayOutcome;
  durationMs: number;
  stack: FaultStack;
  failures: FaultRunOutcome['failures'];
  runDir: string;
}): string {
  const { runs, api, faults, replay, durationMs, stack, failures, runDir } = input;
  const commands = api.commands.filter((c) => c.orderNo !== null || c.action === 'INTAKE');
  const accepted = commands.filter((c) => c.final !== null && c.final >= 200 && c.final < 300).length;
  const refused = commands.filter((c) => c.final !== null && c.final >= 400 && c.final < 500).length;
  const retried = commands.filter((c) => c.attempts.length > 1).length;
  const attempts503 = commands.flatMap((c) => c.attempts).filter((a) => a.status === 503).length;
  const networkErrors = commands.flatMap((c) => c.attempts).filter((a) => a.status === null).length;
  const byScript = new Map<string, number>();
  for (const run of runs) byScript.set(run.script.name, (byScript.get(run.script.name) ?? 0) + 1);
  const lines = [
    '──────── fault run summary ────────',
    `orders: ${runs.length} (${runs.filter((r) => r.finished).length} scripts finished) over ${byScript.size} scripts`,
    `commands: ${commands.length} sent, ${accepted} accepted, ${refused} refused (${commands.filter((c) => c.expectRefusal !== undefined).length} meant to be), ` +
      `${retried} retried (${attempts503} × 503, ${networkErrors} network errors), ${commands.filter((c) => c.duplicateGroup).length} sent as deliberate duplicates`,
    `faults: ${faults.map((f) => `${f.kind} at +${f.at.toFixed(0)}s (${f.inFlight} updates in flight, down ${(f.downMs / 1000).toFixed(1)}s, healthy after ${f.recoveredAfterMs === null ? 'never' : `${(f.recoveredAfterMs / 1000).toFixed(0)}s`})`).join('; ')}`,
    `unexpected child exits: ${stack.unexpectedExits.length ? stack.unexpectedExits.map((e) => `${e.name} ${e.what}`).join('; ') : 'none'}`,
    `replay: ${replay.replayed} of ${replay.listed} workflow histories replayed, ${replay.failures.length} problems`,
    `checks failing: ${
      Object.entries(failures)
        .filter(([, list]) => list.length)
        .map(([name, list]) => `${name} (${list.length})`)
        .join(', ') || 'none'
    }`,
    `duration: ${(durationMs / 1000).toFixed(0)}s; logs and outcome.json in ${runDir}`,
    '───────────────────────────────────',
  ];
  return lines.join('\n');
}

/** The SDK's native runtime (used here for replay) logs to the run's log file, warnings and up. */
function installQuietRuntime(file: string): void {
  try {
    Runtime.install({
      logger: new DefaultLogger('WARN', (entry) =>
        appendFileSync(file, `[sdk ${entry.level}] ${entry.message} ${JSON.stringify(entry.meta ?? {})}\n`),
      ),
    });
  } catch {
    // Already installed in this process: keep it.
  }
}
