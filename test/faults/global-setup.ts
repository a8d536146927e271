// A fresh PostgreSQL database (name contains "test", migrations applied) for the fault run, made by the
// integration tests' own helper. It runs here, outside jest's module registry, because the helper's
// embedded-PostgreSQL fallback is an ES module that only Node itself can load.
import { createTestDatabase, type TestDatabase } from '../support/test-database';

declare global {
  var faultRunDatabase: TestDatabase | undefined;
}

export default async function globalSetup(): Promise<void> {
  const database = await createTestDatabase();
  globalThis.faultRunDatabase = database;
  process.env.FAULTS_DATABASE_URL = database.url;
}
