// The KPIs over read-model rows, escalation records and timeline entries written directly (no workflow
// needed): handling time, on-time rate (a late completion counts, the rework limit's escalation does not)
// and rework rate, per technician and in the totals; and priced work (quote acceptance, the final price
// against the approved total at each order's last completion, parts stock-outs, faultless returns).
import { randomUUID } from 'node:crypto';
import {
  PART_FOUND_FAULTLESS,
  PARTS_SHORTFALL,
  QUOTE_APPROVED,
  QUOTE_DECLINED,
  QUOTE_EXPIRED,
} from '../../src/domain/priced-kpis';
import { writeOrderRow } from '../../src/persistence/order-row';
import type { OrderView } from '../../src/workflows/service-order/service-order.messages';
import { orderView } from '../factories/orders';
import { bearer, createStaff, startApiStack, type ApiStack, type TestUser } from './api-harness';

const HOUR = 3_600_000;
// A window of its own far in the future, so other test files' orders never fall into it.
const WINDOW_START = Date.UTC(2097, 0, 1) + (process.pid % 1000) * 24 * HOUR;

let sequence = 0;
function orderNo(): string {
  sequence += 1;
  return `SO-20970101-${String(((process.pid % 10_000) * 10 + sequence) % 1_000_000).padStart(6, '0')}`;
}

interface Spec {
  handlingHours: number | null;
  reworkRound?: number;
  escalations?: { stageKey: string; level: number }[];
}

interface Entry {
  action: string;
  details?: Record<string, unknown>;
}

/** Timeline entries of one order as the workflow writes them, in order (seq 1, 2, ...). */
async function writeTimeline(
  stack: ApiStack,
  no: string,
  createdAt: number,
  entries: Entry[],
): Promise<void> {
  for (const [index, entry] of entries.entries()) {
    await stack.dataSource.query(
      `INSERT INTO order_timeline (order_no, seq, at, actor_id, actor_role, action, details)
       VALUES ($1, $2, $3, NULL, 'system', $4, $5::jsonb)`,
      [
        no,
        index + 1,
        new Date(createdAt + (index + 1) * 60_000).toISOString(),
        entry.action,
        JSON.stringify(entry.details ?? {}),
      ],
    );
  }
}

const priced = (finalPrice: number, approvedTotal: number): Entry => ({
  action: 'COMPLETE',
  details: { finalPrice, approvedTotal },
});
const quote = (action: string, amount = 10_000): Entry => ({
  action,
  details: { quoteId: randomUUID(), amount, ...(action === QUOTE_APPROVED ? {} : { diagnosisFee: 500 }) },
});
const shortfall: Entry = {
  action: PARTS_SHORTFALL,
  details: {
    requestId: randomUUID(),
    shortfall: [{ partCode: 'FAN-MOTOR', requested: 2, available: 0 }],
    purchaseRequestIds: [randomUUID()],
  },
};
const faultless = (technicianId: string): Entry => ({
  action: PART_FOUND_FAULTLESS,
  details: { technicianId, partCode: 'FAN-MOTOR', quantity: 1, note: 'works on the bench' },
});

// Windows of one day each from WINDOW_START: the handling orders, priced work, an order outside both
// (its entries would change every priced figure), and completions that carry no usable price.
const DAY = 24 * HOUR;
const PRICED_START = WINDOW_START + DAY;
const OUTSIDE_START = WINDOW_START + 2 * DAY;
const UNPRICED_START = WINDOW_START + 3 * DAY;

function viewOf(no: string, technicianId: string, spec: Spec, createdAt: number): OrderView {
  const completedAt = spec.handlingHours === null ? null : createdAt + spec.handlingHours * HOUR;
  return orderView({
    orderNo: no,
    status: completedAt === null ? 'IN_PROGRESS' : 'COMPLETED',
    technicianId,
    reworkRound: spec.reworkRound ?? 0,
    createdBy: { id: null, role: 'agent', name: 'kpi test' },
    createdAt: new Date(createdAt).toISOString(),
    completedAt: completedAt === null ? null : new Date(completedAt).toISOString(),
  });
}

