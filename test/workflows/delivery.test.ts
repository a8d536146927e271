// Notifications leave the workflow through `deliver` activities in the background: a failing channel
// is retried with backoff and never holds up the order.
import { supplyInfo } from '../../src/workflows/service-order/service-order.messages';
import { appointmentIn } from '../factories/orders';
import { TestWebhookServer } from '../notifications/support';
import { eventually } from '../support/harness';
import { castInput, createCast, setUpWorkflowTests, startOrder, type WorkflowTestContext } from './support';

const SECRET = 'workflow-delivery-secret';

describe('service order notifications delivery', () => {
  let ctx: WorkflowTestContext;
  let webhook: TestWebhookServer;
  beforeAll(async () => {
    webhook = await TestWebhookServer.start(SECRET);
    ctx = await setUpWorkflowTests('wf-delivery', { WEBHOOK_URL: webhook.url, WEBHOOK_SECRET: SECRET });
  });
  afterAll(async () => {
    await ctx.close();
    await webhook.stop();
  });

  it('keeps the order moving while the webhook fails, and delivers once it recovers', async () => {
    let failing = true;
    webhook.respond = () => (failing ? 503 : 200);
    const cast = await createCast(ctx.dataSource, 'delivery');
    const input = castInput(cast, { details: { appointment: undefined } });
    const handle = await startOrder(ctx, input);
    // The intake-incomplete notice is being retried…
    await eventually(
      () =>
        expect(webhook.requests.filter((r) => r.body.data.orderNo === input.orderNo).length).toBeGreaterThan(
          0,
        ),
      {
        timeoutMs: 10_000,
      },
    );
    // …and the order still answers commands at once.
    const started = Date.now();
    const appointment = appointmentIn(24, 1);
    const view = await handle.executeUpdate(supplyInfo, {
      args: [{ actor: cast.clerk.actor, details: { appointment } }],
    });
    expect(view.status).toBe('PENDING_REVIEW');
    expect(Date.now() - started).toBeLessThan(2000);
    failing = false;
    await eventually(
      () => {
        const accepted = webhook.accepted(
          (r) => r.body.data.orderNo === input.orderNo && r.eventType === 'notification.INTAKE_INCOMPLETE',
        );
        expect(accepted).toHaveLength(1);
        expect(accepted[0].signatureValid).toBe(true);
      },
      { timeoutMs: 20_000 },
    );
  });
});
