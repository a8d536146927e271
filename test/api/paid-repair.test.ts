// A paid repair end to end over HTTP (issue 11): judged PAID at intake, no work before the customer approves
// the quote on their token, added work approved, the part reserved from stock and booked out at completion,
// the replaced part inspected, payment taken on site, settlement against the itemised ledger, the invoice
// sent later, CLOSED.
import type { OrderView, PricingView } from '../../src/workflows/service-order/service-order.messages';
import { intakeBody } from '../factories/orders';
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

interface Line {
  code: string;
  kind: string;
  quantity: number;
  unitPrice: number;
  amount: number;
}

describe('a paid repair over HTTP', () => {
  let stack: ApiStack;
  let admin: string;
  let agent: TestUser;
  let supervisor: TestUser;
  let dispatcher: TestUser;
  let finance: TestUser;
  let technicianId: string;
  let technician: string;

  beforeAll(async () => {
    stack = await startApiStack({ prefix: 'api-paid-repair', worker: true });
    admin = await login(stack, 'admin', 'admin-password');
    agent = await createStaff(stack, ['agent']);
    supervisor = await createStaff(stack, ['supervisor']);
    dispatcher = await createStaff(stack, ['dispatcher'], { region: 'north' });
    finance = await createStaff(stack, ['finance']);
    const tech = await createTechnician(stack, admin, {
      displayName: 'Zhao Lei',
      region: 'north',
      skills: ['ac'],
    });
    technicianId = tech.id;
    technician = tech.token;
  });

  afterAll(async () => {
    await stack?.close();
  });

  const post = (token: string, orderNo: string, action: string, body: object = {}) =>
    stack.http().post(`/api/orders/${orderNo}/${action}`).set(bearer(token)).send(body);

  async function expectOk(token: string, orderNo: string, action: string, body: object = {}) {
    const response = await post(token, orderNo, action, body);
    expect({
      action,
      status: response.status,
      body: response.status === 200 ? undefined : response.body,
    }).toEqual({
      action,
      status: 200,
      body: undefined,
    });
    return response.body as OrderView & { pricing: PricingView };
  }

  /** Out of warranty (bought in 2020, no proof): PAID, no price agreed at intake; driven to ON_SITE. */
  async function paidRepairOnSite(serialNumber: string): Promise<{ orderNo: string; customerToken: string }> {
    const created = await stack
      .http()
      .post('/api/orders')
      .set(bearer(agent.token))
      .send(
        intakeBody({
          type: 'REPAIR',
          requiredSkills: ['ac'],
          serviceItems: [],
          totalAmount: 0,
          equipment: { model: 'KFR-35GW', serialNumber, purchaseDate: '2020-05-01' },
          customer: { ...(intakeBody().customer as object), region: 'north' },
        }),
      );
    expect(created.status).toBe(201);
    const { orderNo, customerToken } = created.body as { orderNo: string; customerToken: string };
    const read = await stack.http().get(`/api/orders/${orderNo}`).set(bearer(agent.token));
    expect(read.body.details.coverage).toMatchObject({ coverage: 'PAID' });
    await expectOk(agent.token, orderNo, 'review', { decision: 'APPROVE' });
    await expectOk(dispatcher.token, orderNo, 'assignment', { technicianId });
    await expectOk(technician, orderNo, 'technician-response', { decision: 'ACCEPT' });
    await expectOk(technician, orderNo, 'check-in', { lat: 31.2301, lng: 121.4701 });
    return { orderNo, customerToken };
  }

  it('runs from intake to CLOSED by the ledger', async () => {
    // Stock for the repair: the capacitor is on the shelf of the main warehouse.
    const receipt = await stack
      .http()
      .post('/api/stock/receipts')
      .set(bearer(supervisor.token))
      .send({ locationCode: 'MAIN', partCode: 'AC-CAP-35UF', quantity: 5 });
    expect(receipt.status).toBe(201);

    const { orderNo, customerToken } = await paidRepairOnSite('SN-PAID-1');

    // No work before the customer agrees to a price.
    const early = await post(technician, orderNo, 'progress', { milestone: 'IN_PROGRESS', note: 'start' });
    expect(early.status).toBe(409);
    expect(early.body.message).toMatch(/approved a quote/);
    // A line the catalogue cannot price is refused at its field.
    const unknown = await post(technician, orderNo, 'quotes', {
      lines: [{ code: 'NO-SUCH-PART', quantity: 1 }],
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.details).toEqual([
      { field: 'lines[0].code', reasons: [expect.stringContaining('NO-SUCH-PART')] },
    ]);

    // The technician prices the job; the customer approves it with their token.
    const quoted = await expectOk(technician, orderNo, 'quotes', {
      lines: [{ code: 'AC-CAP-35UF', quantity: 1 }, { labourHours: 1 }],
      note: 'the run capacitor is dead',
    });
    expect(quoted.status).toBe('PENDING_QUOTE');
    const quote = quoted.pricing.quotes[0];
    const labourRate = (quote.estimate.lines as Line[]).find((l) => l.kind === 'LABOUR')?.unitPrice as number;
    expect(quote.estimate.total).toBe(4500 + labourRate);
    const customerPage = await stack
      .http()
      .get(`/api/orders/${orderNo}?minRevision=${quoted.revision}`)
      .set(bearer(customerToken));
    expect(customerPage.body.pricing).toMatchObject({
      currency: 'CNY',
      quote: { id: 'Q-1', status: 'PENDING', estimate: { total: quote.estimate.total } },
      quoteDueAt: expect.any(String),
    });
    expect(customerPage.body.pricing.quote.proposedBy).toBeUndefined();
    expect(customerPage.body.allowedActions).toEqual(
      expect.arrayContaining(['APPROVE_QUOTE', 'DECLINE_QUOTE']),
    );
    const approved = await expectOk(customerToken, orderNo, 'quote-decision', {
      quoteId: 'Q-1',
      decision: 'APPROVE',
    });
    expect(approved.status).toBe('IN_PROGRESS');

    // The part is reserved from the warehouse for the order.
    const parts = await expectOk(technician, orderNo, 'parts-requests', {
      items: [{ code: 'AC-CAP-35UF', quantity: 1 }],
    });
    expect(parts.pricing.reservations).toMatchObject([
      { requestId: 'PR-1', status: 'RESERVED', locationCode: 'MAIN' },
    ]);

    // Found on site: a cracked pipe. Approved by the customer, it joins the bill.
    const added = await expectOk(technician, orderNo, 'added-work', {
      lines: [{ code: 'AC-PIPE-CU', quantity: 2 }],
      reason: 'the copper pipe is cracked',
    });
    expect(added.pricing.addedWork).toMatchObject([
      { id: 'AW-1', status: 'PENDING', estimate: { total: 14000 } },
    ]);
    await expectOk(customerToken, orderNo, 'added-work/AW-1/decision', { decision: 'APPROVE' });

    const completed = await expectOk(technician, orderNo, 'completion', {
      summary: 'replaced the capacitor and the pipe',
      partsUsed: [{ code: 'AC-CAP-35UF', quantity: 1 }],
      laborHours: 1,
      replacedParts: [{ code: 'AC-CAP-35UF', quantity: 1, disposal: 'COMPANY_DISPOSES' }],
    });
    expect(completed.status).toBe('PENDING_QC');
    const approvedTotal = quote.estimate.total + 14000;
    expect(completed.pricing.approvedTotal).toBe(approvedTotal);
    // The ledger, itemised: labour and the part as approved and used, the pipe as added.
    expect(completed.pricing.amountDue).toMatchObject({
      reason: 'WORK',
      coverage: 'PAID',
      due: { labour: labourRate, parts: 4500, materials: 14000, services: 0, total: approvedTotal },
      unapprovedParts: [],
    });
    await eventually(async () => {
      const timeline = (
        await stack.http().get(`/api/orders/${orderNo}/timeline`).set(bearer(supervisor.token))
      ).body as { action: string; details: Record<string, unknown> }[];
      expect(timeline.find((t) => t.action === 'PARTS_BOOKED_OUT')?.details).toMatchObject({
        locationCode: 'MAIN',
        lines: [{ partCode: 'AC-CAP-35UF', quantity: 1, fromReservation: 1, fromFree: 0 }],
      });
      expect(timeline.find((t) => t.action === 'COMPLETE')?.details).toMatchObject({
        finalPrice: approvedTotal,
        approvedTotal,
      });
    });

    await expectOk(supervisor.token, orderNo, 'qc', { result: 'PASS' });
    const inspected = await expectOk(supervisor.token, orderNo, 'parts-inspection', {
      results: [{ code: 'AC-CAP-35UF', result: 'FAULTY', note: 'capacitance 0' }],
    });
    expect(inspected.pricing.replacedParts).toMatchObject([
      { code: 'AC-CAP-35UF', disposal: 'COMPANY_DISPOSES', inspection: { result: 'FAULTY' } },
    ]);
    // 当场收费: the technician takes the payment; the invoice follows.
    await expectOk(technician, orderNo, 'payments', {
      amount: approvedTotal,
      paymentMethod: 'CASH',
      receiptNo: 'R-77',
    });
    await expectOk(customerToken, orderNo, 'customer-acceptance', { decision: 'ACCEPT', rating: 5 });
    await expectOk(agent.token, orderNo, 'callback', { reached: true, satisfied: true });

    // Settlement must match the ledger to the fen.
    const wrong = await post(finance.token, orderNo, 'settlement', {
      amount: approvedTotal / 100 + 0.01,
      paymentMethod: 'CASH',
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.details).toMatchObject({ field: 'amount' });
    const settled = await expectOk(finance.token, orderNo, 'settlement', {
      amount: approvedTotal / 100,
      paymentMethod: 'CASH',
    });
    expect(settled).toMatchObject({ status: 'COMPLETED', tracks: { settlement: 'INVOICE_PENDING' } });
    const closed = await expectOk(finance.token, orderNo, 'invoice', { invoiceNo: 'INV-PAID-1' });
    expect(closed).toMatchObject({ status: 'CLOSED', pricing: { invoiceNo: 'INV-PAID-1' } });

    // The KPIs read this order's timeline: its approved quote counts (the names are the timeline's own).
    await eventually(async () => {
      const kpis = await stack.http().get('/api/reports/kpis').set(bearer(supervisor.token));
      expect(kpis.body.quoteAcceptanceRate).toBeGreaterThan(0);
    });
  });

  it('a part out of stock waits for its purchase; booking it in resumes the order', async () => {
    const { orderNo, customerToken } = await paidRepairOnSite('SN-PAID-2');
    await expectOk(technician, orderNo, 'quotes', { lines: [{ code: 'AC-FAN-MOTOR-IN', quantity: 1 }] });
    await expectOk(customerToken, orderNo, 'quote-decision', { quoteId: 'Q-1', decision: 'APPROVE' });
    // A part code of this run only: nobody else's receipts can fill the shelf.
    const partCode = `FAN-${process.pid}`;
    const waiting = await expectOk(technician, orderNo, 'parts-requests', {
      items: [{ code: partCode, quantity: 1 }],
    });
    expect(waiting.milestone).toBe('WAITING_PARTS');
    expect(waiting.deadlines.find((d) => d.stage === 'COMPLETION')?.paused).toBe(true);
    const [purchaseRequestId] = waiting.pricing.reservations[0].purchaseRequestIds;
    const requests = await stack
      .http()
      .get(`/api/purchase-requests?orderNo=${orderNo}`)
      .set(bearer(supervisor.token));
    expect(
      (requests.body as { id: string; orderNo: string; status: string }[]).find(
        (r) => r.id === purchaseRequestId,
      ),
    ).toMatchObject({
      orderNo,
      status: 'OPEN',
    });

    const receipt = await stack
      .http()
      .post('/api/stock/receipts')
      .set(bearer(supervisor.token))
      .send({ locationCode: 'MAIN', partCode, quantity: 1, purchaseRequestId });
    expect(receipt.status).toBe(201);
    expect(receipt.body.purchaseRequest).toMatchObject({ status: 'RECEIVED' });
    // The receipt told the order: it reserved the part and the clock runs again.
    await eventually(async () => {
      const read = await stack.http().get(`/api/orders/${orderNo}`).set(bearer(technician));
      expect(read.body.pricing.reservations[0]).toMatchObject({ status: 'RESERVED' });
      expect(read.body.milestone).toBe('IN_PROGRESS');
    });
  });
});
