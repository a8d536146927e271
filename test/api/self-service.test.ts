// The public self-service request (docs/customer.md, "Self-service request") against the real API, database
// and Temporal: the one-time code goes out through the SMS sink (SMS_PROVIDER=sink) and is read back from
// sms_sink_messages, as a customer reads it from their phone.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import QRCode from 'qrcode';
import { MAX_WRONG_CODE_ATTEMPTS, CODES_PER_ADDRESS, CODES_PER_PHONE } from '../../src/domain/self-service';
import { toE164 } from '../../src/domain/phone';
import { checkCustomerLink, customerLinkSecret } from '../../src/notifications/customer-link';
import { orderWorkflowId } from '../../src/workflows/service-order/service-order.messages';
import { serviceRequestBody, uniqueMobile } from '../factories/service-requests';
import { startApiStack, type ApiStack } from './api-harness';

const VERIFICATION = '/api/public/service-requests/verification';
const REQUESTS = '/api/public/service-requests';

interface Verification {
  verificationId: string;
  code: string;
  phone: string;
}

/** Asks for a code for `phone` and reads it from the SMS sink. */
async function verify(stack: ApiStack, phone = uniqueMobile()): Promise<Verification> {
  const sent = await stack.http().post(VERIFICATION).send({ phone });
  expect(sent.status).toBe(202);
  const verificationId = sent.body.verificationId as string;
  return { verificationId, code: await codeSentFor(stack, verificationId), phone };
}

async function codeSentFor(stack: ApiStack, verificationId: string): Promise<string> {
  const messages = (await stack.dataSource.query(
    `SELECT text FROM sms_sink_messages WHERE idempotency_key = $1`,
    [`verification:${verificationId}`],
  )) as { text: string }[];
  expect(messages).toHaveLength(1);
  const code = /\b(\d{6})\b/.exec(messages[0].text)?.[1];
  if (!code) throw new Error(`no code in ${messages[0].text}`);
  return code;
}

