// Set-up of the workflow-unit tests: the real workflow bundle on a worker whose activities are the
// in-memory fakes, on the tier's own Temporal dev server (global-setup.ts). Tests talk to the order only
// through its public contract: start, Updates, the policyChanged signal and the getOrder query.
import { randomUUID } from 'node:crypto';
import { Client, Connection, WorkflowHandle, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, type Logger, type LogLevel, type LogMetadata } from '@temporalio/common';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import type { OrderDetails, SlaPolicy } from '../../src/domain';
import {
  callback,
  checkIn,
  complete,
  logContact,
  orderWorkflowId,
  qc,
  reportProgress,
  respondToAssignment,
  review,
  settle,
  SERVICE_ORDER_WORKFLOW,
  type Actor,
  type OrderView,
  type RefusalDetails,
  type ServiceOrderInput,
} from '../../src/workflows/service-order/service-order.messages';
import { CUSTOMER_POSITION, orderInput, uniqueRegion, type OrderInputOverrides } from '../factories/orders';
import { secondsPolicy } from '../factories/sla-policies';
import { CUSTOMER, staffActor } from '../factories/users.factory';
import { workflowUnitEnv } from './env';
import { FAKE_FAILURE_PREFIX, FakeBackOffice, type ActivityName, type FakeTechnician } from './fakes';

export { CUSTOMER };

/** The people of one order; technicians are known to the fake back office only. */
export interface UnitCast {
  region: string;
  clerk: Actor;
  boss: Actor;
  dispatcher: Actor;
  cashier: Actor;
  techs: (Actor & { id: string })[];
}

export function newCast(name: string, technicians = 1): UnitCast {
  const region = uniqueRegion(name);
  return {
    region,
    clerk: staffActor('agent', { region }),
    boss: staffActor('supervisor', { region }),
    dispatcher: staffActor('dispatcher', { region }),
    cashier: staffActor('finance'),
    techs: Array.from(
      { length: technicians },
      (_, i) => staffActor('technician', { region, name: `tech-${i + 1}` }) as Actor & { id: string },
    ),
  };
}

export interface StartOptions {
  policy?: SlaPolicy;
  details?: OrderInputOverrides['details'];
  /** Every notification and escalation gets an outbox row, so `deliver` runs. */
  outbox?: boolean;
  /** Technicians the fake refuses to reserve. */
  ineligible?: string[];
  /** No supervisor on staff: the fake names no feedback owner. */
  noFeedbackOwner?: boolean;
  /** Activities whose first calls for this order fail (retryably), from the very start. */
  failing?: { activity: ActivityName; times: number }[];
}

export interface StartedOrder {
  handle: WorkflowHandle;
  input: ServiceOrderInput;
  orderNo: string;
}

export interface WorkflowUnitContext {
  client: Client;
  office: FakeBackOffice;
  taskQueue: string;
  /** Starts an order of the cast (the one fixture source's order, in the cast's region). */
  startOrder: (cast: UnitCast, options?: StartOptions) => Promise<StartedOrder>;
  close: () => Promise<void>;
}

export async function setUpWorkflowUnit(prefix: string): Promise<WorkflowUnitContext> {
  const { address, namespace, bundlePath } = workflowUnitEnv();
  // Each test file runs in a fresh process (jest.config.js), so the runtime is installed once per file.
  Runtime.install({ logger: new QuietLogger() });
  const office = new FakeBackOffice();
  const taskQueue = `${prefix}-${randomUUID()}`;
  const nativeConnection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection: nativeConnection,
    namespace,
    taskQueue,
    workflowBundle: { codePath: bundlePath },
    activities: office.activities,
  });
  const running = worker.run();
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, namespace });

  return {
    client,
    office,
    taskQueue,
    startOrder: async (cast, options = {}) => {
      const input = orderInput(cast.clerk, {
        policy: options.policy ?? secondsPolicy(options.details?.type ?? 'INSTALLATION'),
        details: {
          ...options.details,
          customer: { region: cast.region, ...(options.details?.customer ?? {}) },
        },
      });
      const ineligible = new Set(options.ineligible ?? []);
      office.staff(input.orderNo, {
        technicians: cast.techs.map((t): FakeTechnician => ({
          id: t.id,
          name: t.name ?? t.id,
          eligible: !ineligible.has(t.id),
        })),
        feedbackOwner: options.noFeedbackOwner
          ? { userId: null, username: null }
          : { userId: cast.boss.id, username: cast.boss.name ?? null },
        outbox: options.outbox,
      });
      for (const { activity, times } of options.failing ?? [])
        office.failNext(input.orderNo, activity, times);
      const handle = await client.workflow.start(SERVICE_ORDER_WORKFLOW, {
        taskQueue,
        workflowId: orderWorkflowId(input.orderNo),
        args: [input],
        workflowIdConflictPolicy: 'FAIL',
      });
      return { handle, input, orderNo: input.orderNo };
    },
    close: async () => {
      worker.shutdown();
      await running;
      await nativeConnection.close();
      await connection.close();
    },
  };
}

