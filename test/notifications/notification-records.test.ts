// fireEscalation / notify against real PostgreSQL: who is notified, what is stored, and retries add nothing.
import type { DataSource } from 'typeorm';
import { createNotificationActivities } from '../../src/activities/notification.activities';
import type { EscalationStep } from '../../src/activities/notification.contract';
import { openDataSource } from '../support/harness';
import { createUser, uniqueOrderNo, uniqueRegion, type TestUser } from './support';

const CONFIG = {
  SMTP_URL: 'smtp://127.0.0.1:1',
  SMTP_FROM: 'Service Orders <no-reply@orders.example.test>',
  WEBHOOK_URL: 'http://127.0.0.1:1/hooks',
  WEBHOOK_SECRET: 'secret',
};

describe('notification records', () => {
  let dataSource: DataSource;
  let region: string;
  let technician: TestUser;
  let dispatcher: TestUser;
  let supervisor: TestUser;

  beforeAll(async () => {
    dataSource = await openDataSource();
    region = uniqueRegion('north');
    technician = await createUser(dataSource, { name: 'tech', roles: ['technician'], region });
    dispatcher = await createUser(dataSource, { name: 'disp', roles: ['dispatcher'], region });
    await createUser(dataSource, { name: 'disp-away', roles: ['dispatcher'], region, active: false });
    await createUser(dataSource, {
      name: 'disp-elsewhere',
      roles: ['dispatcher'],
      region: uniqueRegion('south'),
    });
    supervisor = await createUser(dataSource, { name: 'sup', roles: ['supervisor'], email: false });
  });
  afterAll(async () => dataSource.destroy());

  const step = (overrides: Partial<EscalationStep> = {}): EscalationStep => ({
    orderNo: uniqueOrderNo(),
    stage: 'COMPLETION',
    stageKey: 'COMPLETION#1',
    level: 1,
    dueAt: '2030-01-01T10:00:00.000Z',
    firedAt: '2030-01-01T10:00:01.000Z',
    responsibleUserId: technician.id,
    responsibleRole: 'technician',
    region,
    ...overrides,
  });

  it('stores the step once with the responsible person and the dispatcher of the region; a retry returns the same ids', async () => {
    const activities = createNotificationActivities({ dataSource, config: CONFIG });
    const input = step();
    const first = await activities.fireEscalation(input);

    expect(first.recipients).toEqual([
      {
        userId: technician.id,
        username: technician.username,
        role: 'technician',
        region,
        viaFallback: false,
      },
      {
        userId: dispatcher.id,
        username: dispatcher.username,
        role: 'dispatcher',
        region,
        viaFallback: false,
      },
    ]);
    // Two e-mails (both have an address) and one webhook.
    expect(first.deliveryIds).toHaveLength(3);
    expect(first.notificationIds).toHaveLength(2);

    const again = await activities.fireEscalation({ ...input, firedAt: '2030-01-01T10:05:00.000Z' });
    expect(again).toEqual(first);

    const escalations = await dataSource.query(`SELECT * FROM escalations WHERE order_no = $1`, [
      input.orderNo,
    ]);
    expect(escalations).toHaveLength(1);
    expect(escalations[0]).toMatchObject({
      id: first.escalationId,
      stage: 'COMPLETION',
      level: 1,
      acknowledged_at: null,
    });
    expect(escalations[0].recipients).toEqual(first.recipients);
    const inbox = await dataSource.query(
      `SELECT user_id, kind, title, body FROM notifications WHERE order_no = $1`,
      [input.orderNo],
    );
    expect(inbox.map((row: { user_id: string }) => row.user_id).sort()).toEqual(
      [technician.id, dispatcher.id].sort(),
    );
    expect(inbox[0].title).toContain(input.orderNo);
    expect(inbox[0].body).toContain('Completion');
    const deliveries = await dataSource.query(
      `SELECT channel, recipient, status, idempotency_key FROM notification_deliveries WHERE order_no = $1 ORDER BY idempotency_key`,
      [input.orderNo],
    );
    expect(deliveries).toEqual(
      expect.arrayContaining([
        {
          channel: 'EMAIL',
          recipient: technician.email,
          status: 'PENDING',
          idempotency_key: `${input.orderNo}:COMPLETION#1:1:${technician.id}:EMAIL`,
        },
        {
          channel: 'EMAIL',
          recipient: dispatcher.email,
          status: 'PENDING',
          idempotency_key: `${input.orderNo}:COMPLETION#1:1:${dispatcher.id}:EMAIL`,
        },
        {
          channel: 'WEBHOOK',
          recipient: CONFIG.WEBHOOK_URL,
          status: 'PENDING',
          idempotency_key: `${input.orderNo}:COMPLETION#1:1:all:WEBHOOK`,
        },
      ]),
    );
    expect(deliveries).toHaveLength(3);
  });

  it('falls back to dispatchers of any region when the region has none, and says so on the record', async () => {
    const activities = createNotificationActivities({ dataSource, config: CONFIG });
    const lonelyRegion = uniqueRegion('island');
    const lonelyTech = await createUser(dataSource, {
      name: 'tech-island',
      roles: ['technician'],
      region: lonelyRegion,
    });
    const input = step({ responsibleUserId: lonelyTech.id, region: lonelyRegion, level: 2 });
    const result = await activities.fireEscalation(input);

    const dispatchers = result.recipients.filter((recipient) => recipient.role === 'dispatcher');
    expect(dispatchers.length).toBeGreaterThanOrEqual(2);
    expect(dispatchers.every((recipient) => recipient.viaFallback)).toBe(true);
    expect(dispatchers.map((recipient) => recipient.userId)).toContain(dispatcher.id);
    // Away staff are not escalated to.
    expect(dispatchers.some((recipient) => recipient.username.startsWith('disp-away'))).toBe(false);
    // Level 2 adds supervisors (not region-scoped); the one without an e-mail gets only the inbox.
    expect(result.recipients).toContainEqual({
      userId: supervisor.id,
      username: supervisor.username,
      role: 'supervisor',
      region: null,
      viaFallback: false,
    });
    const [record] = await dataSource.query(`SELECT recipients FROM escalations WHERE id = $1`, [
      result.escalationId,
    ]);
    expect(record.recipients.filter((r: { viaFallback: boolean }) => r.viaFallback).length).toBe(
      dispatchers.length,
    );
    const supervisorMail = await dataSource.query(
      `SELECT 1 FROM notification_deliveries WHERE idempotency_key = $1`,
      [`${input.orderNo}:COMPLETION#1:2:${supervisor.id}:EMAIL`],
    );
    expect(supervisorMail).toHaveLength(0);
  });

  it('replaces a responsible person who no longer exists by their role in the region', async () => {
    const activities = createNotificationActivities({ dataSource, config: CONFIG });
    const result = await activities.fireEscalation(
      step({ level: 0, responsibleUserId: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(result.recipients.map((recipient) => `${recipient.userId}/${recipient.role}`)).toEqual([
      `${technician.id}/technician`,
    ]);
  });

  it('without a responsible person the responsible role is notified (dispatch stage → dispatchers of the region)', async () => {
    const activities = createNotificationActivities({ dataSource, config: CONFIG });
    const result = await activities.fireEscalation(
      step({
        stage: 'DISPATCH',
        stageKey: 'DISPATCH#1',
        level: 0,
        responsibleUserId: null,
        responsibleRole: 'dispatcher',
      }),
    );
    expect(result.recipients).toEqual([
      {
        userId: dispatcher.id,
        username: dispatcher.username,
        role: 'dispatcher',
        region,
        viaFallback: false,
      },
    ]);
  });

  it('writes only the inbox when SMTP and webhook are not configured', async () => {
    const activities = createNotificationActivities({
      dataSource,
      config: {
        SMTP_URL: undefined,
        SMTP_FROM: CONFIG.SMTP_FROM,
        WEBHOOK_URL: undefined,
        WEBHOOK_SECRET: undefined,
      },
    });
    const result = await activities.fireEscalation(step());
    expect(result.deliveryIds).toEqual([]);
    expect(result.notificationIds).toHaveLength(2);
  });

  it('notify: named people and region-scoped roles, once per idempotency key', async () => {
    const activities = createNotificationActivities({ dataSource, config: CONFIG });
    const orderNo = uniqueOrderNo();
    const input = {
      orderNo,
      kind: 'TECHNICIAN_DECLINED',
      userIds: [technician.id],
      roles: ['dispatcher' as const],
      region,
      title: `Order ${orderNo}: technician declined`,
      body: 'The technician declined; dispatch the order again.',
      idempotencyKey: `${orderNo}:TECHNICIAN_DECLINED:7`,
    };
    const first = await activities.notify(input);
    expect(first.recipients.map((recipient) => recipient.userId)).toEqual([technician.id, dispatcher.id]);
    expect(first.deliveryIds).toHaveLength(3);
    expect(await activities.notify(input)).toEqual(first);
    const inbox = await dataSource.query(`SELECT title FROM notifications WHERE order_no = $1`, [orderNo]);
    expect(inbox).toHaveLength(2);
    expect(inbox[0].title).toBe(input.title);
  });

  it('acknowledging an escalation is recorded and stops nothing else', async () => {
    const activities = createNotificationActivities({ dataSource, config: CONFIG });
    const input = step();
    const level1 = await activities.fireEscalation(input);
    await dataSource.query(
      `UPDATE escalations SET acknowledged_by = $2, acknowledged_at = now() WHERE id = $1`,
      [level1.escalationId, dispatcher.username],
    );
    const level2 = await activities.fireEscalation({ ...input, level: 2 });
    expect(level2.escalationId).not.toBe(level1.escalationId);
    expect(level2.deliveryIds.length).toBeGreaterThan(0);
    // A retried level 1 keeps the acknowledgement and its rows.
    expect(await activities.fireEscalation(input)).toEqual(level1);
    const rows = await dataSource.query(
      `SELECT level, acknowledged_by FROM escalations WHERE order_no = $1 ORDER BY level`,
      [input.orderNo],
    );
    expect(rows).toEqual([
      { level: 1, acknowledged_by: dispatcher.username },
      { level: 2, acknowledged_by: null },
    ]);
  });
});
