// Temporal unreachable: health says so and commands answer 503 in the shared body (with Retry-After and
// whether the command may have been applied), never 500.
import { Client, Connection } from '@temporalio/client';
import request from 'supertest';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { createApp } from '../../src/api/app.factory';
import { loadConfig } from '../../src/config/app-config';
import { intakeBody } from '../factories/orders';
import { openDataSource } from '../support/harness';
import { bearer } from './api-harness';

describe('Temporal unreachable', () => {
  let app: INestApplication;
  let dataSource: DataSource;
  let connection: Connection;

  beforeAll(async () => {
    dataSource = await openDataSource();
    // Nothing listens on port 1; the lazy connection fails on first use.
    connection = Connection.lazy({ address: '127.0.0.1:1', connectTimeout: 1_000 });
    const config = loadConfig({
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      TEMPORAL_CALL_TIMEOUT_MS: '1000',
    });
    app = await createApp(config, { dataSource, temporalClient: new Client({ connection }) });
  });

  afterAll(async () => {
    await app?.close();
    await connection?.close().catch(() => undefined);
    await dataSource?.destroy();
  });

  it('reports 503 on /api/health naming Temporal as down and the database as up', async () => {
    const response = await request(app.getHttpServer()).get('/api/health');
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
    expect(response.body.details).toMatchObject({
      info: { database: { status: 'up' } },
      error: { temporal: { status: 'down' } },
    });
  });

  it('answers 503 to commands and intake', async () => {
    const login = await request(app.getHttpServer())
      .post('/api/auth/login')
      .send({ username: 'admin', password: 'admin-password' });
    const admin = login.body.accessToken as string;
    const username = `agent-unavailable-${Date.now()}`;
    await request(app.getHttpServer())
      .post('/api/users')
      .set(bearer(admin))
      .send({ username, password: 'agent-password', displayName: 'A', roles: ['agent'] });
    const agent = (
      await request(app.getHttpServer())
        .post('/api/auth/login')
        .send({ username, password: 'agent-password' })
    ).body.accessToken as string;

    const intake = await request(app.getHttpServer())
      .post('/api/orders')
      .set(bearer(agent))
      .send(intakeBody());
    expect(intake.status).toBe(503);
    expect(intake.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
    // Nothing is left half-written: without a key no intake row remains for an order that never started;
    // with a key the row stays so the client's retry resumes the same order number.
    const [{ id: agentId }] = await dataSource.query(`SELECT id FROM users WHERE username = $1`, [username]);
    const intakeRows = async () =>
      (await dataSource.query(`SELECT order_no FROM order_intakes WHERE created_by = $1`, [agentId])).length;
    expect(await intakeRows()).toBe(0);
    const keyed = await request(app.getHttpServer())
      .post('/api/orders')
      .set(bearer(agent))
      .set('Idempotency-Key', `unavailable-${Date.now()}`)
      .send(intakeBody());
    expect(keyed.status).toBe(503);
    expect(await intakeRows()).toBe(1);
    // Neither intake left a stored copy of an order nobody was told about.
    const copies = await dataSource.query(`SELECT order_no FROM orders WHERE created_by = $1`, [agentId]);
    expect(copies).toEqual([]);
    // The connection never came up, so nothing was sent: the 503 says so, and when to retry.
    expect(keyed.headers['retry-after']).toBe('2');
    expect(keyed.body.details).toEqual({ mayHaveBeenApplied: false, retryWithSameIdempotencyKey: true });
    const review = await request(app.getHttpServer())
      .post('/api/orders/SO-20990101-999997/review')
      .set(bearer(agent))
      .set('Idempotency-Key', 'review-unavailable')
      .send({ decision: 'APPROVE' });
    expect(review.status).toBe(503);
    expect(review.headers['retry-after']).toBe('2');
    expect(review.body).toMatchObject({
      statusCode: 503,
      error: 'Service Unavailable',
      details: { mayHaveBeenApplied: false, retryWithSameIdempotencyKey: true },
    });
    const read = await request(app.getHttpServer()).get('/api/orders/SO-20990101-999997').set(bearer(agent));
    expect(read.status).toBe(503);
  });
});