/** Warnings and errors, except the failed attempts tests cause on purpose (FakeBackOffice.failNext). */
class QuietLogger implements Logger {
  private readonly base = new DefaultLogger('WARN');
  log(level: LogLevel, message: string, meta?: LogMetadata): void {
    const error = meta?.error;
    if (error instanceof Error && error.message.startsWith(FAKE_FAILURE_PREFIX)) return;
    this.base.log(level, message, meta);
  }
  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }
  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }
  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }
  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }
  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }
}

// ---- Reading the order -----------------------------------------------------------------------------

export { eventually, sleep, viewOf, waitForView } from '../support/waiting';

export function stagesOf(view: OrderView): string[] {
  return view.deadlines.map((d) => d.stage).sort();
}

export interface Refusal {
  type: string | undefined;
  message: string;
  details: RefusalDetails | undefined;
}

/** The refusal an Update was answered with; fails the test when the Update was accepted. */
export async function refusal(promise: Promise<unknown>): Promise<Refusal> {
  let outcome: unknown;
  try {
    outcome = await promise;
  } catch (error) {
    if (!(error instanceof WorkflowUpdateFailedError)) throw error;
    const cause = error.cause;
    if (!(cause instanceof ApplicationFailure)) throw error;
    return {
      type: cause.type ?? undefined,
      message: cause.message,
      details: cause.details?.[0] as RefusalDetails,
    };
  }
  throw new Error(`expected a refusal, the update answered ${JSON.stringify(outcome).slice(0, 200)}`);
}

// ---- Driving an order --------------------------------------------------------------------------------

/** The technician the order is assigned to, from the cast. */
export function techOf(cast: UnitCast, view: Pick<OrderView, 'technicianId'>): Actor & { id: string } {
  const tech = cast.techs.find((t) => t.id === view.technicianId);
  if (!tech) throw new Error(`technician ${String(view.technicianId)} is not in the cast`);
  return tech;
}

/** Review (AUTO dispatch) → accepted → contact → on site → in progress. Returns the working technician. */
export async function driveToInProgress(
  handle: WorkflowHandle,
  cast: UnitCast,
): Promise<Actor & { id: string }> {
  const view = await handle.executeUpdate(review, { args: [{ actor: cast.clerk, decision: 'APPROVE' }] });
  const tech = techOf(cast, view);
  await handle.executeUpdate(respondToAssignment, { args: [{ actor: tech, decision: 'ACCEPT' }] });
  await driveFromAcceptedToInProgress(handle, tech);
  return tech;
}

export async function driveFromAcceptedToInProgress(handle: WorkflowHandle, tech: Actor): Promise<void> {
  await handle.executeUpdate(logContact, { args: [{ actor: tech, note: 'on my way' }] });
  await handle.executeUpdate(checkIn, { args: [{ actor: tech, ...CUSTOMER_POSITION }] });
  await handle.executeUpdate(reportProgress, {
    args: [{ actor: tech, milestone: 'IN_PROGRESS', note: 'working' }],
  });
}

/** In progress → completed by the technician → QC passed: waiting for the customer. */
export async function driveFromInProgressToPendingAcceptance(
  handle: WorkflowHandle,
  cast: UnitCast,
  tech: Actor,
): Promise<OrderView> {
  await handle.executeUpdate(complete, {
    args: [{ actor: tech, summary: 'done', partsUsed: [], laborHours: 1 }],
  });
  return handle.executeUpdate(qc, { args: [{ actor: cast.boss, result: 'PASS' }] });
}

export async function driveToPendingAcceptance(
  handle: WorkflowHandle,
  cast: UnitCast,
): Promise<Actor & { id: string }> {
  const tech = await driveToInProgress(handle, cast);
  await driveFromInProgressToPendingAcceptance(handle, cast, tech);
  return tech;
}

/** A COMPLETED order's return visit and settlement (the total of the fixture order). */
export async function finishTracks(
  handle: WorkflowHandle,
  cast: UnitCast,
  details: Pick<OrderDetails, 'totalAmount'>,
): Promise<OrderView> {
  await handle.executeUpdate(callback, {
    args: [{ actor: cast.clerk, reached: true, satisfied: true, note: 'happy' }],
  });
  return handle.executeUpdate(settle, {
    args: [{ actor: cast.cashier, amount: details.totalAmount, paymentMethod: 'CASH', invoiceNo: 'INV-1' }],
  });
}
