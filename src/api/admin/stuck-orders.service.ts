import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { AppConfig } from '../../config/app-config';
import { SERVICE_ORDER_WORKFLOW } from '../../workflows/service-order/service-order.messages';
import { withinDeadline } from '../common/temporal-call';
import { APP_CONFIG, TEMPORAL_CLIENT } from '../common/tokens';
import {
  DEFAULT_MIN_ATTEMPT,
  type StuckOrderDto,
  type StuckOrdersDto,
  type StuckOrdersSummary,
} from './stuck-orders.dto';

const { EventType, WorkflowTaskFailedCause, TimeoutType, PendingWorkflowTaskState } = temporal.api.enums.v1;
type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

export const RUNNING_ORDERS_QUERY = `WorkflowType = '${SERVICE_ORDER_WORKFLOW}' AND ExecutionStatus = 'Running'`;
// Set by servers from 1.30 on (namespace capability reportedProblemsSearchAttribute); 1.29 refuses the name.
export const REPORTED_PROBLEMS_QUERY = `${RUNNING_ORDERS_QUERY} AND TemporalReportedProblems IN ('category=WorkflowTaskFailed', 'category=WorkflowTaskTimedOut')`;

const DESCRIBE_CONCURRENCY = 8;
// Health probes come every few seconds; a scan of every running order must not follow each one.
const SUMMARY_MAX_AGE_MS = 30_000;
const HISTORY_PAGE_SIZE = 100;
const HISTORY_PAGES = 5;

interface Candidate {
  workflowId: string;
  runId: string;
}

interface PendingTask {
  workflowId: string;
  runId: string;
  status: string;
  taskQueue: string;
  attempt: number;
  taskState: string;
}

/**
 * Order workflows whose workflow task keeps failing: a history that no longer replays on today's code, or an
 * error thrown in the workflow body. Temporal retries such a task for ever while the order stands still.
 */