describe('KPIs', () => {
  let stack: ApiStack;
  let supervisor: TestUser;
  let technician: TestUser;
  let otherTechnician: TestUser;

  async function kpisBetween(from: number, to: number) {
    const kpis = await stack
      .http()
      .get(`/api/reports/kpis?from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}`)
      .set(bearer(supervisor.token));
    expect(kpis.status).toBe(200);
    return kpis.body;
  }

  async function orderWith(technicianId: string, createdAt: number, entries: Entry[]): Promise<void> {
    const no = orderNo();
    await writeOrderRow(
      stack.dataSource.manager,
      viewOf(no, technicianId, { handlingHours: 1 }, createdAt),
      null,
    );
    await writeTimeline(stack, no, createdAt, entries);
  }

  beforeAll(async () => {
    stack = await startApiStack({ prefix: 'kpis' });
    supervisor = await createStaff(stack, ['supervisor']);
    technician = await createStaff(stack, ['technician']);
    otherTechnician = await createStaff(stack, ['technician']);
    const specs: Spec[] = [
      { handlingHours: 2 },
      // Late: the completion clock reached 100 %.
      { handlingHours: 4, escalations: [{ stageKey: 'COMPLETION#1', level: 1 }] },
      // Rejected twice, past the limit once: reworked, but never late.
      { handlingHours: 6, reworkRound: 2, escalations: [{ stageKey: 'REWORK_LIMIT#2', level: 2 }] },
      // Still being worked on: counted as assigned only.
      { handlingHours: null },
    ];
    for (const [index, spec] of specs.entries()) {
      const no = orderNo();
      await writeOrderRow(
        stack.dataSource.manager,
        viewOf(no, technician.id, spec, WINDOW_START + index * HOUR),
        null,
      );
      for (const escalation of spec.escalations ?? []) {
        await stack.dataSource.query(
          `INSERT INTO escalations (id, order_no, stage, stage_key, level, due_at, fired_at, recipients)
           VALUES ($1, $2, 'COMPLETION', $3, $4, now(), now(), '[]'::jsonb)`,
          [randomUUID(), no, escalation.stageKey, escalation.level],
        );
      }
    }

    // Priced work. Approved twice, declined once, expired once.
    await orderWith(technician.id, PRICED_START, [
      quote(QUOTE_APPROVED),
      // Failed QC, completed again: only the last completion (5 % above) counts, not this 30 %.
      priced(13_000, 10_000),
      shortfall,
      faultless(technician.id),
      priced(10_500, 10_000),
    ]);
    await orderWith(technician.id, PRICED_START + HOUR, [
      quote(QUOTE_DECLINED),
      // Another technician's part, found on this order: it flags them, not the one assigned.
      faultless(otherTechnician.id),
      faultless(technician.id),
      // A technician named in other entries' details is no faultless return.
      { action: 'ASSIGN', details: { technicianId: technician.id } },
      priced(9_800, 10_000),
    ]);
    await orderWith(otherTechnician.id, PRICED_START + 2 * HOUR, [
      quote(QUOTE_EXPIRED),
      shortfall,
      shortfall,
      // Not a priced order: no finalPrice / approvedTotal, skipped.
      { action: 'COMPLETE', details: {} },
    ]);
    await orderWith(technician.id, PRICED_START + 3 * HOUR, [
      quote(QUOTE_APPROVED),
      // Nothing approved to compare with: skipped.
      priced(500, 0),
    ]);
    await orderWith(technician.id, OUTSIDE_START + HOUR, [
      quote(QUOTE_DECLINED),
      quote(QUOTE_DECLINED),
      shortfall,
      faultless(technician.id),
      faultless(otherTechnician.id),
      priced(20_000, 10_000),
    ]);
    await orderWith(technician.id, UNPRICED_START, [{ action: 'COMPLETE', details: {} }]);
    await orderWith(technician.id, UNPRICED_START + HOUR, [quote(QUOTE_APPROVED), priced(0, 0)]);
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('measures handling time, on-time rate and rework rate; the rework limit is not lateness', async () => {
    const from = new Date(WINDOW_START).toISOString();
    const to = new Date(WINDOW_START + 24 * HOUR).toISOString();
    const kpis = await stack
      .http()
      .get(`/api/reports/kpis?from=${from}&to=${to}`)
      .set(bearer(supervisor.token));
    expect(kpis.status).toBe(200);
    const expected = {
      completed: 3,
      avgHandlingHours: 4,
      onTimeRate: 0.667,
      reworkRate: 0.333,
    };
    expect(kpis.body).toMatchObject({ orders: 4, ...expected });
    expect(kpis.body.perTechnician).toEqual([
      expect.objectContaining({ technicianId: technician.id, assigned: 4, escalations: 2, ...expected }),
    ]);
  });

  it('has no priced figures where no order was quoted, priced or short of parts', async () => {
    const kpis = await kpisBetween(WINDOW_START, WINDOW_START + DAY);
    expect(kpis).toMatchObject({ quoteAcceptanceRate: null, avgEstimateDeviation: null, partsStockOuts: 0 });
    expect(kpis.perTechnician).toEqual([
      expect.objectContaining({ technicianId: technician.id, faultlessReturns: 0 }),
    ]);
  });

  it("measures quote acceptance, the last completion's deviation from the approved total, stock-outs and faultless returns", async () => {
    const kpis = await kpisBetween(PRICED_START, PRICED_START + DAY);
    expect(kpis).toMatchObject({
      orders: 4,
      quoteAcceptanceRate: 0.5,
      // (0.05 + (-0.02)) / 2: the unpriced completion and the one with nothing approved are skipped.
      avgEstimateDeviation: 0.015,
      partsStockOuts: 3,
    });
    expect(kpis.perTechnician).toHaveLength(2);
    expect(kpis.perTechnician).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ technicianId: technician.id, assigned: 3, faultlessReturns: 2 }),
        expect.objectContaining({ technicianId: otherTechnician.id, assigned: 1, faultlessReturns: 1 }),
      ]),
    );
  });

  it('has no estimate deviation when no completion carries an approved total above zero', async () => {
    const kpis = await kpisBetween(UNPRICED_START, UNPRICED_START + DAY);
    expect(kpis).toMatchObject({
      orders: 2,
      quoteAcceptanceRate: 1,
      avgEstimateDeviation: null,
      partsStockOuts: 0,
    });
  });
});
