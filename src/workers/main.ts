import 'reflect-metadata';
import { NativeConnection, Worker } from '@temporalio/worker';
import { workerActivities } from '../activities';
import { loadConfig } from '../config/app-config';
import { createDataSource } from '../persistence/data-source';
import { temporalTarget } from '../temporal/connection';
import { createDataConverter } from '../temporal/data-converter';
import { createLogger } from './logger';
import { installWorkerRuntime } from './runtime';
import { workerTuning } from './worker-tuning';

/**
 * Worker process: runs order workflows and their activities. Several may run at once on the same
 * task queue (each with its own WORKER_METRICS_ADDRESS); Temporal spreads the work between them.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config);
  const metricsUrl = installWorkerRuntime(config, logger);
  if (!config.DATABASE_URL) throw new Error('DATABASE_URL is required for the worker (npm start sets it)');

  const dataSource = createDataSource(config.DATABASE_URL);
  await dataSource.initialize();
  const target = temporalTarget();
  const connection = await NativeConnection.connect(target.connectionOptions);
  const worker = await Worker.create({
    connection,
    namespace: target.namespace,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    workflowsPath: require.resolve('../workflows'),
    // Customer personal data in payloads is encrypted when PAYLOAD_ENCRYPTION_KEY is set.
    dataConverter: createDataConverter(config),
    activities: workerActivities({ dataSource, config }),
    ...workerTuning(config),
  });
  logger.info(
    `Worker polling ${target.connectionOptions.address} namespace=${target.namespace} queue=${config.TEMPORAL_TASK_QUEUE}` +
      (metricsUrl ? ` metrics=${metricsUrl}` : ' metrics=off'),
  );
  // Worker installs SIGINT/SIGTERM handlers that drain in-flight tasks before run() resolves.
  await worker.run();
  await connection.close();
  await dataSource.destroy();
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Worker failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
