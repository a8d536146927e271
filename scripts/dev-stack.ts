// `npm start`: the whole product on one machine. Starts what is not configured (Temporal dev server with
// its Web UI, embedded PostgreSQL), applies migrations, then runs the worker and the API as children.
// Ctrl-C stops every child and the embedded services cleanly; data stays under DATA_DIR.
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import { loadConfig } from '../src/config/app-config';
import { startEmbeddedPostgres, EmbeddedPostgresHandle } from '../src/persistence/embedded-postgres';
import { runMigrations } from './migrate';

const root = resolve(__dirname, '..');
const EMBEDDED_POSTGRES_PORT = Number(process.env.EMBEDDED_POSTGRES_PORT ?? 54320);
const TEMPORAL_DEV_PORT = Number(process.env.TEMPORAL_DEV_PORT ?? 7233);

const children: { name: string; process: ChildProcess }[] = [];
let embeddedPostgres: EmbeddedPostgresHandle | undefined;
let stopping = false;

function say(message: string): void {
  process.stdout.write(`[start] ${message}\n`);
}

function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolvePort, reject) => {
    const attempt = () => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolvePort();
      });
      socket.once('error', () => {
        socket.destroy();
        if (stopping) return reject(new Error('stopping'));
        if (Date.now() > deadline)
          return reject(new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`));
        setTimeout(attempt, 300);
      });
    };
    attempt();
  });
}

function run(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
  children.push({ name, process: child });
  child.once('exit', (code, signal) => {
    if (stopping) return;
    say(`${name} exited (${signal ?? code}); stopping everything`);
    void shutdown(1);
  });
  return child;
}

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

async function shutdown(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  // All at once: embedded-postgres' own exit hook ends this process soon after a signal, so there is no
  // time for one child after another. The worker drains its tasks; anything cut short is retried later.
  await Promise.all(
    children
      .filter((child) => isRunning(child.process))
      .map(
        (child) =>
          new Promise<void>((done) => {
            const timer = setTimeout(() => {
              child.process.kill('SIGKILL');
              done();
            }, 15_000);
            child.process.once('exit', () => {
              clearTimeout(timer);
              done();
            });
            child.process.kill('SIGTERM');
          }),
      ),
  );
  await embeddedPostgres?.stop().catch(() => undefined);
  say('stopped');
  process.exit(exitCode);
}

// Last resort when something else ends this process first: never leave a child behind.
process.on('exit', () => {
  for (const child of children) if (isRunning(child.process)) child.process.kill('SIGKILL');
});

/** The newest modification time under `path` (a file or a folder), 0 when it does not exist. */
function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

/** Builds the web app when web/dist is missing or older than its sources (npm install builds it too). */
function buildWebAppIfStale(distDir: string): void {
  const web = join(root, 'web');
  const sources = Math.max(
    ...['src', 'public', 'index.html', 'vite.config.ts'].map((name) => newestChange(join(web, name))),
  );
  if (newestChange(join(distDir, 'index.html')) >= sources) return;
  say('building the web app (web/dist)');
  const build = spawnSync('npm', ['run', 'web:build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the web app did not build (npm run web:build)');
}

async function main(): Promise<void> {
  const config = loadConfig();
  const dataDir = resolve(root, config.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };

  if (!config.PAYLOAD_ENCRYPTION_KEY) {
    // Customer data in Temporal payloads is encrypted by default; the key lives with the data it protects.
    const keyFile = join(dataDir, 'payload-encryption.key');
    if (!existsSync(keyFile)) writeFileSync(keyFile, randomBytes(32).toString('base64'), { mode: 0o600 });
    env.PAYLOAD_ENCRYPTION_KEY = readFileSync(keyFile, 'utf8').trim();
    say(`payload encryption key: ${keyFile}`);
  }
  env.TEMPORAL_UI_CODEC_ENDPOINT ??= `http://localhost:${config.PORT}/api/codec`;
  // Customers' text messages stay on this machine unless a gateway is configured (README "SMS gateway").
  if (env.SMS_PROVIDER === undefined) {
    env.SMS_PROVIDER = 'sink';
    say('SMS kept in the sink (SMS_PROVIDER=sink): an admin reads them at GET /api/dev/sms-sink');
  }

  if (!config.TEMPORAL_ADDRESS) {
    say(
      `starting the Temporal dev server (SQLite at ${join(dataDir, 'temporal.db')}, Web UI on port ${config.TEMPORAL_UI_PORT})`,
    );
    run('temporal', 'bash', [join(root, 'scripts/temporal-dev.sh')], {
      ...env,
      TEMPORAL_DEV_PORT: String(TEMPORAL_DEV_PORT),
    });
    // A first start may build the CLI from source, which takes minutes.
    await waitForPort(TEMPORAL_DEV_PORT, 20 * 60_000);
    await waitForPort(config.TEMPORAL_UI_PORT, 60_000);
    env.TEMPORAL_ADDRESS = `127.0.0.1:${TEMPORAL_DEV_PORT}`;
    say(`Temporal at ${env.TEMPORAL_ADDRESS}, Web UI at http://localhost:${config.TEMPORAL_UI_PORT}`);
  }

  if (!config.DATABASE_URL) {
    say(
      `starting embedded PostgreSQL (data in ${join(dataDir, 'postgres')}, port ${EMBEDDED_POSTGRES_PORT})`,
    );
    embeddedPostgres = await startEmbeddedPostgres(dataDir, EMBEDDED_POSTGRES_PORT);
    await embeddedPostgres.createDatabase('service_orders');
    env.DATABASE_URL = embeddedPostgres.url('service_orders');
  }

  const applied = await runMigrations(env.DATABASE_URL ?? '');
  say(applied.length ? `migrations applied: ${applied.join(', ')}` : 'database schema up to date');

  buildWebAppIfStale(resolve(root, config.WEB_DIST_DIR));
  const tsNode = ['-r', 'ts-node/register/transpile-only'];
  run('worker', process.execPath, [...tsNode, join(root, 'src/workers/main.ts')], env);
  run('api', process.execPath, [...tsNode, join(root, 'src/api/main.ts')], env);
  await waitForPort(config.PORT, 120_000);
  say(
    `web app on http://localhost:${config.PORT}/, API on /api (docs at /api/docs, health at /api/health). Ctrl-C stops everything.`,
  );
  say(
    config.WORKER_METRICS_ADDRESS
      ? `worker metrics (Prometheus) at http://${config.WORKER_METRICS_ADDRESS}/metrics`
      : 'worker metrics off (WORKER_METRICS_ADDRESS is empty)',
  );
}

process.once('SIGINT', () => void shutdown(0));
process.once('SIGTERM', () => void shutdown(0));
main().catch((error: unknown) => {
  if (stopping) return;
  process.stderr.write(`[start] ${error instanceof Error ? error.message : String(error)}\n`);
  void shutdown(1);
});
