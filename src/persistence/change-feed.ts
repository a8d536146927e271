// Change notifications from PostgreSQL (LISTEN/NOTIFY), so that a process may cache rows that every API
// process can change. A writer calls `notifyChange` inside its transaction (PostgreSQL delivers the
// notification on commit, to every listener, this process included); each process has one `ChangeFeed`
// connection listening. Notifications sent while that connection is down are lost, so a cache trusts
// itself only while the feed is live and starts empty whenever the feed (re)connects. For changes that must
// hold on the very next request anywhere, feeds acknowledge what they heard (untilHeardEverywhere).
import { Client, type ClientConfig } from 'pg';
import type { DataSource, DataSourceOptions, EntityManager } from 'typeorm';

/** Sends `payload` on `channel` when the surrounding transaction commits (at once outside one). */
export async function notifyChange(
  db: EntityManager | DataSource,
  channel: string,
  payload: string,
): Promise<void> {
  await db.query(`SELECT pg_notify($1, $2)`, [channel, payload]);
}

export interface ChangeSubscriber {
  /** A committed change announced on the channel. */
  changed(payload: string): void;
  /** Notifications of the channel may have been missed (feed lost, or live again): forget what was cached. */
  reset(): void;
}

/** What a cache needs to know of the feed. */
export interface ChangeFeedState {
  isLive(channel: string): boolean;
  /** Goes up whenever liveness changes; a read that saw it change may have missed a notification. */
  readonly generation: number;
}

/** What a cache owner needs: liveness, and the notifications of its channel. */
export interface ChangeFeedSubscriptions extends ChangeFeedState {
  subscribe(channel: string, subscriber: ChangeSubscriber): () => void;
}

export interface ChangeFeedOptions {
  connection: ClientConfig;
  /** First reconnect delay; doubles per failed attempt up to maxBackoffMs (with jitter). */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** How often the idle connection is checked; a check that gets no answer in this time drops it. */
  heartbeatMs?: number;
  /** Channels whose notifications this feed acknowledges once its subscribers have had them (see untilHeardEverywhere). */
  acknowledged?: string[];
  warn?: (message: string) => void;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** The API's feeds connect under this name; untilHeardEverywhere waits for every connection of that name. */
export const FEED_APPLICATION_NAME = 'service-order-api change feed';

/** Where feeds acknowledge the notifications of `channel`: `<pid>:<payload>`. */
const heardChannel = (channel: string) => `${channel}_heard`;

interface AcknowledgementWaiter {
  channel: string;
  payload: string;
  heardBy: Set<number>;
  wake: () => void;
}

/** One dedicated connection LISTENing on every subscribed channel; reconnects with backoff. */
export class ChangeFeed implements ChangeFeedSubscriptions {
  private client: Client | null = null;
  private readonly listening = new Set<string>();
  private readonly subscribers = new Map<string, Set<ChangeSubscriber>>();
  private liveGeneration = 0;
  private failedAttempts = 0;
  private backend: number | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly minBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly heartbeatMs: number;
  private readonly warn: (message: string) => void;
  private readonly acknowledged: Set<string>;
  private readonly waiters = new Set<AcknowledgementWaiter>();

  constructor(private readonly options: ChangeFeedOptions) {
    this.minBackoffMs = options.minBackoffMs ?? 100;
    this.maxBackoffMs = options.maxBackoffMs ?? 10_000;
    this.heartbeatMs = options.heartbeatMs ?? 10_000;
    this.warn = options.warn ?? (() => undefined);
    this.acknowledged = new Set(options.acknowledged ?? []);
    // Every feed hears the acknowledgements, so any process may wait for them.
    for (const channel of this.acknowledged) {
      this.subscribe(heardChannel(channel), {
        changed: (ack) => this.heard(channel, ack),
        reset: () => undefined,
      });
    }
  }

  get generation(): number {
    return this.liveGeneration;
  }

  isLive(channel: string): boolean {
    return this.client !== null && this.listening.has(channel);
  }

  /** The server process of the listening connection (for diagnostics and tests); null while down. */
  backendPid(): number | null {
    return this.client ? this.backend : null;
  }

  subscribe(channel: string, subscriber: ChangeSubscriber): () => void {
    // Channels are interpolated into LISTEN (it takes no parameters): only plain identifiers.
    if (!IDENTIFIER.test(channel)) throw new Error(`Not a channel name: ${channel}`);
    const set = this.subscribers.get(channel) ?? new Set<ChangeSubscriber>();
    set.add(subscriber);
    this.subscribers.set(channel, set);
    const client = this.client;
    if (client && !this.listening.has(channel)) {
      client.query(`LISTEN ${channel}`).then(
        () => {
          if (this.client !== client) return;
          this.listening.add(channel);
          this.liveGeneration++;
          this.resetChannel(channel);
        },
        (error: unknown) => this.lost(client, error),
      );
    }
    return () => {
      set.delete(subscriber);
    };
  }

