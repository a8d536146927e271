// The end checks of the fault run. Each takes what the run recorded (scripts, ledger) and what the stack
// holds (workflow histories and queries, PostgreSQL rows) and returns one line per order that fails it.
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import type { Client as PgClient } from 'pg';
import { LADDER, targetMs, type OrderType, type Priority, type SlaStage, type Zone } from '../../src/domain';
import { createDataConverter } from '../../src/temporal/data-converter';
import {
  getOrder,
  orderWorkflowId,
  type OrderView,
} from '../../src/workflows/service-order/service-order.messages';
import type { CommandRecord, ReadRecord } from './api-client';
import { faultPolicy } from './policies';
import type { OrderRun } from './scripts';
import { sleep } from './stack';

const { EventType, WorkflowTaskFailedCause } = temporal.api.enums.v1;

export interface ReplayOutcome {
  listed: number;
  replayed: number;
  failures: string[];
  workflowIds: Set<string>;
}

/** Every execution on the server (running and closed), replayed against today's workflow code. */
export async function replayEverything(client: Client, encryptionKey: string): Promise<ReplayOutcome> {
  const executions: { workflowId: string; runId: string }[] = [];
  for await (const execution of client.workflow.list()) {
    executions.push({ workflowId: execution.workflowId, runId: execution.runId });
  }
  const failures: string[] = [];
  const histories: { workflowId: string; history: temporal.api.history.v1.IHistory }[] = [];
  for (const { workflowId, runId } of executions) {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    histories.push({ workflowId, history });
    // A workflow task that failed in the live run (nondeterminism, or a handler that threw) leaves one
    // WorkflowTaskFailed event, however many times it failed after that.
    for (const event of history.events ?? []) {
      if (event.eventType !== EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED) continue;
      const attributes = event.workflowTaskFailedEventAttributes;
      const cause = attributes?.cause ?? WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_UNSPECIFIED;
      if (
        cause === WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_NON_DETERMINISTIC_ERROR ||
        cause === WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_WORKFLOW_WORKER_UNHANDLED_FAILURE
      ) {
        failures.push(
          `${workflowId}: live workflow task failed at event ${String(event.eventId)} (${WorkflowTaskFailedCause[cause]}): ${firstLine(attributes?.failure?.message)}`,
        );
      }
    }
  }
  let replayed = 0;
  for await (const result of Worker.runReplayHistories(
    {
      workflowsPath: require.resolve('../../src/workflows'),
      dataConverter: createDataConverter({ PAYLOAD_ENCRYPTION_KEY: encryptionKey }),
      replayName: 'fault-run',
    },
    histories,
  )) {
    replayed += 1;
    if (result.error)
      failures.push(`${result.workflowId}: replay failed: ${replayReason(result.error.message)}`);
  }
  return {
    listed: executions.length,
    replayed,
    failures,
    workflowIds: new Set(executions.map((e) => e.workflowId)),
  };
}

export interface Snapshot {
  views: Map<string, OrderView>;
  queryErrors: Map<string, string>;
  rows: Map<string, { status: string; technician_id: string | null; revision: number; rework_round: number }>;
  timeline: Map<
    string,
    { seq: number; action: string; actor_role: string; details: Record<string, unknown> }[]
  >;
  escalations: Map<string, { stage_key: string; level: number }[]>;
  takenAt: number;
}

/** The workflow's own state (getOrder query), with bounded concurrency. */
export async function queryAll(
  client: Client,
  orderNos: string[],
): Promise<{ views: Map<string, OrderView>; errors: Map<string, string> }> {
  const views = new Map<string, OrderView>();
  const errors = new Map<string, string>();
  const queue = [...orderNos];
  await Promise.all(
    Array.from({ length: 6 }, async () => {
      for (let orderNo = queue.shift(); orderNo !== undefined; orderNo = queue.shift()) {
        try {
          const view = await client.withDeadline(Date.now() + 30_000, () =>
            client.workflow.getHandle(orderWorkflowId(orderNo as string)).query(getOrder),
          );
          views.set(orderNo, view);
          errors.delete(orderNo);
        } catch (error) {
          errors.set(orderNo, firstLine(error instanceof Error ? error.message : String(error)));
        }
      }
    }),
  );
  return { views, errors };
}

export async function readModel(pg: PgClient, orderNos: string[]): Promise<Snapshot['rows']> {
  const result = await pg.query(
    'SELECT order_no, status, technician_id, revision, rework_round FROM orders WHERE order_no = ANY($1)',
    [orderNos],
  );
  return new Map(result.rows.map((row) => [row.order_no as string, row]));
}

