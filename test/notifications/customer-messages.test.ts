// The customer's messages end to end: a real API, worker and Temporal server, a real SMTP server on
// loopback and the SMS sink table. One order from intake to CLOSED sends each message once by SMS and
// by e-mail, each with a link that opens the customer's view; a retried activity sends nothing twice; an
// expired link is refused and a fresh one is sent to the phone on file.
import { randomInt } from 'node:crypto';
import { createNotificationActivities } from '../../src/activities';
import type { CustomerMessageInput } from '../../src/activities/notification.contract';
import { customerLinkSecret, mintCustomerLink } from '../../src/notifications/customer-link';
import { intakeBody } from '../factories/orders';
import { eventually } from '../support/harness';
import {
  bearer,
  createStaff,
  createTechnician,
  login,
  startApiStack,
  type ApiStack,
  type TestUser,
} from '../api/api-harness';
import { TestSmtpServer } from './support';

const PUBLIC_BASE_URL = 'http://127.0.0.1:3999';
const EVERY_MESSAGE = [
  'RECEIVED',
  'TECHNICIAN_ASSIGNED',
  'CHECKED_IN',
  'WORK_DONE',
  'SETTLEMENT_DUE',
  'FEEDBACK_REQUEST',
  'PAYMENT_RECORDED',
];

interface SinkRow {
  text: string;
  idempotency_key: string;
}

