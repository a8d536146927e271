import type { DataSource } from 'typeorm';
import { CatalogueCache } from './catalogue-cache';
import type { ChangeSubscriber } from './change-feed';
import * as store from './price-catalogues';

jest.mock('./price-catalogues', () => ({
  ...jest.requireActual<typeof store>('./price-catalogues'),
  currentCatalogue: jest.fn(),
}));

const currentCatalogue = jest.mocked(store.currentCatalogue);

class FakeFeed {
  live = true;
  generation = 0;
  readonly subscribers: ChangeSubscriber[] = [];
  isLive(): boolean {
    return this.live;
  }
  subscribe(_channel: string, subscriber: ChangeSubscriber): () => void {
    this.subscribers.push(subscriber);
    return () => undefined;
  }
  announce(payload: string): void {
    for (const subscriber of this.subscribers) subscriber.changed(payload);
  }
}

const version = (v: number) => ({ version: v }) as store.StoredCatalogue;

describe(CatalogueCache.name, () => {
  let feed: FakeFeed;
  let catalogues: CatalogueCache;

  beforeEach(() => {
    jest.resetAllMocks();
    feed = new FakeFeed();
    catalogues = new CatalogueCache({} as DataSource, feed, { ttlMs: 60_000 });
  });

  it('reads the catalogue in force once and serves it until a save is announced', async () => {
    currentCatalogue.mockResolvedValue(version(1));
    expect((await catalogues.current())?.version).toBe(1);
    expect((await catalogues.current())?.version).toBe(1);
    expect(currentCatalogue).toHaveBeenCalledTimes(1);

    currentCatalogue.mockResolvedValue(version(2));
    feed.announce('2');
    expect((await catalogues.current())?.version).toBe(2);
    expect(currentCatalogue).toHaveBeenCalledTimes(2);
  });

  it('never keeps a version older than one announced (a read that raced the save)', async () => {
    feed.announce('3');
    currentCatalogue.mockResolvedValue(version(2));
    expect((await catalogues.current())?.version).toBe(2);
    currentCatalogue.mockResolvedValue(version(3));
    expect((await catalogues.current())?.version).toBe(3);
    expect(currentCatalogue).toHaveBeenCalledTimes(2);
  });

  it('reads the database on every call while the change feed is down', async () => {
    feed.live = false;
    currentCatalogue.mockResolvedValue(version(1));
    await catalogues.current();
    await catalogues.current();
    expect(currentCatalogue).toHaveBeenCalledTimes(2);
  });
});
