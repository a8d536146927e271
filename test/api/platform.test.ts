// Auth, users, SLA policies and calendars, health, metrics, docs, request ids and body handling: the
// parts of the API that need no running workflow.
import { execFileSync } from 'node:child_process';
import { JwtService } from '@nestjs/jwt';
import type request from 'supertest';
import { ApiStack, bearer, createStaff, login, startApiStack, type TestUser } from './api-harness';

const ERROR_KEYS = ['error', 'message', 'statusCode'];

function expectErrorBody(body: Record<string, unknown>, status: number): void {
  expect(
    Object.keys(body)
      .filter((k) => k !== 'details')
      .sort(),
  ).toEqual(ERROR_KEYS);
  expect(body.statusCode).toBe(status);
}

/** JSON text nesting objects `depth` levels deep: `{"a":{"a":…1…}}`. */
const deepJson = (depth: number): string => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

describe('API platform', () => {
  let stack: ApiStack;
  let admin: string;
  let agent: TestUser;
  let dispatcher: TestUser;

  beforeAll(async () => {
    stack = await startApiStack({ prefix: 'api-platform' });
    admin = await login(stack, 'admin', 'admin-password');
    agent = await createStaff(stack, ['agent']);
    dispatcher = await createStaff(stack, ['dispatcher'], { region: 'north' });
  });

  afterAll(async () => {
    await stack?.close();
  });

  describe('auth', () => {
    it('creates the admin on first start and issues a JWT', async () => {
      expect(admin.split('.')).toHaveLength(3);
    });

    it('refuses a wrong password with 401 and the shared error body', async () => {
      const response = await stack
        .http()
        .post('/api/auth/login')
        .send({ username: 'admin', password: 'wrong-password' });
      expect(response.status).toBe(401);
      expectErrorBody(response.body, 401);
    });

    it('refuses a garbage bearer token with 401', async () => {
      const response = await stack.http().get('/api/users').set(bearer('a.b.c'));
      expect(response.status).toBe(401);
    });

    it('refuses a token minted for another audience (the codec session) as an API login', async () => {
      const { sub } = new JwtService().decode<{ sub: string }>(admin);
      const codecToken = new JwtService({ secret: stack.config.JWT_SECRET }).sign(
        { sub, roles: ['admin'] },
        // Same issuer as a login, so only the audience tells them apart.
        { audience: 'codec', issuer: 'service-order-api' },
      );
      const response = await stack.http().get('/api/users').set(bearer(codecToken));
      expect(response.status).toBe(401);
    });
  });

  describe('users', () => {
    it('lets the admin create a technician profile and refuses a duplicate username', async () => {
      const body = {
        username: `tech-${Date.now()}`,
        password: 'a-long-password',
        displayName: 'Li Wei',
        roles: ['technician'],
        region: 'north',
        skills: ['hvac'],
        capacity: 3,
        lat: 31.2,
        lng: 121.4,
      };
      const created = await stack.http().post('/api/users').set(bearer(admin)).send(body);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        username: body.username,
        roles: ['technician'],
        skills: ['hvac'],
        capacity: 3,
        active: true,
      });
      expect(created.body.passwordHash).toBeUndefined();
      const duplicate = await stack.http().post('/api/users').set(bearer(admin)).send(body);
      expect(duplicate.status).toBe(409);
    });

    it('lists users for dispatchers and refuses agents', async () => {
      const list = await stack.http().get('/api/users?role=technician').set(bearer(dispatcher.token));
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ page: 1, pageSize: 20 });
      expect((await stack.http().get('/api/users').set(bearer(agent.token))).status).toBe(403);
    });

    it('deactivates a user: their token and their login stop working at once', async () => {
      const tech = await createStaff(stack, ['technician']);
      const patched = await stack
        .http()
        .patch(`/api/users/${tech.id}`)
        .set(bearer(admin))
        .send({ active: false, capacity: 7 });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ active: false, capacity: 7 });
      expect((await stack.http().get('/api/me/notifications').set(bearer(tech.token))).status).toBe(401);
      const relogin = await stack
        .http()
        .post('/api/auth/login')
        .send({ username: tech.username, password: tech.password });
      expect(relogin.status).toBe(401);
    });

    it('never demotes the last active admin', async () => {
      const me = await stack.http().get('/api/users?role=admin').set(bearer(admin));
      const adminIds = (me.body.items as { id: string; active: boolean }[])
        .filter((u) => u.active)
        .map((u) => u.id);
      if (adminIds.length === 1) {
        const response = await stack
          .http()
          .patch(`/api/users/${adminIds[0]}`)
          .set(bearer(admin))
          .send({ active: false });
        expect(response.status).toBe(409);
      }
    });

    it('refuses null for a field that cannot be cleared with 400, not a 500', async () => {
      const tech = await createStaff(stack, ['technician']);
      for (const field of ['roles', 'skills', 'capacity', 'active', 'displayName']) {
        const response = await stack
          .http()
          .patch(`/api/users/${tech.id}`)
          .set(bearer(admin))
          .send({ [field]: null });
        expect({ field, status: response.status }).toEqual({ field, status: 400 });
        expect(response.body.details).toEqual([expect.objectContaining({ field })]);
      }
      // The nullable ones still clear.
      const cleared = await stack
        .http()
        .patch(`/api/users/${tech.id}`)
        .set(bearer(admin))
        .send({ email: null, region: null, lat: null, lng: null });
      expect(cleared.status).toBe(200);
      expect(cleared.body).toMatchObject({ email: null, region: null, lat: null, lng: null });
    });

    it('answers 404 for an unknown user and 400 for a malformed id', async () => {
      expect(
        (
          await stack
            .http()
            .patch('/api/users/00000000-0000-4000-8000-000000000000')
            .set(bearer(admin))
            .send({ capacity: 1 })
        ).status,
      ).toBe(404);
      const malformed = await stack
        .http()
        .patch('/api/users/not-a-uuid')
        .set(bearer(admin))
        .send({ capacity: 1 });
      expect(malformed.status).toBe(400);
      expect(malformed.body.details).toEqual([{ field: 'id', reasons: ['must be a uuid'] }]);
    });
  });

  describe('SLA policies and calendars', () => {
    it('lists the policies in force', async () => {
      const response = await stack.http().get('/api/sla-policies').set(bearer(admin));
      expect(response.status).toBe(200);
      expect(Array.isArray(response.body)).toBe(true);
    });

    it('refuses an invalid policy naming the fields', async () => {
      const current = (await stack.http().get('/api/sla-policies').set(bearer(admin))).body as Record<
        string,
        unknown
      >[];
      const repair = current.find((p) => p.orderType === 'REPAIR') ?? current[0];
      const { orderType: _t, version: _v, ...fields } = repair;
      const targets = { ...(fields.targets as Record<string, unknown>), review: 'soon', typo: '1h' };
      const response = await stack
        .http()
        .put('/api/sla-policies/REPAIR')
        .set(bearer(admin))
        .send({ ...fields, targets });
      expect(response.status).toBe(400);
      const named = (response.body.details as { field: string }[]).map((d) => d.field);
      expect(named).toEqual(expect.arrayContaining(['targets.review', 'targets.typo']));
    });

    it('saves a new version and says how many running orders were signalled', async () => {
      const current = (await stack.http().get('/api/sla-policies').set(bearer(admin))).body as Record<
        string,
        unknown
      >[];
      const testing = current.find((p) => p.orderType === 'TESTING');
      expect(testing).toBeDefined();
      const { orderType: _t, version, calendar: _c, ...fields } = testing as Record<string, unknown>;
      const response = await stack
        .http()
        .put('/api/sla-policies/TESTING')
        .set(bearer(admin))
        .send({ ...fields, maxReworks: 3, applyToRunning: true, reason: 'Three rework rounds from now on' });
      expect(response.status).toBe(200);
      expect(response.body.policy).toMatchObject({ orderType: 'TESTING', maxReworks: 3 });
      expect(response.body.policy.version).toBeGreaterThan(version as number);
      expect(response.body.signalledOrders).toBe(0);
    });

    it('refuses an unknown order type and non-admins', async () => {
      expect((await stack.http().put('/api/sla-policies/NOPE').set(bearer(admin)).send({})).status).toBe(400);
      expect((await stack.http().get('/api/sla-policies').set(bearer(agent.token))).status).toBe(403);
    });

    it('validates and stores calendars', async () => {
      const bad = await stack
        .http()
        .put('/api/calendars/shanghai')
        .set(bearer(admin))
        .send({
          timeZone: 'Mars/Base',
          workingHours: { mon: [{ start: '18:00', end: '09:00' }] },
          holidays: ['2025-02-30'],
        });
      expect(bad.status).toBe(400);
      expect((bad.body.details as { field: string }[]).map((d) => d.field)).toEqual(
        expect.arrayContaining(['timeZone', 'workingHours.mon[0].end', 'holidays[0]']),
      );
      const good = await stack
        .http()
        .put('/api/calendars/shanghai')
        .set(bearer(admin))
        .send({
          timeZone: 'Asia/Shanghai',
          workingHours: { mon: [{ start: '09:00', end: '18:00' }], tue: [{ start: '09:00', end: '18:00' }] },
          holidays: ['2025-10-01'],
        });
      expect(good.status).toBe(200);
      expect(good.body).toMatchObject({
        calendar: { name: 'shanghai', timeZone: 'Asia/Shanghai' },
        signalledOrders: 0,
      });
      const list = await stack.http().get('/api/calendars').set(bearer(admin));
      expect(list.body.map((c: { name: string }) => c.name)).toContain('shanghai');
    });

    it('takes back a policy and a calendar exactly as GET returned them (read-only fields included)', async () => {
      await stack
        .http()
        .put('/api/calendars/round-trip')
        .set(bearer(admin))
        .send({
          timeZone: 'Europe/Berlin',
          workingHours: { mon: [{ start: '08:00', end: '16:30' }] },
          holidays: ['2030-12-25'],
        })
        .expect(200);
      const calendars = (await stack.http().get('/api/calendars').set(bearer(admin))).body as {
        name: string;
      }[];
      const calendar = calendars.find((c) => c.name === 'round-trip');
      expect(calendar).toMatchObject({ name: 'round-trip' });
      const calendarPut = await stack
        .http()
        .put('/api/calendars/round-trip')
        .set(bearer(admin))
        .send(calendar!);
      expect({ status: calendarPut.status, body: calendarPut.body }).toMatchObject({
        status: 200,
        body: { calendar, signalledOrders: 0 },
      });

      const policies = (await stack.http().get('/api/sla-policies').set(bearer(admin))).body as {
        orderType: string;
        version: number;
      }[];
      for (const policy of policies.filter((p) => ['INSPECTION', 'TESTING'].includes(p.orderType))) {
        const put = await stack
          .http()
          .put(`/api/sla-policies/${policy.orderType}`)
          .set(bearer(admin))
          .send(policy);
        expect({ status: put.status, body: put.body }).toMatchObject({
          status: 200,
          body: { policy: { ...policy, version: policy.version + 1 }, signalledOrders: 0 },
        });
      }
      expect(policies.length).toBeGreaterThan(0);
    });

    it('refuses read-only fields that contradict the path, naming them', async () => {
      const [policy] = (await stack.http().get('/api/sla-policies').set(bearer(admin))).body as {
        orderType: string;
      }[];
      const other = policy.orderType === 'REPAIR' ? 'INSTALLATION' : 'REPAIR';
      const put = await stack.http().put(`/api/sla-policies/${other}`).set(bearer(admin)).send(policy);
      expect(put.status).toBe(400);
      expect(put.body.details).toEqual([{ field: 'orderType', reasons: [expect.stringContaining(other)] }]);
      const calendar = await stack
        .http()
        .put('/api/calendars/one-name')
        .set(bearer(admin))
        .send({ name: 'another-name', timeZone: 'UTC', workingHours: {}, holidays: [] });
      expect(calendar.status).toBe(400);
      expect(calendar.body.details).toEqual([
        { field: 'name', reasons: [expect.stringContaining('one-name')] },
      ]);
    });
  });

  describe('operations', () => {
    it('reports health of the database and Temporal', async () => {
      const response = await stack.http().get('/api/health');
      expect(response.status).toBe(200);
      expect(response.body.info).toMatchObject({ database: { status: 'up' }, temporal: { status: 'up' } });
    });

    it('exposes Prometheus metrics with the request histogram and the orders counter', async () => {
      const response = await stack.http().get('/metrics');
      expect(response.status).toBe(200);
      expect(response.text).toContain('http_request_duration_seconds_bucket');
      expect(response.text).toContain('route="/api/health"');
      expect(response.text).toContain('orders_created_total');
      expect(response.text).toContain('process_cpu_user_seconds_total');
    });

    it('honours an incoming x-request-id and makes one otherwise', async () => {
      const given = await stack.http().get('/api/health').set('x-request-id', 'req-123');
      expect(given.headers['x-request-id']).toBe('req-123');
      const made = await stack.http().get('/api/health');
      expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('sets security headers (helmet): strict CSP without upgrade-insecure-requests, no HSTS over plain HTTP', async () => {
      const response = await stack.http().get('/api/health');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      const csp = response.headers['content-security-policy'] as string;
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(response.headers['strict-transport-security']).toBeUndefined();
      const docs = await stack.http().get('/api/docs/');
      expect(docs.headers['content-security-policy']).toBe(csp);
    });

    it('serves an OpenAPI 3 document that validates against the schema, with every error response described', async () => {
      const response = await stack.http().get('/api/docs-json');
      expect(response.status).toBe(200);
      const document = response.body as {
        openapi: string;
        paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      };
      expect(document.openapi).toMatch(/^3\./);
      // The validator is an ES module: run it in a plain Node process.
      const script = `import('@seriousme/openapi-schema-validator').then(async ({ Validator }) => {
        let input = ''; for await (const chunk of process.stdin) input += chunk;
        const result = await new Validator().validate(JSON.parse(input));
        process.stdout.write(JSON.stringify(result));
      });`;
      const result = JSON.parse(
        execFileSync(process.execPath, ['-e', script], {
          input: JSON.stringify(document),
          cwd: process.cwd(),
        }).toString(),
      ) as { valid: boolean; errors?: unknown };
      expect(result).toEqual({ valid: true });
      expect(Object.keys(document.paths)).toEqual(
        expect.arrayContaining([
          '/api/orders',
          '/api/orders/{orderNo}/review',
          '/api/sla-policies/{orderType}',
          '/api/escalations/{id}/ack',
        ]),
      );
      for (const [path, operations] of Object.entries(document.paths)) {
        for (const [method, operation] of Object.entries(operations)) {
          // The two operations without any 4XX answer (redocly.yaml turns operation-4xx-response off for them).
          if (path === '/api/health' || (path === '/api/codec/session' && method === 'delete')) continue;
          const codes = Object.keys(operation.responses);
          expect({ path, method, has4xx: codes.some((c) => c.startsWith('4')) }).toEqual({
            path,
            method,
            has4xx: true,
          });
        }
      }
      const ui = await stack.http().get('/api/docs/');
      expect(ui.status).toBe(200);
    });

    it('answers unknown routes with 404 in the shared body', async () => {
      const response = await stack.http().get('/api/nothing-here').set(bearer(admin));
      expect(response.status).toBe(404);
      expectErrorBody(response.body, 404);
    });
  });

  describe('bodies', () => {
    it('refuses invalid JSON with 400', async () => {
      const response = await stack
        .http()
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .send('{"username": "admin",');
      expect(response.status).toBe(400);
      expectErrorBody(response.body, 400);
      expect(response.body.details).toEqual([{ field: 'body', reasons: ['must be valid JSON'] }]);
    });

    it('refuses a body nested 5,000 levels deep with 400 naming the reason, before auth and validation', async () => {
      const expected = [{ field: 'body', reasons: ['nested deeper than 32 levels'] }];
      const withoutToken = await stack
        .http()
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .send(deepJson(5000));
      expect(withoutToken.status).toBe(400);
      expectErrorBody(withoutToken.body, 400);
      expect(withoutToken.body.details).toEqual(expected);
      const arrays = await stack
        .http()
        .post('/api/users')
        .set(bearer(admin))
        .set('Content-Type', 'application/json')
        .send(`{"roles":${'['.repeat(5000)}${']'.repeat(5000)}}`);
      expect({ status: arrays.status, details: arrays.body.details }).toEqual({
        status: 400,
        details: expected,
      });
      const authenticated = await stack
        .http()
        .patch(`/api/users/${agent.id}`)
        .set(bearer(admin))
        .set('Content-Type', 'application/json')
        .send(deepJson(5000));
      expect({ status: authenticated.status, details: authenticated.body.details }).toEqual({
        status: 400,
        details: expected,
      });
    });

    it('lets a body within the depth limit through to field validation', async () => {
      const response = await stack
        .http()
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .send(deepJson(32));
      expect(response.status).toBe(400);
      expect((response.body.details as { field: string }[]).map((d) => d.field)).toContain('a');
    });

    it('keeps bracketed query keys flat (no nesting to overflow): 400, never 500', async () => {
      const response = await stack
        .http()
        .get(`/api/users?role${'[a]'.repeat(1000)}=x`)
        .set(bearer(admin));
      expect(response.status).toBe(400);
      expectErrorBody(response.body, 400);
    });

    it('refuses a huge body with 413', async () => {
      const response = await stack
        .http()
        .post('/api/auth/login')
        .send({ username: 'x'.repeat(200_000), password: 'y' });
      expect(response.status).toBe(413);
      expectErrorBody(response.body, 413);
    });

    it('refuses a non-JSON body with 415', async () => {
      const response = await stack
        .http()
        .post('/api/auth/login')
        .set('Content-Type', 'text/plain')
        .send('username=admin');
      expect(response.status).toBe(415);
    });

    it('refuses a JSON array or scalar body with 400', async () => {
      const array = await stack
        .http()
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .send('[]');
      expect(array.status).toBe(400);
      const empty = await stack.http().post('/api/auth/login');
      expect(empty.status).toBe(400);
      expect((empty.body.details as { field: string }[]).map((d) => d.field).sort()).toEqual([
        'password',
        'username',
      ]);
    });
  });
});

