// A channel that fails when the order continues as new must not hold its deadlines back: the run
// continues at once, carrying the deliveries still in flight, and the new run sends them again (the
// outbox row lock and the idempotency key keep that to one accepted send).
import { policyChanged } from '../../src/workflows/service-order/service-order.messages';
import { secondsPolicy } from '../factories/sla-policies';
import { TestWebhookServer, type ReceivedWebhook } from '../notifications/support';
import { eventually } from '../support/harness';
import {
  castInput,
  createCast,
  escalationsOf,
  setUpWorkflowTests,
  startOrder,
  waitForView,
  type WorkflowTestContext,
} from './support';

const SECRET = 'workflow-can-delivery-secret';

describe('service order continue-as-new while a channel fails', () => {
  let ctx: WorkflowTestContext;
  let webhook: TestWebhookServer;
  beforeAll(async () => {
    webhook = await TestWebhookServer.start(SECRET);
    ctx = await setUpWorkflowTests('wf-can-delivery', { WEBHOOK_URL: webhook.url, WEBHOOK_SECRET: SECRET });
  });
  afterAll(async () => {
    await ctx.close();
    await webhook.stop();
  });

  it('fires a deadline due right after continue-as-new on time, and sends the pending webhook once later', async () => {
    let failing = true;
    webhook.respond = () => (failing ? 500 : 200);
    const cast = await createCast(ctx.dataSource, 'can-delivery');
    const policy = secondsPolicy('INSTALLATION');
    // No appointment: the order starts in INFO_REQUIRED and the clerk's INTAKE_INCOMPLETE notice goes out
    // by webhook, which fails and is being retried with backoff.
    const input = castInput(cast, { policy, details: { appointment: undefined } });
    const handle = await startOrder(ctx, input);
    const firstRunId = (await handle.describe()).runId;
    const intakeNotice = (r: ReceivedWebhook) =>
      r.body.data.orderNo === input.orderNo && r.eventType === 'notification.INTAKE_INCOMPLETE';
    await eventually(() => expect(webhook.requests.filter(intakeNotice).length).toBeGreaterThan(0), {
      timeoutMs: 10_000,
    });

    // No-op policy re-projections push the history past the server's continue-as-new suggestion (4Ki
    // events) while the webhook still fails.
    const admin = { id: null, role: 'admin' as const, name: 'admin' };
    for (let batch = 0; batch < 100; batch++) {
      await Promise.all(
        Array.from({ length: 50 }, () =>
          handle.signal(policyChanged, { actor: admin, policy, reason: 'load' }),
        ),
      );
      const run = await handle.describe();
      if (run.runId !== firstRunId || run.historyLength > 4_500) break;
    }

    // Now a deadline falls due a few seconds from now: the info-completion target is re-projected so
    // that its level 1 (100%) lands ~8 s ahead.
    const { deadlines } = await waitForView(handle, (v) => expect(v.status).toBe('INFO_REQUIRED'));
    const infoStartedAt = Date.parse(deadlines.find((d) => d.stage === 'INFO_COMPLETION')!.startedAt);
    const targetSeconds = Math.ceil((Date.now() + 8_000 - infoStartedAt) / 1000);
    const shortPolicy = secondsPolicy('INSTALLATION', { targets: { infoCompletion: `${targetSeconds}s` } });
    await handle.signal(policyChanged, { actor: admin, policy: shortPolicy, reason: 'short deadline' });
    const dueAt = infoStartedAt + targetSeconds * 1000;

    // The escalation fires on time although the webhook is still failing (its backoff is 5 s, 10 s, 20 s …).
    const levelOne = await eventually(
      async () => {
        const rows = await escalationsOf(ctx.dataSource, input.orderNo);
        const row = rows.find((r) => r.stage === 'INFO_COMPLETION' && r.level === 1);
        expect(row).toBeDefined();
        return row!;
      },
      { timeoutMs: dueAt - Date.now() + 10_000 },
    );
    expect(new Date(levelOne.due_at).getTime()).toBe(dueAt);
    expect(new Date(levelOne.fired_at).getTime() - dueAt).toBeLessThan(3_000);
    expect(webhook.accepted(intakeNotice)).toEqual([]);

    // …and it fired in the new run: the first one had already continued as new before the due time.
    const firstRun = await ctx.client.workflow.getHandle(handle.workflowId, firstRunId).describe();
    expect(firstRun.status.name).toBe('CONTINUED_AS_NEW');
    expect(firstRun.closeTime!.getTime()).toBeLessThan(dueAt);
    expect((await handle.describe()).runId).not.toBe(firstRunId);

    // The receiver recovers: the notice still in flight at continue-as-new is sent, exactly once.
    failing = false;
    await eventually(
      () => {
        const accepted = webhook.accepted(intakeNotice);
        expect(accepted).toHaveLength(1);
        expect(accepted[0].signatureValid).toBe(true);
      },
      { timeoutMs: 60_000 },
    );
    // The activity marks the row SENT just after the receiver answered.
    await eventually(async () => {
      const [row] = (await ctx.dataSource.query(
        `SELECT status FROM notification_deliveries WHERE idempotency_key = $1`,
        [webhook.accepted(intakeNotice)[0].idempotencyKey],
      )) as { status: string }[];
      expect(row.status).toBe('SENT');
    });
    const acceptedKeys = webhook
      .accepted((r) => r.body.data.orderNo === input.orderNo)
      .map((r) => r.idempotencyKey);
    expect(new Set(acceptedKeys).size).toBe(acceptedKeys.length);
  }, 240_000);
});
