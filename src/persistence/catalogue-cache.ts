// The price catalogue in force, as every intake reads it to judge coverage, kept between intakes like the
// SLA policies (policy-cache.ts): a save announces its version on commit, every process drops what is
// older on hearing it, and while the change feed is down every read goes to the database.
import type { DataSource } from 'typeorm';
import { FeedCache, type ChangeFeedSubscriptions } from './change-feed';
import {
  catalogueVersion,
  currentCatalogue,
  PRICE_CATALOGUES_CHANGED,
  type StoredCatalogue,
} from './price-catalogues';

/** Saved versions never change: the few that running orders are priced from are kept for good. */
const MAX_VERSIONS_KEPT = 16;

const CURRENT = 'current';

export class CatalogueCache {
  private readonly cache: FeedCache<typeof CURRENT, StoredCatalogue | null>;
  /** The newest version heard of: an older one is never served again. */
  private newest = 0;
  private readonly versions = new Map<number, StoredCatalogue>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly dataSource: DataSource,
    feed: ChangeFeedSubscriptions,
    options: { ttlMs: number; now?: () => number },
  ) {
    this.cache = new FeedCache(feed, PRICE_CATALOGUES_CHANGED, {
      ttlMs: options.ttlMs,
      maxEntries: 1,
      keeps: (_key, catalogue) => (catalogue?.version ?? 0) >= this.newest,
      now: options.now,
    });
    this.unsubscribe = feed.subscribe(PRICE_CATALOGUES_CHANGED, {
      changed: (payload) => {
        const version = Number(payload);
        if (Number.isSafeInteger(version)) this.newest = Math.max(this.newest, version);
        this.cache.delete(CURRENT);
      },
      reset: () => this.cache.clear(),
    });
  }

  /** The version in force; null only in a database without the seed migration. */
  current(): Promise<StoredCatalogue | null> {
    return this.cache.get(CURRENT, () => currentCatalogue(this.dataSource));
  }

  /** One saved version (what a running order is priced from); null when there is no such version. */
  async version(version: number): Promise<StoredCatalogue | null> {
    const kept = this.versions.get(version);
    if (kept) return kept;
    const stored = await catalogueVersion(this.dataSource, version);
    if (stored) {
      if (this.versions.size >= MAX_VERSIONS_KEPT)
        this.versions.delete(this.versions.keys().next().value as number);
      this.versions.set(version, stored);
    }
    return stored;
  }

  close(): void {
    this.unsubscribe();
  }
}
