// SPEC §6 on the real dev server: the payload codec keeps customer data out of Temporal's history, our clients
// read it back, and the admin-only codec endpoint decodes it for the Web UI.
import type { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { Client, Connection } from '@temporalio/client';
import { METADATA_ENCODING_KEY, type Payload } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { CodecModule } from '../../src/api/codec/codec.module';
import type { CodecConfig } from '../../src/api/codec/codec.options';
import { createDataConverter } from '../../src/temporal/data-converter';
import { ENCRYPTED_ENCODING, METADATA_ENCRYPTION_KEY_ID } from '../../src/temporal/payload-codec';
import { integrationEnv, uniqueTaskQueue } from '../support/harness';
import { echoWorkflow, type EchoInput } from './echo.workflow';

const UI_ORIGIN = 'http://localhost:8233';
const JWT_SECRET = 'codec-test-secret-0123456789abcdef-0123456789';
const text = (bytes: Uint8Array | null | undefined) =>
  Buffer.from(bytes ?? new Uint8Array()).toString('utf8');
const toJson = (payload: Payload) => ({
  metadata: Object.fromEntries(
    Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
  ),
  data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64'),
});

describe('payload encryption and the codec endpoint', () => {
  const key = randomBytes(32).toString('base64');
  const dataConverter = createDataConverter({ PAYLOAD_ENCRYPTION_KEY: key });
  const { temporalAddress, namespace } = integrationEnv();
  const taskQueue = uniqueTaskQueue('codec');
  const input: EchoInput = {
    orderNo: `SO-CODEC-${Date.now()}`,
    customer: { name: 'Li Xiaolong', phone: '+86 139 1234 5678', address: '12 Nanjing West Road, Shanghai' },
  };
  const config: CodecConfig = {
    PAYLOAD_ENCRYPTION_KEY: key,
    JWT_SECRET,
    TEMPORAL_NAMESPACE: namespace,
    TEMPORAL_UI_PORT: 8233,
    CODEC_CORS_ORIGINS: undefined,
  };
  const jwt = new JwtService({ secret: JWT_SECRET });
  const adminToken = jwt.sign({ sub: randomUUID(), username: 'root', roles: ['admin'] });
  const agentToken = jwt.sign({ sub: randomUUID(), username: 'agent', roles: ['agent', 'dispatcher'] });

  let connection: Connection;
  let nativeConnection: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;
  let codecClient: Client;
  let plainClient: Client;
  let app: INestApplication;
  let workflowId: string;

  beforeAll(async () => {
    // ERROR: the bundler's progress and "no activities registered" are expected here.
    Runtime.install({ logger: new DefaultLogger('ERROR') });
    nativeConnection = await NativeConnection.connect({ address: temporalAddress });
    worker = await Worker.create({
      connection: nativeConnection,
      namespace,
      taskQueue,
      workflowsPath: require.resolve('./echo.workflow'),
      dataConverter,
    });
    running = worker.run();
    connection = await Connection.connect({ address: temporalAddress });
    codecClient = new Client({ connection, namespace, dataConverter });
    plainClient = new Client({ connection, namespace });

    const moduleRef = await Test.createTestingModule({
      imports: [CodecModule.register({ config })],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.setGlobalPrefix('api');
    await app.init();

    workflowId = `codec-echo-${input.orderNo}`;
    const result = await codecClient.workflow.execute(echoWorkflow, { taskQueue, workflowId, args: [input] });
    expect(result).toEqual(input);
  });

  afterAll(async () => {
    await app?.close();
    if (worker?.getState() === 'RUNNING') worker.shutdown();
    await running;
    await nativeConnection?.close();
    await connection?.close();
  });

  async function rawHistory(): Promise<temporal.api.history.v1.IHistoryEvent[]> {
    // Straight from the service, no data converter anywhere: exactly what the server stored.
    const response = await connection.workflowService.getWorkflowExecutionHistory({
      namespace,
      execution: { workflowId },
    });
    return response.history?.events ?? [];
  }

  async function rawInputPayload(): Promise<Payload> {
    const [started] = await rawHistory();
    const payload = started.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
    if (!payload) throw new Error('no input payload in the history');
    return payload;
  }

  it('stores ciphertext in the history: encoding binary/encrypted, no customer data in the bytes', async () => {
    const events = await rawHistory();
    const input = events[0].workflowExecutionStartedEventAttributes?.input?.payloads ?? [];
    const completed = events.find((e) => e.workflowExecutionCompletedEventAttributes);
    const result = completed?.workflowExecutionCompletedEventAttributes?.result?.payloads ?? [];
    expect(input).toHaveLength(1);
    expect(result).toHaveLength(1);
    for (const payload of [...input, ...result]) {
      expect(text(payload.metadata?.[METADATA_ENCODING_KEY])).toBe(ENCRYPTED_ENCODING);
      expect(text(payload.metadata?.[METADATA_ENCRYPTION_KEY_ID])).toMatch(/^sha256:[0-9a-f]{16}$/);
    }
    // The whole serialised history, not just one field: no name, phone or address anywhere.
    const bytes = Buffer.from(temporal.api.history.v1.History.encode({ events }).finish());
    for (const secret of ['Li Xiaolong', '139 1234 5678', 'Nanjing West Road']) {
      expect(bytes.includes(Buffer.from(secret))).toBe(false);
    }
  });

  it('reads the result back through a client with the codec, and not without it', async () => {
    await expect(codecClient.workflow.getHandle(workflowId).result()).resolves.toEqual(input);
    await expect(plainClient.workflow.getHandle(workflowId).result()).rejects.toThrow(
      /encoding|binary\/encrypted/i,
    );
  });

  it('decodes the raw history payload for an admin, honouring X-Namespace, with CORS for the UI', async () => {
    const response = await request(app.getHttpServer())
      .post('/api/codec/decode')
      .set('Authorization', `Bearer ${adminToken}`)
      .set('X-Namespace', namespace)
      .set('Origin', UI_ORIGIN)
      .send({ payloads: [toJson(await rawInputPayload())] })
      .expect(200);
    expect(response.headers['access-control-allow-origin']).toBe(UI_ORIGIN);
    expect(response.headers['access-control-allow-credentials']).toBe('true');
    const [decoded] = response.body.payloads as { metadata: Record<string, string>; data: string }[];
    expect(Buffer.from(decoded.metadata.encoding, 'base64').toString()).toBe('json/plain');
    expect(JSON.parse(Buffer.from(decoded.data, 'base64').toString())).toEqual(input);
  });

  it('encodes for the UI (e.g. a signal typed in the UI) what the workers can decode', async () => {
    const plain = {
      metadata: { encoding: Buffer.from('json/plain').toString('base64') },
      data: Buffer.from(JSON.stringify(input)).toString('base64'),
    };
    const encoded = await request(app.getHttpServer())
      .post('/api/codec/encode')
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ payloads: [plain] })
      .expect(200);
    const [sealed] = encoded.body.payloads as { metadata: Record<string, string>; data: string }[];
    expect(Buffer.from(sealed.metadata.encoding, 'base64').toString()).toBe(ENCRYPTED_ENCODING);
    const [back] = await dataConverter!.payloadCodecs![0].decode([
      {
        metadata: {
          encoding: Buffer.from(sealed.metadata.encoding, 'base64'),
          [METADATA_ENCRYPTION_KEY_ID]: Buffer.from(sealed.metadata[METADATA_ENCRYPTION_KEY_ID], 'base64'),
        },
        data: Buffer.from(sealed.data, 'base64'),
      },
    ]);
    expect(JSON.parse(text(back.data))).toEqual(input);
  });

  it.each([
    ['no token', undefined, 401],
    [
      'a token signed with another secret',
      `Bearer ${new JwtService({ secret: 'x'.repeat(40) }).sign({ sub: 'u', roles: ['admin'] })}`,
      401,
    ],
    ['a malformed header', 'Basic YWRtaW46YWRtaW4=', 401],
    ['a non-admin token', `Bearer ${agentToken}`, 403],
  ])('refuses %s with the API error body', async (_who, authorization, status) => {
    const call = request(app.getHttpServer()).post('/api/codec/decode').set('Origin', UI_ORIGIN);
    if (authorization) void call.set('Authorization', authorization);
    const response = await call.send({ payloads: [toJson(await rawInputPayload())] }).expect(status);
    expect(response.body).toEqual({
      statusCode: status,
      error: status === 401 ? 'Unauthorized' : 'Forbidden',
      message: expect.any(String),
    });
    // The UI can read the refusal: CORS headers are on errors too.
    expect(response.headers['access-control-allow-origin']).toBe(UI_ORIGIN);
  });

  it('treats an empty X-Namespace (what the temporal CLI sends) as not given', async () => {
    const response = await request(app.getHttpServer())
      .post('/api/codec/decode')
      .set('Authorization', `Bearer ${adminToken}`)
      .set('X-Namespace', '')
      .send({ payloads: [toJson(await rawInputPayload())] });
    expect(response.status).toBe(200);
  });

  it('refuses another namespace and a malformed body with 400', async () => {
    const server = app.getHttpServer();
    const auth = `Bearer ${adminToken}`;
    const body = { payloads: [toJson(await rawInputPayload())] };
    const other = await request(server)
      .post('/api/codec/decode')
      .set('Authorization', auth)
      .set('X-Namespace', 'someone-else')
      .send(body)
      .expect(400);
    expect(other.body.message).toContain('someone-else');
    await request(server)
      .post('/api/codec/decode')
      .set('Authorization', auth)
      .send({ payload: [] })
      .expect(400);
    await request(server)
      .post('/api/codec/decode')
      .set('Authorization', auth)
      .send({ payloads: [{ data: 'not base64!' }] })
      .expect(400);
    const tampered = toJson(await rawInputPayload());
    tampered.data = Buffer.from(
      Buffer.from(tampered.data, 'base64').map((b, i) => (i === 20 ? b ^ 1 : b)),
    ).toString('base64');
    const refused = await request(server)
      .post('/api/codec/decode')
      .set('Authorization', auth)
      .send({ payloads: [tampered] })
      .expect(400);
    expect(refused.body.message).toMatch(/failed authentication/);
  });

  it('answers the CORS preflight of the UI origin, and refuses other origins', async () => {
    const preflight = await request(app.getHttpServer())
      .options('/api/codec/decode')
      .set('Origin', UI_ORIGIN)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type,x-namespace')
      .expect(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(UI_ORIGIN);
    expect(preflight.headers['access-control-allow-credentials']).toBe('true');
    expect(preflight.headers['access-control-allow-methods']).toContain('POST');
    expect(preflight.headers['access-control-allow-headers']).toBe(
      'Authorization, Content-Type, X-Namespace',
    );
    expect(preflight.headers.vary).toContain('Origin');

    const foreign = await request(app.getHttpServer())
      .options('/api/codec/decode')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST')
      .expect(403);
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
  });

  describe('the codec session cookie (what the Web UI sends with "Include cross-origin credentials")', () => {
    const sessionCookie = (response: request.Response): string => {
      const header = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
      const line = header.find((cookie) => cookie.startsWith('codec_session='));
      if (!line) throw new Error(`no codec_session cookie in ${JSON.stringify(header)}`);
      return line;
    };
    const cookieValue = (line: string) => line.split(';')[0].slice('codec_session='.length);
    const decodeWithCookie = async (cookie: string) =>
      request(app.getHttpServer())
        .post('/api/codec/decode')
        .set('Origin', UI_ORIGIN)
        .set('Cookie', `theme=dark; codec_session=${cookie}`)
        .send({ payloads: [toJson(await rawInputPayload())] });

    async function createSession(): Promise<string> {
      const response = await request(app.getHttpServer())
        .post('/api/codec/session')
        .set('Authorization', `Bearer ${adminToken}`)
        .expect(200);
      return cookieValue(sessionCookie(response));
    }

    it('is created only for a bearer admin token (401 / 403 otherwise, a cookie cannot renew itself)', async () => {
      const server = app.getHttpServer();
      const none = await request(server).post('/api/codec/session').set('Origin', UI_ORIGIN).expect(401);
      expect(none.headers['set-cookie']).toBeUndefined();
      expect(none.headers['access-control-allow-origin']).toBe(UI_ORIGIN);
      const agent = await request(server)
        .post('/api/codec/session')
        .set('Authorization', `Bearer ${agentToken}`)
        .expect(403);
      expect(agent.headers['set-cookie']).toBeUndefined();
      await request(server)
        .post('/api/codec/session')
        .set('Cookie', `codec_session=${await createSession()}`)
        .expect(401);
    });

    it('sets an HttpOnly, Path=/api/codec, SameSite=Lax cookie holding an 8h JWT with aud codec', async () => {
      const response = await request(app.getHttpServer())
        .post('/api/codec/session')
        .set('Authorization', `Bearer ${adminToken}`)
        .expect(200);
      const line = sessionCookie(response);
      const attributes = line.split(/;\s*/).slice(1);
      expect(attributes).toEqual(
        expect.arrayContaining(['HttpOnly', 'Path=/api/codec', 'SameSite=Lax', 'Max-Age=28800']),
      );
      expect(attributes).not.toContain('Secure'); // plain http here
      expect(response.headers['cache-control']).toBe('no-store');
      const claims = jwt.verify<{ sub: string; roles: string[]; aud: string; iat: number; exp: number }>(
        cookieValue(line),
      );
      expect(claims).toMatchObject({
        sub: jwt.decode<{ sub: string }>(adminToken).sub,
        roles: ['admin'],
        aud: 'codec',
      });
      expect(claims.exp - claims.iat).toBe(8 * 60 * 60);
      expect(Date.parse(response.body.expiresAt)).toBe(claims.exp * 1000);

      // Never longer than the login it came from.
      const shortLived = jwt.sign({ sub: randomUUID(), roles: ['admin'] }, { expiresIn: 600 });
      const short = await request(app.getHttpServer())
        .post('/api/codec/session')
        .set('Authorization', `Bearer ${shortLived}`)
        .expect(200);
      const maxAge = Number(/Max-Age=(\d+)/.exec(sessionCookie(short))?.[1]);
      expect(maxAge).toBeGreaterThan(590);
      expect(maxAge).toBeLessThanOrEqual(600);
    });

    it('adds Secure when the request came over https (behind a trusted proxy)', async () => {
      const moduleRef = await Test.createTestingModule({
        imports: [CodecModule.register({ config })],
      }).compile();
      const proxied = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
      proxied.setGlobalPrefix('api');
      proxied.set('trust proxy', true);
      await proxied.init();
      try {
        const response = await request(proxied.getHttpServer())
          .post('/api/codec/session')
          .set('Authorization', `Bearer ${adminToken}`)
          .set('X-Forwarded-Proto', 'https')
          .expect(200);
        expect(sessionCookie(response).split(/;\s*/)).toContain('Secure');
      } finally {
        await proxied.close();
      }
    });

    it('decodes with only the cookie (no Authorization header) from the UI origin', async () => {
      const response = await decodeWithCookie(await createSession());
      expect(response.status).toBe(200);
      expect(response.headers['access-control-allow-origin']).toBe(UI_ORIGIN);
      expect(response.headers['access-control-allow-credentials']).toBe('true');
      const [decoded] = response.body.payloads as { data: string }[];
      expect(JSON.parse(Buffer.from(decoded.data, 'base64').toString())).toEqual(input);
    });

    it.each([
      [
        'a tampered cookie',
        (cookie: string) => `${cookie.slice(0, -4)}${cookie.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`,
        401,
      ],
      ['an access token (not aud codec) as the cookie', () => adminToken, 401],
      [
        'a codec cookie signed with another secret',
        () =>
          new JwtService({ secret: 'x'.repeat(40) }).sign(
            { sub: 'u', roles: ['admin'] },
            { audience: 'codec' },
          ),
        401,
      ],
      [
        'an expired codec cookie',
        () => jwt.sign({ sub: 'u', roles: ['admin'], exp: 1 }, { audience: 'codec' }),
        401,
      ],
      [
        'a codec cookie of a non-admin',
        () => jwt.sign({ sub: 'u', roles: ['agent'] }, { audience: 'codec' }),
        403,
      ],
    ])('refuses %s', async (_what, cookieOf, status) => {
      const response = await decodeWithCookie(cookieOf(await createSession()));
      expect(response.status).toBe(status);
      expect(response.body).toEqual({
        statusCode: status,
        error: expect.any(String),
        message: expect.any(String),
      });
    });

    it('GET reports the session (204 / 401), DELETE clears it, as a browser cookie jar sees it', async () => {
      const browser = request.agent(app.getHttpServer());
      await browser.get('/api/codec/session').expect(401);
      // A bearer token alone is not a session.
      await browser.get('/api/codec/session').set('Authorization', `Bearer ${adminToken}`).expect(401);

      await browser.post('/api/codec/session').set('Authorization', `Bearer ${adminToken}`).expect(200);
      await browser.get('/api/codec/session').set('Origin', UI_ORIGIN).expect(204);
      await browser
        .post('/api/codec/decode')
        .set('Origin', UI_ORIGIN)
        .send({ payloads: [toJson(await rawInputPayload())] })
        .expect(200);

      const cleared = await browser.delete('/api/codec/session').set('Origin', UI_ORIGIN).expect(204);
      const line = sessionCookie(cleared);
      expect(line).toMatch(/^codec_session=;/);
      expect(line).toContain('Path=/api/codec');
      expect(line).toMatch(/Expires=Thu, 01 Jan 1970/);
      await browser.get('/api/codec/session').expect(401);
      await browser.post('/api/codec/decode').send({ payloads: [] }).expect(401);
    });

    it('lets the UI preflight GET and DELETE too', async () => {
      const preflight = await request(app.getHttpServer())
        .options('/api/codec/session')
        .set('Origin', UI_ORIGIN)
        .set('Access-Control-Request-Method', 'DELETE')
        .expect(204);
      expect(preflight.headers['access-control-allow-methods']).toBe('GET, POST, DELETE, OPTIONS');
      expect(preflight.headers['access-control-allow-credentials']).toBe('true');
    });

    it('is checked by the optional admin check too', async () => {
      const cookie = await createSession();
      const moduleRef = await Test.createTestingModule({
        imports: [CodecModule.register({ config, confirmAdmin: async () => false })],
      }).compile();
      const strict = moduleRef.createNestApplication({ logger: false });
      strict.setGlobalPrefix('api');
      await strict.init();
      try {
        await request(strict.getHttpServer())
          .get('/api/codec/session')
          .set('Cookie', `codec_session=${cookie}`)
          .expect(401);
      } finally {
        await strict.close();
      }
    });
  });

  it('lets an optional admin check refuse a token whose account is gone', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [CodecModule.register({ config, confirmAdmin: async () => false })],
    }).compile();
    const strict = moduleRef.createNestApplication({ logger: false });
    strict.setGlobalPrefix('api');
    await strict.init();
    try {
      await request(strict.getHttpServer())
        .post('/api/codec/decode')
        .set('Authorization', `Bearer ${adminToken}`)
        .send({ payloads: [] })
        .expect(401);
    } finally {
      await strict.close();
    }
  });

  it('is absent (404) when no PAYLOAD_ENCRYPTION_KEY is configured', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [CodecModule.register({ config: { ...config, PAYLOAD_ENCRYPTION_KEY: undefined } })],
    }).compile();
    const disabled = moduleRef.createNestApplication({ logger: false });
    disabled.setGlobalPrefix('api');
    await disabled.init();
    try {
      const response = await request(disabled.getHttpServer())
        .post('/api/codec/decode')
        .set('Authorization', `Bearer ${adminToken}`)
        .send({ payloads: [] })
        .expect(404);
      expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
      await request(disabled.getHttpServer())
        .options('/api/codec/decode')
        .set('Origin', UI_ORIGIN)
        .expect(404);
    } finally {
      await disabled.close();
    }
  });

  it('keeps reading histories written before the key was set', async () => {
    const plainId = `codec-plain-${input.orderNo}`;
    // A worker with the codec still runs a workflow started without one: decode passes plain payloads through.
    await plainClient.workflow.start(echoWorkflow, { taskQueue, workflowId: plainId, args: [input] });
    await expect(codecClient.workflow.getHandle(plainId).result()).resolves.toEqual(input);
    const history = await connection.workflowService.getWorkflowExecutionHistory({
      namespace,
      execution: { workflowId: plainId },
    });
    const started =
      history.history?.events?.[0].workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
    expect(text(started?.metadata?.[METADATA_ENCODING_KEY])).toBe('json/plain');
  });
});
