import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { ApplicationFailure } from '@temporalio/common';
import { ORDER_FAILURE, review, supplyInfo } from '../../src/workflows/service-order/service-order.messages';
import { appointmentIn, orderInput } from '../factories/orders';
import { secondsPolicy } from '../factories/sla-policies';
import { agent } from '../factories/users.factory';
import { eventually } from '../support/harness';
import { setUpWorkflowTests, startOrder, timelineOf, waitForView, type WorkflowTestContext } from './support';

describe('service order: intake', () => {
  let ctx: WorkflowTestContext;
  beforeAll(async () => {
    ctx = await setUpWorkflowTests('wf-intake');
  });
  afterAll(async () => ctx.close());

  it('projects the order to PostgreSQL and answers getOrder', async () => {
    const clerk = await agent(ctx.dataSource);
    const input = orderInput(clerk.actor, { policy: secondsPolicy() });
    const handle = await startOrder(ctx, input);
    const view = await waitForView(handle, (v) => expect(v.status).toBe('PENDING_REVIEW'));
    expect(view.deadlines.map((d) => d.stageKey)).toEqual(['REVIEW#1']);
    await eventually(async () => {
      const rows = await ctx.dataSource.query(`SELECT status, revision FROM orders WHERE order_no = $1`, [
        input.orderNo,
      ]);
      expect(rows).toEqual([{ status: 'PENDING_REVIEW', revision: 1 }]);
    });
    const timeline = await timelineOf(ctx.dataSource, input.orderNo);
    expect(timeline.map((t) => t.action)).toEqual(['INTAKE']);
    const described = await handle.describe();
    expect(described.searchAttributes.OrderStatus).toEqual(['PENDING_REVIEW']);
  });

  it('starts an incomplete order in INFO_REQUIRED and notifies the clerk', async () => {
    const clerk = await agent(ctx.dataSource);
    const input = orderInput(clerk.actor, { details: { appointment: undefined } });
    const handle = await startOrder(ctx, input);
    const view = await waitForView(handle, (v) => expect(v.status).toBe('INFO_REQUIRED'));
    expect(view.problems.map((p) => p.field)).toContain('appointment');
    await eventually(async () => {
      const rows = await ctx.dataSource.query(
        `SELECT kind FROM notifications WHERE order_no = $1 AND user_id = $2`,
        [input.orderNo, clerk.id],
      );
      expect(rows).toEqual([{ kind: 'INTAKE_INCOMPLETE' }]);
    });
  });

  it.each([
    ['a cleared field', { serviceItems: null }, 'details.serviceItems'],
    ['items that are not a list', { serviceItems: 'three' }, 'details'],
  ])('refuses %s in supplied info and stays workable', async (_case, details, field) => {
    const clerk = await agent(ctx.dataSource);
    const input = orderInput(clerk.actor, { details: { appointment: undefined } });
    const handle = await startOrder(ctx, input);
    const refusal = await handle
      .executeUpdate(supplyInfo, { args: [{ actor: clerk.actor, details: details as never }] })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(refusal).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (refusal as WorkflowUpdateFailedError).cause as ApplicationFailure;
    expect(cause.type).toBe(ORDER_FAILURE.INVALID_INPUT);
    expect(cause.details?.[0]).toMatchObject({ field, status: 'INFO_REQUIRED' });
    // The order still takes the next, well-formed update.
    const view = await handle.executeUpdate(supplyInfo, {
      args: [{ actor: clerk.actor, details: { appointment: appointmentIn(24, 1) } }],
    });
    expect(view.status).toBe('PENDING_REVIEW');
  });

  it('moves to review once the clerk supplies what is missing, and back when the reviewer returns it', async () => {
    const clerk = await agent(ctx.dataSource);
    const input = orderInput(clerk.actor, { details: { appointment: undefined, totalAmount: 1 } });
    const handle = await startOrder(ctx, input);
    let view = await handle.executeUpdate(supplyInfo, {
      args: [{ actor: clerk.actor, details: { totalAmount: 300 } }],
    });
    expect(view.status).toBe('INFO_REQUIRED');
    expect(view.problems.map((p) => p.field)).toEqual(['appointment']);
    const appointment = appointmentIn(24, 1);
    view = await handle.executeUpdate(supplyInfo, {
      args: [{ actor: clerk.actor, details: { appointment } }],
    });
    expect(view).toMatchObject({ status: 'PENDING_REVIEW', problems: [] });
    expect(view.deadlines.map((d) => d.stageKey)).toEqual(['REVIEW#1']);
    view = await handle.executeUpdate(review, {
      args: [{ actor: clerk.actor, decision: 'RETURN', note: 'which floor?' }],
    });
    expect(view.status).toBe('INFO_REQUIRED');
    expect(view.problems).toEqual([{ field: 'review', problem: 'which floor?' }]);
    expect(view.deadlines.map((d) => d.stageKey)).toEqual(['INFO_COMPLETION#2']);
    view = await handle.executeUpdate(supplyInfo, {
      args: [
        {
          actor: clerk.actor,
          details: { customer: { ...input.details.customer, address: '1 Century Avenue, floor 12' } },
        },
      ],
    });
    expect(view.status).toBe('PENDING_REVIEW');
    view = await handle.executeUpdate(review, {
      args: [{ actor: clerk.actor, decision: 'REJECT', note: 'duplicate' }],
    });
    expect(view).toMatchObject({ status: 'REJECTED', deadlines: [] });
    expect((await handle.result()).status).toBe('REJECTED');
    await eventually(async () => {
      const actions = (await timelineOf(ctx.dataSource, input.orderNo)).map((t) => t.action);
      expect(actions).toEqual([
        'INTAKE',
        'SUPPLY_INFO',
        'SUPPLY_INFO',
        'REVIEW_RETURN',
        'SUPPLY_INFO',
        'REVIEW_REJECT',
      ]);
    });
  });
});
