// End to end through Temporal: a real worker runs a test workflow that fires ladder steps and delivers
// their outbox rows to a real SMTP server and a real webhook receiver.
import type { Client, Connection } from '@temporalio/client';
import {
  bundleWorkflowCode,
  DefaultLogger,
  Runtime,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import {
  createNotificationActivities,
  type NotificationActivitiesDeps,
} from '../../src/activities/notification.activities';
import { DELIVERY_MAX_ATTEMPTS, type EscalationStep } from '../../src/activities/notification.contract';
import { connectClient, eventually, openDataSource, startWorker, uniqueTaskQueue } from '../support/harness';
import {
  createUser,
  TestSmtpServer,
  TestWebhookServer,
  uniqueOrderNo,
  uniqueRegion,
  type ReceivedEmail,
  type TestUser,
} from './support';
import type { escalationLadderWorkflow, LadderResult } from './test-workflows';

const SECRET = 'webhook-test-secret';
const quiet = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

interface DeliveryRow {
  id: string;
  channel: 'EMAIL' | 'WEBHOOK';
  recipient: string;
  status: string;
  attempts: number;
  last_attempt_at: Date | null;
  last_error: string | null;
  idempotency_key: string;
  sent_at: Date | null;
}

describe('notification delivery through Temporal', () => {
  let dataSource: DataSource;
  let client: Client;
  let connection: Connection;
  let bundle: WorkflowBundleWithSourceMap;
  let smtp: TestSmtpServer;
  let webhook: TestWebhookServer;
  let region: string;
  let tech: TestUser;
  let dispatcher: TestUser;
  let supervisor: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    // Retried and failing activities are the point of these tests; keep their warnings out of the output.
    Runtime.install({ logger: new DefaultLogger('ERROR') });
    [dataSource, { client, connection }, bundle, smtp, webhook] = await Promise.all([
      openDataSource(),
      connectClient(),
      bundleWorkflowCode({ workflowsPath: require.resolve('./test-workflows'), logger: quiet }),
      TestSmtpServer.start(),
      TestWebhookServer.start(SECRET),
    ]);
    region = uniqueRegion('delivery');
    tech = await createUser(dataSource, { name: 'd-tech', roles: ['technician'], region });
    dispatcher = await createUser(dataSource, { name: 'd-disp', roles: ['dispatcher'], region });
    supervisor = await createUser(dataSource, { name: 'd-sup', roles: ['supervisor'], region });
    admin = await createUser(dataSource, { name: 'd-admin', roles: ['admin'] });
  });
  afterEach(() => {
    webhook.respond = () => 200;
    webhook.hold = () => undefined;
  });
  afterAll(async () => {
    await Promise.all([smtp.down(), webhook.stop(), connection.close(), dataSource.destroy()]);
  });

  const config = (smtpUrl: string) => ({
    SMTP_URL: smtpUrl,
    SMTP_FROM: 'Service Orders <no-reply@orders.example.test>',
    WEBHOOK_URL: webhook.url,
    WEBHOOK_SECRET: SECRET,
  });

  const steps = (orderNo: string, levels: number[]): EscalationStep[] =>
    levels.map((level) => ({
      orderNo,
      stage: 'COMPLETION',
      stageKey: 'COMPLETION#1',
      level,
      dueAt: '2030-01-01T10:00:00.000Z',
      firedAt: new Date(Date.UTC(2030, 0, 1, 10) + level * 3_600_000).toISOString(),
      responsibleUserId: tech.id,
      responsibleRole: 'technician',
      region,
    }));

  /** Starts a worker with these deps, runs the ladder workflow to its end, stops the worker. */
  async function runLadder(
    orderNo: string,
    levels: number[],
    deps: Partial<NotificationActivitiesDeps> & { smtpUrl?: string },
    whileRunning?: () => Promise<void>,
  ): Promise<LadderResult> {
    const activities = createNotificationActivities({
      dataSource,
      config: config(deps.smtpUrl ?? smtp.url),
      afterSend: deps.afterSend,
      beforeMarkSent: deps.beforeMarkSent,
    });
    const taskQueue = uniqueTaskQueue('notifications');
    const worker = await startWorker({ taskQueue, activities: { ...activities }, workflowBundle: bundle });
    try {
      const handle = await client.workflow.start<typeof escalationLadderWorkflow>(
        'escalationLadderWorkflow',
        {
          taskQueue,
          workflowId: `notifications-${orderNo}`,
          args: [{ steps: steps(orderNo, levels), initialInterval: '200ms', maximumInterval: '1s' }],
        },
      );
      await whileRunning?.();
      return await handle.result();
    } finally {
      await worker.shutdown();
    }
  }

  const rowsOf = async (orderNo: string): Promise<DeliveryRow[]> =>
    dataSource.query(
      `SELECT id, channel, recipient, status, attempts, last_attempt_at, last_error, idempotency_key, sent_at
       FROM notification_deliveries WHERE order_no = $1 ORDER BY idempotency_key`,
      [orderNo],
    );
  const mailsOf = (server: TestSmtpServer, orderNo: string): ReceivedEmail[] =>
    server.received.filter((mail) => mail.idempotencyKey.startsWith(`${orderNo}:`));
  const webhooksOf = (orderNo: string) =>
    webhook.requests.filter((request) => request.body.data.orderNo === orderNo);

  it('(a) a ladder 0–3 reaches the right people once on inbox, e-mail and webhook', async () => {
    const orderNo = uniqueOrderNo();
    const result = await runLadder(orderNo, [0, 1, 2, 3], {});
    expect(result.failed).toEqual([]);
    expect(result.escalationIds).toHaveLength(4);

    const expectedLevels: [TestUser, number[]][] = [
      [tech, [0, 1, 2, 3]],
      [dispatcher, [1, 2, 3]],
      [supervisor, [2, 3]],
      [admin, [3]],
    ];
    for (const [user, levels] of expectedLevels) {
      const inbox = await dataSource.query(
        `SELECT title FROM notifications WHERE order_no = $1 AND user_id = $2`,
        [orderNo, user.id],
      );
      expect(inbox).toHaveLength(levels.length);
      const mails = mailsOf(smtp, orderNo).filter((mail) => mail.to.includes(user.email!));
      expect(mails.map((mail) => mail.idempotencyKey).sort()).toEqual(
        levels.map((level) => `${orderNo}:COMPLETION#1:${level}:${user.id}:EMAIL`).sort(),
      );
      expect(new Set(mails.map((mail) => mail.messageId)).size).toBe(levels.length);
      expect(mails[0].subject).toContain(orderNo);
      expect(mails[0].raw).toContain('What to do');
    }

    // Every outbox row was sent exactly once, and nothing else arrived for this order.
    const rows = await rowsOf(orderNo);
    expect(rows.every((row) => row.status === 'SENT' && row.attempts === 1 && row.sent_at !== null)).toBe(
      true,
    );
    const emailRows = rows.filter((row) => row.channel === 'EMAIL');
    expect(mailsOf(smtp, orderNo)).toHaveLength(emailRows.length);

    const hooks = webhooksOf(orderNo);
    expect(hooks).toHaveLength(4);
    expect(hooks.every((hook) => hook.signatureValid && hook.eventType === 'escalation.fired')).toBe(true);
    expect(hooks.map((hook) => hook.body.data.level).sort()).toEqual([0, 1, 2, 3]);
    expect(new Set(hooks.map((hook) => hook.idempotencyKey)).size).toBe(4);
    expect(hooks.every((hook) => hook.body.id === hook.idempotencyKey)).toBe(true);
  });

  it('(b) an activity that fails after sending on its first attempt still yields one e-mail and one webhook', async () => {
    const orderNo = uniqueOrderNo();
    const crashed = new Set<string>();
    const result = await runLadder(orderNo, [0, 1], {
      afterSend: (delivery) => {
        if (crashed.has(delivery.id)) return;
        crashed.add(delivery.id);
        throw new Error('worker lost after sending');
      },
    });
    expect(result.failed).toEqual([]);
    const rows = await rowsOf(orderNo);
    // Every delivery crashed once after sending and was retried by Temporal.
    expect(crashed.size).toBe(rows.length);
    expect(rows.every((row) => row.status === 'SENT' && row.attempts === 1)).toBe(true);
    const mails = mailsOf(smtp, orderNo);
    expect(mails.map((mail) => mail.idempotencyKey).sort()).toEqual(
      rows
        .filter((row) => row.channel === 'EMAIL')
        .map((row) => row.idempotency_key)
        .sort(),
    );
    // tech at level 0, tech + dispatcher at level 1
    expect(mails).toHaveLength(3);
    const hooks = webhooksOf(orderNo);
    expect(hooks.map((hook) => hook.body.data.level).sort()).toEqual([0, 1]);
  });

  it('(b) a crash after the receiver accepted but before SENT was stored re-sends with the same ids, for receivers to dedupe', async () => {
    const orderNo = uniqueOrderNo();
    const crashed = new Set<string>();
    const result = await runLadder(orderNo, [0], {
      beforeMarkSent: (delivery) => {
        if (crashed.has(delivery.id)) return;
        crashed.add(delivery.id);
        throw new Error('worker lost before recording the send');
      },
    });
    expect(result.failed).toEqual([]);
    const rows = await rowsOf(orderNo);
    // Both attempts show: the cut-off one was counted before its send.
    expect(rows.map((row) => [row.status, row.attempts])).toEqual(rows.map(() => ['SENT', 2]));
    // At least once on the wire: two transmissions, one logical message by Message-ID / idempotency key.
    const mails = mailsOf(smtp, orderNo);
    expect(mails).toHaveLength(2);
    expect(new Set(mails.map((mail) => mail.messageId)).size).toBe(1);
    const hooks = webhooksOf(orderNo);
    expect(hooks).toHaveLength(2);
    expect(new Set(hooks.map((hook) => hook.idempotencyKey)).size).toBe(1);
    expect(new Set(hooks.map((hook) => JSON.stringify(hook.body))).size).toBe(1);
  });

  it('(c) SMTP down for a while, then up: the e-mail arrives once', async () => {
    const orderNo = uniqueOrderNo();
    const late = await TestSmtpServer.reservePort();
    try {
      const result = await runLadder(orderNo, [1], { smtpUrl: late.url }, async () => {
        // Wait for at least two failed attempts of every e-mail, then bring the server up.
        await eventually(async () => {
          const emails = (await rowsOf(orderNo)).filter((row) => row.channel === 'EMAIL');
          expect(emails).toHaveLength(2);
          for (const row of emails) {
            expect(row.status).toBe('PENDING');
            expect(row.attempts).toBeGreaterThanOrEqual(2);
            expect(row.last_error).toMatch(/ECONNREFUSED/);
          }
        });
        await late.up();
      });
      expect(result.failed).toEqual([]);
      const rows = await rowsOf(orderNo);
      expect(rows.every((row) => row.status === 'SENT')).toBe(true);
      const mails = mailsOf(late, orderNo);
      expect(mails.map((mail) => mail.to[0]).sort()).toEqual([tech.email, dispatcher.email].sort());
      // The webhook did not wait for the e-mail.
      expect(webhooksOf(orderNo).filter((hook) => hook.status === 200)).toHaveLength(1);
    } finally {
      await late.down();
    }
  });

  it('(e) an attempt is counted before the send: a receiver that hangs already shows attempts = 1', async () => {
    const orderNo = uniqueOrderNo();
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    webhook.hold = (request) => (request.body.data.orderNo === orderNo ? released : undefined);
    const result = await runLadder(orderNo, [0], {}, async () => {
      await eventually(async () => {
        expect(webhook.inFlight.filter((request) => request.body.data.orderNo === orderNo)).toHaveLength(1);
      });
      const [row] = (await rowsOf(orderNo)).filter((r) => r.channel === 'WEBHOOK');
      // A crash now (worker killed mid-send) would leave exactly this on the row.
      expect(row).toMatchObject({ status: 'PENDING', attempts: 1, sent_at: null });
      expect(row.last_attempt_at).toBeInstanceOf(Date);
      release();
    });
    expect(result.failed).toEqual([]);
    const [row] = (await rowsOf(orderNo)).filter((r) => r.channel === 'WEBHOOK');
    expect(row).toMatchObject({ status: 'SENT', attempts: 1 });
    expect(webhooksOf(orderNo)).toHaveLength(1);
  });

  it('(d) a webhook answered 500 then 200 is accepted once', async () => {
    const orderNo = uniqueOrderNo();
    let calls = 0;
    webhook.respond = (request) => (request.body.data.orderNo === orderNo && ++calls === 1 ? 500 : 200);
    const result = await runLadder(orderNo, [0], {});
    expect(result.failed).toEqual([]);
    const hooks = webhooksOf(orderNo);
    expect(hooks.map((hook) => hook.status)).toEqual([500, 200]);
    expect(hooks[0].idempotencyKey).toBe(hooks[1].idempotencyKey);
    const [row] = (await rowsOf(orderNo)).filter((r) => r.channel === 'WEBHOOK');
    expect(row).toMatchObject({ status: 'SENT', attempts: 2 });
    expect(row.last_error).toContain('500');
  });

  it('(d) a webhook that keeps failing ends FAILED with its error while the e-mails still go out', async () => {
    const orderNo = uniqueOrderNo();
    webhook.respond = (request) => (request.body.data.orderNo === orderNo ? 500 : 200);
    const result = await runLadder(orderNo, [1], {});
    const rows = await rowsOf(orderNo);
    const hookRow = rows.find((row) => row.channel === 'WEBHOOK')!;
    expect(result.failed).toEqual([hookRow.id]);
    expect(hookRow).toMatchObject({ status: 'FAILED', attempts: DELIVERY_MAX_ATTEMPTS, sent_at: null });
    expect(hookRow.last_error).toMatch(/answered 500/);
    expect(webhooksOf(orderNo)).toHaveLength(DELIVERY_MAX_ATTEMPTS);
    const emailRows = rows.filter((row) => row.channel === 'EMAIL');
    expect(emailRows.every((row) => row.status === 'SENT')).toBe(true);
    expect(mailsOf(smtp, orderNo)).toHaveLength(2);
  });
});
