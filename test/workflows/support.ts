// Shared set-up of the workflow integration tests: a worker with the real activities on its own task
// queue, a client, and helpers to start an order and read it back.
import type { Client, WorkflowHandle } from '@temporalio/client';
import { startSearchAttributes } from '../../src/workflows/service-order/search-values';
import type { DataSource } from 'typeorm';
import {
  createNotificationActivities,
  type NotificationActivitiesDeps,
} from '../../src/activities/notification.activities';
import { createServiceOrderActivities } from '../../src/activities/service-order.activities';
import { createStockActivities } from '../../src/activities/stock.activities';
import type { SlaPolicy } from '../../src/domain';
import {
  checkIn,
  complete,
  logContact,
  orderWorkflowId,
  qc,
  reportProgress,
  respondToAssignment,
  review,
  SERVICE_ORDER_WORKFLOW,
  type ServiceOrderInput,
} from '../../src/workflows/service-order/service-order.messages';
import { CUSTOMER_POSITION, orderInput, uniqueRegion, type OrderInputOverrides } from '../factories/orders';
import {
  agent,
  dispatcher,
  finance,
  supervisor,
  technician,
  type StaffOverrides,
  type TestStaff,
} from '../factories/users.factory';
import {
  connectClient,
  openDataSource,
  startWorker,
  uniqueTaskQueue,
  type RunningWorker,
} from '../support/harness';

export interface WorkflowTestContext {
  dataSource: DataSource;
  client: Client;
  taskQueue: string;
  worker: RunningWorker | null;
  startWorker: () => Promise<RunningWorker>;
  close: () => Promise<void>;
}

/** Channels of the notification activities; none (in-app inbox only) unless a test sets them. */
export type ChannelConfig = Partial<NotificationActivitiesDeps['config']>;

export function serviceOrderActivities(dataSource: DataSource, channels: ChannelConfig = {}) {
  return {
    ...createServiceOrderActivities({ dataSource }),
    ...createStockActivities({ dataSource }),
    ...createNotificationActivities({
      dataSource,
      config: { SMTP_FROM: 'Service Orders <no-reply@test.local>', ...channels },
    }),
  };
}

export async function setUpWorkflowTests(
  prefix: string,
  channels: ChannelConfig = {},
): Promise<WorkflowTestContext> {
  const dataSource = await openDataSource();
  const { client, connection } = await connectClient();
  const taskQueue = uniqueTaskQueue(prefix);
  const context: WorkflowTestContext = {
    dataSource,
    client,
    taskQueue,
    worker: null,
    startWorker: async () => {
      context.worker = await startWorker({
        taskQueue,
        activities: serviceOrderActivities(dataSource, channels),
      });
      return context.worker;
    },
    close: async () => {
      await context.worker?.shutdown();
      await connection.close();
      await dataSource.destroy();
    },
  };
  await context.startWorker();
  return context;
}

export async function startOrder(
  ctx: WorkflowTestContext,
  input: ServiceOrderInput,
): Promise<WorkflowHandle> {
  return ctx.client.workflow.start(SERVICE_ORDER_WORKFLOW, {
    taskQueue: ctx.taskQueue,
    workflowId: orderWorkflowId(input.orderNo),
    args: [input],
    workflowIdConflictPolicy: 'FAIL',
    // As the API's intake starts it.
    typedSearchAttributes: startSearchAttributes(input),
  });
}

export { viewOf, waitForView } from '../support/waiting';

export interface EscalationRow {
  stage: string;
  stage_key: string;
  level: number;
  fired_at: Date;
  due_at: Date;
  recipients: { userId: string; username: string; role: string }[];
}

export async function escalationsOf(ds: DataSource, orderNo: string): Promise<EscalationRow[]> {
  return ds.query(
    `SELECT stage, stage_key, level, fired_at, due_at, recipients FROM escalations WHERE order_no = $1 ORDER BY fired_at, level`,
    [orderNo],
  );
}

export interface TimelineRow {
  seq: number;
  action: string;
  from_status: string | null;
  to_status: string | null;
  actor_role: string;
  details: Record<string, unknown>;
}

