// GET /api/orders with a status and a text filter on a large read model, beside the very statement the
// API issues run straight through `pg`: the ratio is what the API adds (HTTP, auth, validation, mapping),
// the absolute figures say whether the database is index-served. The table is topped up with synthetic
// read-model rows by SQL; the plans are printed so a regression shows why.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { plainToInstance } from 'class-transformer';
import type { DataSource } from 'typeorm';
import { ListOrdersQueryDto } from '../../src/api/orders/dto/list-orders.query';
import { orderListStatement, type ListStatement } from '../../src/api/orders/orders.service';
import type { StaffPrincipal } from '../../src/api/common/principal';
import type { OrderStatus, StaffRole } from '../../src/domain';
import { createDataSource } from '../../src/persistence/data-source';
import type { BenchRow } from '../report';

export interface OrderListContext {
  pool: Pool;
  apiBase: string;
  /** Bearer token of a staff member who sees every order (admin or supervisor). */
  token: string;
  rows: number[];
  samples: number;
  progress: (line: string) => void;
}

const SCENARIO = 'order list';
const TARGET_ROWS = 1_000_000;
const TARGET = `≤ 2 × raw SQL at ${TARGET_ROWS.toLocaleString('en')} rows`;
const WARM_UP = 10;

/** Share (per mille) of each status: most orders are finished, the open ones spread over the stages. */
const STATUS_WEIGHTS: Record<OrderStatus, number> = {
  INFO_REQUIRED: 15,
  PENDING_REVIEW: 30,
  PENDING_APPROVAL: 20,
  PENDING_DISPATCH: 40,
  ASSIGNED: 40,
  ACCEPTED: 30,
  ON_SITE: 15,
  PENDING_QUOTE: 5,
  IN_PROGRESS: 50,
  PENDING_QC: 30,
  PENDING_ACCEPTANCE: 30,
  REWORK: 15,
  COMPLETED: 60,
  CLOSED: 520,
  CANCELLED: 80,
  REJECTED: 20,
};

const SURNAMES = [
  'Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Xu', 'Sun', 'Ma', 'Zhu',
  'Hu', 'Guo', 'He', 'Lin', 'Gao', 'Luo', 'Zheng', 'Liang', 'Xie', 'Song', 'Tang', 'Han', 'Feng', 'Deng',
  'Cao', 'Peng', 'Zeng', 'Xiao', 'Tian', 'Dong', 'Pan', 'Yuan', 'Cai', 'Jiang', 'Yu', 'Du', 'Smith',
  'Johnson', 'Garcia', 'Müller', 'Novak', 'Kowalski', 'Silva', 'Tanaka', 'Kim', 'Nguyen',
]; // prettier-ignore
const GIVEN_NAMES = [
  'Wei', 'Fang', 'Min', 'Jing', 'Xiuying', 'Qiang', 'Lei', 'Jun', 'Yang', 'Yong', 'Yan', 'Jie', 'Juan',
  'Tao', 'Ming', 'Chao', 'Xia', 'Ping', 'Gang', 'Hui', 'Na', 'Lan', 'Hong', 'Xin', 'Bin', 'Hao', 'Yu',
  'Lin', 'Peng', 'Anna', 'Maria', 'John', 'David', 'Elena', 'Lukas', 'Sofia', 'Mateo', 'Yuki', 'Minh',
  'Xiaoming', 'Haoran', 'Zihan', 'Yichen', 'Ruoxi', 'Mei', 'Chen', 'Kai', 'Rui', 'Jia', 'Ting',
]; // prettier-ignore
const REGIONS = ['north', 'south', 'east', 'west', 'central', 'Pudong', 'Minhang', 'Xuhui'];

