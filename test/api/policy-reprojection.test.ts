// Re-projecting running orders after an admin edit (PUT with applyToRunning): a calendar edit reaches only
// the orders whose own snapshotted policy version uses the calendar, and they keep that version; a policy
// edit moves every running order of its type onto the new version. Both need the admin's reason, which
// each order's timeline records.
import { intakeBody } from '../factories/orders';
import { eventually } from '../support/harness';
import { ApiStack, bearer, createStaff, login, startApiStack, type TestUser } from './api-harness';

// Types no other API suite edits the policy of.
const USES_IT_SNAPSHOT = 'COMPLAINT';
const USES_IT_LATEST = 'TRAINING';

interface TimelineEntry {
  action: string;
  actorRole: string | null;
  details: Record<string, unknown>;
}

describe('re-projecting running orders after a policy or calendar edit', () => {
  let stack: ApiStack;
  let admin: string;
  let agent: TestUser;
  const calendar = `reprojection-${process.pid}-${Date.now() % 1e6}`;
  const calendarBody = (holidays: string[]) => ({
    timeZone: 'Asia/Shanghai',
    workingHours: Object.fromEntries(
      ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [
        day,
        [{ start: '09:00', end: '18:00' }],
      ]),
    ),
    holidays,
  });

  beforeAll(async () => {
    stack = await startApiStack({ prefix: 'api-reprojection', worker: true });
    admin = await login(stack, 'admin', 'admin-password');
    agent = await createStaff(stack, ['agent']);
    const saved = await stack
      .http()
      .put(`/api/calendars/${calendar}`)
      .set(bearer(admin))
      .send(calendarBody(['2031-10-01']));
    expect(saved.status).toBe(200);
  });

  afterAll(async () => {
    await stack?.close();
  });

  /** Saves a new version of the type's policy (fields as in force, `calendar` replaced); returns it. */
  async function savePolicy(orderType: string, changes: Record<string, unknown>) {
    const list = (await stack.http().get('/api/sla-policies').set(bearer(admin))).body as Record<
      string,
      unknown
    >[];
    const {
      orderType: _t,
      version: _v,
      ...fields
    } = list.find((p) => p.orderType === orderType) as Record<string, unknown>;
    const response = await stack
      .http()
      .put(`/api/sla-policies/${orderType}`)
      .set(bearer(admin))
      .send({ ...fields, ...changes });
    expect(response.status).toBe(200);
    return response;
  }

  async function intake(type: string): Promise<string> {
    const created = await stack
      .http()
      .post('/api/orders')
      .set(bearer(agent.token))
      .send(intakeBody({ type }));
    expect(created.status).toBe(201);
    return created.body.orderNo as string;
  }

  async function readPolicyVersion(orderNo: string): Promise<number> {
    const read = await stack.http().get(`/api/orders/${orderNo}`).set(bearer(agent.token));
    expect(read.status).toBe(200);
    return read.body.policyVersion as number;
  }

  async function policyChanges(orderNo: string): Promise<TimelineEntry[]> {
    const timeline = await stack.http().get(`/api/orders/${orderNo}/timeline`).set(bearer(agent.token));
    expect(timeline.status).toBe(200);
    return (timeline.body as TimelineEntry[]).filter((entry) => entry.action === 'POLICY_CHANGED');
  }

  it('refuses applyToRunning without a reason, or with a blank or too long one, naming the field', async () => {
    const bodies = [{}, { reason: '   ' }, { reason: 'x'.repeat(501) }, { reason: 42 }];
    for (const extra of bodies) {
      const response = await stack
        .http()
        .put(`/api/calendars/${calendar}`)
        .set(bearer(admin))
        .send({ ...calendarBody(['2031-10-01']), applyToRunning: true, ...extra });
      expect({
        extra,
        status: response.status,
        fields: response.body.details?.map((d: { field: string }) => d.field),
      }).toEqual({
        extra,
        status: 400,
        fields: ['reason'],
      });
    }
    const list = (await stack.http().get('/api/sla-policies').set(bearer(admin))).body as Record<
      string,
      unknown
    >[];
    const {
      orderType: _t,
      version: _v,
      ...fields
    } = list.find((p) => p.orderType === USES_IT_LATEST) as Record<string, unknown>;
    const policy = await stack
      .http()
      .put(`/api/sla-policies/${USES_IT_LATEST}`)
      .set(bearer(admin))
      .send({ ...fields, applyToRunning: true });
    expect(policy.status).toBe(400);
    expect(policy.body.details).toEqual([
      {
        field: 'reason',
        reasons: expect.arrayContaining(['reason is required when applyToRunning is true']),
      },
    ]);
  });

  it('the preview of the orders an edit would reach is for admins, and names a bad type or calendar', async () => {
    const forAgent = await stack
      .http()
      .get(`/api/calendars/${calendar}/running-orders`)
      .set(bearer(agent.token));
    expect(forAgent.status).toBe(403);
    const badType = await stack.http().get('/api/sla-policies/PLUMBING/running-orders').set(bearer(admin));
    expect(badType.status).toBe(400);
    expect(badType.body.details).toEqual([
      { field: 'orderType', reasons: [expect.stringContaining('INSTALLATION')] },
    ]);
    const badName = await stack.http().get('/api/calendars/no%20spaces/running-orders').set(bearer(admin));
    expect(badName.status).toBe(400);
    expect(badName.body.details).toEqual([{ field: 'name', reasons: expect.any(Array) }]);
  });

  it('a calendar edit re-projects only orders whose snapshot policy uses it, and they keep their policy version', async () => {
    // Snapshot uses the calendar, the type's newest version does not.
    const snapshotVersion = (await savePolicy(USES_IT_SNAPSHOT, { calendar })).body.policy.version as number;
    const usesIt = await intake(USES_IT_SNAPSHOT);
    await savePolicy(USES_IT_SNAPSHOT, { calendar: null });
    const newerOfSameType = await intake(USES_IT_SNAPSHOT);
    // The type's newest version uses the calendar, the order's snapshot does not.
    await savePolicy(USES_IT_LATEST, { calendar: null });
    const olderSnapshot = await intake(USES_IT_LATEST);
    await savePolicy(USES_IT_LATEST, { calendar });
    expect(await readPolicyVersion(usesIt)).toBe(snapshotVersion);

    // The admin page's preview names exactly the orders the edit will reach.
    await eventually(async () => {
      const preview = await stack.http().get(`/api/calendars/${calendar}/running-orders`).set(bearer(admin));
      expect(preview.status).toBe(200);
      expect(preview.body).toEqual({
        total: 1,
        orders: [{ orderNo: usesIt, status: 'PENDING_REVIEW', policyVersion: snapshotVersion }],
      });
    });

    const reason = 'National Day moved: re-plan running orders';
    const edited = await stack
      .http()
      .put(`/api/calendars/${calendar}`)
      .set(bearer(admin))
      .send({ ...calendarBody(['2031-10-01', '2031-10-02']), applyToRunning: true, reason });
    expect(edited.status).toBe(200);
    expect(edited.body.signalledOrders).toBe(1);

    await eventually(async () => {
      const changes = await policyChanges(usesIt);
      expect(changes).toEqual([
        expect.objectContaining({ actorRole: 'admin', details: expect.objectContaining({ reason }) }),
      ]);
    });
    expect(await readPolicyVersion(usesIt)).toBe(snapshotVersion);
    expect(await policyChanges(newerOfSameType)).toEqual([]);
    expect(await policyChanges(olderSnapshot)).toEqual([]);
  });

  it('a policy edit moves every running order of the type onto the new version, with the reason', async () => {
    const running = await intake(USES_IT_LATEST);
    const preview = await eventually(async () => {
      const response = await stack
        .http()
        .get(`/api/sla-policies/${USES_IT_LATEST}/running-orders`)
        .set(bearer(admin));
      expect(response.status).toBe(200);
      expect(response.body.orders).toEqual(
        expect.arrayContaining([expect.objectContaining({ orderNo: running, status: 'PENDING_REVIEW' })]),
      );
      return response.body as { total: number; orders: unknown[] };
    });
    expect(preview.total).toBe(preview.orders.length);
    const reason = 'Acceptance window shortened by the service manager';
    const response = await savePolicy(USES_IT_LATEST, { calendar: null, applyToRunning: true, reason });
    const version = response.body.policy.version as number;
    expect(response.body.signalledOrders).toBe(preview.total);
    await eventually(async () => {
      expect(await readPolicyVersion(running)).toBe(version);
      expect(await policyChanges(running)).toEqual([
        expect.objectContaining({
          actorRole: 'admin',
          details: expect.objectContaining({ reason, toVersion: version }),
        }),
      ]);
    });
  });
});