@Injectable()
export class StuckOrdersService {
  private reportedProblems: boolean | undefined;
  private summaryCache: StuckOrdersSummary | undefined;
  private summaryCachedAt = 0;
  private summaryRun: Promise<StuckOrdersSummary> | undefined;

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'TEMPORAL_CALL_TIMEOUT_MS'>,
  ) {}

  list(minAttempt = DEFAULT_MIN_ATTEMPT): Promise<StuckOrdersDto> {
    return withinDeadline(
      this.client,
      async () => {
        const { detectedBy, checkedWorkflows, stuck } = await this.find(minAttempt);
        const orders = await mapBounded(stuck, DESCRIBE_CONCURRENCY, (task) => this.withLastFailure(task));
        return { detectedBy, checkedWorkflows, orders };
      },
      this.config.TEMPORAL_CALL_TIMEOUT_MS,
    );
  }

  /** How many orders are stuck, at most SUMMARY_MAX_AGE_MS old; one scan at a time however many ask. */
  summary(): Promise<StuckOrdersSummary> {
    if (this.summaryCache && Date.now() - this.summaryCachedAt < SUMMARY_MAX_AGE_MS) {
      return Promise.resolve(this.summaryCache);
    }
    this.summaryRun ??= withinDeadline(
      this.client,
      () => this.find(DEFAULT_MIN_ATTEMPT),
      this.config.TEMPORAL_CALL_TIMEOUT_MS,
    )
      .then(({ stuck }) => {
        this.summaryCache = { count: stuck.length, checkedAt: new Date().toISOString() };
        this.summaryCachedAt = Date.now();
        return this.summaryCache;
      })
      .finally(() => {
        this.summaryRun = undefined;
      });
    return this.summaryRun;
  }

  private async find(minAttempt: number) {
    const bySearchAttribute = await this.supportsReportedProblems();
    const candidates: Candidate[] = [];
    for await (const info of this.client.workflow.list({
      query: bySearchAttribute ? REPORTED_PROBLEMS_QUERY : RUNNING_ORDERS_QUERY,
      pageSize: 1000,
    })) {
      candidates.push({ workflowId: info.workflowId, runId: info.runId });
    }
    const pending = await mapBounded(candidates, DESCRIBE_CONCURRENCY, (c) => this.pendingTask(c));
    const stuck = pending
      .filter((task): task is PendingTask => task !== null && task.attempt >= minAttempt)
      .sort((a, b) => b.attempt - a.attempt || a.workflowId.localeCompare(b.workflowId));
    return {
      detectedBy: bySearchAttribute ? ('TemporalReportedProblems' as const) : ('describe' as const),
      checkedWorkflows: candidates.length,
      stuck,
    };
  }

  private async supportsReportedProblems(): Promise<boolean> {
    if (this.reportedProblems === undefined) {
      const { namespaceInfo } = await this.client.workflowService.describeNamespace({
        namespace: this.client.options.namespace,
      });
      this.reportedProblems = Boolean(namespaceInfo?.capabilities?.reportedProblemsSearchAttribute);
    }
    return this.reportedProblems;
  }

  private async pendingTask({ workflowId, runId }: Candidate): Promise<PendingTask | null> {
    try {
      const description = await this.client.workflow.getHandle(workflowId, runId).describe();
      const task = description.raw.pendingWorkflowTask;
      if (!task) return null;
      return {
        workflowId,
        runId,
        status: description.status.name,
        taskQueue: description.taskQueue,
        attempt: task.attempt ?? 1,
        taskState: (PendingWorkflowTaskState[task.state ?? 0] ?? 'UNSPECIFIED').replace(
          'PENDING_WORKFLOW_TASK_STATE_',
          '',
        ),
      };
    } catch (error) {
      // Deleted between the list and the describe: not stuck any more.
      if (error instanceof WorkflowNotFoundError) return null;
      throw error;
    }
  }

  /**
   * The failures since the last completed workflow task, newest first in the reverse history. Temporal writes
   * the first failure of a streak; later attempts are transient, so the message is that of the first.
   */
  private async withLastFailure(task: PendingTask): Promise<StuckOrderDto> {
    let latest: HistoryEvent | undefined;
    let earliest: HistoryEvent | undefined;
    let nextPageToken: Uint8Array | undefined;
    scan: for (let page = 0; page < HISTORY_PAGES; page += 1) {
      const response = await this.client.workflowService.getWorkflowExecutionHistoryReverse({
        namespace: this.client.options.namespace,
        execution: { workflowId: task.workflowId, runId: task.runId },
        maximumPageSize: HISTORY_PAGE_SIZE,
        nextPageToken,
      });
      for (const event of response.history?.events ?? []) {
        if (event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) break scan;
        if (
          event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED ||
          event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT
        ) {
          latest ??= event;
          earliest = event;
        }
      }
      if (!response.nextPageToken?.length) break;
      nextPageToken = response.nextPageToken;
    }
    return {
      orderNo: task.workflowId.replace(/^order-/, ''),
      workflowId: task.workflowId,
      runId: task.runId,
      status: task.status,
      taskQueue: task.taskQueue,
      attempt: task.attempt,
      taskState: task.taskState,
      ...describeFailure(latest),
      failingSince: isoTime(earliest?.eventTime),
    };
  }
}

export function describeFailure(
  event: HistoryEvent | undefined,
): Pick<StuckOrderDto, 'lastFailureCause' | 'lastFailureMessage'> {
  const failed = event?.workflowTaskFailedEventAttributes;
  if (failed) {
    return {
      lastFailureCause:
        (WorkflowTaskFailedCause[failed.cause ?? 0] ?? 'UNSPECIFIED').replace(
          'WORKFLOW_TASK_FAILED_CAUSE_',
          '',
        ) || null,
      lastFailureMessage: failed.failure?.message ?? null,
    };
  }
  const timedOut = event?.workflowTaskTimedOutEventAttributes;
  if (timedOut) {
    const type = (TimeoutType[timedOut.timeoutType ?? 0] ?? 'UNSPECIFIED').replace('TIMEOUT_TYPE_', '');
    return { lastFailureCause: 'TIMED_OUT', lastFailureMessage: `Workflow task timed out (${type})` };
  }
  return { lastFailureCause: null, lastFailureMessage: null };
}

function isoTime(ts: temporal.api.history.v1.IHistoryEvent['eventTime']): string | null {
  if (!ts?.seconds) return null;
  return new Date(ts.seconds.toNumber() * 1000 + Math.floor((ts.nanos ?? 0) / 1e6)).toISOString();
}

/** Runs `fn` over `items` with at most `limit` calls in flight, keeping the order of `items`. */
async function mapBounded<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
