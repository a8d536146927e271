// The caches of the API's hot path against real PostgreSQL, with two API instances on one database (as two
// API processes would be): the caller's users row and the policy in force are kept between requests, and a
// change made through either instance, or straight in the database with its notification, reaches the other.
// When the change feed's connection is down the caches read the database; when it is back they start over.
import type { DataSource } from 'typeorm';
import { UserCache, USERS_CHANGED } from '../../src/api/common/user-cache';
import { ChangeFeed, feedConnectionOf } from '../../src/persistence/change-feed';
import { PolicyCache } from '../../src/persistence/policy-cache';
import { intakeBody } from '../factories/orders';
import { eventually } from '../support/harness';
import { ApiStack, bearer, createStaff, login, startApiStack, type TestUser } from './api-harness';

// No other API suite saves a valid REPAIR policy; this one re-saves it as it is (only the version moves).
const ORDER_TYPE = 'REPAIR';

describe('hot-path caches across API instances', () => {
  let a: ApiStack;
  let b: ApiStack;
  let adminOnA: string;
  // A writer outside both apps (as a script or another service would be), waiting for the API processes'
  // acknowledgements as UsersService does.
  let writer: ChangeFeed;

  beforeAll(async () => {
    [a, b] = await Promise.all([
      startApiStack({ prefix: 'hot-path-a' }),
      startApiStack({ prefix: 'hot-path-b' }),
    ]);
    adminOnA = await login(a, 'admin', 'admin-password');
    writer = new ChangeFeed({
      connection: { ...feedConnectionOf(a.dataSource.options), application_name: 'hot-path writer' },
      acknowledged: [USERS_CHANGED],
    });
    await writer.start();
  });

  afterAll(async () => {
    await writer?.close();
    await Promise.all([a?.close(), b?.close()]);
  });

  // An agent may not list policies: 403 proves the token still names an active user, 401 that it does not.
  const probe = async (stack: ApiStack, user: TestUser) =>
    (await stack.http().get('/api/sla-policies').set(bearer(user.token))).status;

  /** A change straight in the database, announced the way every writer announces it. */
  async function setActiveAndNotify(dataSource: DataSource, userId: string, active: boolean) {
    await writer.untilHeardEverywhere(
      USERS_CHANGED,
      userId,
      () =>
        dataSource.transaction(async (manager) => {
          await manager.query(`UPDATE users SET active = $2 WHERE id = $1`, [userId, active]);
          await manager.query(`SELECT pg_notify($1, $2)`, [USERS_CHANGED, userId]);
        }),
      5_000,
    );
  }

  const setActiveSilently = (dataSource: DataSource, userId: string, active: boolean) =>
    dataSource.query(`UPDATE users SET active = $2 WHERE id = $1`, [userId, active]);

  it('refuses a user deactivated through the other instance on the very next request', async () => {
    const agent = await createStaff(b, ['agent']);
    expect(await probe(b, agent)).toBe(403);
    const sentAt = Date.now();
    const patched = await a
      .http()
      .patch(`/api/users/${agent.id}`)
      .set(bearer(adminOnA))
      .send({ active: false });
    expect(patched.status).toBe(200);
    // Both API feeds acknowledged it: the edit did not wait for its 2 s limit.
    expect(Date.now() - sentAt).toBeLessThan(1_900);
    expect(await probe(b, agent)).toBe(401);
    expect(await probe(a, agent)).toBe(401);
  });

  it('sees a change made straight in the database once it is announced, every time', async () => {
    const agent = await createStaff(b, ['agent']);
    for (const active of [false, true, false, true]) {
      expect(await probe(b, agent)).toBe(active ? 401 : 403);
      // From a connection of neither app: a third process.
      await setActiveAndNotify(a.dataSource, agent.id, active);
      expect(await probe(b, agent)).toBe(active ? 403 : 401);
    }
  });

  it('keeps the row between requests: an unannounced write is not seen (so every writer must announce)', async () => {
    const agent = await createStaff(b, ['agent']);
    expect(await probe(b, agent)).toBe(403);
    await setActiveSilently(a.dataSource, agent.id, false);
    expect(await probe(b, agent)).toBe(403);
    await setActiveAndNotify(a.dataSource, agent.id, false);
    expect(await probe(b, agent)).toBe(401);
  });

  it('starts over when its feed connection comes back, and hears changes again', async () => {
    const agent = await createStaff(b, ['agent']);
    expect(await probe(b, agent)).toBe(403);
    await setActiveSilently(a.dataSource, agent.id, false);
    expect(await probe(b, agent)).toBe(403); // cached

    const feed = b.app.get(ChangeFeed);
    const pid = feed.backendPid();
    expect(pid).not.toBeNull();
    await a.dataSource.query(`SELECT pg_terminate_backend($1)`, [pid]);
    await eventually(() => {
      expect(feed.isLive(USERS_CHANGED)).toBe(true);
      expect(feed.backendPid()).not.toBe(pid);
    });
    // A change announced while nobody listened may have been missed: the row is read again.
    expect(await probe(b, agent)).toBe(401);
    await setActiveAndNotify(a.dataSource, agent.id, true);
    expect(await probe(b, agent)).toBe(403);
    await setActiveAndNotify(a.dataSource, agent.id, false);
    expect(await probe(b, agent)).toBe(401);
  });

  it('reads the database on every lookup while the feed is down', async () => {
    // A feed of its own that waits a minute before reconnecting, so the test sees it down.
    // Named apart from the API's feeds, which a user edit waits on (this one acknowledges nothing).
    const feed = new ChangeFeed({
      connection: { ...feedConnectionOf(b.dataSource.options), application_name: 'hot-path test feed' },
      minBackoffMs: 60_000,
      maxBackoffMs: 60_000,
    });
    await feed.start();
    const users = new UserCache(b.dataSource, feed, { AUTH_USER_CACHE_TTL_MS: 60_000 });
    try {
      const agent = await createStaff(b, ['agent']);
      expect(await users.find(agent.id)).toMatchObject({ active: true });
      await setActiveSilently(a.dataSource, agent.id, false);
      expect(await users.find(agent.id)).toMatchObject({ active: true }); // cached

      await a.dataSource.query(`SELECT pg_terminate_backend($1)`, [feed.backendPid()]);
      await eventually(() => expect(feed.isLive(USERS_CHANGED)).toBe(false));
      expect(await users.find(agent.id)).toMatchObject({ active: false });
      await setActiveSilently(a.dataSource, agent.id, true);
      expect(await users.find(agent.id)).toMatchObject({ active: true });
      await setActiveSilently(a.dataSource, agent.id, false);
      expect(await users.find(agent.id)).toMatchObject({ active: false });
    } finally {
      users.onModuleDestroy();
      await feed.close();
    }
  });

  describe('the policy in force', () => {
    let agentOnA: TestUser;
    let agentOnB: TestUser;

    beforeAll(async () => {
      agentOnA = await createStaff(a, ['agent']);
      agentOnB = await createStaff(b, ['agent']);
    });

    async function intakeVersion(stack: ApiStack, agent: TestUser): Promise<number> {
      const created = await stack
        .http()
        .post('/api/orders')
        .set(bearer(agent.token))
        .send(intakeBody({ type: ORDER_TYPE }));
      expect(created.status).toBe(201);
      // The read-model copy is written with the intake row, before the workflow starts.
      const [row] = (await stack.dataSource.query(`SELECT policy_version FROM orders WHERE order_no = $1`, [
        created.body.orderNo,
      ])) as { policy_version: number }[];
      return row.policy_version;
    }

    async function resave(): Promise<number> {
      const list = (await a.http().get('/api/sla-policies').set(bearer(adminOnA))).body as Record<
        string,
        unknown
      >[];
      const current = list.find((policy) => policy.orderType === ORDER_TYPE);
      expect(current).toBeDefined();
      const { orderType: _t, version: _v, ...fields } = current as Record<string, unknown>;
      const saved = await a.http().put(`/api/sla-policies/${ORDER_TYPE}`).set(bearer(adminOnA)).send(fields);
      expect(saved.status).toBe(200);
      return saved.body.policy.version as number;
    }

    it('is snapshotted by the very next intake in the saving instance, and by the other once told', async () => {
      const before = await intakeVersion(b, agentOnB); // b now holds the version in force
      await intakeVersion(a, agentOnA);
      const saved = await resave();
      expect(saved).toBeGreaterThan(before);
      expect(await intakeVersion(a, agentOnA)).toBe(saved);
      await eventually(async () => expect(await intakeVersion(b, agentOnB)).toBe(saved));
    });

    it('a calendar saved through one instance replaces the other instance’s copy', async () => {
      const name = `hot-path-${process.pid}-${Date.now() % 1e6}`;
      const cacheOfB = b.app.get(PolicyCache);
      expect(await cacheOfB.calendar(name)).toBeNull(); // "no such calendar" is kept too (version 0)
      const body = (holidays: string[]) => ({
        timeZone: 'UTC',
        workingHours: { mon: [{ start: '09:00', end: '17:00' }] },
        holidays,
      });
      const first = await a
        .http()
        .put(`/api/calendars/${name}`)
        .set(bearer(adminOnA))
        .send(body(['2031-01-01']));
      expect(first.status).toBe(200);
      await eventually(async () =>
        expect(await cacheOfB.calendar(name)).toMatchObject({ name, holidays: ['2031-01-01'] }),
      );
      await a
        .http()
        .put(`/api/calendars/${name}`)
        .set(bearer(adminOnA))
        .send(body(['2031-12-25']));
      await eventually(async () =>
        expect(await cacheOfB.calendar(name)).toMatchObject({ holidays: ['2031-12-25'] }),
      );
      // The saving instance serves its own save at once.
      await a
        .http()
        .put(`/api/calendars/${name}`)
        .set(bearer(adminOnA))
        .send(body(['2032-05-01']));
      expect(await a.app.get(PolicyCache).calendar(name)).toMatchObject({ holidays: ['2032-05-01'] });
    });
  });
});