export async function takeSnapshot(client: Client, pg: PgClient, orderNos: string[]): Promise<Snapshot> {
  const { views, errors } = await queryAll(client, orderNos);
  const rows = await readModel(pg, orderNos);
  const timeline = new Map<string, Snapshot['timeline'] extends Map<string, infer V> ? V : never>();
  const entries = await pg.query(
    'SELECT order_no, seq, action, actor_role, details FROM order_timeline WHERE order_no = ANY($1) ORDER BY order_no, seq',
    [orderNos],
  );
  for (const row of entries.rows) {
    const list = timeline.get(row.order_no) ?? [];
    list.push(row);
    timeline.set(row.order_no, list);
  }
  const escalations = new Map<string, { stage_key: string; level: number }[]>();
  const fired = await pg.query(
    'SELECT order_no, stage_key, level FROM escalations WHERE order_no = ANY($1) ORDER BY order_no, stage_key, level',
    [orderNos],
  );
  for (const row of fired.rows) {
    const list = escalations.get(row.order_no) ?? [];
    list.push({ stage_key: row.stage_key, level: Number(row.level) });
    escalations.set(row.order_no, list);
  }
  return { views, queryErrors: errors, rows, timeline, escalations, takenAt: Date.now() };
}

/** Waits (bounded) until every order's read model has caught up with its workflow's revision. */
export async function waitForProjection(
  client: Client,
  pg: PgClient,
  orderNos: string[],
  timeoutMs: number,
): Promise<number> {
  const started = Date.now();
  for (;;) {
    const { views } = await queryAll(client, orderNos);
    const rows = await readModel(pg, orderNos);
    const behind = orderNos.filter((no) => {
      const view = views.get(no);
      const row = rows.get(no);
      return !view || !row || row.revision < view.revision;
    });
    if (behind.length === 0 || Date.now() - started > timeoutMs) return Date.now() - started;
    await sleep(3_000);
  }
}

// ---- (2) statuses -------------------------------------------------------------------------------

export function statusFailures(runs: OrderRun[], snapshot: Snapshot): string[] {
  const failures: string[] = [];
  for (const run of runs) {
    if (!run.orderNo) {
      failures.push(`${run.label}: no order was created (${run.failure ?? 'unknown'})`);
      continue;
    }
    const view = snapshot.views.get(run.orderNo);
    const actual = view?.status ?? `unknown (query failed: ${snapshot.queryErrors.get(run.orderNo)})`;
    if (actual !== run.script.final || run.failure) {
      failures.push(
        `${run.label}: expected ${run.script.final}, is ${actual}` +
          (run.failure ? `; script stopped: ${run.failure}` : ''),
      );
    }
  }
  return failures;
}

// ---- refusals -----------------------------------------------------------------------------------

export function refusalFailures(commands: CommandRecord[]): string[] {
  return commands
    .filter((c) => c.expectRefusal !== undefined && c.final !== c.expectRefusal)
    .map(
      (c) =>
        `${c.orderNo}: ${c.path} should be refused with ${c.expectRefusal}, answered ${c.final ?? 'nothing'} ${JSON.stringify(c.responseBody ?? {}).slice(0, 200)}`,
    );
}

// ---- (3) escalations ----------------------------------------------------------------------------

const escalationKey = (stageKey: string, level: number) => `${stageKey}:${level}`;

