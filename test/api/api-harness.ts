import type { INestApplication } from '@nestjs/common';
import type { Client, Connection } from '@temporalio/client';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createApp, type CreateAppOptions } from '../../src/api/app.factory';
import { hashPassword } from '../../src/api/auth/password';
import { loadConfig, type AppConfig } from '../../src/config/app-config';
import type { StaffRole } from '../../src/domain';
import { UserEntity } from '../../src/persistence/entities';
import {
  connectClient,
  openDataSource,
  startWorker,
  uniqueTaskQueue,
  type RunningWorker,
} from '../support/harness';

export interface ApiStack {
  app: INestApplication;
  http: () => ReturnType<typeof request>;
  dataSource: DataSource;
  client: Client;
  connection: Connection;
  config: AppConfig;
  worker: RunningWorker | null;
  close: () => Promise<void>;
}

/** True once the workflow bundle exists (helper-2's workflow has landed). */
export function workflowAvailable(): boolean {
  return (
    Boolean(process.env.TEST_WORKFLOW_BUNDLE) && existsSync(join(__dirname, '../../src/workflows/index.ts'))
  );
}

/**
 * The API as main.ts builds it, in this test process: a real DataSource on the test database, a real
 * Temporal client and, when asked, a real worker on a task queue of its own.
 */
export async function startApiStack(
  options: { worker?: boolean; prefix?: string; env?: Record<string, string> } & Pick<
    CreateAppOptions,
    'bodyLimit'
  > = {},
): Promise<ApiStack> {
  const taskQueue = uniqueTaskQueue(options.prefix ?? 'api');
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    TEMPORAL_TASK_QUEUE: taskQueue,
    ADMIN_USERNAME: 'admin',
    ADMIN_PASSWORD: 'admin-password',
    // Tests log in often from one address; the limits themselves are tested on their own.
    LOGIN_ATTEMPTS_PER_MINUTE: '1000',
    LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE: '1000',
    ...options.env,
  });
  const dataSource = await openDataSource();
  const { client, connection } = await connectClient();
  let worker: RunningWorker | null = null;
  if (options.worker) {
    // Loaded lazily so that files which need no workflow run before the activities exist.
    const { workerActivities } = await import('../../src/activities');
    worker = await startWorker({
      taskQueue,
      activities: workerActivities({ dataSource, config }),
    });
  }
  const app = await createApp(config, {
    dataSource,
    temporalClient: client,
    bodyLimit: options.bodyLimit,
  });
  const server = app.getHttpServer();
  return {
    app,
    http: () => request(server),
    dataSource,
    client,
    connection,
    config,
    worker,
    close: async () => {
      await app.close();
      await worker?.shutdown();
      await connection.close();
      await dataSource.destroy();
    },
  };
}

let userCounter = 0;

export interface TestUser {
  id: string;
  username: string;
  password: string;
  token: string;
}

/** A staff member written straight to the users table, then signed in through the API. */
export async function createStaff(
  stack: ApiStack,
  roles: StaffRole[],
  profile: Partial<Pick<UserEntity, 'region' | 'skills' | 'capacity' | 'lat' | 'lng' | 'active'>> = {},
): Promise<TestUser> {
  userCounter += 1;
  const username = `${roles.join('-')}-${process.pid}-${Date.now() % 1e7}-${userCounter}`;
  const password = 'test-password-1';
  const saved = await stack.dataSource.getRepository(UserEntity).save({
    username,
    passwordHash: await hashPassword(password),
    displayName: username,
    email: null,
    roles,
    region: profile.region ?? null,
    skills: profile.skills ?? [],
    capacity: profile.capacity ?? (roles.includes('technician') ? 5 : 0),
    lat: profile.lat ?? null,
    lng: profile.lng ?? null,
    active: profile.active ?? true,
  });
  const token = await login(stack, username, password);
  return { id: saved.id, username, password, token };
}

/** A technician created as an admin creates one (POST /api/users), then signed in. */
export async function createTechnician(
  stack: ApiStack,
  adminToken: string,
  profile: {
    displayName: string;
    region?: string;
    skills?: string[];
    capacity?: number;
    lat?: number;
    lng?: number;
  },
): Promise<TestUser> {
  userCounter += 1;
  const username = `tech-${process.pid}-${Date.now() % 1e7}-${userCounter}`;
  const password = 'tech-password';
  const created = await stack
    .http()
    .post('/api/users')
    .set(bearer(adminToken))
    .send({ username, password, roles: ['technician'], capacity: 5, lat: 31.23, lng: 121.47, ...profile });
  if (created.status !== 201)
    throw new Error(`creating ${username} failed: ${created.status} ${JSON.stringify(created.body)}`);
  return { id: created.body.id as string, username, password, token: await login(stack, username, password) };
}

export async function login(stack: ApiStack, username: string, password: string): Promise<string> {
  const response = await stack.http().post('/api/auth/login').send({ username, password });
  if (response.status !== 200)
    throw new Error(`login ${username} failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.accessToken as string;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