/** A 6-digit code that is not `code`. */
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('self-service requests', () => {
  let stack: ApiStack;

  beforeAll(async () => {
    stack = await startApiStack({ prefix: 'api-self-service', worker: true, env: { SMS_PROVIDER: 'sink' } });
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('sends one code by SMS and keeps only its HMAC', async () => {
    const phone = uniqueMobile();
    const e164 = toE164(phone, 'CN') as string;
    const before = Date.now();
    const sent = await stack.http().post(VERIFICATION).send({ phone, language: 'en' });
    expect(sent.status).toBe(202);
    expect(sent.body).toEqual({
      verificationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      expiresAt: expect.any(String),
      sentTo: `+86 •••• ${e164.slice(-4)}`,
    });
    const lifetime = Date.parse(sent.body.expiresAt) - before;
    expect(lifetime).toBeGreaterThan(9 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(10 * 60_000 + 5_000);

    const messages = (await stack.dataSource.query(
      `SELECT recipient, text FROM sms_sink_messages WHERE recipient = $1`,
      [e164],
    )) as { recipient: string; text: string }[];
    expect(messages).toHaveLength(1);
    expect(messages[0].text).toMatch(/^Service request code \d{6}, valid 10 min/);
    const code = await codeSentFor(stack, sent.body.verificationId);

    const [row] = (await stack.dataSource.query(`SELECT * FROM verification_codes WHERE id = $1`, [
      sent.body.verificationId,
    ])) as Record<string, unknown>[];
    expect(row).toMatchObject({ phone: e164, attempts: 0, used_at: null, order_no: null });
    expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(code);
    expect(row.requester_ip).toEqual(expect.any(String));
  });

  it('creates the order with the right code: PENDING_REVIEW, the customer as creator, a signed link', async () => {
    const verification = await verify(stack);
    const created = await stack.http().post(REQUESTS).send(serviceRequestBody(verification));
    expect(created.status).toBe(201);
    const { orderNo } = created.body as { orderNo: string };
    expect(created.body).toEqual({
      orderNo: expect.stringMatching(/^SO-\d{8}-\d{6}$/),
      status: 'PENDING_REVIEW',
      link: expect.stringMatching(new RegExp(`^${stack.config.PUBLIC_BASE_URL}/c/${orderNo}#t=`)),
      linkExpiresAt: expect.any(String),
      problems: [],
    });
    const token = (created.body.link as string).split('#t=')[1];
    expect(checkCustomerLink(customerLinkSecret(stack.config), token)).toEqual({ kind: 'VALID', orderNo });

    // The clerk's intake path: the intake row (no staff creator), the read copy, a running workflow.
    const [intake] = (await stack.dataSource.query(
      `SELECT created_by, response FROM order_intakes WHERE order_no = $1`,
      [orderNo],
    )) as { created_by: string | null; response: { status: string } }[];
    expect(intake).toEqual({
      created_by: null,
      response: expect.objectContaining({ status: 'PENDING_REVIEW' }),
    });
    const [order] = (await stack.dataSource.query(
      `SELECT channel, priority, total_amount, customer_phone, created_by FROM orders WHERE order_no = $1`,
      [orderNo],
    )) as Record<string, unknown>[];
    expect(order).toEqual({
      channel: 'ONLINE',
      priority: 'NORMAL',
      total_amount: '0.00',
      customer_phone: toE164(verification.phone, 'CN'),
      created_by: null,
    });
    const described = await stack.client.workflow.getHandle(orderWorkflowId(orderNo)).describe();
    expect(described.status.name).toBe('RUNNING');

    const [row] = (await stack.dataSource.query(
      `SELECT order_no, used_at FROM verification_codes WHERE id = $1`,
      [verification.verificationId],
    )) as { order_no: string; used_at: Date | null }[];
    expect(row.order_no).toBe(orderNo);
    expect(row.used_at).not.toBeNull();
  });

  it('starts an incomplete request in INFO_REQUIRED with the problems', async () => {
    const verification = await verify(stack);
    const created = await stack
      .http()
      .post(REQUESTS)
      .send(
        serviceRequestBody(verification, {
          type: 'REPAIR',
          equipment: { model: 'AC-9000' },
          preferredAppointment: undefined,
        }),
      );
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('INFO_REQUIRED');
    expect((created.body.problems as { field: string }[]).map((p) => p.field)).toEqual([
      'equipment.serialNumber',
      'equipment.purchaseDate',
      'appointment',
    ]);
  });

  it('answers a repeat of the request with the same order, and refuses the used code with another', async () => {
    const verification = await verify(stack);
    const body = serviceRequestBody(verification, { type: 'REPAIR', equipment: { model: 'AC-9000' } });
    const first = await stack.http().post(REQUESTS).send(body);
    expect(first.status).toBe(201);
    const again = await stack.http().post(REQUESTS).send(body);
    expect(again.status).toBe(201);
    expect(again.body).toEqual({
      ...first.body,
      link: expect.any(String),
      linkExpiresAt: expect.any(String),
    });
    expect(again.body.link).toMatch(new RegExp(`/c/${first.body.orderNo}#t=`));
    const intakes = (await stack.dataSource.query(
      `SELECT count(*)::int AS n FROM order_intakes WHERE order_no = $1`,
      [first.body.orderNo],
    )) as { n: number }[];
    expect(intakes[0].n).toBe(1);

    const wrongCode = await stack
      .http()
      .post(REQUESTS)
      .send({ ...body, code: wrong(verification.code) });
    expect(wrongCode.status).toBe(422);
    expect(wrongCode.body.details).toEqual({ field: 'code', reason: 'USED' });
  });

  it('creates one order when the same code is sent twice at once', async () => {
    const verification = await verify(stack);
    const body = serviceRequestBody(verification);
    const answers = await Promise.all([0, 1, 2].map(() => stack.http().post(REQUESTS).send(body)));
    // A request that finds the code taken while the order is being made is told to repeat (409).
    for (const answer of answers) expect([201, 409]).toContain(answer.status);
    const orderNos = new Set(answers.filter((a) => a.status === 201).map((a) => a.body.orderNo as string));
    expect(orderNos.size).toBe(1);
    const again = await stack.http().post(REQUESTS).send(body);
    expect(again.status).toBe(201);
    expect(orderNos.has(again.body.orderNo as string)).toBe(true);
  });

  it('counts wrong codes and kills the code after the fifth', async () => {
    const verification = await verify(stack);
    const body = serviceRequestBody(verification);
    for (let attempt = 1; attempt <= MAX_WRONG_CODE_ATTEMPTS; attempt += 1) {
      const refused = await stack
        .http()
        .post(REQUESTS)
        .send({ ...body, code: wrong(verification.code) });
      expect(refused.status).toBe(422);
      const left = MAX_WRONG_CODE_ATTEMPTS - attempt;
      expect(refused.body.details).toEqual({
        field: 'code',
        reason: left > 0 ? 'WRONG' : 'TOO_MANY_ATTEMPTS',
        attemptsLeft: left,
      });
    }
    const dead = await stack.http().post(REQUESTS).send(body);
    expect(dead.status).toBe(422);
    expect(dead.body.details).toEqual({ field: 'code', reason: 'TOO_MANY_ATTEMPTS', attemptsLeft: 0 });
    const [row] = (await stack.dataSource.query(
      `SELECT attempts, order_no FROM verification_codes WHERE id = $1`,
      [verification.verificationId],
    )) as { attempts: number; order_no: string | null }[];
    expect(row).toEqual({ attempts: MAX_WRONG_CODE_ATTEMPTS, order_no: null });
  });

  it('refuses an expired code', async () => {
    const verification = await verify(stack);
    await stack.dataSource.query(
      `UPDATE verification_codes SET expires_at = now() - interval '1 second' WHERE id = $1`,
      [verification.verificationId],
    );
    const refused = await stack.http().post(REQUESTS).send(serviceRequestBody(verification));
    expect(refused.status).toBe(422);
    expect(refused.body.details).toEqual({ field: 'code', reason: 'EXPIRED' });
  });

  it('refuses a request for another phone than the code went to, and an unknown verification', async () => {
    const verification = await verify(stack);
    const otherPhone = await stack
      .http()
      .post(REQUESTS)
      .send(serviceRequestBody({ ...verification, phone: uniqueMobile() }));
    expect(otherPhone.status).toBe(422);
    expect(otherPhone.body.details).toEqual({ field: 'customer.phone', reason: 'PHONE_MISMATCH' });

    const unknown = await stack
      .http()
      .post(REQUESTS)
      .send(serviceRequestBody({ ...verification, verificationId: '00000000-0000-4000-8000-000000000000' }));
    expect(unknown.status).toBe(422);
    expect(unknown.body.details).toEqual({ field: 'verificationId', reason: 'UNKNOWN' });
    // Neither counted as a try.
    const created = await stack.http().post(REQUESTS).send(serviceRequestBody(verification));
    expect(created.status).toBe(201);
  });

  it(`sends at most ${CODES_PER_PHONE.codes} codes to one phone in the window (429 with Retry-After)`, async () => {
    const phone = uniqueMobile();
    for (let sent = 0; sent < CODES_PER_PHONE.codes; sent += 1) {
      expect((await stack.http().post(VERIFICATION).send({ phone })).status).toBe(202);
    }
    // The same number written another way is the same phone.
    const national = (toE164(phone, 'CN') as string).replace('+86', '');
    const limited = await stack.http().post(VERIFICATION).send({ phone: national });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    expect(limited.body.message).toMatch(/Too many codes were sent to this phone/);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(CODES_PER_PHONE.windowMs / 1000);
    const sunk = (await stack.dataSource.query(
      `SELECT count(*)::int AS n FROM sms_sink_messages WHERE recipient = $1`,
      [toE164(phone, 'CN')],
    )) as { n: number }[];
    expect(sunk[0].n).toBe(CODES_PER_PHONE.codes);
  });

  it('refuses a phone that is not a number with 400 naming phone', async () => {
    for (const phone of ['12345', 'call me', '']) {
      const refused = await stack.http().post(VERIFICATION).send({ phone });
      expect(refused.status).toBe(400);
      expect((refused.body.details as { field: string }[]).map((d) => d.field)).toEqual(['phone']);
    }
    const missing = await stack.http().post(VERIFICATION).send({});
    expect(missing.status).toBe(400);
    expect((missing.body.details as { field: string }[]).map((d) => d.field)).toEqual(['phone']);

    const request = await stack
      .http()
      .post(REQUESTS)
      .send(
        serviceRequestBody(
          { verificationId: 'nope', code: '12', phone: '12345' },
          { customer: { vip: true } },
        ),
      );
    expect(request.status).toBe(400);
    const fields = (request.body.details as { field: string }[]).map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['verificationId', 'code', 'customer.vip']));
  });

  it('draws the poster QR code of the request page as SVG', async () => {
    const plain = await stack.http().get(`${REQUESTS}/qr.svg`);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-type']).toMatch(/^image\/svg\+xml/);
    // supertest keeps an image/* body as a Buffer.
    const svg = (plain.body as Buffer).toString('utf8');
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const page = `${stack.config.PUBLIC_BASE_URL}/request`;
    expect(svg).toBe(await QRCode.toString(page, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }));

    const model = 'AC 9000/β';
    const forModel = await stack.http().get(`${REQUESTS}/qr.svg`).query({ model });
    expect(forModel.status).toBe(200);
    expect((forModel.body as Buffer).toString('utf8')).toBe(
      await QRCode.toString(`${page}?model=${encodeURIComponent(model)}`, {
        type: 'svg',
        errorCorrectionLevel: 'M',
        margin: 2,
      }),
    );

    const tooLong = await stack
      .http()
      .get(`${REQUESTS}/qr.svg`)
      .query({ model: 'x'.repeat(101) });
    expect(tooLong.status).toBe(400);
    expect((tooLong.body.details as { field: string }[]).map((d) => d.field)).toEqual(['model']);

    // The address printed under the code is the one the code holds.
    const link = await stack.http().get(`${REQUESTS}/link`).query({ model });
    expect(link.status).toBe(200);
    expect(link.body).toEqual({ url: `${page}?model=${encodeURIComponent(model)}` });
    expect((await stack.http().get(`${REQUESTS}/link`)).body).toEqual({ url: page });
  });
});

