import type { DataSource } from 'typeorm';
import { defaultPolicy, type BusinessCalendar, type SlaPolicy } from '../domain';
import type { ChangeSubscriber } from './change-feed';
import { PolicyCache } from './policy-cache';
import * as store from './policy-store';

jest.mock('./policy-store', () => ({
  ...jest.requireActual<typeof store>('./policy-store'),
  storedPolicy: jest.fn(),
  currentCalendarWithVersion: jest.fn(),
  savePolicy: jest.fn(),
  saveCalendarWithVersion: jest.fn(),
}));

const storedPolicy = jest.mocked(store.storedPolicy);
const currentCalendarWithVersion = jest.mocked(store.currentCalendarWithVersion);
const savePolicy = jest.mocked(store.savePolicy);
const saveCalendarWithVersion = jest.mocked(store.saveCalendarWithVersion);

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
  announce(channel: string, payload: unknown): void {
    const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
    for (const subscriber of this.subscribers.get(channel) ?? []) subscriber.changed(text);
  }
}

const version = (v: number): SlaPolicy => ({ ...defaultPolicy('REPAIR'), version: v, maxReworks: v });
const calendar = (holiday: string): BusinessCalendar => ({
  name: 'office',
  timeZone: 'UTC',
  workingHours: {},
  holidays: [holiday],
});

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

describe(PolicyCache.name, () => {
  let feed: FakeFeed;
  let policies: PolicyCache;

  beforeEach(() => {
    jest.resetAllMocks();
    feed = new FakeFeed();
    policies = new PolicyCache({} as DataSource, feed, { ttlMs: 60_000 });
  });

  it('reads the policy in force once and serves it until a newer version is announced', async () => {
    storedPolicy.mockResolvedValue(version(2));
    expect((await policies.policy('REPAIR')).version).toBe(2);
    expect((await policies.policy('REPAIR')).version).toBe(2);
    expect(storedPolicy).toHaveBeenCalledTimes(1);

    feed.announce(store.SLA_POLICIES_CHANGED, { orderType: 'REPAIR', version: 2 });
    expect((await policies.policy('REPAIR')).version).toBe(2);
    expect(storedPolicy).toHaveBeenCalledTimes(1);

    storedPolicy.mockResolvedValue(version(3));
    feed.announce(store.SLA_POLICIES_CHANGED, { orderType: 'REPAIR', version: 3 });
    expect((await policies.policy('REPAIR')).version).toBe(3);
    expect(storedPolicy).toHaveBeenCalledTimes(2);
  });

  it('serves its own save at once (read your writes), and keeps it when its own notification arrives', async () => {
    storedPolicy.mockResolvedValue(version(4));
    await policies.policy('REPAIR');
    savePolicy.mockResolvedValue(version(5));
    await policies.savePolicy(version(0), 'admin');
    expect((await policies.policy('REPAIR')).version).toBe(5);
    feed.announce(store.SLA_POLICIES_CHANGED, { orderType: 'REPAIR', version: 5 });
    expect((await policies.policy('REPAIR')).version).toBe(5);
    expect(storedPolicy).toHaveBeenCalledTimes(1);
  });

  it('never keeps a version older than one it saved or heard of, even from a read that raced it', async () => {
    const slow = deferred<SlaPolicy | null>();
    storedPolicy.mockReturnValueOnce(slow.promise);
    const racing = policies.policy('REPAIR');
    savePolicy.mockResolvedValue(version(7));
    await policies.savePolicy(version(0), 'admin');
    slow.resolve(version(6)); // read before the save committed
    expect((await racing).version).toBe(6);
    expect((await policies.policy('REPAIR')).version).toBe(7);

    const slower = deferred<SlaPolicy | null>();
    storedPolicy.mockReturnValueOnce(slower.promise).mockResolvedValue(version(8));
    feed.announce(store.SLA_POLICIES_CHANGED, { orderType: 'REPAIR', version: 8 });
    const stale = policies.policy('REPAIR');
    slower.resolve(version(7));
    await stale;
    expect((await policies.policy('REPAIR')).version).toBe(8);
  });

  it('treats "nothing stored" as version 0, so the first stored version replaces the default', async () => {
    storedPolicy.mockResolvedValue(null);
    expect(await policies.policy('REPAIR')).toEqual(defaultPolicy('REPAIR'));
    storedPolicy.mockResolvedValue(version(1));
    feed.announce(store.SLA_POLICIES_CHANGED, { orderType: 'REPAIR', version: 1 });
    expect((await policies.policy('REPAIR')).version).toBe(1);
    expect(storedPolicy).toHaveBeenCalledTimes(2);
  });

  it('reads the database on every intake while the feed is down', async () => {
    storedPolicy.mockResolvedValue(version(2));
    feed.live = false;
    await policies.policy('REPAIR');
    await policies.policy('REPAIR');
    expect(storedPolicy).toHaveBeenCalledTimes(2);
  });

  it('versions calendars the same way, "no such calendar" included', async () => {
    currentCalendarWithVersion.mockResolvedValue(null);
    expect(await policies.calendar('office')).toBeNull();
    expect(await policies.calendar('office')).toBeNull();
    expect(currentCalendarWithVersion).toHaveBeenCalledTimes(1);

    saveCalendarWithVersion.mockResolvedValue({ calendar: calendar('2030-01-01'), version: 1 });
    await policies.saveCalendar(calendar('2030-01-01'));
    expect(await policies.calendar('office')).toEqual(calendar('2030-01-01'));

    currentCalendarWithVersion.mockResolvedValue({ calendar: calendar('2030-12-25'), version: 2 });
    feed.announce(store.BUSINESS_CALENDARS_CHANGED, { name: 'office', version: 1 });
    expect(await policies.calendar('office')).toEqual(calendar('2030-01-01'));
    feed.announce(store.BUSINESS_CALENDARS_CHANGED, { name: 'office', version: 2 });
    expect(await policies.calendar('office')).toEqual(calendar('2030-12-25'));
    expect(currentCalendarWithVersion).toHaveBeenCalledTimes(2);
  });

  it('forgets everything on an announcement it cannot read', async () => {
    storedPolicy.mockResolvedValue(version(2));
    await policies.policy('REPAIR');
    feed.announce(store.SLA_POLICIES_CHANGED, 'not json');
    await policies.policy('REPAIR');
    expect(storedPolicy).toHaveBeenCalledTimes(2);
  });
});
