// The raw baselines' worker: its own process and task queue, the product's connection settings, payload
// codec and worker tuning, so a ratio compares application code and nothing else.
import { NativeConnection, Worker } from '@temporalio/worker';
import { Pool } from 'pg';
import { loadConfig } from '../../src/config/app-config';
import { temporalTarget } from '../../src/temporal/connection';
import { createDataConverter } from '../../src/temporal/data-converter';
import { workerTuning } from '../../src/workers/worker-tuning';
import { createRawActivities, RAW_TASK_QUEUE_SUFFIX } from './raw.activities';

async function main(): Promise<void> {
  const config = loadConfig();
  const pool = new Pool({ connectionString: config.DATABASE_URL, max: 10 });
  const target = temporalTarget();
  const connection = await NativeConnection.connect(target.connectionOptions);
  const worker = await Worker.create({
    connection,
    namespace: target.namespace,
    taskQueue: `${config.TEMPORAL_TASK_QUEUE}${RAW_TASK_QUEUE_SUFFIX}`,
    workflowsPath: require.resolve('./raw.workflows'),
    dataConverter: createDataConverter(config),
    activities: createRawActivities(pool),
    ...workerTuning(config),
  });
  process.stdout.write('Raw worker polling\n');
  await worker.run();
  await connection.close();
  await pool.end();
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Raw worker failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
