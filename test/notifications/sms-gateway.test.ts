// The SMS channel against real parts: the HTTP gateway posts to a receiver on loopback (node:http), the
// sink writes to the real PostgreSQL table, and GET /api/dev/sms-sink reads it back through the API.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import { createSmsSender, type SmsGatewayBody } from '../../src/notifications/sms';
import { openDataSource } from '../support/harness';
import { bearer, createStaff, startApiStack, type ApiStack, type TestUser } from '../api/api-harness';

interface ReceivedSms {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: SmsGatewayBody;
}

/** A gateway on loopback that records each request and answers `status`. */
class TestSmsGateway {
  readonly received: ReceivedSms[] = [];
  status = 202;
  answer = '{"id":"gw-1"}';

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<TestSmsGateway> {
    let self: TestSmsGateway | null = null;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        self?.received.push({
          method: req.method ?? '',
          path: req.url ?? '',
          headers: req.headers,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as SmsGatewayBody,
        });
        res.writeHead(self?.status ?? 500, { 'Content-Type': 'application/json' });
        res.end(self?.answer ?? '');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    self = new TestSmsGateway(server, `http://127.0.0.1:${port}/v1/sms?account=demo`);
    return self;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A fresh E.164 number per test, so rows of other tests (and runs) never match. */
function uniquePhone(): string {
  return `+86139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}

const sinkConfig = {
  SMS_PROVIDER: 'sink' as const,
  SMS_GATEWAY_URL: undefined,
  SMS_GATEWAY_TOKEN: undefined,
  SMS_SENDER: 'ServiceOrders',
};

describe('SMS channel', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await openDataSource();
  });
  afterAll(async () => {
    await dataSource.destroy();
  });

  describe('http gateway', () => {
    let gateway: TestSmsGateway;
    beforeAll(async () => {
      gateway = await TestSmsGateway.start();
    });
    afterAll(async () => {
      await gateway.close();
    });
    beforeEach(() => {
      gateway.received.length = 0;
      gateway.status = 202;
    });

    const httpSender = (token: string | undefined) =>
      createSmsSender(
        {
          SMS_PROVIDER: 'http',
          SMS_GATEWAY_URL: gateway.url,
          SMS_GATEWAY_TOKEN: token,
          SMS_SENDER: 'RepairCo',
        },
        dataSource,
      );

    it('POSTs the JSON body with the bearer token and the idempotency key', async () => {
      await httpSender('gw-secret')?.send(
        { to: '+8613800000001', text: '工单SO-20300101-000001已受理' },
        'SO-20300101-000001:customer:RECEIVED:1:customer:SMS',
      );
      expect(gateway.received).toHaveLength(1);
      const [request] = gateway.received;
      expect(request.method).toBe('POST');
      expect(request.path).toBe('/v1/sms?account=demo');
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers.authorization).toBe('Bearer gw-secret');
      expect(request.headers['x-idempotency-key']).toBe(
        'SO-20300101-000001:customer:RECEIVED:1:customer:SMS',
      );
      expect(request.body).toEqual({
        from: 'RepairCo',
        to: '+8613800000001',
        text: '工单SO-20300101-000001已受理',
        reference: 'SO-20300101-000001:customer:RECEIVED:1:customer:SMS',
      });
    });

    it('sends no Authorization header without SMS_GATEWAY_TOKEN', async () => {
      await httpSender(undefined)?.send({ to: '+8613800000001', text: 'hi' }, 'k-no-token');
      expect(gateway.received[0].headers.authorization).toBeUndefined();
    });

    it('throws on a 500, naming the status and the answer but not the query string', async () => {
      gateway.status = 500;
      gateway.answer = 'gateway down';
      const attempt = httpSender('gw-secret')?.send({ to: '+8613800000001', text: 'hi' }, 'k-500');
      await expect(attempt).rejects.toThrow(/answered 500: gateway down/);
      await expect(attempt).rejects.not.toThrow(/account=demo/);
    });

    it('throws when nothing answers', async () => {
      const closed = await TestSmsGateway.start();
      const url = closed.url;
      await closed.close();
      const sender = createSmsSender(
        { SMS_PROVIDER: 'http', SMS_GATEWAY_URL: url, SMS_GATEWAY_TOKEN: undefined, SMS_SENDER: 'RepairCo' },
        dataSource,
      );
      await expect(sender?.send({ to: '+8613800000001', text: 'hi' }, 'k-closed')).rejects.toThrow(
        /gave no answer/,
      );
    });
  });

  describe('sink', () => {
    it('writes one row per idempotency key, however often it is sent', async () => {
      const sender = createSmsSender(sinkConfig, dataSource);
      const to = uniquePhone();
      const key = `sink-${randomUUID()}`;
      await sender?.send({ to, text: 'first' }, key);
      await sender?.send({ to, text: 'first' }, key);
      await Promise.all([sender?.send({ to, text: 'first' }, key), sender?.send({ to, text: 'first' }, key)]);
      await sender?.send({ to, text: 'second' }, `${key}-2`);
      const rows = (await dataSource.query(
        `SELECT recipient, sender, text, idempotency_key FROM sms_sink_messages WHERE recipient = $1 ORDER BY text`,
        [to],
      )) as { recipient: string; sender: string; text: string; idempotency_key: string }[];
      expect(rows).toEqual([
        { recipient: to, sender: 'ServiceOrders', text: 'first', idempotency_key: key },
        { recipient: to, sender: 'ServiceOrders', text: 'second', idempotency_key: `${key}-2` },
      ]);
    });
  });

  describe('GET /api/dev/sms-sink', () => {
    let stack: ApiStack;
    let admin: TestUser;
    const to = uniquePhone();

    beforeAll(async () => {
      stack = await startApiStack({ prefix: 'sms-sink', env: { SMS_PROVIDER: 'sink' } });
      admin = await createStaff(stack, ['admin']);
      const sender = createSmsSender(sinkConfig, stack.dataSource);
      // One after another, so created_at orders them.
      for (const n of [1, 2, 3]) await sender?.send({ to, text: `message ${n}` }, `api-${randomUUID()}`);
      await sender?.send({ to: uniquePhone(), text: 'to someone else' }, `api-${randomUUID()}`);
    });
    afterAll(async () => {
      await stack.close();
    });

    it("lists one number's messages newest first, for an admin", async () => {
      const response = await stack
        .http()
        .get(`/api/dev/sms-sink?to=${encodeURIComponent(to)}`)
        .set(bearer(admin.token));
      expect(response.status).toBe(200);
      const items = response.body.items as {
        id: string;
        to: string;
        sender: string;
        text: string;
        createdAt: string;
      }[];
      expect(items.map((item) => item.text)).toEqual(['message 3', 'message 2', 'message 1']);
      expect(items[0]).toMatchObject({ to, sender: 'ServiceOrders' });
      expect(new Date(items[0].createdAt).toISOString()).toBe(items[0].createdAt);
    });

    it('takes an unencoded + (read as a space) and a limit', async () => {
      const response = await stack.http().get(`/api/dev/sms-sink?to=${to}&limit=2`).set(bearer(admin.token));
      expect(response.status).toBe(200);
      expect((response.body.items as { text: string }[]).map((item) => item.text)).toEqual([
        'message 3',
        'message 2',
      ]);
    });

    it.each([
      ['to=12345', 'to'],
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['limit=ten', 'limit'],
    ])('refuses %s with 400 naming the field', async (query, field) => {
      const response = await stack.http().get(`/api/dev/sms-sink?${query}`).set(bearer(admin.token));
      expect(response.status).toBe(400);
      expect((response.body.details as { field: string }[]).map((detail) => detail.field)).toContain(field);
    });

    it('is for admins only', async () => {
      const dispatcher = await createStaff(stack, ['dispatcher']);
      expect((await stack.http().get('/api/dev/sms-sink').set(bearer(dispatcher.token))).status).toBe(403);
      expect((await stack.http().get('/api/dev/sms-sink')).status).toBe(401);
    });

    it('answers 404 saying why when SMS_PROVIDER is not sink', async () => {
      const other = await startApiStack({ prefix: 'sms-off', env: { SMS_PROVIDER: 'none' } });
      try {
        const otherAdmin = await createStaff(other, ['admin']);
        const response = await other.http().get('/api/dev/sms-sink').set(bearer(otherAdmin.token));
        expect(response.status).toBe(404);
        expect(response.body.message).toContain('SMS_PROVIDER is none');
      } finally {
        await other.close();
      }
    });
  });
});
