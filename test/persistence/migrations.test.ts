import { DataSource } from 'typeorm';
import { openDataSource } from '../support/harness';

describe('migrations', () => {
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = await openDataSource();
  });
  afterAll(async () => {
    await dataSource.destroy();
  });

  it('create exactly the schema the entities describe (no migration is missing)', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('are all applied', async () => {
    expect(await dataSource.showMigrations()).toBe(false);
  });
});
