import type { WorkerOptions } from '@temporalio/worker';
import type { AppConfig } from '../config/app-config';

/** The worker settings that decide its memory and throughput (README "Benchmarks" has the figures). */
export function workerTuning(
  config: Pick<
    AppConfig,
    | 'WORKER_MAX_CACHED_WORKFLOWS'
    | 'WORKER_MAX_CONCURRENT_WORKFLOW_TASKS'
    | 'WORKER_MAX_CONCURRENT_ACTIVITIES'
  >,
): Pick<
  WorkerOptions,
  'maxCachedWorkflows' | 'maxConcurrentWorkflowTaskExecutions' | 'maxConcurrentActivityTaskExecutions'
> {
  return {
    maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
    maxConcurrentWorkflowTaskExecutions: config.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    maxConcurrentActivityTaskExecutions: config.WORKER_MAX_CONCURRENT_ACTIVITIES,
  };
}
