// Priced work on the real dev server with the real activities and PostgreSQL (issue 11): the quote the
// customer approves, declines or lets lapse, added work approved or lapsed, parts reserved from stock (a
// shortfall waits for the purchase), the final-price tolerance, book-out at completion and settlement by
// the ledger.
import {
  priceEstimate,
  type EstimateLine,
  type OrderCoverage,
  type OrderType,
  type PricedEstimate,
  type SlaPolicy,
} from '../../src/domain';
import { currentCatalogue, type StoredCatalogue } from '../../src/persistence/price-catalogues';
import { receiveStock } from '../../src/persistence/stock';
import {
  approveSelfBoughtParts,
  assign,
  cancel,
  collectPayment,
  complete,
  customerAcceptance,
  decideAddedWork,
  decideQuote,
  inspectParts,
  qc,
  partsArrived,
  proposeAddedWork,
  proposeQuote,
  reportProgress,
  requestParts,
  settle,
  type PriceBasis,
} from '../../src/workflows/service-order/service-order.messages';
import { secondsPolicy } from '../factories/sla-policies';
import { CUSTOMER, type TestStaff } from '../factories/users.factory';
import { eventually } from '../support/harness';
import { recordHistory } from './histories';
import {
  castInput,
  createCast,
  driveToOnSite,
  notificationsOf,
  setUpWorkflowTests,
  startOrder,
  timelineOf,
  waitForView,
  type WorkflowTestContext,
} from './support';

const PAID: Omit<OrderCoverage, 'catalogueVersion'> = {
  coverage: 'PAID',
  reason: 'no proof of purchase',
  warrantyEndsOn: null,
};

/** The workflow's refusal of an Update: its failure type, message and details. */
async function refusal(promise: Promise<unknown>): Promise<{ type?: string; message?: string }> {
  try {
    await promise;
  } catch (error) {
    const cause = (error as { cause?: { type?: string; message?: string } }).cause;
    return { type: cause?.type, message: cause?.message };
  }
  throw new Error('expected a refusal');
}

/** Part codes of this run only: stock levels are shared by every test file on the database. */
const partCode = (name: string) => `WF-${name}-${process.pid}`;

