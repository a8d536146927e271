// The product as an operator runs it, each part a child process the fault run can kill and start again:
// the Temporal dev server (SQLite file), the worker and the API, with PostgreSQL reached through a proxy.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { createDataConverter } from '../../src/temporal/data-converter';
import { ORDER_SEARCH_ATTRIBUTES } from '../../src/workflows/search-attributes';
import { CuttableProxy } from './pg-proxy';

export const ROOT = resolve(__dirname, '../..');
const TS_NODE = ['-r', 'ts-node/register/transpile-only'];

export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const address = server.address();
  await new Promise<void>((done) => server.close(() => done()));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** Polls `probe` until it answers true; false when `timeoutMs` runs out. */
export async function until(
  probe: () => Promise<boolean> | boolean,
  timeoutMs: number,
  intervalMs = 500,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await probe()) return true;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) return false;
    await sleep(intervalMs);
  }
}

export interface ChildEvent {
  at: number;
  name: string;
  what: string;
}

/** One supervised child process; each start logs to `<name>-<n>.log` in the run directory. */
export class ManagedChild {
  private process: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private expectingExit = false;
  starts = 0;
  logFile = '';

  constructor(
    readonly name: string,
    private readonly runDir: string,
    private readonly command: string,
    private readonly args: string[],
    private readonly env: NodeJS.ProcessEnv,
    private readonly events: ChildEvent[],
    private readonly onUnexpectedExit: (
      child: ManagedChild,
      code: number | null,
      signal: string | null,
    ) => void,
  ) {}

  get pid(): number | undefined {
    return this.process?.pid;
  }

  get running(): boolean {
    return this.process !== null && this.process.exitCode === null && this.process.signalCode === null;
  }

  start(): void {
    if (this.running) throw new Error(`${this.name} is already running`);
    this.starts += 1;
    this.logFile = join(this.runDir, `${this.name}-${this.starts}.log`);
    const fd = openSync(this.logFile, 'a');
    writeSync(fd, `# ${new Date().toISOString()} ${this.command} ${this.args.join(' ')}\n`);
    const child = spawn(this.command, this.args, {
      cwd: ROOT,
      env: this.env,
      stdio: ['ignore', fd, fd],
    });
    closeSync(fd);
    this.process = child;
    this.expectingExit = false;
    this.record(`started pid ${child.pid}`);
    this.exited = new Promise((done) => {
      child.once('exit', (code, signal) => {
        this.record(`exited ${signal ?? code}`);
        if (!this.expectingExit) this.onUnexpectedExit(this, code, signal);
        done();
      });
    });
  }