const attemptLogin = (stack: ApiStack, username: string, password: string) =>
  stack.http().post('/api/auth/login').send({ username, password });

/** A 429 in the shared error body naming no framework, whose Retry-After the message repeats. */
function expectTooManyLogins(response: request.Response, reason: RegExp): void {
  expect(response.status).toBe(429);
  expectErrorBody(response.body, 429);
  expect(response.body.error).toBe('Too Many Requests');
  expect(response.body.message).toMatch(reason);
  expect(`${response.text} ${JSON.stringify(response.headers)}`).not.toMatch(/throttl/i);
  const retryAfter = Number(response.headers['retry-after']);
  expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
  expect(response.body.message).toContain(`try again in ${retryAfter} s`);
}

describe('login rate limit per username', () => {
  let stack: ApiStack;

  beforeAll(async () => {
    stack = await startApiStack({ prefix: 'api-throttle', env: { LOGIN_ATTEMPTS_PER_MINUTE: '3' } });
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('locks a username out after its failed attempts, even with the right password; others from the same address still sign in', async () => {
    const locked = await createStaff(stack, ['agent']);
    const colleague = await createStaff(stack, ['agent']);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await attemptLogin(stack, locked.username, 'wrong-password')).status);
    expect(statuses).toEqual([401, 401, 401]);
    expectTooManyLogins(
      await attemptLogin(stack, locked.username, locked.password),
      /^Too many failed login attempts for this username; try again in \d+ s$/,
    );
    expect((await attemptLogin(stack, colleague.username, colleague.password)).status).toBe(200);
    expect((await attemptLogin(stack, colleague.username, 'wrong-password')).status).toBe(401);
  });

  it('never counts successful logins against the username', async () => {
    const user = await createStaff(stack, ['agent']);
    for (let i = 0; i < 5; i++)
      expect((await attemptLogin(stack, user.username, user.password)).status).toBe(200);
    expect((await attemptLogin(stack, user.username, 'wrong-password')).status).toBe(401);
  });

  it('counts only wrong passwords as failures, not requests refused by validation', async () => {
    const user = await createStaff(stack, ['agent']);
    for (let i = 0; i < 4; i++) expect((await attemptLogin(stack, user.username, '')).status).toBe(400);
    expect((await attemptLogin(stack, user.username, user.password)).status).toBe(200);
  });
});

