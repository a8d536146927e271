// End to end through HTTP only: a policy with second-scale targets saved through the API, then one order
// from intake to CLOSED, its reads (live and read model, list filters, timeline, access log), refusals
// (404, 409 with the allowed actions), idempotent intake, a warranty claim, KPIs and the workload view.
import { appointmentIn, intakeBody } from '../factories/orders';
import { eventually } from '../support/harness';
import {
  ApiStack,
  bearer,
  createStaff,
  createTechnician,
  login,
  startApiStack,
  type TestUser,
} from './api-harness';

const ORDER_TYPE = 'INSPECTION';

function shortPolicy(current: Record<string, unknown>): Record<string, unknown> {
  const { orderType: _t, version: _v, ...fields } = current;
  const targets = fields.targets as Record<string, unknown>;
  // Seconds, but long enough that no deadline expires while this test runs.
  const s = '900s';
  return {
    ...fields,
    calendar: null,
    targets: {
      ...Object.fromEntries(Object.keys(targets).map((key) => [key, s])),
      dispatch: { URGENT: s, HIGH: s, NORMAL: s, LOW: s },
      completion: { IN_CITY: s, OUT_OF_CITY: s },
      warranty: '3600s',
    },
  };
}

describe('order lifecycle over HTTP', () => {
  let stack: ApiStack;
  let admin: string;
  let agent: TestUser;
  let supervisor: TestUser;
  let dispatcher: TestUser;
  let finance: TestUser;
  let technicianId: string;
  let technician: string;

  beforeAll(async () => {
    stack = await startApiStack({ prefix: 'api-lifecycle', worker: true });
    admin = await login(stack, 'admin', 'admin-password');
    agent = await createStaff(stack, ['agent']);
    supervisor = await createStaff(stack, ['supervisor']);
    dispatcher = await createStaff(stack, ['dispatcher'], { region: 'north' });
    finance = await createStaff(stack, ['finance']);
    const tech = await createTechnician(stack, admin, {
      displayName: 'Li Wei',
      region: 'north',
      skills: ['inspect'],
    });
    technicianId = tech.id;
    technician = tech.token;

    const policies = await stack.http().get('/api/sla-policies').set(bearer(admin));
    const current = (policies.body as Record<string, unknown>[]).find((p) => p.orderType === ORDER_TYPE);
    expect(current).toBeDefined();
    const saved = await stack
      .http()
      .put(`/api/sla-policies/${ORDER_TYPE}`)
      .set(bearer(admin))
      .send(shortPolicy(current as Record<string, unknown>));
    expect(saved.status).toBe(200);
  });

  afterAll(async () => {
    await stack?.close();
  });

  const intake = (overrides: Record<string, unknown> = {}) =>
    intakeBody({ type: ORDER_TYPE, dispatchMode: 'SUPERVISOR', requiredSkills: ['inspect'], ...overrides });

  async function command(token: string, orderNo: string, action: string, body: object = {}) {
    return stack.http().post(`/api/orders/${orderNo}/${action}`).set(bearer(token)).send(body);
  }

  async function expectStatus(token: string, orderNo: string, action: string, body: object, status: string) {
    const response = await command(token, orderNo, action, body);
    expect({
      action,
      code: response.status,
      status: response.body.status,
      body: response.status === 200 ? undefined : response.body,
    }).toEqual({ action, code: 200, status, body: undefined });
    return response.body;
  }

  it('takes one order from intake to CLOSED through HTTP only', async () => {
    const created = await stack.http().post('/api/orders').set(bearer(agent.token)).send(intake());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'PENDING_REVIEW', problems: [] });
    expect(created.body.orderNo).toMatch(/^SO-\d{8}-\d{6}$/);
    expect(created.body.workflowId).toBe(`order-${created.body.orderNo}`);
    const { orderNo, customerToken } = created.body as { orderNo: string; customerToken: string };

    await expectStatus(
      agent.token,
      orderNo,
      'review',
      { decision: 'APPROVE', note: 'looks right' },
      'PENDING_DISPATCH',
    );
    const assigned = await expectStatus(
      dispatcher.token,
      orderNo,
      'assignment',
      { technicianId },
      'ASSIGNED',
    );
    expect(assigned.technicianId).toBe(technicianId);
    await expectStatus(technician, orderNo, 'technician-response', { decision: 'ACCEPT' }, 'ACCEPTED');
    await expectStatus(technician, orderNo, 'contact', { note: 'Called, coming at 9' }, 'ACCEPTED');
    await expectStatus(technician, orderNo, 'check-in', { lat: 31.2301, lng: 121.4701 }, 'ON_SITE');
    const progressed = await expectStatus(
      technician,
      orderNo,
      'progress',
      { milestone: 'IN_PROGRESS', note: 'started', attachments: ['photos/1.jpg'] },
      'IN_PROGRESS',
    );

    // The technician sees the order now that it is theirs, with its running deadlines. Reads come from the
    // stored copy; minRevision (the command's revision) makes the read wait for its projection.
    const read = await stack
      .http()
      .get(`/api/orders/${orderNo}?minRevision=${progressed.revision}`)
      .set(bearer(technician));
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ source: 'read-model', status: 'IN_PROGRESS' });
    expect(read.body.revision).toBeGreaterThanOrEqual(progressed.revision);
    expect(read.body.deadlines.length).toBeGreaterThan(0);
    expect(read.body.deadlines[0].dueAt).toEqual(expect.any(String));
    expect(read.body.allowedActions).toEqual(expect.arrayContaining(['COMPLETE']));
    const progressTimeline = await stack
      .http()
      .get(`/api/orders/${orderNo}/timeline?minRevision=${progressed.revision}`)
      .set(bearer(technician));
    expect(progressTimeline.body.map((t: { action: string }) => t.action)).toContain('REPORT_PROGRESS');
    const malformed = await stack
      .http()
      .get(`/api/orders/${orderNo}?minRevision=soon`)
      .set(bearer(technician));
    expect(malformed.status).toBe(400);
    // A revision the order never reaches: a bounded wait, then 503 with Retry-After.
    const ahead = await stack.http().get(`/api/orders/${orderNo}?minRevision=100000`).set(bearer(technician));
    expect(ahead.status).toBe(503);
    expect(ahead.headers['retry-after']).toEqual(expect.any(String));

    await expectStatus(
      technician,
      orderNo,
      'completion',
      {
        summary: 'Inspected, all fine',
        partsUsed: [{ code: 'FILTER', quantity: 1, warranty: '7200s' }],
        laborHours: 1.5,
      },
      'PENDING_QC',
    );
    await expectStatus(supervisor.token, orderNo, 'qc', { result: 'PASS', note: 'ok' }, 'PENDING_ACCEPTANCE');

    await eventually(async () => {
      const customerView = await stack.http().get(`/api/orders/${orderNo}`).set(bearer(customerToken));
      expect(customerView.status).toBe(200);
      expect(customerView.body).toMatchObject({
        orderNo,
        status: 'PENDING_ACCEPTANCE',
        allowedActions: ['CUSTOMER_ACCEPT', 'CUSTOMER_REJECT'],
      });
      expect(customerView.body.details).toBeUndefined();
    });

    const accepted = await command(customerToken, orderNo, 'customer-acceptance', {
      decision: 'ACCEPT',
      rating: 5,
      comment: 'great',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'COMPLETED', rating: 5 });

    await expectStatus(
      agent.token,
      orderNo,
      'callback',
      { reached: true, satisfied: true, note: 'happy' },
      'COMPLETED',
    );
    const settled = await command(finance.token, orderNo, 'settlement', {
      amount: 300,
      paymentMethod: 'CARD',
      invoiceNo: 'INV-1',
    });
    expect(settled.status).toBe(200);
    expect(settled.body.status).toBe('CLOSED');

    // After the workflow closed: reads come from the read model or the closed workflow, commands are 409.
    await eventually(async () => {
      const read = await stack.http().get(`/api/orders/${orderNo}`).set(bearer(agent.token));
      expect(read.status).toBe(200);
      expect(read.body.status).toBe('CLOSED');
    });
    const late = await command(agent.token, orderNo, 'cancel', { reason: 'too late' });
    expect(late.status).toBe(409);
    expect(late.body.details).toMatchObject({ status: 'CLOSED' });
    // The actions offered are the caller's own: finance can do nothing more, only an agent may claim warranty.
    const lateSettle = await command(finance.token, orderNo, 'settlement', {
      amount: 300,
      paymentMethod: 'CARD',
      invoiceNo: 'INV-LATE',
    });
    expect(lateSettle.status).toBe(409);
    expect(lateSettle.body.details).toEqual({ status: 'CLOSED', allowedActions: [] });
    expect(late.body.details.allowedActions).toEqual(['WARRANTY_CLAIM']);

    const timeline = await stack.http().get(`/api/orders/${orderNo}/timeline`).set(bearer(supervisor.token));
    expect(timeline.status).toBe(200);
    await eventually(async () => {
      const entries = (
        await stack.http().get(`/api/orders/${orderNo}/timeline`).set(bearer(supervisor.token))
      ).body as { toStatus: string | null }[];
      expect(entries.map((e) => e.toStatus)).toEqual(
        expect.arrayContaining([
          'PENDING_DISPATCH',
          'ASSIGNED',
          'ON_SITE',
          'PENDING_QC',
          'COMPLETED',
          'CLOSED',
        ]),
      );
    });

    // Every staff read of the order was logged; the customer's reads are not staff reads.
    const log: { user_id: string; action: string }[] = await stack.dataSource.query(
      `SELECT user_id, action FROM order_access_log WHERE order_no = $1`,
      [orderNo],
    );
    expect(log).toEqual(
      expect.arrayContaining([
        { user_id: technicianId, action: 'VIEW_ORDER' },
        { user_id: agent.id, action: 'VIEW_ORDER' },
        { user_id: supervisor.id, action: 'VIEW_TIMELINE' },
      ]),
    );

    // The read model answers list queries with filters.
    await eventually(async () => {
      const list = await stack
        .http()
        .get(`/api/orders?text=${orderNo}&status=CLOSED&type=${ORDER_TYPE}`)
        .set(bearer(agent.token));
      expect(list.body.items.map((o: { orderNo: string }) => o.orderNo)).toEqual([orderNo]);
    });
    const mine = await stack.http().get('/api/orders?status=CLOSED').set(bearer(technician));
    expect(mine.body.items.every((o: { technicianId: string }) => o.technicianId === technicianId)).toBe(
      true,
    );

    // A warranty claim within the warranty opens a linked order at amount 0; the visit agreed when the
    // claim was taken is the new order's, so it goes straight to review.
    const visit = appointmentIn(48, 2);
    const claim = await stack
      .http()
      .post(`/api/orders/${orderNo}/warranty-claims`)
      .set(bearer(agent.token))
      .send({ faultDescription: 'Filter failed', partCode: 'FILTER', appointment: visit });
    expect(claim.status).toBe(201);
    expect(claim.body).toMatchObject({ parentOrderNo: orderNo, status: 'PENDING_REVIEW' });
    expect(claim.body.orderNo).not.toBe(orderNo);
    await eventually(async () => {
      const child = await stack.http().get(`/api/orders/${claim.body.orderNo}`).set(bearer(agent.token));
      expect(child.status).toBe(200);
      expect(child.body.details).toMatchObject({
        isWarranty: true,
        parentOrderNo: orderNo,
        totalAmount: 0,
        type: ORDER_TYPE,
        appointment: visit,
      });
    });

    const kpis = await stack.http().get('/api/reports/kpis').set(bearer(supervisor.token));
    expect(kpis.status).toBe(200);
    expect(kpis.body.completed).toBeGreaterThanOrEqual(1);
    expect(
      kpis.body.perTechnician.find((t: { technicianId: string }) => t.technicianId === technicianId),
    ).toMatchObject({ completed: 1, avgRating: 5 });
  });

  it('answers 404 for an unknown order and 409 with the status and allowed actions for a refused transition', async () => {
    const unknown = await command(agent.token, 'SO-20990101-999998', 'review', { decision: 'APPROVE' });
    expect(unknown.status).toBe(404);

    const created = await stack.http().post('/api/orders').set(bearer(agent.token)).send(intake());
    const orderNo = created.body.orderNo as string;
    const refused = await command(supervisor.token, orderNo, 'qc', { result: 'PASS' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      statusCode: 409,
      error: 'Conflict',
      details: { status: 'PENDING_REVIEW' },
    });
    expect(Array.isArray(refused.body.details.allowedActions)).toBe(true);

    // An incomplete order starts in INFO_REQUIRED with its problems; supplying the info moves it on.
    const incomplete = await stack
      .http()
      .post('/api/orders')
      .set(bearer(agent.token))
      .send(intake({ totalAmount: 999, appointment: undefined }));
    expect(incomplete.status).toBe(201);
    expect(incomplete.body.status).toBe('INFO_REQUIRED');
    expect(incomplete.body.problems.map((p: { field: string }) => p.field).sort()).toEqual([
      'appointment',
      'totalAmount',
    ]);
    const supplied = await command(agent.token, incomplete.body.orderNo, 'info', {
      details: { totalAmount: 300, appointment: appointmentIn(24, 1) },
    });
    expect(supplied.status).toBe(200);
    expect(supplied.body.status).toBe('PENDING_REVIEW');

    // Cancelling stops everything; the cancelled order refuses further commands.
    const cancelled = await command(agent.token, orderNo, 'cancel', {
      reason: 'customer changed their mind',
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('CANCELLED');
    const after = await command(agent.token, orderNo, 'review', { decision: 'APPROVE' });
    expect(after.status).toBe(409);
    expect(after.body.details.status).toBe('CANCELLED');
  });

  it('is idempotent on Idempotency-Key: same body → same order and one workflow; other body → 422', async () => {
    const key = `key-${Date.now()}`;
    const body = intake();
    const responses = await Promise.all(
      Array.from({ length: 4 }, () =>
        stack.http().post('/api/orders').set(bearer(agent.token)).set('Idempotency-Key', key).send(body),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    const orderNos = new Set(responses.map((r) => r.body.orderNo));
    expect(orderNos.size).toBe(1);
    expect(new Set(responses.map((r) => r.body.customerToken)).size).toBe(1);
    const [orderNo] = [...orderNos];

    const again = await stack
      .http()
      .post('/api/orders')
      .set(bearer(agent.token))
      .set('Idempotency-Key', key)
      .send(body);
    expect(again.body.orderNo).toBe(orderNo);
    // Key order in the JSON does not matter.
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    expect(
      (
        await stack
          .http()
          .post('/api/orders')
          .set(bearer(agent.token))
          .set('Idempotency-Key', key)
          .send(reordered)
      ).body.orderNo,
    ).toBe(orderNo);

    const different = await stack
      .http()
      .post('/api/orders')
      .set(bearer(agent.token))
      .set('Idempotency-Key', key)
      .send({ ...body, totalAmount: 301 });
    expect(different.status).toBe(422);
    expect(different.body).toMatchObject({ statusCode: 422, details: { orderNo } });

    const intakes: { count: string }[] = await stack.dataSource.query(
      `SELECT count(*) FROM order_intakes WHERE idempotency_key = $1`,
      [key],
    );
    expect(Number(intakes[0].count)).toBe(1);
    const executions = await stack.client.workflow.count(`WorkflowId = "order-${orderNo}"`);
    expect(executions.count).toBe(1);
    // The customer token from a replay is the real one.
    expect(
      (await stack.http().get(`/api/orders/${orderNo}`).set(bearer(again.body.customerToken))).status,
    ).toBe(200);
  });

  it('re-projects running orders on a policy edit with applyToRunning and shows dispatchers the workload', async () => {
    const created = await stack.http().post('/api/orders').set(bearer(agent.token)).send(intake());
    await eventually(async () => {
      const list = await stack
        .http()
        .get(`/api/orders?text=${created.body.orderNo}`)
        .set(bearer(agent.token));
      expect(list.body.total).toBe(1);
    });
    const policies = await stack.http().get('/api/sla-policies').set(bearer(admin));
    const current = (policies.body as Record<string, unknown>[]).find(
      (p) => p.orderType === ORDER_TYPE,
    ) as Record<string, unknown>;
    const edited = shortPolicy(current);
    const response = await stack
      .http()
      .put(`/api/sla-policies/${ORDER_TYPE}`)
      .set(bearer(admin))
      .send({ ...edited, applyToRunning: true, reason: 'Shorter targets for the pilot region' });
    expect(response.status).toBe(200);
    expect(response.body.signalledOrders).toBeGreaterThanOrEqual(1);

    const workload = await stack.http().get('/api/technicians/workload').set(bearer(dispatcher.token));
    expect(workload.status).toBe(200);
    expect(
      workload.body.find((t: { technicianId: string }) => t.technicianId === technicianId),
    ).toMatchObject({ capacity: 5, region: 'north' });
    expect(workload.body.every((t: { region: string }) => t.region === 'north')).toBe(true);
  });
});
