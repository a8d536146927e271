// Commands answer once the workflow has applied them: the read-model projection and notifications run
// after the answer, so a slow database write or a slow notification never holds the caller.
import { respondToAssignment, review } from '../../src/workflows/service-order/service-order.messages';
import { connectClient, eventually, openDataSource, startWorker, uniqueTaskQueue } from '../support/harness';
import {
  castInput,
  createCast,
  serviceOrderActivities,
  startOrder,
  techById,
  timelineOf,
  viewOf,
  type WorkflowTestContext,
} from './support';

/** Holds every call of the wrapped activities until `open()`. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  let held = 0;
  const hold =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      held += 1;
      await opened;
      return fn(...args);
    };
  return { hold, open: () => open(), held: () => held };
}

describe('command latency', () => {
  let ctx: WorkflowTestContext;
  const slow = gate();

  beforeAll(async () => {
    const dataSource = await openDataSource();
    const { client, connection } = await connectClient();
    const taskQueue = uniqueTaskQueue('wf-latency');
    const real = serviceOrderActivities(dataSource);
    const worker = await startWorker({
      taskQueue,
      activities: {
        ...real,
        projectOrder: slow.hold(real.projectOrder),
        notify: slow.hold(real.notify),
        fireEscalation: slow.hold(real.fireEscalation),
        deliver: slow.hold(real.deliver),
      },
    });
    ctx = {
      dataSource,
      client,
      taskQueue,
      worker,
      startWorker: () => Promise.reject(new Error('not used')),
      close: async () => {
        await worker.shutdown();
        await connection.close();
        await dataSource.destroy();
      },
    };
  });

  afterAll(async () => {
    slow.open();
    await ctx?.close();
  });

  it('answers commands while projection and notifications are still held back', async () => {
    const cast = await createCast(ctx.dataSource, 'latency');
    const input = castInput(cast);
    const handle = await startOrder(ctx, input);

    const approved = await handle.executeUpdate(review, {
      args: [{ actor: cast.clerk.actor, decision: 'APPROVE' }],
    });
    // AUTO dispatch reserved a technician (a blocking result) before the answer; the rest waits.
    expect(approved.status).toBe('ASSIGNED');
    const tech = techById(cast, approved.technicianId);
    const accepted = await handle.executeUpdate(respondToAssignment, {
      args: [{ actor: tech.actor, decision: 'ACCEPT' }],
    });
    expect(accepted.status).toBe('ACCEPTED');
    expect(slow.held()).toBeGreaterThanOrEqual(2);
    expect(await timelineOf(ctx.dataSource, input.orderNo)).toEqual([]);

    slow.open();
    // Once the database answers, one projection catches the read model up with everything recorded.
    const { revision } = await viewOf(handle);
    await eventually(async () => {
      const [row] = (await ctx.dataSource.query(`SELECT status, revision FROM orders WHERE order_no = $1`, [
        input.orderNo,
      ])) as { status: string; revision: number }[];
      expect(row).toMatchObject({ status: 'ACCEPTED', revision });
      const actions = (await timelineOf(ctx.dataSource, input.orderNo)).map((t) => t.action);
      expect(actions).toEqual(['INTAKE', 'REVIEW_APPROVE', 'AUTO_ASSIGN', 'TECHNICIAN_ACCEPT']);
    });
  });
});
