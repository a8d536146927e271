// The SLA policy in force per order type and the business calendars by name, as every intake snapshots
// them, kept between intakes. Saves announce the new version on commit (policy-store.ts); a process drops
// what is older on hearing it, and keeps what it saved itself, so it never serves a version older than one
// it has saved or heard of. While the change feed is down every read goes to the database.
import type { DataSource } from 'typeorm';
import { defaultPolicy, type BusinessCalendar, type OrderType, type SlaPolicy } from '../domain';
import { FeedCache, type ChangeFeedSubscriptions } from './change-feed';
import {
  BUSINESS_CALENDARS_CHANGED,
  currentCalendarWithVersion,
  saveCalendarWithVersion,
  savePolicy,
  SLA_POLICIES_CHANGED,
  storedPolicy,
} from './policy-store';

/** A looked-up value with the version it is ordered by: 0 when nothing is stored (the default, no calendar). */
interface Versioned<T> {
  value: T;
  version: number;
}

export interface PolicyCacheOptions {
  /** How long an entry is trusted without a notification; 0 disables the cache. */
  ttlMs: number;
  /** Calendars kept at most (the order types are few). */
  maxCalendars?: number;
  now?: () => number;
}

/** Newest version heard of per key; bounded like the cache, oldest first out. */
class NewestVersions<K> {
  private readonly versions = new Map<K, number>();

  constructor(private readonly max: number) {}

  of(key: K): number {
    return this.versions.get(key) ?? 0;
  }

  raise(key: K, version: number): void {
    if (version <= this.of(key)) return;
    this.versions.delete(key);
    this.versions.set(key, version);
    while (this.versions.size > this.max) this.versions.delete(this.versions.keys().next().value as K);
  }
}

export class PolicyCache {
  private readonly policies: FeedCache<OrderType, Versioned<SlaPolicy>>;
  private readonly calendars: FeedCache<string, Versioned<BusinessCalendar | null>>;
  private readonly newestPolicy: NewestVersions<OrderType>;
  private readonly newestCalendar: NewestVersions<string>;
  private readonly unsubscribe: (() => void)[];

  constructor(
    private readonly dataSource: DataSource,
    feed: ChangeFeedSubscriptions,
    options: PolicyCacheOptions,
  ) {
    const maxCalendars = options.maxCalendars ?? 1_000;
    this.newestPolicy = new NewestVersions(1_000);
    this.newestCalendar = new NewestVersions(maxCalendars * 10);
    this.policies = new FeedCache(feed, SLA_POLICIES_CHANGED, {
      ttlMs: options.ttlMs,
      maxEntries: 1_000,
      keeps: (type, entry) => entry.version >= this.newestPolicy.of(type),
      now: options.now,
    });
    this.calendars = new FeedCache(feed, BUSINESS_CALENDARS_CHANGED, {
      ttlMs: options.ttlMs,
      maxEntries: maxCalendars,
      keeps: (name, entry) => entry.version >= this.newestCalendar.of(name),
      now: options.now,
    });
    this.unsubscribe = [
      feed.subscribe(SLA_POLICIES_CHANGED, {
        changed: (payload) => {
          const change = parseChange(payload, 'orderType');
          if (!change) return this.policies.clear();
          this.heardOf(this.policies, this.newestPolicy, change.key as OrderType, change.version);
        },
        reset: () => this.policies.clear(),
      }),
      feed.subscribe(BUSINESS_CALENDARS_CHANGED, {
        changed: (payload) => {
          const change = parseChange(payload, 'name');
          if (!change) return this.calendars.clear();
          this.heardOf(this.calendars, this.newestCalendar, change.key, change.version);
        },
        reset: () => this.calendars.clear(),
      }),
    ];
  }

  /** The newest version of the order type's policy; the code default if none is stored. */
  async policy(orderType: OrderType): Promise<SlaPolicy> {
    const entry = await this.policies.get(orderType, async () => {
      const stored = await storedPolicy(this.dataSource, orderType);
      return stored
        ? { value: stored, version: stored.version }
        : { value: defaultPolicy(orderType), version: 0 };
    });
    return entry.value;
  }

  async calendar(name: string): Promise<BusinessCalendar | null> {
    const entry = await this.calendars.get(name, async () => {
      const stored = await currentCalendarWithVersion(this.dataSource, name);
      return stored ? { value: stored.calendar, version: stored.version } : { value: null, version: 0 };
    });
    return entry.value;
  }

  /** savePolicy, and what it stored is what this process serves from now on. */
  async savePolicy(policy: SlaPolicy, actorName: string): Promise<SlaPolicy> {
    const saved = await savePolicy(this.dataSource, policy, actorName);
    this.newestPolicy.raise(saved.orderType, saved.version);
    this.policies.set(saved.orderType, { value: saved, version: saved.version });
    return saved;
  }

  /** saveCalendar, and what it stored is what this process serves from now on. */
  async saveCalendar(calendar: BusinessCalendar): Promise<BusinessCalendar> {
    const saved = await saveCalendarWithVersion(this.dataSource, calendar);
    this.newestCalendar.raise(calendar.name, saved.version);
    this.calendars.set(calendar.name, { value: saved.calendar, version: saved.version });
    return saved.calendar;
  }

  close(): void {
    for (const unsubscribe of this.unsubscribe) unsubscribe();
  }

  // An announced version: an entry as new (e.g. this process's own save, kept at once) stays; an older one
  // goes, and no load that read an older one is kept any more.
  private heardOf<K, T>(
    cache: FeedCache<K, Versioned<T>>,
    newest: NewestVersions<K>,
    key: K,
    version: number,
  ): void {
    newest.raise(key, version);
    const held = cache.peek(key);
    if (!held || held.value.version < version) cache.delete(key);
  }
}

function parseChange(
  payload: string,
  keyField: 'orderType' | 'name',
): { key: string; version: number } | null {
  try {
    const parsed = JSON.parse(payload) as Record<string, unknown>;
    const key = parsed[keyField];
    const version = parsed.version;
    if (typeof key === 'string' && typeof version === 'number' && Number.isInteger(version)) {
      return { key, version };
    }
  } catch {
    // An unreadable announcement: the caller forgets everything, which is always safe.
  }
  return null;
}
