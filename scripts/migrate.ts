// Applies pending migrations to DATABASE_URL.
import { loadConfig } from '../src/config/app-config';
import { createDataSource } from '../src/persistence/data-source';

export async function runMigrations(databaseUrl: string): Promise<string[]> {
  const dataSource = createDataSource(databaseUrl);
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  const { DATABASE_URL } = loadConfig();
  if (!DATABASE_URL) throw new Error('DATABASE_URL is required');
  runMigrations(DATABASE_URL)
    .then((names) =>
      process.stdout.write(names.length ? `Applied: ${names.join(', ')}\n` : 'Schema up to date.\n'),
    )
    .catch((error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exitCode = 1;
    });
}