// What a projected order's snapshot looks like (OrderState.start's view, ~1.6 kB as jsonb), so a row is as
// wide as a real one (~1.9 kB); the rows of a status and feedback case share one (TOP_UP_SQL).
const SNAPSHOT_TEMPLATE = {
  details: {
    type: 'REPAIR',
    priority: 'NORMAL',
    channel: 'PHONE',
    customer: { address: '1 Century Ave, Pudong New Area, Shanghai', zone: 'IN_CITY', lat: 31.2, lng: 121.4 },
    equipment: { model: 'AC-200', serialNumber: 'SN-1', purchaseDate: '2024-03-01' },
    faultDescription: 'Does not cool',
    serviceItems: [
      { code: 'LAB', description: 'Labour', quantity: 2, unitPrice: 45.5 },
      { code: 'GAS', description: 'Refrigerant', quantity: 1, unitPrice: 0.1 },
    ],
    totalAmount: 91.1,
    appointment: { start: '2025-03-17T09:00:00+08:00', end: '2025-03-17T12:00:00+08:00' },
    requiredSkills: ['hvac'],
    dispatchMode: 'AUTO',
  },
  problems: [],
  policyVersion: 1,
  requiresApproval: false,
  approvalReasons: [],
  excludedTechnicianIds: [],
  milestone: null,
  reworkRound: 0,
  chaseCount: 0,
  deadlines: [
    {
      stage: 'REVIEW',
      stageKey: 'REVIEW#1',
      responsibleRole: 'agent',
      responsibleUserId: '6f1c2b9e-4d3a-4b8e-9a1f-2c3d4e5f6a7b',
      startedAt: '2025-03-17T01:00:00.000Z',
      dueAt: '2025-03-17T03:00:00.000Z',
      paused: false,
      escalationLevel: -1,
    },
  ],
  escalations: [],
  partsRequests: [],
  partsUsed: [],
  rating: null,
  tracks: { callback: 'NOT_STARTED', feedback: 'NOT_STARTED', settlement: 'NOT_STARTED' },
  createdBy: { id: '6f1c2b9e-4d3a-4b8e-9a1f-2c3d4e5f6a7b', role: 'agent', name: 'clerk' },
  completedAt: null,
  closedAt: null,
  cancelReason: null,
};

/** Orders a day: a million rows cover 2025. */
const ROWS_PER_DAY = 2_740;

/**
 * Synthetic rows number i = from+1 … to, in the order they were created (each top-up appends newer
 * orders, as a growing table does): order numbers SO-2025MMDD-NNNNNN with a daily sequence, statuses
 * by STATUS_WEIGHTS, 2,500 names, phones written two ways, a region on every row, technicians on
 * dispatched orders, a feedback case on one in twenty. Deterministic in i; workflow id `bench-list-i`.
 */
