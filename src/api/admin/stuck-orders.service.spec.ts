import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { REPORTED_PROBLEMS_QUERY, RUNNING_ORDERS_QUERY, StuckOrdersService } from './stuck-orders.service';

const { EventType, WorkflowTaskFailedCause, PendingWorkflowTaskState, TimeoutType } = temporal.api.enums.v1;
type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
// fromObject turns plain numbers into the Long fields the server sends.
const event = (fields: Record<string, unknown>): HistoryEvent =>
  temporal.api.history.v1.HistoryEvent.fromObject(fields);

const at = (iso: string) => ({ seconds: Math.floor(Date.parse(iso) / 1000), nanos: 0 });
const completed = (id: number) =>
  event({ eventId: id, eventType: EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED });
const failed = (id: number, iso: string, message: string) =>
  event({
    eventId: id,
    eventTime: at(iso),
    eventType: EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED,
    workflowTaskFailedEventAttributes: {
      cause: WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_NON_DETERMINISTIC_ERROR,
      failure: { message },
    },
  });
const timedOut = (id: number, iso: string) =>
  event({
    eventId: id,
    eventTime: at(iso),
    eventType: EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT,
    workflowTaskTimedOutEventAttributes: { timeoutType: TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE },
  });
const signalled = (id: number) =>
  event({ eventId: id, eventType: EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED });

interface FakeWorkflow {
  id: string;
  attempt?: number;
  gone?: boolean;
  /** Newest first, as the reverse history returns it; split into pages. */
  pages?: HistoryEvent[][];
}

function fakeClient(workflows: FakeWorkflow[], reportedProblems = false) {
  const queries: string[] = [];
  const client = {
    options: { namespace: 'default' },
    withDeadline: (_deadline: number, fn: () => Promise<unknown>) => fn(),
    workflowService: {
      describeNamespace: async () => ({
        namespaceInfo: { capabilities: { reportedProblemsSearchAttribute: reportedProblems } },
      }),
      getWorkflowExecutionHistoryReverse: async (request: {
        execution: { workflowId: string };
        nextPageToken?: Uint8Array;
      }) => {
        const pages = workflows.find((w) => w.id === request.execution.workflowId)?.pages ?? [[]];
        const index = request.nextPageToken ? request.nextPageToken[0] : 0;
        return {
          history: { events: pages[index] },
          nextPageToken: index + 1 < pages.length ? Uint8Array.of(index + 1) : new Uint8Array(),
        };
      },
    },
    workflow: {
      list: ({ query }: { query: string }) => {
        queries.push(query);
        return (async function* () {
          for (const w of workflows) yield { workflowId: w.id, runId: `run-${w.id}` };
        })();
      },
      getHandle: (workflowId: string, runId: string) => ({
        describe: async () => {
          const w = workflows.find((x) => x.id === workflowId);
          if (!w || w.gone) throw new WorkflowNotFoundError('gone', workflowId, runId);
          return {
            status: { name: 'RUNNING' },
            taskQueue: 'service-orders',
            raw: {
              pendingWorkflowTask:
                w.attempt === undefined
                  ? null
                  : {
                      attempt: w.attempt,
                      state: PendingWorkflowTaskState.PENDING_WORKFLOW_TASK_STATE_SCHEDULED,
                    },
            },
          };
        },
      }),
    },
  };
  return { client: client as unknown as Client, queries };
}

const service = (client: Client) => new StuckOrdersService(client, { TEMPORAL_CALL_TIMEOUT_MS: 1_000 });

describe(StuckOrdersService.name, () => {
  it('describes every running order where the server has no TemporalReportedProblems, keeping attempts ≥ min', async () => {
    const { client, queries } = fakeClient([
      { id: 'order-A', attempt: 1 },
      { id: 'order-B' },
      { id: 'order-C', attempt: 7, pages: [[failed(9, '2026-12-01T10:00:00Z', 'boom')]] },
      { id: 'order-D', attempt: 3, pages: [[timedOut(9, '2026-12-01T11:00:00Z')]] },
      { id: 'order-E', attempt: 9, gone: true },
    ]);
    const result = await service(client).list();
    expect(queries).toEqual([RUNNING_ORDERS_QUERY]);
    expect(result.detectedBy).toBe('describe');
    expect(result.checkedWorkflows).toBe(5);
    expect(result.orders).toEqual([
      {
        orderNo: 'C',
        workflowId: 'order-C',
        runId: 'run-order-C',
        status: 'RUNNING',
        taskQueue: 'service-orders',
        attempt: 7,
        taskState: 'SCHEDULED',
        lastFailureCause: 'NON_DETERMINISTIC_ERROR',
        lastFailureMessage: 'boom',
        failingSince: '2026-12-01T10:00:00.000Z',
      },
      expect.objectContaining({
        orderNo: 'D',
        attempt: 3,
        lastFailureCause: 'TIMED_OUT',
        lastFailureMessage: 'Workflow task timed out (START_TO_CLOSE)',
      }),
    ]);
    expect((await service(client).list(2)).orders.map((o) => o.orderNo)).toEqual(['C', 'D']);
  });

  it('uses the TemporalReportedProblems search attribute where the namespace supports it', async () => {
    const { client, queries } = fakeClient([{ id: 'order-A', attempt: 4 }], true);
    const result = await service(client).list();
    expect(queries).toEqual([REPORTED_PROBLEMS_QUERY]);
    expect(result.detectedBy).toBe('TemporalReportedProblems');
  });

  it('takes the newest failure as the last and the oldest since the last completed task as the start, across pages', async () => {
    const { client } = fakeClient([
      {
        id: 'order-A',
        attempt: 5,
        pages: [
          [signalled(30), failed(29, '2026-12-01T12:00:00Z', 'newest')],
          [failed(20, '2026-12-01T09:00:00Z', 'first of the streak'), completed(18)],
          [failed(10, '2026-11-30T00:00:00Z', 'an older streak, repaired since')],
        ],
      },
    ]);
    const [order] = (await service(client).list()).orders;
    expect(order).toMatchObject({
      lastFailureMessage: 'newest',
      failingSince: '2026-12-01T09:00:00.000Z',
    });
  });

  it('caches the count for health probes and runs one scan for callers that ask together', async () => {
    const workflows: FakeWorkflow[] = [{ id: 'order-A', attempt: 3 }];
    const { client, queries } = fakeClient(workflows);
    const stuck = service(client);
    const [first, second] = await Promise.all([stuck.summary(), stuck.summary()]);
    expect(first.count).toBe(1);
    expect(second).toBe(first);
    workflows.push({ id: 'order-B', attempt: 3 });
    expect((await stuck.summary()).count).toBe(1);
    expect(queries).toHaveLength(1);
  });
});
