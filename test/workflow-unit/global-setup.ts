import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode } from '@temporalio/worker';
import { ORDER_SEARCH_ATTRIBUTES } from '../../src/workflows/search-attributes';
import { SUGGEST_CONTINUE_AS_NEW_AT, WORKFLOW_UNIT_ENV } from './env';

declare global {
  var workflowUnitState: { temporal: TestWorkflowEnvironment; ownBundlePath: string | null } | undefined;
}

const root = resolve(__dirname, '../..');

/**
 * Once per jest run of the `workflow` project: a Temporal dev server of its own (no PostgreSQL), started
 * with a low continue-as-new suggestion so that behaviour is testable in seconds, and the workflow bundle
 * (the real one, src/workflows/index.ts).
 */
export default async function globalSetup(): Promise<void> {
  const cli = execFileSync('bash', [join(root, 'scripts/ensure-temporal-cli.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
  // In `npm test` the integration project's global setup (which runs first) has bundled the same entry.
  const shared = process.env.TEST_WORKFLOW_BUNDLE;
  const reuse = shared !== undefined && existsSync(shared);
  const [temporal, code] = await Promise.all([
    TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'existing-path', path: cli },
        searchAttributes: ORDER_SEARCH_ATTRIBUTES,
        extraArgs: [
          '--log-level',
          'error',
          '--dynamic-config-value',
          `limit.historyCount.suggestContinueAsNew=${SUGGEST_CONTINUE_AS_NEW_AT}`,
        ],
      },
    }),
    reuse
      ? null
      : bundleWorkflowCode({ workflowsPath: join(root, 'src/workflows/index.ts'), logger: quietLogger }).then(
          (bundle) => bundle.code,
        ),
  ]);
  // The integration teardown removes a shared bundle; this tier removes only its own.
  const ownBundlePath = code === null ? null : writeBundle(code);
  const bundlePath = ownBundlePath ?? shared ?? '';
  globalThis.workflowUnitState = { temporal, ownBundlePath };
  process.env[WORKFLOW_UNIT_ENV.address] = temporal.address;
  process.env[WORKFLOW_UNIT_ENV.namespace] = temporal.namespace ?? 'default';
  process.env[WORKFLOW_UNIT_ENV.bundle] = bundlePath;
}

function writeBundle(code: string): string {
  const bundleDir = join(root, '.data/test');
  mkdirSync(bundleDir, { recursive: true });
  const path = join(bundleDir, `workflow-unit-bundle-${process.pid}.js`);
  writeFileSync(path, code);
  return path;
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