const TOP_UP_SQL = `
WITH statuses AS (
  SELECT array_agg(ord ORDER BY ord, n) AS list
    FROM unnest($4::int[]) WITH ORDINALITY AS w(weight, ord), generate_series(1, weight) AS n
), snapshots AS (
  -- One per status and feedback case (none, or one of ten owners), shared by the rows that have them: the
  -- list reads no more of a snapshot than the case's owner, and building one per row dominated the insert.
  SELECT array_agg($8::jsonb || jsonb_build_object('status', s, 'revision', 5, 'feedbackCase',
           CASE WHEN f > 0 THEN jsonb_build_object('status', 'OPEN', 'category', 'LOW_RATING',
             'ownerId', md5('supervisor-' || f)::uuid, 'openedAt', '2025-01-01T00:00:00.000Z',
             'resolvedAt', NULL, 'resolution', NULL) END)
         ORDER BY si, f) AS list
    FROM unnest($3::text[]) WITH ORDINALITY AS t(s, si), generate_series(0, 10) AS f
), numbered AS (
  SELECT i, abs(hashint8(i)) AS h, abs(hashint8(-i)) AS g,
         timestamptz '2025-01-01 00:00:00+00' + (i / ${ROWS_PER_DAY}) * interval '1 day' AS day
    FROM generate_series($1::bigint + 1, $2::bigint) AS i
), shaped AS (
  SELECT n.*, st.list[1 + n.h % 1000] AS si,
         CASE WHEN n.g % 20 = 0 THEN 1 + (n.g / 20) % 10 ELSE 0 END AS f,
         n.day + (n.i % ${ROWS_PER_DAY}) * (86400.0 / ${ROWS_PER_DAY}) * interval '1 second' AS created_at,
         'SO-' || to_char(n.day, 'YYYYMMDD') || '-' || lpad((n.i % ${ROWS_PER_DAY} + 1)::text, 6, '0') AS order_no,
         ($5::text[])[1 + n.h % ${SURNAMES.length}] || ' ' || ($6::text[])[1 + (n.h / 1000) % ${GIVEN_NAMES.length}] AS customer_name,
         CASE WHEN n.g % 2 = 0
              THEN '+86 1' || (30 + n.h % 70) || ' ' || lpad(((n.g / 10) % 10000)::text, 4, '0') || ' ' || lpad(((n.g / 100000) % 10000)::text, 4, '0')
              ELSE '1' || (30 + n.h % 70) || lpad(((n.g / 10) % 10000)::text, 4, '0') || lpad(((n.g / 100000) % 10000)::text, 4, '0')
         END AS customer_phone
    FROM numbered n CROSS JOIN statuses st
), typed AS (
  SELECT shaped.*, ($3::text[])[si] AS status FROM shaped
)
INSERT INTO orders (id, order_no, workflow_id, revision, status, type, priority, channel, zone, region,
       dispatch_mode, customer_name, customer_phone, fault_description, total_amount, technician_id,
       next_deadline, escalation_level, rework_round, policy_version, snapshot, created_at, updated_at)
SELECT gen_random_uuid(), order_no, 'bench-list-' || i, 5, status,
       (ARRAY['REPAIR','INSTALLATION','MAINTENANCE','INSPECTION'])[1 + (h / 7) % 4],
       (ARRAY['LOW','NORMAL','NORMAL','NORMAL','HIGH','URGENT'])[1 + (h / 11) % 6],
       (ARRAY['ONLINE','PHONE','WALK_IN','PARTNER'])[1 + (h / 13) % 4],
       CASE WHEN (h / 17) % 5 = 0 THEN 'OUT_OF_CITY' ELSE 'IN_CITY' END,
       ($7::text[])[1 + (g / 19) % ${REGIONS.length}],
       CASE WHEN (h / 23) % 3 = 0 THEN 'SUPERVISOR' ELSE 'AUTO' END,
       customer_name, customer_phone, 'Does not cool', ((h / 29) % 200000) / 100.0,
       CASE WHEN status IN ('PENDING_DISPATCH','PENDING_REVIEW','PENDING_APPROVAL','INFO_REQUIRED','REJECTED') THEN NULL
            ELSE md5('technician-' || (g / 31) % 300)::uuid END,
       CASE WHEN status IN ('CLOSED','CANCELLED','REJECTED') THEN NULL ELSE created_at + interval '2 days' END,
       (h / 37) % 3, 0, 1, sn.list[(si - 1) * 11 + f + 1], created_at, created_at
  FROM typed CROSS JOIN snapshots sn
ON CONFLICT (order_no) DO NOTHING`;

/** The INSERT of synthetic rows from+1 … to (the integration tests seed their plans with it too). */
export function syntheticOrdersStatement(from: number, to: number): { sql: string; parameters: unknown[] } {
  return {
    sql: TOP_UP_SQL,
    parameters: [
      from,
      to,
      Object.keys(STATUS_WEIGHTS),
      Object.values(STATUS_WEIGHTS),
      SURNAMES,
      GIVEN_NAMES,
      REGIONS,
      JSON.stringify(SNAPSHOT_TEMPLATE),
    ],
  };
}

type Statement = { sql: string; parameters?: unknown[] };

/** Runs each statement once, on two connections (the machine's two cores), after `setup` on each. */
async function onTwoConnections(pool: Pool, statements: Statement[], setup: string[] = []): Promise<void> {
  const queue = [...statements];
  const worker = async () => {
    const client = await pool.connect();
    try {
      for (const statement of setup) await client.query(statement);
      for (let next = queue.shift(); next; next = queue.shift())
        await client.query(next.sql, next.parameters);
    } finally {
      for (const statement of setup)
        await client.query(`RESET ${statement.split(' ')[1]}`).catch(() => undefined);
      client.release();
    }
  };
  await Promise.all([worker(), worker()]);
}

