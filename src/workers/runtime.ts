import { Runtime, makeTelemetryFilterString, type Logger } from '@temporalio/worker';
import type { AppConfig } from '../config/app-config';

/**
 * Installs the SDK runtime of a worker process (once per process): its logger and, unless
 * WORKER_METRICS_ADDRESS is empty, the Prometheus exporter of the SDK's own metrics, among them
 * `temporal_workflow_task_execution_failed{failure_reason="NonDeterminismError" | "WorkflowError"}`.
 * Returns the metrics URL, or null when they are off.
 */
export function installWorkerRuntime(
  config: Pick<AppConfig, 'WORKER_METRICS_ADDRESS'>,
  logger: Logger,
): string | null {
  const bindAddress = config.WORKER_METRICS_ADDRESS;
  try {
    Runtime.install({
      logger,
      telemetryOptions: {
        logging: { filter: makeTelemetryFilterString({ core: 'WARN' }) },
        ...(bindAddress ? { metrics: { prometheus: { bindAddress } } } : {}),
      },
    });
  } catch (error) {
    // Typically the port is taken by another worker on the same host.
    throw new Error(
      `WORKER_METRICS_ADDRESS=${bindAddress}: ${error instanceof Error ? error.message : String(error)} ` +
        '(give each worker on a host its own port, or set it empty to turn worker metrics off)',
    );
  }
  return bindAddress ? `http://${bindAddress}/metrics` : null;
}
