// The KPIs over read-model rows and escalation records written directly (no workflow needed): handling
// time, on-time rate (a late completion counts, the rework limit's escalation does not) and rework rate,
// per technician and in the totals.
import { randomUUID } from 'node:crypto';
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

  beforeAll(async () => {
    stack = await startApiStack({ prefix: 'kpis' });
    supervisor = await createStaff(stack, ['supervisor']);
    technician = await createStaff(stack, ['technician']);
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
});
