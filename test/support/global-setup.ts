import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode } from '@temporalio/worker';
import { ORDER_SEARCH_ATTRIBUTES } from '../../src/workflows/search-attributes';
import { createTestDatabase, TestDatabase } from './test-database';

export interface GlobalTestState {
  temporal: TestWorkflowEnvironment;
  database: TestDatabase;
}

declare global {
  var integrationTestState: GlobalTestState | undefined;
}

const root = resolve(__dirname, '../..');
const WORKFLOWS_ENTRY = join(root, 'src/workflows/index.ts');

/**
 * Once per `jest` run: a real Temporal dev server (the project's CLI build, search attributes registered),
 * a fresh PostgreSQL database with migrations, and the workflow bundle. Test files read them from env.
 */
export default async function globalSetup(): Promise<void> {
  const cli = execFileSync('bash', [join(root, 'scripts/ensure-temporal-cli.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
  const [temporal, database] = await Promise.all([
    TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'existing-path', path: cli },
        searchAttributes: ORDER_SEARCH_ATTRIBUTES,
        extraArgs: ['--log-level', 'error'],
      },
    }),
    createTestDatabase(),
  ]);
  globalThis.integrationTestState = { temporal, database };
  process.env.TEMPORAL_ADDRESS = temporal.address;
  process.env.TEMPORAL_NAMESPACE = temporal.namespace ?? 'default';
  process.env.DATABASE_URL = database.url;

  if (existsSync(WORKFLOWS_ENTRY)) {
    // Bundling takes seconds of CPU; do it once for every test file.
    const bundle = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_ENTRY, logger: quietLogger });
    const bundleDir = join(root, '.data/test');
    mkdirSync(bundleDir, { recursive: true });
    const bundlePath = join(bundleDir, `workflow-bundle-${process.pid}.js`);
    writeFileSync(bundlePath, bundle.code);
    process.env.TEST_WORKFLOW_BUNDLE = bundlePath;
  }
}

const quietLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (message: string, meta?: Record<string, unknown>) =>
    process.stderr.write(`${message} ${JSON.stringify(meta ?? {})}\n`),
};
