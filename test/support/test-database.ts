import { Client } from 'pg';
import { startEmbeddedPostgres, EmbeddedPostgresHandle } from '../../src/persistence/embedded-postgres';
import { createDataSource } from '../../src/persistence/data-source';

const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  drop: () => Promise<void>;
}

async function reachable(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * A fresh database for one test run, on DATABASE_URL's server if set, else the local server on
 * 127.0.0.1:5432 when reachable, else an embedded PostgreSQL. Refuses names without `test`.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `sot_test_${Date.now()}_${process.pid}`;
  if (!name.includes('test')) throw new Error(`refusing to use database ${name}: its name lacks "test"`);
  let adminUrl = process.env.DATABASE_URL ?? LOCAL_SERVER;
  let embedded: EmbeddedPostgresHandle | undefined;
  if (!(await reachable(adminUrl))) {
    if (process.env.DATABASE_URL) throw new Error('DATABASE_URL is set but the server is unreachable');
    embedded = await startEmbeddedPostgres('.data/test', 54329);
    adminUrl = embedded.url('postgres');
  }
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = withDatabase(adminUrl, name);

  const dataSource = createDataSource(url);
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.destroy();

  return {
    url,
    drop: async () => {
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
      await embedded?.stop();
    },
  };
}
