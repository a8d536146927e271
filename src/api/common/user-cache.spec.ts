import type { DataSource } from 'typeorm';
import type { ChangeFeed, ChangeSubscriber } from '../../persistence/change-feed';
import { USERS_CHANGED, UserCache } from './user-cache';

const ID = '6f1c1a52-6d7c-4bde-9d0a-8e2f0e3a1b01';

class FakeFeed {
  live = true;
  generation = 0;
  readonly subscribers = new Map<string, ChangeSubscriber[]>();
  isLive(): boolean {
    return this.live;
  }
  subscribe(channel: string, subscriber: ChangeSubscriber): () => void {
    this.subscribers.set(channel, [...(this.subscribers.get(channel) ?? []), subscriber]);
    return () => undefined;
  }
  announce(channel: string, payload: string): void {
    for (const subscriber of this.subscribers.get(channel) ?? []) subscriber.changed(payload);
  }
  reconnect(): void {
    this.generation++;
    for (const subscribers of this.subscribers.values()) subscribers.forEach((s) => s.reset());
  }
}

describe(UserCache.name, () => {
  let feed: FakeFeed;
  let active: boolean;
  let reads: string[];
  const dataSource = {
    query: (_sql: string, [id]: [string]) => {
      reads.push(id);
      return Promise.resolve(
        id === ID
          ? [{ id, username: 'ann', display_name: 'Ann', roles: ['agent'], region: 'north', active }]
          : [],
      );
    },
  } as unknown as DataSource;
  const userCache = (ttlMs = 60_000) =>
    new UserCache(dataSource, feed as unknown as ChangeFeed, { AUTH_USER_CACHE_TTL_MS: ttlMs });

  beforeEach(() => {
    feed = new FakeFeed();
    active = true;
    reads = [];
  });

  it('reads a row once, then serves the principal fields from memory', async () => {
    const users = userCache();
    const first = await users.find(ID);
    expect(first).toEqual({
      id: ID,
      username: 'ann',
      displayName: 'Ann',
      roles: ['agent'],
      region: 'north',
      active: true,
    });
    expect(await users.find(ID.toUpperCase())).toEqual(first);
    expect(reads).toEqual([ID]);
  });

  it('drops the row when users_changed names it, so a deactivation is seen on the next lookup', async () => {
    const users = userCache();
    await users.find(ID);
    active = false;
    feed.announce(USERS_CHANGED, ID);
    expect(await users.find(ID)).toMatchObject({ active: false });
    expect(reads).toEqual([ID, ID]);
  });

  it('forgets everything when the feed reconnects (announcements may have been missed)', async () => {
    const users = userCache();
    await users.find(ID);
    feed.reconnect();
    await users.find(ID);
    expect(reads).toEqual([ID, ID]);
  });

  it('reads the database on every lookup while the feed is down', async () => {
    const users = userCache();
    feed.live = false;
    await users.find(ID);
    await users.find(ID);
    expect(reads).toEqual([ID, ID]);
  });

  it('does not keep "no such user"', async () => {
    const users = userCache();
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(await users.find(unknown)).toBeNull();
    expect(await users.find(unknown)).toBeNull();
    expect(reads).toEqual([unknown, unknown]);
  });

  it('AUTH_USER_CACHE_TTL_MS=0 turns it off', async () => {
    const users = userCache(0);
    await users.find(ID);
    await users.find(ID);
    expect(reads).toEqual([ID, ID]);
  });
});
