// `npm run test:e2e`: the web app in Debian's Chromium (/usr/bin/chromium; no browser download) against
// the real product, started exactly as a user starts it (`npm start`: Temporal dev server, embedded
// PostgreSQL, worker, API serving the built app), on ports of its own and a fresh data folder.
import { defineConfig } from '@playwright/test';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3310);
/** The Temporal Web UI of that product. */
/** The stack signs customer links with this key, so a test can sign one (an expired link) as it would. */
export const E2E_CUSTOMER_LINK_SECRET = 'e2e-only-customer-link-secret-0123456789';
export const E2E_UI_PORT = Number(process.env.E2E_UI_PORT ?? E2E_PORT + 5000);
/** Set to a product already running on E2E_PORT (e.g. `npm start` on 3000) to skip starting one. */
const useRunning = process.env.E2E_USE_RUNNING === '1';
const dataDir = join(root, '.data', `e2e-${Date.now()}`);
// The main process (not a test worker, which loads this file too) clears earlier runs' data first.
if (process.env.TEST_WORKER_INDEX === undefined) {
  mkdirSync(join(root, '.data'), { recursive: true });
  for (const name of readdirSync(join(root, '.data'), { withFileTypes: true }))
    if (name.isDirectory() && name.name.startsWith('e2e-'))
      rmSync(join(root, '.data', name.name), { recursive: true, force: true });
}

export default defineConfig({
  testDir: __dirname,
  testMatch: /.*\.spec\.ts$/,
  outputDir: join(root, 'test-results'),
  // One stack, one story after another: the specs share its users and run in order.
  workers: 1,
  fullyParallel: false,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      // The machine's network is closed: without these Chromium keeps dialling Google's hosts.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: useRunning
    ? undefined
    : {
        command: 'npm start',
        cwd: root,
        url: `http://127.0.0.1:${E2E_PORT}/api/health`,
        // A first start may build the Temporal CLI (minutes); later starts take seconds.
        timeout: 20 * 60_000,
        reuseExistingServer: false,
        stdout: 'ignore',
        stderr: 'pipe',
        gracefulShutdown: { signal: 'SIGTERM', timeout: 30_000 },
        env: {
          PORT: String(E2E_PORT),
          DATA_DIR: dataDir,
          TEMPORAL_DEV_PORT: String(E2E_PORT + 4000),
          TEMPORAL_UI_PORT: String(E2E_UI_PORT),
          EMBEDDED_POSTGRES_PORT: String(E2E_PORT + 50000),
          WORKER_METRICS_ADDRESS: '',
          LOG_LEVEL: 'warn',
          ADMIN_USERNAME: 'admin',
          ADMIN_PASSWORD: 'admin-password',
          // Customer messages: SMS kept in the sink (GET /api/dev/sms-sink), links to this very product.
          SMS_PROVIDER: 'sink',
          PUBLIC_BASE_URL: `http://localhost:${E2E_PORT}`,
          CUSTOMER_LINK_SECRET: E2E_CUSTOMER_LINK_SECRET,
        },
      },
});
