// Order commands retried with an Idempotency-Key, end to end over HTTP on a real worker: one effect per
// key, the first answer again (refusals too), and what a 503 says. Also: an order answered 201 can be
// read before any workflow ran (the intake's stored copy).
import { intakeBody } from '../factories/orders';
import { eventually, startWorker, type RunningWorker } from '../support/harness';
import { ApiStack, bearer, createStaff, startApiStack, type TestUser } from './api-harness';

interface Timeline {
  action: string;
}

interface Parameter {
  in: string;
  name: string;
  required?: boolean;
}

interface Operation {
  parameters?: (Parameter | { $ref: string })[];
  responses: Record<string, { headers?: Record<string, unknown> }>;
}

describe('order commands with Idempotency-Key', () => {
  let stack: ApiStack;
  let agent: TestUser;
  let dispatcher: TestUser;
  let technician: TestUser;

  beforeAll(async () => {
    stack = await startApiStack({ prefix: 'api-idempotent', worker: true });
    agent = await createStaff(stack, ['agent']);
    dispatcher = await createStaff(stack, ['dispatcher']);
    technician = await createStaff(stack, ['technician'], { region: 'north', lat: 31.23, lng: 121.47 });
  });
  afterAll(async () => {
    await stack?.close();
  });

  const command = (token: string, orderNo: string, action: string, body: object, key?: string) => {
    const request = stack.http().post(`/api/orders/${orderNo}/${action}`).set(bearer(token));
    return (key ? request.set('Idempotency-Key', key) : request).send(body);
  };

  async function newOrder(): Promise<string> {
    const created = await stack.http().post('/api/orders').set(bearer(agent.token)).send(intakeBody());
    expect(created.status).toBe(201);
    return created.body.orderNo as string;
  }

  /** The projected timeline's actions, once the projection has caught up with `until`. */
  async function actions(orderNo: string, until: (actions: string[]) => boolean): Promise<string[]> {
    return eventually(async () => {
      const response = await stack.http().get(`/api/orders/${orderNo}/timeline`).set(bearer(agent.token));
      const list = (response.body as Timeline[]).map((entry) => entry.action);
      expect(until(list)).toBe(true);
      return list;
    });
  }
  const count = (list: string[], action: string) => list.filter((a) => a === action).length;

  it('documents the header on every order command, and the 503 with Retry-After and its details', async () => {
    const document = (await stack.http().get('/api/docs-json')).body as {
      paths: Record<string, Record<string, Operation>>;
      components: {
        schemas: Record<string, { properties?: Record<string, unknown> }>;
        parameters: Record<string, Parameter>;
      };
    };
    // The header is declared once, as a component every command refers to.
    const resolved = (parameter: Parameter | { $ref: string }): Parameter =>
      '$ref' in parameter
        ? document.components.parameters[parameter.$ref.replace('#/components/parameters/', '')]
        : parameter;
    const commands = Object.entries(document.paths).filter(
      ([path, item]) => path.startsWith('/api/orders/{orderNo}/') && item.post,
    );
    expect(commands.length).toBeGreaterThanOrEqual(19);
    for (const [path, item] of [...commands, ['/api/orders', document.paths['/api/orders']] as const]) {
      const operation = item.post!;
      const header = operation.parameters
        ?.map(resolved)
        .find((p) => p.in === 'header' && p.name === 'Idempotency-Key');
      expect({ path, required: header?.required }).toEqual({ path, required: false });
      expect({ path, headers: Object.keys(operation.responses['503']?.headers ?? {}) }).toEqual({
        path,
        headers: ['Retry-After'],
      });
    }
    const details = document.components.schemas.UnavailableDetailsDto.properties ?? {};
    expect(Object.keys(details).sort()).toEqual(['mayHaveBeenApplied', 'retryWithSameIdempotencyKey']);
  });

  it('applies a retried review APPROVE once and answers the retry with the first answer', async () => {
    const orderNo = await newOrder();
    const key = `review-${Date.now()}`;
    const first = await command(agent.token, orderNo, 'review', { decision: 'APPROVE' }, key);
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('PENDING_DISPATCH');
    const again = await command(agent.token, orderNo, 'review', { decision: 'APPROVE' }, key);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    // A new key is a new command, which the state now refuses.
    const other = await command(agent.token, orderNo, 'review', { decision: 'APPROVE' }, `${key}-b`);
    expect(other.status).toBe(409);
    const list = await actions(orderNo, (l) => l.includes('REVIEW_APPROVE'));
    expect(count(list, 'REVIEW_APPROVE')).toBe(1);
    // The same key with another body is a client error, not a silent replay.
    const changed = await command(agent.token, orderNo, 'review', { decision: 'REJECT', note: 'x' }, key);
    expect(changed.status).toBe(422);
  });

  it('declines once for one key; another key meets the state the first decline left', async () => {
    const orderNo = await newOrder();
    expect((await command(agent.token, orderNo, 'review', { decision: 'APPROVE' })).status).toBe(200);
    const assigned = await command(dispatcher.token, orderNo, 'assignment', { technicianId: technician.id });
    expect(assigned.body.status).toBe('ASSIGNED');

    const key = `decline-${Date.now()}`;
    const decline = { decision: 'DECLINE', reason: 'too far away' };
    const [first, second] = await Promise.all([
      command(technician.token, orderNo, 'technician-response', decline, key),
      command(technician.token, orderNo, 'technician-response', decline, key),
    ]);
    expect(first.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(first.body.status).toBe('PENDING_DISPATCH');
    const third = await command(technician.token, orderNo, 'technician-response', decline, key);
    expect(third.body).toEqual(first.body);
    // As if the API died before storing the outcome: the order is no longer the technician's, yet the
    // retry gets the first answer (from Temporal's record of the update id), not a 403.
    await stack.dataSource.query(`DELETE FROM order_commands WHERE order_no = $1`, [orderNo]);
    const unstored = await command(technician.token, orderNo, 'technician-response', decline, key);
    expect(unstored.status).toBe(200);
    expect(unstored.body).toEqual(first.body);

    // A different key is a second decline: no longer this technician's order, so refused.
    const other = await command(technician.token, orderNo, 'technician-response', decline, `${key}-b`);
    expect([403, 409]).toContain(other.status);
    const list = await actions(orderNo, (l) => l.includes('TECHNICIAN_DECLINE'));
    expect(count(list, 'TECHNICIAN_DECLINE')).toBe(1);
  });

  it('answers a refused command retried with its key with the same refusal, even once the state would allow it', async () => {
    const orderNo = await newOrder();
    const key = `assign-${Date.now()}`;
    const assign = { technicianId: technician.id };
    const refused = await command(dispatcher.token, orderNo, 'assignment', assign, key);
    expect(refused.status).toBe(409);
    expect(refused.body.details).toMatchObject({ status: 'PENDING_REVIEW' });
    expect((await command(dispatcher.token, orderNo, 'assignment', assign, key)).body).toEqual(refused.body);

    expect((await command(agent.token, orderNo, 'review', { decision: 'APPROVE' })).status).toBe(200);
    // Temporal alone would now accept it (it forgets refused update ids); the stored outcome answers.
    const retried = await command(dispatcher.token, orderNo, 'assignment', assign, key);
    expect(retried.status).toBe(409);
    expect(retried.body).toEqual(refused.body);
    const fresh = await command(dispatcher.token, orderNo, 'assignment', assign, `${key}-b`);
    expect(fresh.status).toBe(200);
    expect(fresh.body.status).toBe('ASSIGNED');
  });

  it('keeps keys of two callers apart', async () => {
    const orderNo = await newOrder();
    const otherAgent = await createStaff(stack, ['agent']);
    expect((await command(agent.token, orderNo, 'review', { decision: 'APPROVE' })).status).toBe(200);
    const key = `shared-${Date.now()}`;
    const mine = await command(agent.token, orderNo, 'chase', { note: 'first call' }, key);
    const theirs = await command(otherAgent.token, orderNo, 'chase', { note: 'second call' }, key);
    expect(mine.status).toBe(200);
    expect(theirs.status).toBe(200);
    const list = await actions(orderNo, (l) => count(l, 'CHASE') >= 2);
    expect(count(list, 'CHASE')).toBe(2);
  });
});

describe('a command Temporal does not answer in time', () => {
  let stack: ApiStack;
  let agent: TestUser;
  let worker: RunningWorker | null = null;

  beforeAll(async () => {
    // No worker yet: the order's workflow starts, but nothing runs it.
    stack = await startApiStack({ prefix: 'api-no-worker', env: { TEMPORAL_CALL_TIMEOUT_MS: '1500' } });
    agent = await createStaff(stack, ['agent']);
  });
  afterAll(async () => {
    await worker?.shutdown();
    await stack?.close();
  });

  it('reads a just-created order from its stored copy, answers 503 that may have applied, and a keyed retry applies once', async () => {
    const created = await stack.http().post('/api/orders').set(bearer(agent.token)).send(intakeBody());
    expect(created.status).toBe(201);
    const orderNo = created.body.orderNo as string;

    // No projection has happened (no worker): the intake's copy answers, never a 404.
    const read = await stack.http().get(`/api/orders/${orderNo}`).set(bearer(agent.token));
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ orderNo, status: 'PENDING_REVIEW', source: 'read-model', revision: 0 });

    const key = `slow-${Date.now()}`;
    const slow = await stack
      .http()
      .post(`/api/orders/${orderNo}/review`)
      .set(bearer(agent.token))
      .set('Idempotency-Key', key)
      .send({ decision: 'APPROVE' });
    expect(slow.status).toBe(503);
    expect(slow.headers['retry-after']).toBe('2');
    expect(slow.body).toMatchObject({
      statusCode: 503,
      error: 'Service Unavailable',
      details: { mayHaveBeenApplied: true, retryWithSameIdempotencyKey: true },
    });

    // The worker comes back; the retry with the same key gets the one outcome.
    const { workerActivities } = await import('../../src/activities');
    const { dataSource, config } = stack;
    worker = await startWorker({
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      activities: workerActivities({ dataSource, config }),
    });
    const retried = await eventually(async () => {
      const response = await stack
        .http()
        .post(`/api/orders/${orderNo}/review`)
        .set(bearer(agent.token))
        .set('Idempotency-Key', key)
        .send({ decision: 'APPROVE' });
      expect(response.status).toBe(200);
      return response;
    });
    expect(retried.body.status).toBe('PENDING_DISPATCH');
    const entries = await eventually(async () => {
      const response = await stack.http().get(`/api/orders/${orderNo}/timeline`).set(bearer(agent.token));
      const list = (response.body as Timeline[]).map((entry) => entry.action);
      expect(list).toContain('REVIEW_APPROVE');
      return list;
    });
    expect(entries.filter((action) => action === 'REVIEW_APPROVE')).toHaveLength(1);
  });
});
