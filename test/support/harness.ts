import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { createDataSource } from '../../src/persistence/data-source';

/** What global-setup started, as seen from one test file. */
export function integrationEnv(): { temporalAddress: string; namespace: string; databaseUrl: string } {
  const temporalAddress = process.env.TEMPORAL_ADDRESS;
  const databaseUrl = process.env.DATABASE_URL;
  if (!temporalAddress || !databaseUrl)
    throw new Error('integration tests run through jest global-setup (npm test)');
  return { temporalAddress, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default', databaseUrl };
}

export async function openDataSource(): Promise<DataSource> {
  const dataSource = createDataSource(integrationEnv().databaseUrl);
  await dataSource.initialize();
  return dataSource;
}

export async function connectClient(): Promise<{ client: Client; connection: Connection }> {
  const { temporalAddress, namespace } = integrationEnv();
  const connection = await Connection.connect({ address: temporalAddress });
  return { client: new Client({ connection, namespace }), connection };
}

export interface RunningWorker {
  worker: Worker;
  taskQueue: string;
  /** Stops polling and waits for the worker to finish (safe to call twice). */
  shutdown: () => Promise<void>;
}

/** Starts a worker on its own task queue with the workflow bundle built once by global-setup. */
export async function startWorker(
  options: Omit<WorkerOptions, 'connection' | 'namespace' | 'workflowsPath' | 'workflowBundle'> &
    Partial<Pick<WorkerOptions, 'workflowBundle'>>,
): Promise<RunningWorker> {
  const { temporalAddress, namespace } = integrationEnv();
  const bundlePath = process.env.TEST_WORKFLOW_BUNDLE;
  const connection = await NativeConnection.connect({ address: temporalAddress });
  const worker = await Worker.create({
    connection,
    namespace,
    workflowBundle: options.workflowBundle ?? (bundlePath ? { codePath: bundlePath } : undefined),
    ...options,
  });
  const running = worker.run();
  let stopped = false;
  return {
    worker,
    taskQueue: options.taskQueue,
    shutdown: async () => {
      if (!stopped) {
        stopped = true;
        if (worker.getState() === 'RUNNING') worker.shutdown();
      }
      await running;
      await connection.close();
    },
  };
}

export function uniqueTaskQueue(prefix: string): string {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
}

export { eventually } from './waiting';