describe('self-service requests: per address and without SMS', () => {
  it(`sends at most ${CODES_PER_ADDRESS.codes} codes per client address in the window`, async () => {
    const stack = await startApiStack({ prefix: 'api-self-service-address', env: { SMS_PROVIDER: 'sink' } });
    try {
      for (let sent = 0; sent < CODES_PER_ADDRESS.codes; sent += 1) {
        expect((await stack.http().post(VERIFICATION).send({ phone: uniqueMobile() })).status).toBe(202);
      }
      const limited = await stack.http().post(VERIFICATION).send({ phone: uniqueMobile() });
      expect(limited.status).toBe(429);
      expect(limited.body.message).toMatch(/from this address/);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await stack.close();
    }
  });

  it('answers 503 when the SMS gateway fails; the code still counts against the phone', async () => {
    const received: { to: string; text: string }[] = [];
    const gateway = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        received.push(JSON.parse(body) as { to: string; text: string });
        res.writeHead(500).end('gateway down');
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    const { port } = gateway.address() as AddressInfo;
    const stack = await startApiStack({
      prefix: 'api-self-service-gateway',
      env: { SMS_PROVIDER: 'http', SMS_GATEWAY_URL: `http://127.0.0.1:${port}/sms` },
    });
    try {
      const phone = uniqueMobile();
      const refused = await stack.http().post(VERIFICATION).send({ phone });
      expect(refused.status).toBe(503);
      expect(refused.body.message).toBe('The code could not be sent by SMS; try again shortly');
      expect(received).toEqual([
        {
          from: expect.any(String),
          to: toE164(phone, 'CN'),
          text: expect.any(String),
          reference: expect.any(String),
        },
      ]);
      const rows = (await stack.dataSource.query(
        `SELECT count(*)::int AS n FROM verification_codes WHERE phone = $1`,
        [toE164(phone, 'CN')],
      )) as { n: number }[];
      expect(rows[0].n).toBe(1);
    } finally {
      await stack.close();
      await new Promise((resolve) => gateway.close(resolve));
    }
  });

  it('answers 503 when the server sends no SMS, and stores no code', async () => {
    const stack = await startApiStack({ prefix: 'api-self-service-off', env: { SMS_PROVIDER: 'none' } });
    try {
      const phone = uniqueMobile();
      const refused = await stack.http().post(VERIFICATION).send({ phone });
      expect(refused.status).toBe(503);
      expect(refused.body.message).toMatch(/SMS_PROVIDER is none/);
      const rows = (await stack.dataSource.query(
        `SELECT count(*)::int AS n FROM verification_codes WHERE phone = $1`,
        [toE164(phone, 'CN')],
      )) as { n: number }[];
      expect(rows[0].n).toBe(0);
    } finally {
      await stack.close();
    }
  });
});