/**
 * Adds synthetic rows until the table holds `target` (never removes any), then VACUUM ANALYZE, so that
 * the table is measured as autovacuum keeps it; returns the row count. A top-up that at least doubles
 * the table loads as a bulk load does: the indexes that back no constraint are dropped and built again
 * afterwards (also when the insert fails), which is three times faster than maintaining them per row.
 */
export async function topUpOrders(
  pool: Pool,
  target: number,
  progress: (line: string) => void,
): Promise<number> {
  const count = async () =>
    Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM orders')).rows[0].n);
  const have = await count();
  if (have >= target) return have;
  const began = performance.now();
  const bulk = target - have >= have;
  const indexes = bulk
    ? (
        await pool.query<{ name: string; definition: string }>(
          `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition
             FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
            WHERE x.indrelid = 'orders'::regclass
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)`,
        )
      ).rows
    : [];
  for (const index of indexes) await pool.query(`DROP INDEX "${index.name}"`);
  let inserted = 0;
  try {
    const chunks: Statement[] = [];
    for (let from = have; from < target; from += 100_000)
      chunks.push(syntheticOrdersStatement(from, Math.min(target, from + 100_000)));
    await onTwoConnections(pool, chunks);
    inserted = performance.now();
  } finally {
    await onTwoConnections(
      pool,
      indexes.map((index) => ({ sql: index.definition })),
      ["SET maintenance_work_mem = '512MB'"],
    );
  }
  const rebuilt = performance.now();
  await pool.query('VACUUM ANALYZE orders');
  const now = await count();
  const seconds = (from: number, to: number) => `${((to - from) / 1000).toFixed(1)} s`;
  progress(
    `${SCENARIO}: ${have.toLocaleString('en')} → ${now.toLocaleString('en')} rows in ` +
      `${seconds(began, performance.now())} (insert ${seconds(began, inserted)}` +
      (bulk ? `, ${indexes.length} indexes rebuilt ${seconds(inserted, rebuilt)}` : '') +
      `, VACUUM ANALYZE ${seconds(rebuilt, performance.now())})`,
  );
  return now;
}

interface Probe {
  status: OrderStatus;
  text: string;
  kind: 'phone' | 'name' | 'order no';
}

/**
 * What staff type, drawn from rows the table holds, each with the status of an order it finds: the last
 * four digits of a phone, a name (surname alone, given name in lower case, the full name, or the
 * surname and the given name's first letters), the daily sequence of an order number.
 */