  /**
   * Runs `write`, which announces `payload` on `channel` in its transaction, and resolves once every API
   * change feed on the database (connections named FEED_APPLICATION_NAME, this one too if it is one) has
   * acknowledged hearing it, or after `timeoutMs`. NOTIFY reaches the other processes at about the time the
   * writer's COMMIT returns, but not necessarily before its client's next request does (7 in 100 edits on
   * a loaded 2-core machine); an edit that must hold at once, such as deactivating a user, waits for the
   * acknowledgements. Feeds acknowledge the channels in their `acknowledged` option.
   */
  async untilHeardEverywhere<T>(
    channel: string,
    payload: string,
    write: () => Promise<T>,
    timeoutMs: number,
  ): Promise<T> {
    const client = this.client;
    if (!client || !this.isLive(heardChannel(channel))) return write();
    const waiter: AcknowledgementWaiter = { channel, payload, heardBy: new Set(), wake: () => undefined };
    this.waiters.add(waiter);
    try {
      const result = await write();
      const listeners = await client
        .query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`,
          [FEED_APPLICATION_NAME],
        )
        .then(({ rows }) => rows.map((row) => row.pid))
        .catch(() => []);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        timer.unref();
        waiter.wake = () => {
          if (listeners.every((pid) => waiter.heardBy.has(pid))) {
            clearTimeout(timer);
            resolve();
          }
        };
        waiter.wake();
      });
      return result;
    } finally {
      this.waiters.delete(waiter);
    }
  }

  /** Connects; resolves after the first attempt (live or not: caches read the database until it is). */
  async start(): Promise<void> {
    this.closed = false;
    await this.connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.clearTimers();
    const client = this.client;
    this.dropLiveness();
    if (client) await client.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    this.reconnectTimer = null;
    if (this.closed || this.client) return;
    const client = new Client(this.options.connection);
    // Errors after the connection is up end up here; 'error' must have a listener or it throws.
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    let pid: number | null = null;
    client.on('notification', ({ channel, payload = '' }) => {
      for (const subscriber of this.subscribers.get(channel) ?? []) subscriber.changed(payload);
      if (this.acknowledged.has(channel) && pid !== null) {
        client
          .query(`SELECT pg_notify($1, $2)`, [heardChannel(channel), `${pid}:${payload}`])
          .catch((error: unknown) => this.lost(client, error));
      }
    });
    try {
      await client.connect();
      pid = (await client.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`)).rows[0].pid;
      const channels = new Set<string>();
      // A subscription made while connecting is listened to as well.
      for (let missing = [...this.subscribers.keys()]; missing.length > 0;) {
        for (const channel of missing) {
          await client.query(`LISTEN ${channel}`);
          channels.add(channel);
        }
        missing = [...this.subscribers.keys()].filter((channel) => !channels.has(channel));
      }
      if (this.closed) {
        await client.end().catch(() => undefined);
        return;
      }
      this.client = client;
      this.backend = pid;
      for (const channel of channels) this.listening.add(channel);
      this.liveGeneration++;
      this.failedAttempts = 0;
      // Whatever was cached before may predate a change announced while nobody listened.
      for (const channel of channels) this.resetChannel(channel);
      this.heartbeat(client);
    } catch (error) {
      client.removeAllListeners('end');
      // Not awaited: ending a connection that never came up need not settle, and must not hold the retry.
      client.end().catch(() => undefined);
      this.warn(`Change feed not connected: ${String(error)}`);
      this.scheduleReconnect();
    }
  }

  private heard(channel: string, ack: string): void {
    const colon = ack.indexOf(':');
    const pid = Number(ack.slice(0, colon));
    const payload = ack.slice(colon + 1);
    for (const waiter of this.waiters) {
      if (waiter.channel === channel && waiter.payload === payload) {
        waiter.heardBy.add(pid);
        waiter.wake();
      }
    }
  }

  private lost(client: Client, error: unknown): void {
    if (client !== this.client) return;
    this.warn(`Change feed lost: ${String(error)}; caches read the database until it is back`);
    this.clearTimers();
    this.dropLiveness();
    client.removeAllListeners('end');
    client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private dropLiveness(): void {
    const channels = [...this.listening];
    this.client = null;
    this.listening.clear();
    this.liveGeneration++;
    for (const channel of channels) this.resetChannel(channel);
  }

  private resetChannel(channel: string): void {
    for (const subscriber of this.subscribers.get(channel) ?? []) subscriber.reset();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    const ceiling = Math.min(this.maxBackoffMs, this.minBackoffMs * 2 ** this.failedAttempts);
    this.failedAttempts++;
    // Jitter, so API processes that lost the database together do not come back in lockstep.
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    this.reconnectTimer = setTimeout(() => void this.connect(), delay);
    this.reconnectTimer.unref();
  }

  // A half-open TCP connection delivers nothing and reports nothing; an unanswered query finds it out.
  private heartbeat(client: Client): void {
    this.heartbeatTimer = setTimeout(() => {
      let answered = false;
      const timeout = setTimeout(() => {
        if (!answered) this.lost(client, new Error('heartbeat unanswered'));
      }, this.heartbeatMs);
      timeout.unref();
      client.query('SELECT 1').then(
        () => {
          answered = true;
          clearTimeout(timeout);
          if (this.client === client) this.heartbeat(client);
        },
        (error: unknown) => {
          answered = true;
          clearTimeout(timeout);
          this.lost(client, error);
        },
      );
    }, this.heartbeatMs);
    this.heartbeatTimer.unref();
  }

  private clearTimers(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.heartbeatTimer) clearTimeout(this.heartbeatTimer);
    this.reconnectTimer = null;
    this.heartbeatTimer = null;
  }
}

