// Fails when the entities differ from what the migrations create (a migration is missing).
import { createDataSource } from '../src/persistence/data-source';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL must point at a database with the migrations applied');
  const dataSource = createDataSource(url);
  await dataSource.initialize();
  try {
    await dataSource.runMigrations();
    const sql = await dataSource.driver.createSchemaBuilder().log();
    if (sql.upQueries.length > 0) {
      process.stderr.write(`Entities and migrations differ; generate a migration. Pending changes:\n`);
      for (const query of sql.upQueries) process.stderr.write(`  ${query.query}\n`);
      process.exitCode = 1;
    } else {
      process.stdout.write('Migrations match the entities.\n');
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