async function probes(pool: Pool, count: number): Promise<Probe[]> {
  const { rows } = await pool.query<{
    status: OrderStatus;
    order_no: string;
    customer_name: string;
    customer_phone: string;
  }>(
    `SELECT status, order_no, customer_name, customer_phone FROM orders TABLESAMPLE SYSTEM (1) REPEATABLE (42)
      ORDER BY order_no LIMIT $1`,
    [count],
  );
  return Array.from({ length: count }, (_, i) => {
    const row = rows[i % rows.length];
    switch (i % 3) {
      case 0:
        return { status: row.status, kind: 'phone', text: row.customer_phone.replace(/\D/g, '').slice(-4) };
      case 1: {
        const [surname, given] = row.customer_name.split(' ');
        const names = [surname, given.toLowerCase(), row.customer_name, `${surname} ${given.slice(0, 2)}`];
        return { status: row.status, kind: 'name', text: names[Math.floor(i / 3) % names.length] };
      }
      default:
        return { status: row.status, kind: 'order no', text: row.order_no.slice(-6) };
    }
  });
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const round = (value: number) => Math.round(value * 100) / 100;

function queryOf(probe: Probe): ListOrdersQueryDto {
  return plainToInstance(ListOrdersQueryDto, { status: probe.status, text: probe.text });
}

/** The staff member the token is for, as the API's guard reads them. */
async function principalOf(pool: Pool, token: string): Promise<StaffPrincipal> {
  const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as {
    sub: string;
  };
  const { rows } = await pool.query<{
    id: string;
    username: string;
    display_name: string;
    roles: StaffRole[];
    region: string | null;
  }>('SELECT id, username, display_name, roles, region FROM users WHERE id = $1', [claims.sub]);
  if (rows.length === 0) throw new Error('the bench token names no user');
  const user = rows[0];
  return {
    kind: 'staff',
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    roles: user.roles,
    region: user.region,
  };
}

/** The API's statement for one request, as OrdersService.list runs it. */
async function runDirect(pool: Pool, statement: ListStatement): Promise<void> {
  await pool.query(statement.sql, statement.parameters);
}

async function explain(pool: Pool, statement: ListStatement): Promise<string> {
  const { rows } = await pool.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`,
    statement.parameters,
  );
  return rows.map((row) => row['QUERY PLAN']).join('\n');
}

export async function orderListScenario(ctx: OrderListContext): Promise<BenchRow[]> {
  const { pool, apiBase, token, samples, progress } = ctx;
  const principal = await principalOf(pool, token);
  // The API's own query builder, so that the direct run issues the very statement the API does.
  const connectionString = (pool.options as { connectionString?: string }).connectionString;
  if (!connectionString) throw new Error('the pool needs a connectionString');
  const dataSource: DataSource = createDataSource(connectionString);
  await dataSource.initialize();
  const results: BenchRow[] = [];
  try {
    for (const target of ctx.rows) {
      const rows = await topUpOrders(pool, target, progress);
      const probeList = await probes(pool, samples + WARM_UP);
      const statementOf = (probe: Probe) =>
        orderListStatement(dataSource, principal, queryOf(probe), Date.now());

      const callApi = async (probe: Probe) => {
        const url = `${apiBase}/orders?status=${probe.status}&text=${encodeURIComponent(probe.text)}`;
        const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
        if (response.status !== 200)
          throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
        await response.json();
      };
      const notes: string[] = [];
      // Built beforehand: the baseline times the database alone.
      const direct = probeList.map(statementOf);
      const time = async (run: () => Promise<void>) => {
        const started = performance.now();
        await run();
        return performance.now() - started;
      };
      // Each probe on both sides, one right after the other and each side first every other time: the
      // two see the same load on a shared machine and neither always gets the warmer cache.
      const api: number[] = [];
      const sql: number[] = [];
      for (let i = 0; i < probeList.length; i++) {
        const onApi = () => callApi(probeList[i]);
        const onSql = () => runDirect(pool, direct[i]);
        const [first, second] = i % 2 === 0 ? [onSql, onApi] : [onApi, onSql];
        const a = await time(first);
        const b = await time(second);
        if (i < WARM_UP) continue;
        api.push(i % 2 === 0 ? b : a);
        sql.push(i % 2 === 0 ? a : b);
      }
      const summary = (side: string, latencies: number[]) => {
        // The tail, named: which searches are slow.
        const slowest = latencies
          .map((ms, i) => ({ ms, probe: probeList[WARM_UP + i] }))
          .sort((x, y) => y.ms - x.ms)
          .slice(0, 3)
          .map(({ ms, probe }) => `${probe.kind} "${probe.text}" ${probe.status} ${round(ms)} ms`);
        notes.push(`${side} slowest: ${slowest.join('; ')}`);
        progress(`${SCENARIO} @ ${target.toLocaleString('en')}: ${side} slowest: ${slowest.join('; ')}`);
        return { p50Ms: round(percentile(latencies, 50)), p99Ms: round(percentile(latencies, 99)) };
      };
      const baseline = summary('SQL', sql);
      const product = summary('API', api);

      // One plan of each kind, then the broadest name probe (a surname on the commonest status).
      const shown: Probe[] = [
        ...(['phone', 'name', 'order no'] as const).map(
          (kind) => probeList.find((p) => p.kind === kind) as Probe,
        ),
        { status: 'CLOSED', kind: 'name', text: SURNAMES[2] },
      ];
      for (const probe of shown) {
        const plan = await explain(pool, statementOf(probe));
        const note = `${probe.kind} "${probe.text}", status ${probe.status}:\n${plan}`;
        progress(`${SCENARIO} @ ${rows.toLocaleString('en')}: ${note}`);
        notes.push(note);
      }
      // A text with no trigram is matched within the newest orders: bounded whether it matches or not.
      for (const text of ['zq', 'li']) {
        const statement = statementOf({ status: 'CLOSED', kind: 'name', text });
        const latencies: number[] = [];
        for (let i = 0; i < 20; i++) {
          const started = performance.now();
          await runDirect(pool, statement);
          latencies.push(performance.now() - started);
        }
        const note =
          `short text "${text}", status CLOSED (SQL, 20 runs): p50 ${round(percentile(latencies, 50))} ms, ` +
          `p99 ${round(percentile(latencies, 99))} ms`;
        progress(`${SCENARIO} @ ${rows.toLocaleString('en')}: ${note}`);
        notes.push(note);
      }
      const ratio = product.p99Ms / baseline.p99Ms;
      const row: BenchRow = {
        scenario: SCENARIO,
        cell: `${target.toLocaleString('en')} orders`,
        product,
        baseline,
        ratio: { metric: 'p99', value: round(ratio) },
        target: { description: TARGET, met: target === TARGET_ROWS ? ratio <= 2 : null },
        notes,
      };
      progress(
        `${SCENARIO} @ ${rows.toLocaleString('en')}: API p50 ${product.p50Ms} ms p99 ${product.p99Ms} ms; ` +
          `SQL p50 ${baseline.p50Ms} ms p99 ${baseline.p99Ms} ms; ratio ${row.ratio?.value}`,
      );
      results.push(row);
    }
  } finally {
    await dataSource.destroy();
  }
  return results;
}

// ---- Standalone: `DATABASE_URL=… npx ts-node --transpile-only bench/scenarios/order-list.ts 100000 1000000`
// Migrates DATABASE_URL, starts the API on it (Temporal is not needed: the list reads PostgreSQL only),
// signs in as its admin and runs the scenario.

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitForHealthyApi(apiBase: string, api: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (api.exitCode !== null) throw new Error(`the API exited (${api.exitCode})`);
    try {
      const response = await fetch(`${apiBase}/auth/login`, { method: 'OPTIONS' });
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error('the API did not start within 2 minutes');
}

async function standalone(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is required');
  const rows = process.argv.slice(2).map(Number);
  const samples = Number(process.env.SAMPLES ?? 200);
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const { runMigrations } = await import('../../scripts/migrate');
  await runMigrations(databaseUrl);
  const port = await freePort();
  const adminPassword = 'bench-admin-password';
  const root = join(__dirname, '../..');
  const api = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', join(root, 'src/api/main.ts')],
    {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        JWT_SECRET: 'bench-order-list-secret-0123456789abcdef',
        ADMIN_USERNAME: 'admin',
        ADMIN_PASSWORD: adminPassword,
        // Nothing listens there: the list never calls Temporal, and the client connects lazily.
        TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:1',
        API_REQUESTS_PER_MINUTE: '100000000',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const pool = new Pool({ connectionString: databaseUrl, max: 4 });
  try {
    const apiBase = `http://127.0.0.1:${port}/api`;
    await waitForHealthyApi(apiBase, api);
    const login = await fetch(`${apiBase}/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: adminPassword }),
    });
    if (login.status !== 200) throw new Error(`login: ${login.status} ${await login.text()}`);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const results = await orderListScenario({
      pool,
      apiBase,
      token: accessToken,
      rows: rows.length > 0 ? rows : [5000],
      samples,
      progress: log,
    });
    log(
      JSON.stringify(
        results.map(({ notes: _notes, ...row }) => row),
        null,
        2,
      ),
    );
  } finally {
    await pool.end();
    api.kill('SIGTERM');
  }
}

if (require.main === module) {
  standalone().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