describe('login rate limit per address', () => {
  let stack: ApiStack;

  beforeAll(async () => {
    stack = await startApiStack({
      prefix: 'api-throttle-address',
      env: { LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE: '5' },
    });
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('answers 429 after the allowed attempts from one address, successful or not, whatever the username', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await attemptLogin(stack, 'admin', 'admin-password')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expectTooManyLogins(
      await attemptLogin(stack, 'someone-else', 'any-password'),
      /^Too many login attempts from this address; try again in \d+ s$/,
    );
    expectTooManyLogins(
      await attemptLogin(stack, 'admin', 'admin-password'),
      /^Too many login attempts from this address; try again in \d+ s$/,
    );
  });
});

describe('codec endpoint wiring', () => {
  let stack: ApiStack;

  beforeAll(async () => {
    // A fixed test key: 32 bytes, base64.
    stack = await startApiStack({
      prefix: 'api-codec',
      env: { PAYLOAD_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') },
    });
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('lets admins through to the codec (its own guard decides) and refuses other staff', async () => {
    const admin = await login(stack, 'admin', 'admin-password');
    const agent = await createStaff(stack, ['agent']);
    const payloads = {
      payloads: [
        {
          metadata: { encoding: Buffer.from('json/plain').toString('base64') },
          data: Buffer.from('"hi"').toString('base64'),
        },
      ],
    };
    const decoded = await stack.http().post('/api/codec/decode').set(bearer(admin)).send(payloads);
    expect(decoded.status).toBe(200);
    expect(decoded.body.payloads).toHaveLength(1);
    expect(
      (await stack.http().post('/api/codec/decode').set(bearer(agent.token)).send(payloads)).status,
    ).toBe(403);
    expect((await stack.http().post('/api/codec/decode').send(payloads)).status).toBe(401);
  });
});
