// The stack the benchmark measures, started as `npm start` starts it: the Temporal dev server (SQLite) and
// an embedded PostgreSQL unless TEMPORAL_ADDRESS / DATABASE_URL name running ones, then the product's
// worker and API as their own processes, plus the raw baselines' worker. Everything on 127.0.0.1.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { Client as PgClient, Pool } from 'pg';
import { runMigrations } from '../scripts/migrate';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../src/persistence/embedded-postgres';
import { createDataConverter } from '../src/temporal/data-converter';
import { ORDER_SEARCH_ATTRIBUTES } from '../src/workflows/search-attributes';
import {
  freePort,
  ManagedChild,
  productEnv,
  ROOT,
  searchAttributeType,
  until,
  type ChildEvent,
} from '../test/faults/stack';
import { CREATE_RAW_FIRINGS, RAW_TASK_QUEUE_SUFFIX } from './raw/raw.activities';

const TS_NODE = ['-r', 'ts-node/register/transpile-only'];

export interface BenchStackOptions {
  runDir: string;
  log: (line: string) => void;
  /** Extra environment for the product's worker (its tuning knobs). */
  workerEnv?: Record<string, string>;
}

export class BenchStack {
  readonly encryptionKey = randomBytes(32).toString('base64');
  readonly jwtSecret = randomBytes(24).toString('hex');
  readonly adminPassword = 'bench-admin-password';
  readonly events: ChildEvent[] = [];
  taskQueue = 'service-orders';
  temporalAddress = '';
  databaseUrl = '';
  apiPort = 0;
  temporal: ManagedChild | null = null;
  worker!: ManagedChild;
  rawWorker!: ManagedChild;
  api!: ManagedChild;
  client!: Client;
  pool!: Pool;
  private connection: Connection | null = null;
  private embedded: EmbeddedPostgresHandle | null = null;
  /** A database this run created on a given server (DATABASE_URL), dropped at the end. */
  private scratchDatabase: { adminUrl: string; name: string } | null = null;

  constructor(private readonly options: BenchStackOptions) {}

  get apiBase(): string {
    return `http://127.0.0.1:${this.apiPort}/api`;
  }

  get rawTaskQueue(): string {
    return `${this.taskQueue}${RAW_TASK_QUEUE_SUFFIX}`;
  }

  /** The processes whose CPU and memory the scenarios read. */
  get pids(): Record<string, number | undefined> {
    return {
      temporal: this.temporal?.pid,
      worker: this.worker?.pid,
      api: this.api?.pid,
      rawWorker: this.rawWorker?.pid,
    };
  }

  async start(): Promise<void> {
    const { runDir, log } = this.options;
    mkdirSync(runDir, { recursive: true });
    await this.startTemporal();
    await this.startDatabase();
    log(`temporal ${this.temporalAddress}, database ${new URL(this.databaseUrl).pathname.slice(1)}`);
    await runMigrations(this.databaseUrl);
    this.pool = new Pool({ connectionString: this.databaseUrl, max: 8 });
    await this.pool.query(CREATE_RAW_FIRINGS);

    this.apiPort = await freePort();
    const env = productEnv({
      DATABASE_URL: this.databaseUrl,
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
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      WORKER_METRICS_ADDRESS: '',
    });
    this.worker = this.child('worker', [join(ROOT, 'src/workers/main.ts')], {
      ...env,
      ...this.options.workerEnv,
      LOG_LEVEL: 'info',
    });
    this.rawWorker = this.child('raw-worker', [join(ROOT, 'bench/raw/raw-worker.ts')], {
      ...env,
      ...this.options.workerEnv,
    });
    this.api = this.child('api', [join(ROOT, 'src/api/main.ts')], env);
    this.connection = await Connection.connect({ address: this.temporalAddress });
    this.client = new Client({
      connection: this.connection,
      namespace: 'default',
      dataConverter: createDataConverter({ PAYLOAD_ENCRYPTION_KEY: this.encryptionKey }),
    });
    this.worker.start();
    this.rawWorker.start();
    this.api.start();
    const up = await until(
      async () =>
        this.worker.logIncludes('Worker polling') &&
        this.rawWorker.logIncludes('Raw worker polling') &&
        (await fetch(`${this.apiBase}/health`, { signal: AbortSignal.timeout(5_000) })).status === 200,
      180_000,
    );
    if (!up) {
      throw new Error(
        `the stack did not come up; see ${this.worker.logFile}, ${this.rawWorker.logFile}, ${this.api.logFile}`,
      );
    }
  }

