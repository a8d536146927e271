// The users row of each caller, as the access guard needs it, kept between requests. Every writer of a
// users row announces the change on `users_changed` in its transaction (notifyUserChanged), so every API
// process drops its copy on commit; while the change feed is down the guard reads the row each time.
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { ChangeFeed, FeedCache, notifyChange } from '../../persistence/change-feed';
import { APP_CONFIG } from './tokens';

export const USERS_CHANGED = 'users_changed';

/** At 10,000 callers the cache is a few MB; beyond, the least recent ones are read again. */
export const USER_CACHE_MAX_ENTRIES = 10_000;

/** The fields of a users row that make a staff principal. */
export interface CachedUser {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  region: string | null;
  active: boolean;
}

/** Announces a change of the user's row; call it inside the transaction that changes it. */
export function notifyUserChanged(manager: EntityManager | DataSource, userId: string): Promise<void> {
  return notifyChange(manager, USERS_CHANGED, userId);
}

@Injectable()
export class UserCache implements OnModuleDestroy {
  private readonly cache: FeedCache<string, CachedUser | null>;
  private readonly unsubscribe: () => void;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    feed: ChangeFeed,
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'AUTH_USER_CACHE_TTL_MS'>,
  ) {
    this.cache = new FeedCache(feed, USERS_CHANGED, {
      ttlMs: config.AUTH_USER_CACHE_TTL_MS,
      maxEntries: USER_CACHE_MAX_ENTRIES,
      // No row is not kept: a later insert would have nothing to invalidate.
      keeps: (_id, user) => user !== null,
    });
    this.unsubscribe = feed.subscribe(USERS_CHANGED, {
      changed: (userId) => this.cache.delete(userId),
      reset: () => this.cache.clear(),
    });
  }

  /** The user's row (null if there is none), from the cache while it can be trusted. */
  find(userId: string): Promise<CachedUser | null> {
    // Keyed as PostgreSQL prints the uuid, which is what the notifications carry.
    const id = userId.toLowerCase();
    return this.cache.get(id, () => this.read(id));
  }

  onModuleDestroy(): void {
    this.unsubscribe();
  }

  private async read(userId: string): Promise<CachedUser | null> {
    const rows = (await this.dataSource.query(
      `SELECT id, username, display_name, roles, region, active FROM users WHERE id = $1`,
      [userId],
    )) as {
      id: string;
      username: string;
      display_name: string;
      roles: string[];
      region: string | null;
      active: boolean;
    }[];
    if (rows.length === 0) return null;
    const [row] = rows;
    return {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      roles: row.roles,
      region: row.region,
      active: row.active,
    };
  }
}
