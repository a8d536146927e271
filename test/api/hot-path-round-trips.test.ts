// How many statements the API sends to PostgreSQL for one intake and for the access guard, counted on the
// app's own DataSource through TypeORM's logger (every statement, BEGIN and COMMIT included, passes it).
// No worker runs here, so nothing else uses that DataSource while a request is counted. The numbers are
// printed too; docs/performance.md has them before and after the hot-path caches.
import type { Logger as TypeOrmLogger } from 'typeorm';
import { intakeBody } from '../factories/orders';
import { ApiStack, bearer, createStaff, startApiStack, type TestUser } from './api-harness';

describe('database round trips on the hot path', () => {
  let stack: ApiStack;
  let agent: TestUser;
  let statements: string[] = [];

  beforeAll(async () => {
    stack = await startApiStack({ prefix: 'hot-path-trips' });
    const logger = stack.dataSource.logger;
    const counting: TypeOrmLogger = {
      logQuery: (query, parameters, runner) => {
        statements.push(query.replace(/\s+/g, ' ').slice(0, 80));
        logger.logQuery(query, parameters, runner);
      },
      logQueryError: (...args) => logger.logQueryError(...args),
      logQuerySlow: (...args) => logger.logQuerySlow(...args),
      logSchemaBuild: (...args) => logger.logSchemaBuild(...args),
      logMigration: (...args) => logger.logMigration(...args),
      log: (...args) => logger.log(...args),
    };
    stack.dataSource.logger = counting;
    agent = await createStaff(stack, ['agent']);
  });

  afterAll(async () => {
    await stack?.close();
  });

  async function counted<T>(send: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
    statements = [];
    const result = await send();
    const seen = statements;
    statements = [];
    return { result, statements: seen };
  }

  const intake = (key?: string) => {
    const request = stack.http().post('/api/orders').set(bearer(agent.token));
    if (key) request.set('Idempotency-Key', key);
    return request.send(intakeBody());
  };

  it('counts the statements of a warm intake, with and without an Idempotency-Key', async () => {
    // The first request warms whatever the process caches (the caller's row, the policy).
    expect((await intake()).status).toBe(201);
    const plain = await counted(() => intake());
    expect(plain.result.status).toBe(201);
    const keyed = await counted(() => intake(`trips-${Date.now()}`));
    expect(keyed.result.status).toBe(201);
    process.stdout.write(
      `intake without key: ${plain.statements.length} statements\n  ${plain.statements.join('\n  ')}\n` +
        `intake with key: ${keyed.statements.length} statements\n  ${keyed.statements.join('\n  ')}\n`,
    );
    // The budget (docs/performance.md): one transaction of numbering, intake row and read-model copy; the
    // caller's row and the policy come from the caches; a key adds its lookup.
    expect(plain.statements).toEqual([
      'START TRANSACTION',
      expect.stringContaining('INSERT INTO order_number_counters'),
      expect.stringContaining('INSERT INTO order_intakes'),
      expect.stringContaining('INSERT INTO orders'),
      'COMMIT',
    ]);
    expect(keyed.statements).toHaveLength(6);
  });

  it('times intakes at concurrency 32 (reported, not asserted: the machine is shared)', async () => {
    const rounds = 3;
    const started = Date.now();
    for (let round = 0; round < rounds; round++) {
      const answers = await Promise.all(Array.from({ length: 32 }, () => intake()));
      expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 201));
    }
    const elapsed = Date.now() - started;
    process.stdout.write(`${rounds * 32} intakes at concurrency 32: ${elapsed} ms\n`);
  });

  it("counts the guard's statements (an agent refused by @Roles: nothing but the guard runs)", async () => {
    const refused = await counted(() => stack.http().get('/api/sla-policies').set(bearer(agent.token)));
    expect(refused.result.status).toBe(403);
    expect(refused.statements).toEqual([]);
    process.stdout.write(
      `guard alone: ${refused.statements.length} statements\n  ${refused.statements.join('\n  ')}\n`,
    );
  });
});