/** The feed's connection: the DataSource's own server and credentials, under a name of its own. */
export function feedConnectionOf(options: DataSourceOptions): ClientConfig {
  if (options.type !== 'postgres') throw new Error(`The change feed needs PostgreSQL, not ${options.type}`);
  return {
    connectionString: options.url,
    host: options.host,
    port: options.port,
    user: options.username,
    password: options.password,
    database: options.database,
    // TypeORM hands the same object to pg for its pool.
    ssl: options.ssl as ClientConfig['ssl'],
    application_name: FEED_APPLICATION_NAME,
    connectionTimeoutMillis: 5_000,
    keepAlive: true,
  };
}

export interface FeedCacheOptions<K, V> {
  /** How long an entry is trusted without any notification (a safety net); 0 disables the cache. */
  ttlMs: number;
  /** Least recently used entries go beyond this many. */
  maxEntries: number;
  /** Whether a value may be kept (and still served) under `key`; e.g. not older than a known version. */
  keeps?: (key: K, value: V) => boolean;
  now?: () => number;
}

/**
 * Values by key, trusted only while `feed` is live on `channel`; otherwise every read goes to `load`.
 * The owner subscribes to the channel and calls `delete`/`clear` on its notifications. A value loaded
 * while the feed's liveness changed, or while any entry was invalidated, is returned but not kept: the
 * load may have read the row before a change whose notification has already passed.
 */
export class FeedCache<K, V> {
  private readonly entries = new Map<K, { value: V; expiresAt: number }>();
  private invalidations = 0;
  private readonly now: () => number;

  constructor(
    private readonly feed: ChangeFeedState,
    private readonly channel: string,
    private readonly options: FeedCacheOptions<K, V>,
  ) {
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  private get enabled(): boolean {
    return this.options.ttlMs > 0 && this.options.maxEntries > 0;
  }

  async get(key: K, load: () => Promise<V>): Promise<V> {
    if (!this.enabled || !this.feed.isLive(this.channel)) return load();
    const hit = this.peek(key);
    if (hit) return hit.value;
    const generation = this.feed.generation;
    const invalidations = this.invalidations;
    const value = await load();
    if (
      this.feed.isLive(this.channel) &&
      this.feed.generation === generation &&
      this.invalidations === invalidations
    ) {
      this.set(key, value);
    }
    return value;
  }

  /** The trusted entry under `key`, if any (marks it recently used). */
  peek(key: K): { value: V } | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now() || !this.keeps(key, entry.value)) {
      this.entries.delete(key);
      return undefined;
    }
    // Map order is insertion order: re-inserting makes it the most recent.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return { value: entry.value };
  }

  /** Keeps `value` (e.g. what this process just saved), unless `keeps` refuses it. */
  set(key: K, value: V): void {
    if (!this.enabled || !this.keeps(key, value)) return;
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.now() + this.options.ttlMs });
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value as K;
      this.entries.delete(oldest);
    }
  }

  delete(key: K): void {
    this.invalidations++;
    this.entries.delete(key);
  }

  clear(): void {
    this.invalidations++;
    this.entries.clear();
  }

  private keeps(key: K, value: V): boolean {
    return this.options.keeps ? this.options.keeps(key, value) : true;
  }
}