  /** kill -9: no drain, no goodbye. */
  async kill9(): Promise<void> {
    if (!this.running) return;
    this.expectingExit = true;
    this.process?.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    if (!this.running) return;
    this.expectingExit = true;
    this.process?.kill('SIGTERM');
    const timer = setTimeout(() => this.process?.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** Last resort from an exit hook: synchronous. */
  killNow(): void {
    if (!this.running) return;
    this.expectingExit = true;
    this.process?.kill('SIGKILL');
  }

  logIncludes(text: string): boolean {
    return existsSync(this.logFile) && readFileSync(this.logFile, 'utf8').includes(text);
  }

  private record(what: string): void {
    this.events.push({ at: Date.now(), name: `${this.name}#${this.starts}`, what });
  }
}

export interface StackOptions {
  runDir: string;
  log: (line: string) => void;
}

/**
 * Starts and owns every part. Children that die on their own are started again (and reported), so a
 * crash of one part shows in the summary instead of hanging the run.
 */
export class FaultStack {
  readonly events: ChildEvent[] = [];
  readonly unexpectedExits: ChildEvent[] = [];
  readonly encryptionKey = randomBytes(32).toString('base64');
  readonly adminPassword = 'faults-admin-password';
  readonly jwtSecret = randomBytes(24).toString('hex');
  readonly taskQueue = 'service-orders';
  /** The run's own database (test/faults/global-setup.ts); the proxy stands in front of it. */
  databaseUrl = '';
  proxy!: CuttableProxy;
  temporal!: ManagedChild;
  worker!: ManagedChild;
  api!: ManagedChild;
  temporalPort = 0;
  apiPort = 0;
  client!: Client;
  private connection: Connection | null = null;
  private stopping = false;

  constructor(private readonly options: StackOptions) {}

  get apiBase(): string {
    return `http://127.0.0.1:${this.apiPort}/api`;
  }

  get temporalAddress(): string {
    return `127.0.0.1:${this.temporalPort}`;
  }

  async start(): Promise<void> {
    const { runDir, log } = this.options;
    mkdirSync(runDir, { recursive: true });
    const cli = execFileSync('bash', [join(ROOT, 'scripts/ensure-temporal-cli.sh')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }).trim();

    this.databaseUrl = process.env.FAULTS_DATABASE_URL ?? '';
    if (!this.databaseUrl.includes('test')) {
      throw new Error(`refusing database "${this.databaseUrl}": run through test/faults/jest.config.ts`);
    }
    const target = new URL(this.databaseUrl);
    this.proxy = new CuttableProxy({ host: target.hostname, port: Number(target.port || 5432) }, (line) =>
      log(`[pg-proxy] ${line}`),
    );
    await this.proxy.start();
    const proxied = new URL(this.databaseUrl);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(this.proxy.port);

    this.temporalPort = await freePort();
    this.apiPort = await freePort();
    const [httpPort, metricsPort] = [await freePort(), await freePort()];
    const searchAttributes = ORDER_SEARCH_ATTRIBUTES.flatMap((key) => [
      '--search-attribute',
      `${key.name}=${searchAttributeType(key.type)}`,
    ]);
    this.temporal = this.child('temporal', cli, [
      'server',
      'start-dev',
      '--db-filename',
      join(runDir, 'temporal.db'),
      '--ip',
      '127.0.0.1',
      '--port',
      String(this.temporalPort),
      '--http-port',
      String(httpPort),
      '--metrics-port',
      String(metricsPort),
      '--headless',
      '--log-level',
      'warn',
      ...searchAttributes,
    ]);
    this.temporal.start();

    const env = productEnv({
      DATABASE_URL: proxied.toString(),
      TEMPORAL_ADDRESS: this.temporalAddress,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: this.taskQueue,
      PAYLOAD_ENCRYPTION_KEY: this.encryptionKey,
      JWT_SECRET: this.jwtSecret,
      ADMIN_USERNAME: 'admin',
      ADMIN_PASSWORD: this.adminPassword,
      LOGIN_ATTEMPTS_PER_MINUTE: '100000',
      PORT: String(this.apiPort),
      DATA_DIR: runDir,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
    });
    this.worker = this.child('worker', process.execPath, [...TS_NODE, join(ROOT, 'src/workers/main.ts')], {
      ...env,
      // The worker's own start line is logged at info; it tells us when it polls.
      LOG_LEVEL: 'info',
    });
    this.api = this.child('api', process.execPath, [...TS_NODE, join(ROOT, 'src/api/main.ts')], env);

    if (!(await this.waitForTemporal(120_000))) throw new Error('the Temporal dev server did not start');
    this.connection = await Connection.connect({ address: this.temporalAddress });
    this.client = new Client({
      connection: this.connection,
      namespace: 'default',
      dataConverter: createDataConverter({ PAYLOAD_ENCRYPTION_KEY: this.encryptionKey }),
    });
    this.worker.start();
    this.api.start();
    const [workerUp, apiUp] = await Promise.all([this.waitForWorker(180_000), this.waitForApi(180_000)]);
    if (!workerUp) throw new Error(`the worker did not start; see ${this.worker.logFile}`);
    if (!apiUp) throw new Error(`the API did not start; see ${this.api.logFile}`);
  }

  private child(
    name: string,
    command: string,
    args: string[],
    env: NodeJS.ProcessEnv = productEnv({}),
  ): ManagedChild {
    return new ManagedChild(
      name,
      this.options.runDir,
      command,
      args,
      env,
      this.events,
      (child, code, signal) => {
        if (this.stopping) return;
        const event = {
          at: Date.now(),
          name: `${child.name}#${child.starts}`,
          what: `died on its own (${signal ?? code})`,
        };
        this.unexpectedExits.push(event);
        this.options.log(`[stack] ${event.name} ${event.what}; starting it again`);
        setTimeout(() => {
          if (!this.stopping && !child.running) child.start();
        }, 2_000);
      },
    );
  }

  async waitForTemporal(timeoutMs: number): Promise<boolean> {
    return until(async () => {
      const connection = await Connection.connect({ address: this.temporalAddress, connectTimeout: 2_000 });
      try {
        await connection.withDeadline(Date.now() + 3_000, () =>
          connection.workflowService.describeNamespace({ namespace: 'default' }),
        );
        return true;
      } finally {
        await connection.close();
      }
    }, timeoutMs);
  }

  /** The worker logs its start line once the workflow bundle is built and it polls. */
  waitForWorker(timeoutMs: number): Promise<boolean> {
    return until(() => this.worker.running && this.worker.logIncludes('Worker polling'), timeoutMs);
  }

  waitForApi(timeoutMs: number): Promise<boolean> {
    return until(async () => {
      const response = await fetch(`${this.apiBase}/health`, { signal: AbortSignal.timeout(5_000) });
      return response.status === 200;
    }, timeoutMs);
  }

  async healthy(timeoutMs: number): Promise<boolean> {
    const [temporal, worker, api] = await Promise.all([
      this.waitForTemporal(timeoutMs),
      this.waitForWorker(timeoutMs),
      this.waitForApi(timeoutMs),
    ]);
    return temporal && worker && api;
  }

  /** Stops every child (API first, so no new command arrives) and the proxy; global teardown drops the database. */
  async stop(): Promise<void> {
    this.stopping = true;
    const errors: unknown[] = [];
    const attempt = async (fn: () => Promise<unknown> | undefined) => {
      try {
        await fn();
      } catch (error) {
        errors.push(error);
      }
    };
    await attempt(() => this.api?.stop(10_000));
    await attempt(() => this.worker?.stop(15_000));
    await attempt(() => this.connection?.close());
    await attempt(() => this.temporal?.stop(15_000));
    await attempt(() => this.proxy?.stop());
    if (errors.length > 0) this.options.log(`[stack] cleanup errors: ${errors.map(String).join('; ')}`);
  }

  /** Synchronous last resort (process exit): no orphan servers. */
  killAll(): void {
    this.stopping = true;
    for (const child of [this.api, this.worker, this.temporal]) child?.killNow();
  }
}

export function searchAttributeType(type: string): string {
  // The SDK's names are upper case (KEYWORD, DATETIME); the CLI wants Keyword, Datetime.
  const lower = type.toLowerCase();
  return lower === 'keyword_list' ? 'KeywordList' : lower.charAt(0).toUpperCase() + lower.slice(1);
}

/** The environment of a product process: ours, never the developer's TEMPORAL_* or DATABASE_URL. */
export function productEnv(values: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) =>
        !key.startsWith('TEMPORAL_') &&
        !key.startsWith('PAYLOAD_') &&
        !key.startsWith('SMTP_') &&
        !key.startsWith('WEBHOOK_') &&
        !key.startsWith('JEST') &&
        !['DATABASE_URL', 'PORT', 'NODE_ENV', 'LOG_LEVEL', 'DATA_DIR', 'CODEC_CORS_ORIGINS'].includes(key),
    ),
  );
  return { ...inherited, ...values };
}