export async function timelineOf(ds: DataSource, orderNo: string): Promise<TimelineRow[]> {
  return ds.query(
    `SELECT seq, action, from_status, to_status, actor_role, details FROM order_timeline WHERE order_no = $1 ORDER BY seq`,
    [orderNo],
  );
}

export async function notificationsOf(
  ds: DataSource,
  orderNo: string,
  kind?: string,
): Promise<{ user_id: string; kind: string; title: string }[]> {
  return ds.query(
    `SELECT user_id, kind, title FROM notifications WHERE order_no = $1 AND ($2::text IS NULL OR kind = $2) ORDER BY created_at`,
    [orderNo, kind ?? null],
  );
}

// ---- A cast of staff per test, isolated by a unique region and skill ---------------------------

export interface Cast {
  region: string;
  skill: string;
  clerk: TestStaff;
  boss: TestStaff;
  dispatcher: TestStaff;
  cashier: TestStaff;
  techs: TestStaff[];
}

/** Staff in a region of their own; the order's required skill is unique so no other test's technician qualifies. */
export async function createCast(
  ds: DataSource,
  name: string,
  techs: StaffOverrides[] = [{}],
): Promise<Cast> {
  const region = uniqueRegion(name);
  const skill = `${region}-skill`;
  return {
    region,
    skill,
    clerk: await agent(ds, { region }),
    boss: await supervisor(ds, { region }),
    dispatcher: await dispatcher(ds, { region }),
    cashier: await finance(ds, { region }),
    techs: await Promise.all(
      techs.map((o) => technician(ds, { region, skills: [skill], ...CUSTOMER_POSITION, ...o })),
    ),
  };
}

export function castInput(
  cast: Cast,
  overrides: { policy?: SlaPolicy; details?: OrderInputOverrides['details'] } = {},
): ServiceOrderInput {
  return orderInput(cast.clerk.actor, {
    policy: overrides.policy,
    details: {
      requiredSkills: [cast.skill],
      ...overrides.details,
      customer: { region: cast.region, ...(overrides.details?.customer ?? {}) },
    },
  });
}

export function techById(cast: Cast, id: string | null): TestStaff {
  const tech = cast.techs.find((t) => t.id === id);
  if (!tech) throw new Error(`technician ${String(id)} is not in the cast`);
  return tech;
}

/** Review → (AUTO) assigned → accepted → contact → on site. Returns the working technician. */
export async function driveToOnSite(handle: WorkflowHandle, cast: Cast): Promise<TestStaff> {
  const view = await handle.executeUpdate(review, {
    args: [{ actor: cast.clerk.actor, decision: 'APPROVE' }],
  });
  const tech = techById(cast, view.technicianId);
  await handle.executeUpdate(respondToAssignment, { args: [{ actor: tech.actor, decision: 'ACCEPT' }] });
  await handle.executeUpdate(logContact, { args: [{ actor: tech.actor, note: 'on my way' }] });
  await handle.executeUpdate(checkIn, { args: [{ actor: tech.actor, ...CUSTOMER_POSITION }] });
  return tech;
}

/** … → in progress. Returns the working technician. */
export async function driveToInProgress(handle: WorkflowHandle, cast: Cast): Promise<TestStaff> {
  const tech = await driveToOnSite(handle, cast);
  await handle.executeUpdate(reportProgress, {
    args: [{ actor: tech.actor, milestone: 'IN_PROGRESS', note: 'working' }],
  });
  return tech;
}

/** … → completed by the technician → QC passed → waiting for the customer. */
export async function driveToPendingAcceptance(handle: WorkflowHandle, cast: Cast): Promise<TestStaff> {
  const tech = await driveToInProgress(handle, cast);
  await handle.executeUpdate(complete, {
    args: [{ actor: tech.actor, summary: 'done', partsUsed: [], laborHours: 1 }],
  });
  await handle.executeUpdate(qc, { args: [{ actor: cast.boss.actor, result: 'PASS' }] });
  return tech;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The technician whose capacity the order holds (its technician_assignments row), or null. */
export async function heldTechnicianOf(ds: DataSource, orderNo: string): Promise<string | null> {
  const rows: { technician_id: string }[] = await ds.query(
    `SELECT technician_id FROM technician_assignments WHERE order_no = $1`,
    [orderNo],
  );
  return rows[0]?.technician_id ?? null;
}