  private async startTemporal(): Promise<void> {
    const given = process.env.TEMPORAL_ADDRESS;
    if (given) {
      this.temporalAddress = given;
      // Its own task queues, so a running product's workers never take the benchmark's tasks.
      this.taskQueue = `service-orders-bench-${Date.now()}`;
      return;
    }
    const cli = execFileSync('bash', [join(ROOT, 'scripts/ensure-temporal-cli.sh')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }).trim();
    const port = await freePort();
    this.temporalAddress = `127.0.0.1:${port}`;
    const searchAttributes = ORDER_SEARCH_ATTRIBUTES.flatMap((key) => [
      '--search-attribute',
      `${key.name}=${searchAttributeType(key.type)}`,
    ]);
    const temporal = new ManagedChild(
      'temporal',
      this.options.runDir,
      cli,
      [
        'server',
        'start-dev',
        '--db-filename',
        join(this.options.runDir, 'temporal.db'),
        '--ip',
        '127.0.0.1',
        '--port',
        String(port),
        '--http-port',
        String(await freePort()),
        '--metrics-port',
        String(await freePort()),
        '--headless',
        '--log-level',
        'error',
        ...searchAttributes,
      ],
      productEnv({}),
      this.events,
      (_child, code, signal) => this.options.log(`[stack] temporal died (${signal ?? code})`),
    );
    this.temporal = temporal;
    temporal.start();
    const up = await until(async () => {
      const connection = await Connection.connect({ address: this.temporalAddress, connectTimeout: 2_000 });
      try {
        await connection.workflowService.describeNamespace({ namespace: 'default' });
        return true;
      } finally {
        await connection.close();
      }
    }, 120_000);
    if (!up) throw new Error(`the Temporal dev server did not start; see ${temporal.logFile}`);
  }

  private async startDatabase(): Promise<void> {
    const given = process.env.DATABASE_URL;
    if (given) {
      // A fresh database on the given server: the benchmark fills tables with a million rows.
      const name = `service_orders_bench_${Date.now()}`;
      const admin = new PgClient({ connectionString: given });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      this.scratchDatabase = { adminUrl: given, name };
      const url = new URL(given);
      url.pathname = `/${name}`;
      this.databaseUrl = url.toString();
      return;
    }
    this.embedded = await startEmbeddedPostgres(join(this.options.runDir, 'embedded'), await freePort());
    await this.embedded.createDatabase('service_orders');
    this.databaseUrl = this.embedded.url('service_orders');
  }

  private child(name: string, args: string[], env: NodeJS.ProcessEnv): ManagedChild {
    return new ManagedChild(
      name,
      this.options.runDir,
      process.execPath,
      [...TS_NODE, ...args],
      env,
      this.events,
      (_child, code, signal) => this.options.log(`[stack] ${name} died (${signal ?? code})`),
    );
  }

  async stop(): Promise<void> {
    const attempt = async (what: string, fn: () => Promise<unknown> | undefined) => {
      try {
        await fn();
      } catch (error) {
        this.options.log(`[stack] stopping ${what}: ${String(error)}`);
      }
    };
    await attempt('api', () => this.api?.stop(10_000));
    await attempt('worker', () => this.worker?.stop(15_000));
    await attempt('raw worker', () => this.rawWorker?.stop(15_000));
    await attempt('client', () => this.connection?.close());
    await attempt('pool', () => this.pool?.end());
    await attempt('temporal', () => this.temporal?.stop(15_000));
    await attempt('embedded postgres', () => this.embedded?.stop());
    const scratch = this.scratchDatabase;
    if (scratch) {
      await attempt('scratch database', async () => {
        const admin = new PgClient({ connectionString: scratch.adminUrl });
        await admin.connect();
        try {
          await admin.query(`DROP DATABASE IF EXISTS ${scratch.name} WITH (FORCE)`);
        } finally {
          await admin.end();
        }
      });
    }
  }

  /** Synchronous last resort (process exit): no orphan servers. */
  killAll(): void {
    for (const child of [this.api, this.worker, this.rawWorker, this.temporal]) child?.killNow();
  }
}
