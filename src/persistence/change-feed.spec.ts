import { FeedCache, type ChangeFeedState } from './change-feed';

const CHANNEL = 'things_changed';

class FakeFeed implements ChangeFeedState {
  live = true;
  generation = 0;
  isLive(channel: string): boolean {
    return this.live && channel === CHANNEL;
  }
  setLive(live: boolean): void {
    this.live = live;
    this.generation++;
  }
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

describe(FeedCache.name, () => {
  let feed: FakeFeed;
  let clock: number;
  let loads: string[];
  const load = (key: string, value = `${key}-value`) => {
    return () => {
      loads.push(key);
      return Promise.resolve(value);
    };
  };
  const cache = (options: { ttlMs?: number; maxEntries?: number } = {}) =>
    new FeedCache<string, string>(feed, CHANNEL, {
      ttlMs: options.ttlMs ?? 1_000,
      maxEntries: options.maxEntries ?? 100,
      now: () => clock,
    });

  beforeEach(() => {
    feed = new FakeFeed();
    clock = 0;
    loads = [];
  });

  it('loads once while the feed is live, then serves the kept value', async () => {
    const things = cache();
    expect(await things.get('a', load('a'))).toBe('a-value');
    expect(await things.get('a', load('a'))).toBe('a-value');
    expect(loads).toEqual(['a']);
  });

  it('reads through, keeping nothing, while the feed is not live', async () => {
    const things = cache();
    await things.get('a', load('a'));
    feed.setLive(false);
    await things.get('a', load('a'));
    await things.get('a', load('a'));
    expect(loads).toEqual(['a', 'a', 'a']);
    feed.setLive(true);
    await things.get('b', load('b'));
    await things.get('b', load('b'));
    expect(loads).toEqual(['a', 'a', 'a', 'b']);
  });

  it('forgets an entry once its time to live has passed', async () => {
    const things = cache({ ttlMs: 1_000 });
    await things.get('a', load('a'));
    clock = 999;
    await things.get('a', load('a'));
    expect(loads).toEqual(['a']);
    clock = 1_000;
    await things.get('a', load('a'));
    expect(loads).toEqual(['a', 'a']);
  });

  it('with a time to live of 0 it is off: every read loads', async () => {
    const things = cache({ ttlMs: 0 });
    await things.get('a', load('a'));
    await things.get('a', load('a'));
    expect(loads).toEqual(['a', 'a']);
    expect(things.size).toBe(0);
  });

  it('keeps at most maxEntries, dropping the least recently used', async () => {
    const things = cache({ maxEntries: 2 });
    await things.get('a', load('a'));
    await things.get('b', load('b'));
    await things.get('a', load('a')); // a is now more recent than b
    await things.get('c', load('c')); // b goes
    expect(things.size).toBe(2);
    await things.get('a', load('a'));
    await things.get('c', load('c'));
    expect(loads).toEqual(['a', 'b', 'c']);
    await things.get('b', load('b'));
    expect(loads).toEqual(['a', 'b', 'c', 'b']);
  });

  it('drops a deleted entry and everything on clear', async () => {
    const things = cache();
    await things.get('a', load('a'));
    await things.get('b', load('b'));
    things.delete('a');
    await things.get('a', load('a'));
    await things.get('b', load('b'));
    expect(loads).toEqual(['a', 'b', 'a']);
    things.clear();
    await things.get('b', load('b'));
    expect(loads).toEqual(['a', 'b', 'a', 'b']);
  });

  it('does not keep a load that an invalidation overtook (it may have read the row before the change)', async () => {
    const things = cache();
    const slow = deferred<string>();
    const pending = things.get('a', () => slow.promise);
    things.delete('a'); // the change's notification arrives while the read is under way
    slow.resolve('old');
    expect(await pending).toBe('old');
    expect(await things.get('a', load('a', 'new'))).toBe('new');
  });

  it('does not keep a load during which the feed went down and came back', async () => {
    const things = cache();
    const slow = deferred<string>();
    const pending = things.get('a', () => slow.promise);
    feed.setLive(false);
    feed.setLive(true);
    slow.resolve('maybe-stale');
    await pending;
    expect(await things.get('a', load('a'))).toBe('a-value');
  });

  it('refuses values its keeps predicate rejects, on set and when serving', async () => {
    let floor = 0;
    const versions = new FeedCache<string, number>(feed, CHANNEL, {
      ttlMs: 1_000,
      maxEntries: 10,
      keeps: (_key, version) => version >= floor,
      now: () => clock,
    });
    versions.set('a', 3);
    expect(versions.peek('a')).toEqual({ value: 3 });
    floor = 4;
    expect(versions.peek('a')).toBeUndefined();
    versions.set('a', 3);
    expect(versions.peek('a')).toBeUndefined();
    versions.set('a', 4);
    expect(versions.peek('a')).toEqual({ value: 4 });
  });
});