describe('customer messages (SMTP + SMS sink)', () => {
  let smtp: TestSmtpServer;
  let stack: ApiStack;
  let agent: TestUser;
  let supervisor: TestUser;
  let dispatcher: TestUser;
  let finance: TestUser;
  let technicianId: string;
  let technician: string;

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    stack = await startApiStack({
      prefix: 'customer-messages',
      worker: true,
      env: { SMTP_URL: smtp.url, SMS_PROVIDER: 'sink', PUBLIC_BASE_URL },
    });
    const admin = await login(stack, 'admin', 'admin-password');
    agent = await createStaff(stack, ['agent']);
    supervisor = await createStaff(stack, ['supervisor']);
    dispatcher = await createStaff(stack, ['dispatcher'], { region: 'north' });
    finance = await createStaff(stack, ['finance']);
    const tech = await createTechnician(stack, admin, { displayName: 'Li Wei', region: 'north' });
    technicianId = tech.id;
    technician = tech.token;
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.down();
  });

  const command = (token: string, orderNo: string, action: string, body: object = {}) =>
    stack.http().post(`/api/orders/${orderNo}/${action}`).set(bearer(token)).send(body);

  async function expectStatus(token: string, orderNo: string, action: string, body: object, status: string) {
    const response = await command(token, orderNo, action, body);
    expect({ action, code: response.status, status: response.body.status }).toEqual({
      action,
      code: 200,
      status,
    });
  }

  /** A phone nobody else's test writes to, national form: the intake stores it in E.164. */
  function uniquePhone(): { typed: string; e164: string } {
    const digits = `139${String(randomInt(0, 1e8)).padStart(8, '0')}`;
    return { typed: `${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}`, e164: `+86${digits}` };
  }

  async function smsTo(phone: string): Promise<SinkRow[]> {
    return (await stack.dataSource.query(
      `SELECT text, idempotency_key FROM sms_sink_messages WHERE recipient = $1 ORDER BY created_at, idempotency_key`,
      [phone],
    )) as SinkRow[];
  }

  const kindOf = (row: SinkRow): string => row.idempotency_key.split(':')[2];
  const tokenIn = (text: string): string => {
    const match = /#t=(L1(?:\.[\w-]+){4})/.exec(text);
    if (!match) throw new Error(`no link in ${text}`);
    return match[1];
  };

  async function newOrder(phone: string, email: string): Promise<string> {
    const body = intakeBody({ type: 'INSPECTION', dispatchMode: 'SUPERVISOR' }) as Record<string, unknown>;
    const customer = {
      ...(body.customer as object),
      phone,
      email,
      language: 'en',
      messageConsent: true,
    };
    const created = await stack
      .http()
      .post('/api/orders')
      .set(bearer(agent.token))
      .send({ ...body, customer });
    expect(created.status).toBe(201);
    return created.body.orderNo as string;
  }

  it('sends each message once by SMS and e-mail, each link opening the customer view, through to CLOSED', async () => {
    const phone = uniquePhone();
    const email = `customer-${Date.now()}@example.com`;
    const orderNo = await newOrder(phone.typed, email);

    await expectStatus(agent.token, orderNo, 'review', { decision: 'APPROVE' }, 'PENDING_DISPATCH');
    await expectStatus(dispatcher.token, orderNo, 'assignment', { technicianId }, 'ASSIGNED');
    await expectStatus(technician, orderNo, 'technician-response', { decision: 'ACCEPT' }, 'ACCEPTED');
    await expectStatus(technician, orderNo, 'check-in', { lat: 31.2301, lng: 121.4701 }, 'ON_SITE');
    await expectStatus(
      technician,
      orderNo,
      'completion',
      { summary: 'done', partsUsed: [], laborHours: 1 },
      'PENDING_QC',
    );
    await expectStatus(supervisor.token, orderNo, 'qc', { result: 'PASS' }, 'PENDING_ACCEPTANCE');

    // The "please accept" SMS carries a link that opens the order for the customer.
    const workDone = await eventually(async () => {
      const row = (await smsTo(phone.e164)).find((r) => kindOf(r) === 'WORK_DONE');
      expect(row).toBeDefined();
      return row as SinkRow;
    });
    expect(workDone.text).toContain(orderNo);
    expect(workDone.text).toContain(`${PUBLIC_BASE_URL}/c/${orderNo}#t=`);
    const link = tokenIn(workDone.text);
    const view = await eventually(async () => {
      const read = await stack.http().get(`/api/orders/${orderNo}`).set(bearer(link));
      expect(read.status).toBe(200);
      expect(read.body.status).toBe('PENDING_ACCEPTANCE');
      return read.body;
    });
    expect(view).toMatchObject({
      technicianName: 'Li Wei',
      language: 'en',
      allowedActions: ['CUSTOMER_ACCEPT', 'CUSTOMER_REJECT'],
      feedback: { requested: false, answeredAt: null, score: null },
    });
    expect(view.timeline.map((e: { event: string }) => e.event)).toEqual([
      'RECEIVED',
      'CONFIRMED',
      'TECHNICIAN_ASSIGNED',
      'CHECKED_IN',
      'WORK_FINISHED',
      'READY_FOR_ACCEPTANCE',
    ]);
    expect(JSON.stringify(view)).not.toContain('note');
    // The link reaches its own order only, and no staff route.
    const staffRoute = await stack.http().get('/api/orders').set(bearer(link));
    expect(staffRoute.status).toBe(401);

    const accepted = await command(link, orderNo, 'customer-acceptance', { decision: 'ACCEPT', rating: 5 });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('COMPLETED');
    const answered = await command(link, orderNo, 'customer-feedback', {
      score: 4,
      comment: 'quick and tidy',
    });
    expect(answered.status).toBe(200);
    expect(answered.body.feedback).toMatchObject({ requested: true, score: 4 });
    expect(answered.body.allowedActions).not.toContain('CUSTOMER_FEEDBACK');
    const again = await command(link, orderNo, 'customer-feedback', { score: 1 });
    expect(again.status).toBe(409);

    await expectStatus(agent.token, orderNo, 'callback', { reached: true, satisfied: true }, 'COMPLETED');
    await expectStatus(
      finance.token,
      orderNo,
      'settlement',
      { amount: 300, paymentMethod: 'CARD', invoiceNo: 'INV-7' },
      'CLOSED',
    );

    // Every message once per channel, every outbox row sent.
    await eventually(
      async () => {
        const texts = await smsTo(phone.e164);
        expect(texts.map(kindOf).sort()).toEqual([...EVERY_MESSAGE].sort());
        expect(smtp.to(email)).toHaveLength(EVERY_MESSAGE.length);
        const pending = (await stack.dataSource.query(
          `SELECT count(*)::int AS n FROM notification_deliveries WHERE order_no = $1 AND status <> 'SENT'`,
          [orderNo],
        )) as { n: number }[];
        expect(pending[0].n).toBe(0);
      },
      { timeoutMs: 30_000 },
    );
    const byKind = new Map((await smsTo(phone.e164)).map((row) => [kindOf(row), row.text]));
    expect(byKind.get('TECHNICIAN_ASSIGNED')).toContain('Li Wei');
    expect(byKind.get('PAYMENT_RECORDED')).toContain('INV-7');
    // Each message has its own link, and each opens the (now closed) order.
    const links = [...byKind.values()].map(tokenIn);
    expect(new Set(links).size).toBe(links.length);
    const closed = await stack
      .http()
      .get(`/api/orders/${orderNo}`)
      .set(bearer(links[links.length - 1]));
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('CLOSED');
    const mail = smtp.to(email).find((m) => m.subject.includes(orderNo));
    expect(mail?.raw).toContain(`${PUBLIC_BASE_URL}/c/${orderNo}`);
  });

  it('a retried notifyCustomer writes no second row and a retried deliver sends nothing twice', async () => {
    const phone = uniquePhone();
    const activities = createNotificationActivities({ dataSource: stack.dataSource, config: stack.config });
    const input: CustomerMessageInput = {
      orderNo: 'SO-20261201-999999',
      kind: 'CHECKED_IN',
      idempotencyKey: `SO-20261201-999999:customer:CHECKED_IN:${phone.e164}`,
      customer: { name: 'Retry', phone: phone.e164, messageConsent: true, messageChannels: ['SMS'] },
      facts: { technicianName: 'Li Wei' },
    };
    const first = await activities.notifyCustomer(input);
    const second = await activities.notifyCustomer(input);
    expect(first.deliveryIds).toHaveLength(1);
    expect(second.deliveryIds).toEqual(first.deliveryIds);
    expect(first.sentTo).toEqual([`+86 •••• ${phone.e164.slice(-4)}`]);
    await activities.deliver(first.deliveryIds[0]);
    await activities.deliver(first.deliveryIds[0]);
    expect(await smsTo(phone.e164)).toHaveLength(1);
    // Without consent nothing is written at all.
    const silent = await activities.notifyCustomer({
      ...input,
      idempotencyKey: `${input.idempotencyKey}:silent`,
      customer: { ...input.customer, messageConsent: false },
    });
    expect(silent).toEqual({ deliveryIds: [], sentTo: [] });
  });

  it('refuses an expired link and sends a fresh one to the phone on file', async () => {
    const phone = uniquePhone();
    const orderNo = await newOrder(phone.typed, `expired-${Date.now()}@example.com`);
    await eventually(async () => expect((await smsTo(phone.e164)).map(kindOf)).toEqual(['RECEIVED']));
    const settings = {
      publicBaseUrl: PUBLIC_BASE_URL,
      secret: customerLinkSecret(stack.config),
      ttlSeconds: 60,
    };
    const expired = mintCustomerLink(settings, orderNo, Date.now() - 120_000).token;

    const refused = await stack.http().get(`/api/orders/${orderNo}`).set(bearer(expired));
    expect(refused.status).toBe(401);
    expect(refused.body.details).toEqual({ reason: 'LINK_EXPIRED', orderNo });
    // Another order's link, however fresh, does not open this one.
    const other = mintCustomerLink(settings, 'SO-20261201-999998').token;
    expect((await stack.http().get(`/api/orders/${orderNo}`).set(bearer(other))).status).toBe(401);
    // A forged token gets nothing sent.
    const forged = await stack
      .http()
      .post('/api/customer-links')
      .send({ token: `${expired.slice(0, -4)}AAAA` });
    expect(forged.status).toBe(401);

    const resent = await stack.http().post('/api/customer-links').send({ token: expired });
    expect(resent.status).toBe(202);
    expect(resent.body.sentTo).toEqual([
      `+86 •••• ${phone.e164.slice(-4)}`,
      expect.stringMatching(/^e•••@example\.com$/),
    ]);
    const fresh = await eventually(async () => {
      const row = (await smsTo(phone.e164)).find((r) => kindOf(r) === 'LINK');
      expect(row).toBeDefined();
      return tokenIn((row as SinkRow).text);
    });
    const opened = await stack.http().get(`/api/orders/${orderNo}`).set(bearer(fresh));
    expect(opened.status).toBe(200);
    expect(opened.body.orderNo).toBe(orderNo);
    // Asking again at once is refused by the order (one fresh link a minute), and nothing more is sent.
    const tooSoon = await stack.http().post('/api/customer-links').send({ token: expired });
    expect(tooSoon.status).toBe(409);
    expect((await smsTo(phone.e164)).filter((r) => kindOf(r) === 'LINK')).toHaveLength(1);
    // One client address asks at most ten times in 15 minutes, whatever it sends (three so far).
    for (let i = 0; i < 7; i++) {
      const forgedAgain = await stack
        .http()
        .post('/api/customer-links')
        .send({ token: `L1.${orderNo}.x.y.z${i}` });
      expect(forgedAgain.status).toBe(401);
    }
    const limited = await stack.http().post('/api/customer-links').send({ token: expired });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Staff see that the customer asked.
    await eventually(async () => {
      const timeline = await stack.http().get(`/api/orders/${orderNo}/timeline`).set(bearer(agent.token));
      expect(timeline.body.map((e: { action: string }) => e.action)).toContain('CUSTOMER_LINK_REQUESTED');
    });
  });
});
