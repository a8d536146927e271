// README "Repairing a stuck order", on the real dev server: order workflows whose workflow task fails on every
// attempt are listed by GET /api/admin/stuck-orders, counted in the health details and by the worker's SDK
// metrics; deploying the fix or `temporal workflow reset` (the CLI itself) lets them move on.
import { execFile, execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { DefaultLogger, bundleWorkflowCode, type WorkflowBundle } from '@temporalio/worker';
import { installWorkerRuntime } from '../../src/workers/runtime';
import { ApiStack, bearer, createStaff, login, startApiStack, workflowAvailable } from '../api/api-harness';
import { intakeBody } from '../factories/orders';
import {
  eventually,
  integrationEnv,
  startWorker,
  uniqueTaskQueue,
  type RunningWorker,
} from '../support/harness';
import { BROKEN_MESSAGE, type StandInInput } from './broken-order.workflow';

const run = promisify(execFile);
const root = join(__dirname, '../..');

interface StuckOrder {
  orderNo: string;
  workflowId: string;
  runId: string;
  status: string;
  taskQueue: string;
  attempt: number;
  taskState: string;
  lastFailureCause: string | null;
  lastFailureMessage: string | null;
  failingSince: string | null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

/** Value of the SDK counter for one failure reason on one task queue (0 when not emitted yet). */
function failedTasks(metrics: string, reason: string, taskQueue: string): number {
  return metrics
    .split('\n')
    .filter(
      (line) =>
        line.startsWith('temporal_workflow_task_execution_failed{') &&
        line.includes(`failure_reason="${reason}"`) &&
        line.includes(`task_queue="${taskQueue}"`) &&
        line.includes('workflow_type="serviceOrder"'),
    )
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

const describeIf = workflowAvailable() ? describe : describe.skip;

describeIf('stuck orders: seen and repaired', () => {
  const queue = uniqueTaskQueue('stuck');
  const stamp = `${Date.now()}`.slice(-8);
  const thrower: StandInInput = { orderNo: `SO-STUCK-${stamp}-T`, mode: 'throw' };
  const waiter: StandInInput = { orderNo: `SO-STUCK-${stamp}-W`, mode: 'wait' };
  let metricsUrl: string;
  let stack: ApiStack;
  let admin: string;
  let agentToken: string;
  let healthyOrderNo: string;
  let oldRelease: RunningWorker | null = null;
  let newRelease: RunningWorker | null = null;
  let fixedBundle: WorkflowBundle;
  let throwing: WorkflowHandleWithFirstExecutionRunId;
  let waiting: WorkflowHandleWithFirstExecutionRunId;

  const stuckList = async (token = admin) => {
    const response = await stack.http().get('/api/admin/stuck-orders').set(bearer(token));
    expect(response.status).toBe(200);
    return response.body as { detectedBy: string; checkedWorkflows: number; orders: StuckOrder[] };
  };
  const listed = async (workflowId: string) =>
    (await stuckList()).orders.find((order) => order.workflowId === workflowId);
  const scrape = async () => (await fetch(metricsUrl)).text();
  const start = (input: StandInInput) =>
    stack.client.workflow.start('serviceOrder', {
      taskQueue: queue,
      workflowId: `order-${input.orderNo}`,
      args: [input],
      // Retries of a failed task wait for this timeout: keep the test quick.
      workflowTaskTimeout: '1s',
    });

  beforeAll(async () => {
    // First, before any connection: the runtime as the worker process installs it, metrics on a free port.
    metricsUrl = installWorkerRuntime(
      { WORKER_METRICS_ADDRESS: `127.0.0.1:${await freePort()}` },
      new DefaultLogger('ERROR'),
    ) as string;
    stack = await startApiStack({ worker: true, prefix: 'stuck-api' });
    admin = await login(stack, 'admin', 'admin-password');
    agentToken = (await createStaff(stack, ['agent'])).token;
    const quiet = new DefaultLogger('ERROR');
    const [oldBundle, newBundle] = await Promise.all(
      ['broken-order.workflow', 'fixed-order.workflow'].map((name) =>
        bundleWorkflowCode({ workflowsPath: require.resolve(`./${name}`), logger: quiet }),
      ),
    );
    fixedBundle = newBundle;
    oldRelease = await startWorker({ taskQueue: queue, workflowBundle: oldBundle });
  });

  afterAll(async () => {
    for (const handle of [throwing, waiting]) await handle?.terminate('test over').catch(() => undefined);
    await oldRelease?.shutdown();
    await newRelease?.shutdown();
    await stack?.close();
  });

  it('lists an order whose workflow body throws, with its attempt, failure and since when; not a healthy one', async () => {
    const created = await stack.http().post('/api/orders').set(bearer(agentToken)).send(intakeBody());
    expect(created.status).toBe(201);
    healthyOrderNo = created.body.orderNo as string;
    const startedAt = Date.now();
    throwing = await start(thrower);
    waiting = await start(waiter);

    const stuck = await eventually(
      async () => {
        const order = await listed(throwing.workflowId);
        expect(order).toBeDefined();
        // On a loaded machine one attempt may time out first (TIMED_OUT); the next ones report the throw.
        expect(order?.lastFailureCause).toBe('WORKFLOW_WORKER_UNHANDLED_FAILURE');
        return order as StuckOrder;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    expect(stuck).toMatchObject({
      orderNo: thrower.orderNo,
      workflowId: `order-${thrower.orderNo}`,
      runId: throwing.firstExecutionRunId,
      status: 'RUNNING',
      taskQueue: queue,
      lastFailureCause: 'WORKFLOW_WORKER_UNHANDLED_FAILURE',
      lastFailureMessage: BROKEN_MESSAGE,
    });
    expect(stuck.attempt).toBeGreaterThanOrEqual(3);
    expect(['SCHEDULED', 'STARTED']).toContain(stuck.taskState);
    const since = Date.parse(stuck.failingSince ?? '');
    expect(since).toBeGreaterThanOrEqual(startedAt - 1_000);
    expect(since).toBeLessThanOrEqual(Date.now());

    const body = await stuckList();
    // Server 1.29 has no TemporalReportedProblems attribute: every running order is described.
    expect(body.detectedBy).toBe('describe');
    expect(body.checkedWorkflows).toBeGreaterThanOrEqual(3);
    const listedIds = body.orders.map((order) => order.workflowId);
    expect(listedIds).not.toContain(`order-${healthyOrderNo}`);
    expect(listedIds).not.toContain(waiting.workflowId);
  });

  it('is for admins only and checks its query', async () => {
    const agent = await stack.http().get('/api/admin/stuck-orders').set(bearer(agentToken));
    expect(agent.status).toBe(403);
    expect((await stack.http().get('/api/admin/stuck-orders')).status).toBe(401);
    const bad = await stack.http().get('/api/admin/stuck-orders?minAttempt=1').set(bearer(admin));
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([{ field: 'minAttempt', reasons: [expect.stringContaining('2')] }]);
  });

  it('counts the workflow-task failures in the worker metrics, by failure reason', async () => {
    await eventually(async () => {
      expect(failedTasks(await scrape(), 'WorkflowError', queue)).toBeGreaterThanOrEqual(2);
    });
  });

  it('a release that replays the history repairs the first order by itself; the second no longer replays', async () => {
    await oldRelease?.shutdown();
    oldRelease = null;
    newRelease = await startWorker({
      taskQueue: queue,
      workflowBundle: fixedBundle,
      activities: { noop: async () => undefined },
    });
    await expect(throwing.result()).resolves.toBe(`done ${thrower.orderNo}`);

    // Any new event makes the waiting order replay on the new code: it diverges at its timer.
    await waiting.signal('wake');
    const stuck = await eventually(
      async () => {
        const order = await listed(waiting.workflowId);
        expect(order).toBeDefined();
        return order as StuckOrder;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    expect(stuck).toMatchObject({
      orderNo: waiter.orderNo,
      lastFailureCause: 'NON_DETERMINISTIC_ERROR',
      lastFailureMessage: expect.stringContaining('[TMPRL1100] Nondeterminism error'),
    });
    expect((await stuckList()).orders.map((o) => o.workflowId)).not.toContain(throwing.workflowId);
    await eventually(async () => {
      expect(failedTasks(await scrape(), 'NonDeterminismError', queue)).toBeGreaterThanOrEqual(1);
    });

    const health = await stack.http().get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body.info.stuckOrders).toMatchObject({ status: 'up' });
    expect(health.body.info.stuckOrders.count).toBeGreaterThanOrEqual(1);
  });

  it('`temporal workflow reset --type LastWorkflowTask` starts a run the new code can finish', async () => {
    const cli = execFileSync('bash', [join(root, 'scripts/ensure-temporal-cli.sh')], {
      encoding: 'utf8',
    }).trim();
    const { temporalAddress, namespace } = integrationEnv();
    await run(cli, [
      'workflow',
      'reset',
      '--address',
      temporalAddress,
      '--namespace',
      namespace,
      '--workflow-id',
      waiting.workflowId,
      '--type',
      'LastWorkflowTask',
      '--reason',
      'stuck order: history does not replay on the current release',
    ]);
    const latest = stack.client.workflow.getHandle(waiting.workflowId);
    await expect(latest.result()).resolves.toBe(`done ${waiter.orderNo}`);
    expect((await latest.describe()).runId).not.toBe(waiting.firstExecutionRunId);
    expect((await stuckList()).orders.map((o) => o.workflowId)).not.toContain(waiting.workflowId);
  });
});
