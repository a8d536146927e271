// Who pays decides what settles: covered work (IN_WARRANTY, CONTRACT) at zero, paid work at its total;
// a supervisor's override with a reason changes it until the order is settled, and nobody else may.
import {
  customerAcceptance,
  ORDER_FAILURE,
  overrideCoverage,
  settle,
  type SettlementInput,
} from '../../src/workflows/service-order/service-order.messages';
import type { OrderCoverage } from '../../src/domain';
import {
  driveToPendingAcceptance,
  newCast,
  refusal,
  setUpWorkflowUnit,
  type UnitCast,
  type WorkflowUnitContext,
} from './support';

const IN_WARRANTY: OrderCoverage = {
  coverage: 'IN_WARRANTY',
  reason: 'KFR-72LW bought on 2026-01-10 with proof INV-1: in warranty until 2029-01-09.',
  warrantyEndsOn: '2029-01-09',
  catalogueVersion: 1,
};

describe('workflow unit: coverage', () => {
  let ctx: WorkflowUnitContext;
  beforeAll(async () => {
    ctx = await setUpWorkflowUnit('wu-coverage');
  });
  afterAll(async () => ctx?.close());

  async function completedOrder(cast: UnitCast) {
    const started = await ctx.startOrder(cast, { details: { coverage: IN_WARRANTY } });
    await driveToPendingAcceptance(started.handle, cast);
    await started.handle.executeUpdate(customerAcceptance, {
      args: [{ actor: { id: null, role: 'customer', name: 'customer' }, decision: 'ACCEPT', rating: 5 }],
    });
    return started;
  }

  const settleFor = (cast: UnitCast, amount: number): { args: [SettlementInput] } => ({
    args: [{ actor: cast.cashier, amount, paymentMethod: 'CASH', invoiceNo: 'INV-1' }],
  });

  it('settles in-warranty work at zero, and the total once a supervisor makes it paid', async () => {
    const cast = newCast('covered');
    const { handle, input } = await completedOrder(cast);
    expect(input.details.totalAmount).toBeGreaterThan(0);

    expect(
      await refusal(handle.executeUpdate(settle, settleFor(cast, input.details.totalAmount))),
    ).toMatchObject({
      type: ORDER_FAILURE.INVALID_INPUT,
      message: expect.stringContaining('IN_WARRANTY work settles at 0'),
    });
    // Only a supervisor overrides, and with a reason.
    expect(
      await refusal(
        handle.executeUpdate(overrideCoverage, {
          args: [{ actor: cast.clerk, coverage: 'PAID', reason: 'x' }],
        }),
      ),
    ).toMatchObject({ type: ORDER_FAILURE.FORBIDDEN });
    expect(
      await refusal(
        handle.executeUpdate(overrideCoverage, {
          args: [{ actor: cast.boss, coverage: 'PAID', reason: ' ' }],
        }),
      ),
    ).toMatchObject({ type: ORDER_FAILURE.INVALID_INPUT, details: { field: 'reason' } });

    const view = await handle.executeUpdate(overrideCoverage, {
      args: [{ actor: cast.boss, coverage: 'PAID', reason: 'Water damage is not covered' }],
    });
    expect(view.details.coverage).toMatchObject({
      coverage: 'PAID',
      reason: 'Water damage is not covered',
      warrantyEndsOn: IN_WARRANTY.warrantyEndsOn,
      overriddenBy: { id: cast.boss.id },
    });
    expect(await refusal(handle.executeUpdate(settle, settleFor(cast, 0)))).toMatchObject({
      type: ORDER_FAILURE.INVALID_INPUT,
      details: { field: 'amount' },
    });
    const settled = await handle.executeUpdate(settle, settleFor(cast, input.details.totalAmount));
    expect(settled.tracks.settlement).toBe('DONE');
    // Settled: who paid is history now.
    expect(
      await refusal(
        handle.executeUpdate(overrideCoverage, {
          args: [{ actor: cast.boss, coverage: 'IN_WARRANTY', reason: 'proof found' }],
        }),
      ),
    ).toMatchObject({ type: ORDER_FAILURE.ACTION_NOT_ALLOWED });
  });

  it('settles covered work at zero without an invoice number', async () => {
    const cast = newCast('covered-zero');
    const { handle } = await completedOrder(cast);
    const settled = await handle.executeUpdate(settle, {
      args: [{ actor: cast.cashier, amount: 0, paymentMethod: 'WARRANTY', invoiceNo: '' }],
    });
    expect(settled.tracks.settlement).toBe('DONE');
  });
});
