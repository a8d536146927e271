// SLA clocks count from the moment the API received the order, not from when a worker first ran its
// workflow: a backlog (here: no worker for a few seconds) must not move any deadline.
import { secondsPolicy } from '../factories/sla-policies';
import {
  castInput,
  createCast,
  setUpWorkflowTests,
  sleep,
  startOrder,
  viewOf,
  type WorkflowTestContext,
} from './support';

describe('SLA clock start', () => {
  let ctx: WorkflowTestContext;

  beforeAll(async () => {
    ctx = await setUpWorkflowTests('wf-clock-start');
  });
  afterAll(() => ctx?.close());

  it('starts the first deadline at receivedAt even when the worker picks the order up late', async () => {
    const cast = await createCast(ctx.dataSource, 'clock-start');
    await ctx.worker?.shutdown();
    const receivedAt = new Date();
    const input = {
      ...castInput(cast, { policy: secondsPolicy('INSTALLATION', { targets: { review: '60s' } }) }),
      receivedAt: receivedAt.toISOString(),
    };
    const handle = await startOrder(ctx, input);
    await sleep(3000);
    await ctx.startWorker();
    const view = await viewOf(handle);
    const review = view.deadlines.find((d) => d.stage === 'REVIEW');
    expect(review?.startedAt).toBe(receivedAt.toISOString());
    expect(review?.dueAt).toBe(new Date(receivedAt.getTime() + 60_000).toISOString());
  });
});