describe('priced work', () => {
  let ctx: WorkflowTestContext;
  let catalogue: StoredCatalogue;
  let basis: PriceBasis;

  beforeAll(async () => {
    ctx = await setUpWorkflowTests('wf-priced');
    catalogue = (await currentCatalogue(ctx.dataSource)) as StoredCatalogue;
    basis = { catalogueVersion: catalogue.version, quoteSettings: catalogue.quoteSettings, currency: 'CNY' };
  });
  afterAll(async () => ctx.close());

  function estimate(lines: EstimateLine[], orderType: OrderType = 'REPAIR'): PricedEstimate {
    const priced = priceEstimate(lines, catalogue, { orderType, zone: 'IN_CITY' });
    if (!priced.ok) throw new Error(JSON.stringify(priced.errors));
    return priced.estimate;
  }

  /** A paid repair with no price agreed at intake: a quote must be approved before the work. */
  async function paidRepair(name: string, policy: SlaPolicy = secondsPolicy('REPAIR'), technicians = 1) {
    const cast = await createCast(
      ctx.dataSource,
      name,
      Array.from({ length: technicians }, () => ({})),
    );
    const input = castInput(cast, {
      policy,
      details: {
        type: 'REPAIR',
        serviceItems: [],
        totalAmount: 0,
        coverage: { ...PAID, catalogueVersion: catalogue.version },
      },
    });
    const handle = await startOrder(ctx, input);
    const tech = await driveToOnSite(handle, cast);
    return { cast, input, handle, tech };
  }

  // A capacitor (4500) and an hour of repair labour: 4500 + the REPAIR IN_CITY hourly rate.
  const QUOTE_LINES: EstimateLine[] = [{ code: 'AC-CAP-35UF', quantity: 1 }, { labourHours: 1 }];

  it('the customer approves the quote: paid work waits for it, the clock waits with the customer', async () => {
    const { handle, tech, cast } = await paidRepair('quote-ok');
    // No price agreed yet: the work may not start.
    expect(
      await refusal(
        handle.executeUpdate(reportProgress, {
          args: [{ actor: tech.actor, milestone: 'IN_PROGRESS', note: 'x' }],
        }),
      ),
    ).toMatchObject({ message: expect.stringMatching(/approved a quote/) });

    const quote = estimate(QUOTE_LINES);
    let view = await handle.executeUpdate(proposeQuote, {
      args: [{ actor: tech.actor, estimate: quote, basis }],
    });
    expect(view.status).toBe('PENDING_QUOTE');
    expect(view.pricing?.quotes).toMatchObject([{ id: 'Q-1', status: 'PENDING' }]);
    expect(view.deadlines.find((d) => d.stage === 'COMPLETION')?.paused).toBe(true);
    expect(view.deadlines.find((d) => d.stage === 'QUOTE_APPROVAL')?.responsibleUserId).toBe(cast.clerk.id);

    // Only the quote waiting for an answer can be answered.
    expect(
      await refusal(
        handle.executeUpdate(decideQuote, {
          args: [{ actor: CUSTOMER, quoteId: 'Q-9', decision: 'APPROVE' }],
        }),
      ),
    ).toMatchObject({ message: expect.stringMatching(/Q-1 is/) });
    view = await handle.executeUpdate(decideQuote, {
      args: [{ actor: CUSTOMER, quoteId: 'Q-1', decision: 'APPROVE' }],
    });
    expect(view.status).toBe('IN_PROGRESS');
    expect(view.pricing?.quotes[0]).toMatchObject({ status: 'APPROVED', decidedBy: { role: 'customer' } });
    expect(view.pricing?.approvedTotal).toBe(quote.total);
    expect(view.deadlines.find((d) => d.stage === 'COMPLETION')?.paused).toBe(false);
    expect(view.deadlines.some((d) => d.stage === 'QUOTE_APPROVAL')).toBe(false);
    await eventually(async () => {
      const approved = (await timelineOf(ctx.dataSource, view.orderNo)).find(
        (t) => t.action === 'APPROVE_QUOTE',
      );
      expect(approved).toMatchObject({
        actor_role: 'customer',
        details: { quoteId: 'Q-1', amount: quote.total },
      });
    });
  });

  it('a declined quote ends the order with the diagnosis fee; settling it closes the order', async () => {
    const { handle, tech, cast } = await paidRepair('quote-no');
    await handle.executeUpdate(proposeQuote, {
      args: [{ actor: tech.actor, estimate: estimate(QUOTE_LINES), basis }],
    });
    let view = await handle.executeUpdate(decideQuote, {
      args: [{ actor: CUSTOMER, quoteId: 'Q-1', decision: 'DECLINE', note: 'too dear' }],
    });
    const fee = catalogue.quoteSettings.diagnosisFee;
    expect(fee).toBeGreaterThan(0);
    expect(view).toMatchObject({
      status: 'COMPLETED',
      tracks: { callback: 'NOT_NEEDED', feedback: 'NOT_NEEDED', settlement: 'PENDING' },
    });
    expect(view.pricing?.amountDue).toMatchObject({ reason: 'QUOTE_DECLINED', due: { total: fee } });
    // The wrong amount is refused at its field, the fee settles it.
    expect(
      await refusal(
        handle.executeUpdate(settle, {
          args: [
            {
              actor: cast.cashier.actor,
              amount: 1,
              amountMinor: 100,
              paymentMethod: 'CASH',
              invoiceNo: 'I-1',
            },
          ],
        }),
      ),
    ).toMatchObject({ message: expect.stringMatching(/does not match the amount due 50.00 CNY/) });
    view = await handle.executeUpdate(settle, {
      args: [
        {
          actor: cast.cashier.actor,
          amount: fee / 100,
          amountMinor: fee,
          paymentMethod: 'CASH',
          invoiceNo: 'I-1',
        },
      ],
    });
    expect(view.status).toBe('CLOSED');
    await recordHistory(handle, 'quote-declined');
  });

  it('a quote nobody answers lapses at the end of its window, as a decline, and the agent is told', async () => {
    const policy = secondsPolicy('REPAIR', { targets: { quoteApproval: '2s' } });
    const { handle, tech, cast, input } = await paidRepair('quote-lapse', policy);
    await handle.executeUpdate(proposeQuote, {
      args: [{ actor: tech.actor, estimate: estimate(QUOTE_LINES), basis }],
    });
    const view = await waitForView(handle, (v) => expect(v.status).toBe('COMPLETED'), 10_000);
    expect(view.pricing?.quotes[0]).toMatchObject({ status: 'EXPIRED', decidedBy: { role: 'system' } });
    expect(view.pricing?.amountDue?.due.total).toBe(catalogue.quoteSettings.diagnosisFee);
    await eventually(async () => {
      const kinds = (await notificationsOf(ctx.dataSource, input.orderNo)).map(
        (n) => `${n.kind}:${n.user_id}`,
      );
      expect(kinds).toContain(`QUOTE_EXPIRED:${cast.clerk.id}`);
      const actions = (await timelineOf(ctx.dataSource, input.orderNo)).map((t) => t.action);
      // The warning at 80 % went to the agent first.
      expect(actions).toEqual(expect.arrayContaining(['SLA_WARNING', 'QUOTE_EXPIRED']));
    });
    await recordHistory(handle, 'quote-lapsed');
  });

  it('added work is billed only once approved; unanswered, it lapses and the agent is told', async () => {
    const policy = secondsPolicy('REPAIR', { targets: { addedWorkApproval: '2s' } });
    const { handle, tech, cast, input } = await paidRepair('added', policy);
    const quote = estimate(QUOTE_LINES);
    await handle.executeUpdate(proposeQuote, { args: [{ actor: tech.actor, estimate: quote, basis }] });
    await handle.executeUpdate(decideQuote, {
      args: [{ actor: CUSTOMER, quoteId: 'Q-1', decision: 'APPROVE' }],
    });

    const pipe = estimate([{ code: 'AC-PIPE-CU', quantity: 2 }]);
    let view = await handle.executeUpdate(proposeAddedWork, {
      args: [{ actor: tech.actor, estimate: pipe, basis, reason: 'the pipe is cracked' }],
    });
    expect(view.pricing?.addedWork).toMatchObject([{ id: 'AW-1', status: 'PENDING' }]);
    expect(view.pricing?.approvedTotal).toBe(quote.total);
    view = await handle.executeUpdate(decideAddedWork, {
      args: [
        {
          actor: cast.clerk.actor,
          addedWorkId: 'AW-1',
          decision: 'APPROVE',
          note: 'customer said yes on the phone',
        },
      ],
    });
    expect(view.pricing?.approvedTotal).toBe(quote.total + pipe.total);

    const bracket = estimate([{ code: 'AC-BRACKET', quantity: 1 }]);
    await handle.executeUpdate(proposeAddedWork, {
      args: [{ actor: tech.actor, estimate: bracket, basis, reason: 'the bracket is rusty' }],
    });
    // Completion waits for the customer's answer...
    expect(
      await refusal(
        handle.executeUpdate(complete, {
          args: [{ actor: tech.actor, summary: 'done', partsUsed: [], laborHours: 1 }],
        }),
      ),
    ).toMatchObject({ message: expect.stringMatching(/AW-2 waits/) });
    // ... which never comes: silence is no approval.
    view = await waitForView(handle, (v) => expect(v.pricing?.addedWork[1]?.status).toBe('LAPSED'), 10_000);
    expect(view.pricing?.approvedTotal).toBe(quote.total + pipe.total);
    await eventually(async () => {
      const told = (await notificationsOf(ctx.dataSource, input.orderNo))
        .filter((n) => n.kind === 'ADDED_WORK_LAPSED')
        .map((n) => n.user_id);
      expect(told).toEqual(expect.arrayContaining([cast.clerk.id, tech.id]));
    });
    await recordHistory(handle, 'added-work');
  });

  it('parts come from stock; a shortfall waits for the purchase with the clock stopped, the receipt resumes it', async () => {
    const { handle, tech, input } = await paidRepair('parts');
    const capacitor = partCode('CAP');
    const motor = partCode('MOTOR');
    await receiveStock(ctx.dataSource, {
      locationCode: 'MAIN',
      partCode: capacitor,
      quantity: 3,
      idempotencyKey: `wf-priced:${capacitor}`,
      actorId: null,
    });
    await handle.executeUpdate(proposeQuote, {
      args: [{ actor: tech.actor, estimate: estimate(QUOTE_LINES), basis }],
    });
    await handle.executeUpdate(decideQuote, {
      args: [{ actor: CUSTOMER, quoteId: 'Q-1', decision: 'APPROVE' }],
    });

    // Codes the stock cannot hold are refused at the request, not retried by the reservation.
    expect(
      await refusal(
        handle.executeUpdate(requestParts, {
          args: [{ actor: tech.actor, items: [{ code: 'FAN MOTOR', quantity: 1 }] }],
        }),
      ),
    ).toMatchObject({ type: 'InvalidInput', message: expect.stringMatching(/letters, digits/) });

    // In stock: reserved at once, no waiting.
    let view = await handle.executeUpdate(requestParts, {
      args: [{ actor: tech.actor, items: [{ code: capacitor, quantity: 2 }] }],
    });
    expect(view.pricing?.reservations).toMatchObject([{ requestId: 'PR-1', status: 'RESERVED' }]);
    expect(view.milestone).not.toBe('WAITING_PARTS');

    // Not in stock: a purchase request, and the order waits for it with the completion clock stopped.
    view = await handle.executeUpdate(requestParts, {
      args: [{ actor: tech.actor, items: [{ code: motor, quantity: 1 }] }],
    });
    const waiting = view.pricing?.reservations[1];
    expect(waiting).toMatchObject({
      status: 'WAITING_STOCK',
      shortfall: [{ partCode: motor, requested: 1, available: 0 }],
    });
    expect(waiting?.purchaseRequestIds).toHaveLength(1);
    expect(view.milestone).toBe('WAITING_PARTS');
    expect(view.deadlines.find((d) => d.stage === 'COMPLETION')?.paused).toBe(true);

    // The motor arrives for the purchase request; the stock API signals the order.
    const purchaseRequestId = waiting?.purchaseRequestIds[0] as string;
    await receiveStock(ctx.dataSource, {
      locationCode: 'MAIN',
      partCode: motor,
      quantity: 1,
      purchaseRequestId,
      idempotencyKey: `wf-priced:${motor}`,
      actorId: null,
    });
    await handle.signal(partsArrived, { purchaseRequestIds: [purchaseRequestId] });
    view = await waitForView(handle, (v) => expect(v.pricing?.reservations[1]?.status).toBe('RESERVED'));
    expect(view.milestone).toBe('IN_PROGRESS');
    expect(view.deadlines.find((d) => d.stage === 'COMPLETION')?.paused).toBe(false);
    const reserved: { part_code: string; reserved: number }[] = await ctx.dataSource.query(
      `SELECT part_code, reserved FROM stock_levels WHERE part_code = ANY($1) ORDER BY part_code`,
      [[capacitor, motor]],
    );
    expect(reserved).toEqual([
      { part_code: capacitor, reserved: 2 },
      { part_code: motor, reserved: 1 },
    ]);

    // Completion books out what was used; what the order held beyond it goes back to the shelf.
    const priced = (code: string, quantity: number) => ({
      code,
      kind: 'PART' as const,
      description: code,
      unit: 'pc',
      quantity,
      unitPrice: 4500,
      amount: 4500 * quantity,
    });
    await handle.executeUpdate(complete, {
      args: [
        {
          actor: tech.actor,
          summary: 'replaced the capacitor',
          partsUsed: [{ code: capacitor, quantity: 1 }],
          laborHours: 1,
          pricedParts: [priced(capacitor, 1)],
        },
      ],
    });
    await eventually(async () => {
      const levels: { part_code: string; on_hand: number; reserved: number }[] = await ctx.dataSource.query(
        `SELECT part_code, on_hand, reserved FROM stock_levels WHERE part_code = ANY($1) ORDER BY part_code`,
        [[capacitor, motor]],
      );
      expect(levels).toEqual([
        { part_code: capacitor, on_hand: 2, reserved: 0 },
        { part_code: motor, on_hand: 1, reserved: 0 },
      ]);
      const actions = (await timelineOf(ctx.dataSource, input.orderNo)).map((t) => t.action);
      expect(actions).toEqual(
        expect.arrayContaining(['PARTS_RESERVED', 'PARTS_SHORTFALL', 'PARTS_BOOKED_OUT']),
      );
    });
    await recordHistory(handle, 'parts-from-stock');
  });

  it('a final price more than 10 % above the approval needs a new quote; the customer approves it', async () => {
    const { handle, tech } = await paidRepair('over');
    const quote = estimate(QUOTE_LINES);
    await handle.executeUpdate(proposeQuote, { args: [{ actor: tech.actor, estimate: quote, basis }] });
    await handle.executeUpdate(decideQuote, {
      args: [{ actor: CUSTOMER, quoteId: 'Q-1', decision: 'APPROVE' }],
    });
    await handle.executeUpdate(reportProgress, {
      args: [{ actor: tech.actor, milestone: 'IN_PROGRESS', note: 'x' }],
    });
    // A main board instead of the capacitor: far above the approved total.
    const board = estimate([{ code: 'AC-PCB-MAIN', quantity: 1 }]).lines[0];
    const completion = {
      actor: tech.actor,
      summary: 'replaced the main board',
      partsUsed: [{ code: 'AC-PCB-MAIN', quantity: 1 }],
      laborHours: 1,
      pricedParts: [board],
    };
    expect(await refusal(handle.executeUpdate(complete, { args: [completion] }))).toMatchObject({
      message: expect.stringMatching(/more than 10% above the approved .*propose a revised quote/),
    });
    const revised = estimate([{ code: 'AC-PCB-MAIN', quantity: 1 }, { labourHours: 1 }]);
    let view = await handle.executeUpdate(proposeQuote, {
      args: [{ actor: tech.actor, estimate: revised, basis }],
    });
    expect(view.status).toBe('PENDING_QUOTE');
    // Declining the revision leaves the first approval standing: the work goes on within it.
    view = await handle.executeUpdate(decideQuote, {
      args: [{ actor: CUSTOMER, quoteId: 'Q-2', decision: 'DECLINE', note: 'ask me again tomorrow' }],
    });
    expect(view.status).toBe('IN_PROGRESS');
    expect(view.pricing?.approvedTotal).toBe(quote.total);
    expect(view.pricing?.amountDue).toBeNull();
    await handle.executeUpdate(proposeQuote, { args: [{ actor: tech.actor, estimate: revised, basis }] });
    await handle.executeUpdate(decideQuote, {
      args: [{ actor: CUSTOMER, quoteId: 'Q-3', decision: 'APPROVE' }],
    });
    view = await handle.executeUpdate(complete, { args: [completion] });
    expect(view.status).toBe('PENDING_QC');
    expect(view.pricing?.approvedTotal).toBe(revised.total);
  });

  it('a self-bought part off its price waits for the supervisor; a faultless replaced part flags the technician', async () => {
    const { handle, tech, cast, input } = await paidRepair('self-bought');
    const quote = estimate(QUOTE_LINES);
    await handle.executeUpdate(proposeQuote, { args: [{ actor: tech.actor, estimate: quote, basis }] });
    await handle.executeUpdate(decideQuote, {
      args: [{ actor: CUSTOMER, quoteId: 'Q-1', decision: 'APPROVE' }],
    });
    const capacitor = quote.lines.find((line) => line.code === 'AC-CAP-35UF');
    // Bought at 60.00 against a catalogue price of 45.00: more than the tolerance above it.
    let view = await handle.executeUpdate(complete, {
      args: [
        {
          actor: tech.actor,
          summary: 'bought a capacitor in town',
          partsUsed: [
            { code: 'AC-CAP-35UF', quantity: 1, selfBought: { invoiceAmount: 6000, invoiceRef: 'FP-1' } },
          ],
          laborHours: 1,
          pricedParts: capacitor ? [capacitor] : [],
          replacedParts: [{ code: 'AC-CAP-35UF', quantity: 1, disposal: 'RETURN_TO_CUSTOMER' }],
        },
      ],
    });
    expect(view.pricing?.selfBoughtParts).toMatchObject([
      { code: 'AC-CAP-35UF', invoiceAmount: 6000, cataloguePrice: 4500, status: 'PENDING_APPROVAL' },
    ]);
    expect(view.pricing?.selfBoughtParts[0]?.problem).toMatch(/33.3% above the catalogue price/);
    await handle.executeUpdate(qc, { args: [{ actor: cast.boss.actor, result: 'PASS' }] });
    view = await handle.executeUpdate(inspectParts, {
      args: [
        {
          actor: cast.boss.actor,
          results: [{ code: 'AC-CAP-35UF', result: 'FAULTLESS', note: 'tests fine' }],
        },
      ],
    });
    expect(view.pricing?.replacedParts[0]).toMatchObject({
      disposal: 'RETURN_TO_CUSTOMER',
      inspection: { result: 'FAULTLESS' },
    });
    await handle.executeUpdate(collectPayment, {
      args: [{ actor: tech.actor, amount: quote.total, paymentMethod: 'CASH' }],
    });
    await handle.executeUpdate(customerAcceptance, {
      args: [{ actor: CUSTOMER, decision: 'ACCEPT', rating: 5 }],
    });
    const settlement = {
      actor: cast.cashier.actor,
      amount: quote.total / 100,
      amountMinor: quote.total,
      paymentMethod: 'CASH',
      invoiceNo: null,
    };
    expect(await refusal(handle.executeUpdate(settle, { args: [settlement] }))).toMatchObject({
      type: 'ActionNotAllowed',
      message: expect.stringMatching(/AC-CAP-35UF wait for a supervisor's approval/),
    });
    await handle.executeUpdate(approveSelfBoughtParts, {
      args: [{ actor: cast.boss.actor, codes: ['AC-CAP-35UF'], note: 'no stock in town at the price' }],
    });
    view = await handle.executeUpdate(settle, { args: [settlement] });
    // Paid on site without an invoice number: the invoice is still to be sent.
    expect(view.tracks.settlement).toBe('INVOICE_PENDING');
    await eventually(async () => {
      const flagged = (await timelineOf(ctx.dataSource, input.orderNo)).find(
        (t) => t.action === 'PART_FOUND_FAULTLESS',
      );
      expect(flagged?.details).toMatchObject({ technicianId: tech.id, partCode: 'AC-CAP-35UF', quantity: 1 });
    });
  });

  it('cancelling an order gives its reserved parts back and cancels its purchase requests', async () => {
    const { handle, tech, cast, input } = await paidRepair('cancel-parts');
    const valve = partCode('VALVE');
    const fan = partCode('FAN');
    await receiveStock(ctx.dataSource, {
      locationCode: 'MAIN',
      partCode: valve,
      quantity: 1,
      idempotencyKey: `wf-priced:${valve}`,
      actorId: null,
    });
    await handle.executeUpdate(proposeQuote, {
      args: [{ actor: tech.actor, estimate: estimate(QUOTE_LINES), basis }],
    });
    await handle.executeUpdate(decideQuote, {
      args: [{ actor: CUSTOMER, quoteId: 'Q-1', decision: 'APPROVE' }],
    });
    await handle.executeUpdate(requestParts, {
      args: [{ actor: tech.actor, items: [{ code: valve, quantity: 1 }] }],
    });
    await handle.executeUpdate(requestParts, {
      args: [{ actor: tech.actor, items: [{ code: fan, quantity: 1 }] }],
    });
    await handle.executeUpdate(cancel, {
      args: [{ actor: cast.boss.actor, reason: 'the customer moved away' }],
    });
    await eventually(async () => {
      const [level]: { reserved: number }[] = await ctx.dataSource.query(
        `SELECT reserved FROM stock_levels WHERE location_code = 'MAIN' AND part_code = $1`,
        [valve],
      );
      expect(level.reserved).toBe(0);
      const requests: { status: string }[] = await ctx.dataSource.query(
        `SELECT status FROM purchase_requests WHERE order_no = $1`,
        [input.orderNo],
      );
      expect(requests).toEqual([{ status: 'CANCELLED' }]);
    });
  });

  it('a reassignment while the quote waits withdraws it and restarts the completion clock', async () => {
    const { handle, tech, cast } = await paidRepair('quote-reassign', secondsPolicy('REPAIR'), 2);
    const other = cast.techs.find((t) => t.id !== tech.id) as TestStaff;
    await handle.executeUpdate(proposeQuote, {
      args: [{ actor: tech.actor, estimate: estimate(QUOTE_LINES), basis }],
    });
    const view = await handle.executeUpdate(assign, {
      args: [{ actor: cast.boss.actor, technicianId: other.id }],
    });
    expect(view).toMatchObject({ status: 'ASSIGNED', technicianId: other.id });
    expect(view.pricing?.quotes[0]?.status).toBe('WITHDRAWN');
    expect(view.deadlines.find((d) => d.stage === 'COMPLETION')?.paused).toBe(false);
    expect(view.deadlines.some((d) => d.stage === 'QUOTE_APPROVAL')).toBe(false);
  });

  it('added work on a fixed-price job is billed on top of the intake price, its parts included', async () => {
    const cast = await createCast(ctx.dataSource, 'fixed-price');
    // The canonical installation: 300.00 agreed at intake, so no quote is needed before the work.
    const input = castInput(cast, {
      details: { coverage: { ...PAID, catalogueVersion: catalogue.version } },
    });
    const handle = await startOrder(ctx, input);
    const tech = await driveToOnSite(handle, cast);
    await handle.executeUpdate(reportProgress, {
      args: [{ actor: tech.actor, milestone: 'IN_PROGRESS', note: 'x' }],
    });
    const cable = estimate([{ code: 'AC-CABLE', quantity: 3 }], 'INSTALLATION');
    await handle.executeUpdate(proposeAddedWork, {
      args: [{ actor: tech.actor, estimate: cable, basis, reason: 'the outlet is far from the unit' }],
    });
    await handle.executeUpdate(decideAddedWork, {
      args: [{ actor: CUSTOMER, addedWorkId: 'AW-1', decision: 'APPROVE' }],
    });
    const bracket = estimate([{ code: 'AC-BRACKET', quantity: 1 }], 'INSTALLATION').lines[0];
    // A bracket from the shelf is part of the fixed price: no new approval for it.
    const view = await handle.executeUpdate(complete, {
      args: [
        {
          actor: tech.actor,
          summary: 'installed',
          partsUsed: [{ code: 'AC-BRACKET', quantity: 1 }],
          laborHours: 2,
          pricedParts: [bracket],
        },
      ],
    });
    expect(view.status).toBe('PENDING_QC');
    expect(view.pricing?.approvedTotal).toBe(30000 + cable.total);
    expect(view.pricing?.amountDue).toMatchObject({
      reason: 'WORK',
      due: { services: 30000, materials: cable.total, parts: 0, total: 30000 + cable.total },
    });
  });
});