function counted(keys: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

const ONE_LEVEL_ONLY: Partial<Record<SlaStage, number>> = { TECHNICIAN_ACCEPTANCE: 0 };

/** Ladder steps of the order's live deadlines whose time has passed by `now - graceMs`. */
export function dueSteps(view: OrderView, now: number, graceMs: number): string[] {
  const policy = faultPolicy(view.details.type as OrderType);
  const due: string[] = [];
  for (const deadline of view.deadlines) {
    if (deadline.paused || deadline.dueAt === null) continue;
    // The customer acceptance window has no ladder when it auto-accepts.
    if (deadline.stage === 'CUSTOMER_ACCEPTANCE' && policy.onAcceptanceWindowExpiry === 'AUTO_ACCEPT')
      continue;
    const target = targetMs(policy, deadline.stage, {
      priority: view.details.priority as Priority,
      zone: view.details.customer.zone as Zone,
    });
    const dueAt = Date.parse(deadline.dueAt);
    for (const step of LADDER) {
      const maxLevel = ONE_LEVEL_ONLY[deadline.stage];
      if (maxLevel !== undefined && step.level > maxLevel) continue;
      const fireAt = dueAt + target * (step.fraction - 1);
      if (fireAt <= now - graceMs) due.push(escalationKey(deadline.stageKey, step.level));
    }
  }
  return due;
}

export function escalationFailures(runs: OrderRun[], snapshot: Snapshot, graceMs: number): string[] {
  const failures: string[] = [];
  let total = 0;
  for (const run of runs) {
    const view = snapshot.views.get(run.orderNo);
    if (!run.orderNo || !view) continue;
    const inState = view.escalations.map((e) => escalationKey(e.stageKey, e.level));
    const inRows = (snapshot.escalations.get(run.orderNo) ?? []).map((e) =>
      escalationKey(e.stage_key, e.level),
    );
    const inTimeline = (snapshot.timeline.get(run.orderNo) ?? []).flatMap((entry) => {
      if (entry.action === 'ESCALATION' || entry.action === 'SLA_WARNING') {
        return [escalationKey(String(entry.details.stageKey), Number(entry.details.level))];
      }
      if (entry.action === 'REWORK_LIMIT_EXCEEDED')
        return [escalationKey(`REWORK_LIMIT#${String(entry.details.reworkRound)}`, 2)];
      return [];
    });
    total += inRows.length;
    const problems: string[] = [];
    for (const [source, keys] of [
      ['workflow state', inState],
      ['escalations rows', inRows],
      ['timeline', inTimeline],
    ] as const) {
      const twice = [...counted(keys)].filter(([, n]) => n > 1).map(([key, n]) => `${key}×${n}`);
      if (twice.length > 0) problems.push(`fired more than once in the ${source}: ${twice.join(', ')}`);
    }
    const stateSet = new Set(inState);
    const rowSet = new Set(inRows);
    const timelineSet = new Set(inTimeline);
    const onlyState = [...stateSet].filter((k) => !rowSet.has(k));
    const onlyRows = [...rowSet].filter((k) => !stateSet.has(k));
    const noTimeline = [...stateSet].filter((k) => !timelineSet.has(k));
    const onlyTimeline = [...timelineSet].filter((k) => !stateSet.has(k));
    if (onlyState.length) problems.push(`in the workflow state but no row: ${onlyState.join(', ')}`);
    if (onlyRows.length) problems.push(`rows the workflow does not know: ${onlyRows.join(', ')}`);
    if (noTimeline.length) problems.push(`no timeline entry for: ${noTimeline.join(', ')}`);
    if (onlyTimeline.length)
      problems.push(`timeline entries the workflow does not know: ${onlyTimeline.join(', ')}`);
    const missed = dueSteps(view, snapshot.takenAt, graceMs).filter(
      (k) => !stateSet.has(k) || !rowSet.has(k),
    );
    if (missed.length) problems.push(`due but never fired: ${missed.join(', ')}`);
    if (problems.length) failures.push(`${run.label}: ${problems.join('; ')}`);
  }
  if (total === 0) failures.push('no escalation fired at all: the second-scale policies did not take effect');
  return failures;
}

// ---- (4) read model ----------------------------------------------------------------------------

export function readModelFailures(runs: OrderRun[], snapshot: Snapshot): string[] {
  const failures: string[] = [];
  for (const run of runs) {
    if (!run.orderNo) continue;
    const view = snapshot.views.get(run.orderNo);
    const row = snapshot.rows.get(run.orderNo);
    if (!view) {
      failures.push(
        `${run.label}: the workflow cannot be queried (${snapshot.queryErrors.get(run.orderNo)})`,
      );
      continue;
    }
    if (!row) {
      failures.push(`${run.label}: no row in orders (workflow says ${view.status} r${view.revision})`);
      continue;
    }
    const differences: string[] = [];
    if (row.status !== view.status) differences.push(`status ${row.status} ≠ ${view.status}`);
    if ((row.technician_id ?? null) !== (view.technicianId ?? null))
      differences.push(`technician ${row.technician_id} ≠ ${view.technicianId}`);
    if (Number(row.revision) !== view.revision)
      differences.push(`revision ${row.revision} ≠ ${view.revision}`);
    if (Number(row.rework_round) !== view.reworkRound)
      differences.push(`rework round ${row.rework_round} ≠ ${view.reworkRound}`);
    if (differences.length) failures.push(`${run.label}: read model ${differences.join(', ')} (workflow)`);
  }
  return failures;
}

// ---- (5) and (6) commands against the timeline -------------------------------------------------

interface ActionTally {
  accepted: Set<string>;
  uncertain: Set<string>;
  retried: Set<string>;
}

function tallies(commands: CommandRecord[]): Map<string, Map<string, ActionTally>> {
  const byOrder = new Map<string, Map<string, ActionTally>>();
  for (const c of commands) {
    if (!c.orderNo || !c.action) continue;
    const byAction = byOrder.get(c.orderNo) ?? new Map<string, ActionTally>();
    byOrder.set(c.orderNo, byAction);
    const tally = byAction.get(c.action) ?? { accepted: new Set(), uncertain: new Set(), retried: new Set() };
    byAction.set(c.action, tally);
    if (c.final !== null && c.final >= 200 && c.final < 300) tally.accepted.add(c.key);
    // Gave up on 503 / the network: the command may or may not have been applied.
    else if (c.final === null || c.final === 503) tally.uncertain.add(c.key);
    if (c.attempts.length > 1 || c.duplicateGroup) tally.retried.add(c.key);
  }
  return byOrder;
}

/** Timeline entries made by people (not the system), per action. */
function personActions(snapshot: Snapshot, orderNo: string): Map<string, number> {
  return counted(
    (snapshot.timeline.get(orderNo) ?? []).filter((e) => e.actor_role !== 'system').map((e) => e.action),
  );
}

export function missingCommandFailures(
  runs: OrderRun[],
  commands: CommandRecord[],
  snapshot: Snapshot,
): string[] {
  const failures: string[] = [];
  const byOrder = tallies(commands);
  for (const run of runs) {
    if (!run.orderNo) continue;
    const recorded = personActions(snapshot, run.orderNo);
    const missing: string[] = [];
    for (const [action, tally] of byOrder.get(run.orderNo) ?? []) {
      const found = recorded.get(action) ?? 0;
      if (found < tally.accepted.size)
        missing.push(`${action} (${tally.accepted.size} answered 2xx, ${found} on the timeline)`);
    }
    if (missing.length) failures.push(`${run.label}: missing from the timeline: ${missing.join(', ')}`);
  }
  return failures;
}

export function oneEffectFailures(runs: OrderRun[], commands: CommandRecord[], snapshot: Snapshot): string[] {
  const failures: string[] = [];
  const byOrder = tallies(commands);
  for (const run of runs) {
    if (!run.orderNo) continue;
    const recorded = personActions(snapshot, run.orderNo);
    const problems: string[] = [];
    for (const [action, tally] of byOrder.get(run.orderNo) ?? []) {
      const found = recorded.get(action) ?? 0;
      const most = tally.accepted.size + tally.uncertain.size;
      if (found > most) {
        problems.push(
          `${action} applied ${found}× for ${tally.accepted.size} accepted key(s)` +
            (tally.retried.size ? ` (${tally.retried.size} sent more than once)` : ''),
        );
      }
    }
    // A key sent twice must get the same answer both times.
    const groups = new Map<string, CommandRecord[]>();
    for (const c of commands) {
      if (c.orderNo !== run.orderNo || !c.duplicateGroup) continue;
      groups.set(c.duplicateGroup, [...(groups.get(c.duplicateGroup) ?? []), c]);
    }
    for (const group of groups.values()) {
      const statuses = new Set(group.map((c) => c.final));
      if (statuses.size > 1)
        problems.push(
          `${group[0].path.split('/').pop()} sent twice with one key answered ${group.map((c) => c.final).join(' then ')}`,
        );
    }
    for (const c of commands) {
      if (c.orderNo === run.orderNo && c.appliedDespiteAnswer) {
        problems.push(`${c.path.split('/').pop()} was applied but its retry answered ${c.final}`);
      }
    }
    if (problems.length) failures.push(`${run.label}: ${problems.join('; ')}`);
  }
  return failures;
}

// ---- unexpected answers ------------------------------------------------------------------------

export function unexpectedAnswerFailures(commands: CommandRecord[], reads: ReadRecord[]): string[] {
  const failures: string[] = [];
  for (const c of commands) {
    const bad = c.attempts.filter((a) => a.status !== null && a.status >= 500 && a.status !== 503);
    if (bad.length)
      failures.push(`${c.orderNo ?? 'new order'}: ${c.path} answered ${bad.map((a) => a.status).join(', ')}`);
    if (c.final === 404) failures.push(`${c.orderNo}: ${c.path} answered 404 for an existing order`);
  }
  const notFound = counted(reads.filter((r) => r.status === 404).map((r) => r.orderNo));
  for (const [orderNo, n] of notFound)
    failures.push(`${orderNo}: GET /orders/${orderNo} answered 404 ${n}× after its intake answered 201`);
  return failures;
}

/** The SDK's replay message is one long line; the part naming the event comes after its preamble. */
function replayReason(message: string): string {
  const at = message.indexOf('[TMPRL');
  return at >= 0 ? message.slice(at, at + 300) : firstLine(message);
}

function firstLine(text: string | null | undefined): string {
  return String(text ?? '')
    .split('\n')[0]
    .slice(0, 300);
}
