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

  it('index the "escalations sent to me" filter of GET /api/escalations', async () => {
    const plan = (await dataSource.transaction(async (manager) => {
      // On a near-empty table the planner prefers a scan; this asks whether an index could serve at all.
      await manager.query('SET LOCAL enable_seqscan = off');
      return manager.query(`EXPLAIN SELECT id FROM escalations WHERE recipients @> $1::jsonb`, [
        JSON.stringify([{ userId: '00000000-0000-0000-0000-000000000000' }]),
      ]);
    })) as { 'QUERY PLAN': string }[];
    expect(plan.map((line) => line['QUERY PLAN']).join('\n')).toContain('ix_escalations_recipients');
  });

  it('are all applied', async () => {
    expect(await dataSource.showMigrations()).toBe(false);
  });
});
