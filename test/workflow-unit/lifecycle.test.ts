// The whole lifecycle through the order's Updates, with fake activities: the happy path to CLOSED and
// the refusals (wrong role, wrong status, bad input), which change nothing.
import {
  callback,
  cancel,
  checkIn,
  complete,
  customerAcceptance,
  logContact,
  ORDER_FAILURE,
  qc,
  receiveParts,
  reportProgress,
  requestParts,
  respondToAssignment,
  review,
  settle,
  supplyInfo,
  type Actor,
} from '../../src/workflows/service-order/service-order.messages';
import type { CustomerMessageInput } from '../../src/activities/notification.contract';
import { appointmentIn, CUSTOMER_POSITION } from '../factories/orders';
import {
  CUSTOMER,
  driveToInProgress,
  eventually,
  newCast,
  refusal,
  setUpWorkflowUnit,
  stagesOf,
  viewOf,
  type WorkflowUnitContext,
} from './support';

describe('workflow unit: lifecycle', () => {
  let ctx: WorkflowUnitContext;
  beforeAll(async () => {
    ctx = await setUpWorkflowUnit('wu-lifecycle');
  });
  afterAll(async () => ctx?.close());

  it('runs intake → review → AUTO dispatch → field work → QC → acceptance → callback → settlement → CLOSED', async () => {
    const cast = newCast('happy');
    const [tech] = cast.techs;
    // The customer agreed to messages: each step meant for them is sent.
    const { handle, input, orderNo } = await ctx.startOrder(cast, {
      details: { customer: { messageConsent: true } },
    });
    const office = ctx.office;

    let view = await viewOf(handle);
    expect(view).toMatchObject({ orderNo, status: 'PENDING_REVIEW', problems: [], technicianId: null });
    expect(stagesOf(view)).toEqual(['REVIEW']);

    view = await handle.executeUpdate(review, {
      args: [{ actor: cast.clerk, decision: 'APPROVE', note: 'complete' }],
    });
    // AUTO dispatch answers inside the review's Update.
    expect(view).toMatchObject({ status: 'ASSIGNED', technicianId: tech.id });
    expect(stagesOf(view)).toEqual(['COMPLETION', 'TECHNICIAN_ACCEPTANCE']);
    expect(office.reservations(orderNo)).toEqual([
      expect.objectContaining({
        orderNo,
        excludedIds: [],
        order: expect.objectContaining({ region: cast.region, priority: 'NORMAL' }),
      }),
    ]);
    expect(office.reservations(orderNo)[0].technicianId).toBeUndefined();
    await eventually(() =>
      expect(office.notifications(orderNo, 'ASSIGNED').map((n) => n.userIds)).toEqual([[tech.id]]),
    );

    view = await handle.executeUpdate(respondToAssignment, { args: [{ actor: tech, decision: 'ACCEPT' }] });
    expect(view.status).toBe('ACCEPTED');
    expect(stagesOf(view)).toEqual(['COMPLETION', 'FIRST_CONTACT', 'PROGRESS_REPLY']);
    view = await handle.executeUpdate(logContact, { args: [{ actor: tech, note: 'coming at 10' }] });
    expect(stagesOf(view)).toEqual(['COMPLETION', 'PROGRESS_REPLY']);
    view = await handle.executeUpdate(checkIn, { args: [{ actor: tech, ...CUSTOMER_POSITION }] });
    expect(view.status).toBe('ON_SITE');
    view = await handle.executeUpdate(reportProgress, {
      args: [{ actor: tech, milestone: 'IN_PROGRESS', note: 'mounting' }],
    });
    expect(view).toMatchObject({ status: 'IN_PROGRESS', milestone: 'IN_PROGRESS' });
    view = await handle.executeUpdate(complete, {
      args: [
        { actor: tech, summary: 'installed', partsUsed: [{ code: 'BRACKET', quantity: 2 }], laborHours: 2 },
      ],
    });
    expect(view).toMatchObject({ status: 'PENDING_QC', partsUsed: [{ code: 'BRACKET', quantity: 2 }] });
    // The work is done: the technician is free for other work while QC and the customer judge it.
    expect(office.releasedTechnicians(orderNo)).toEqual([tech.id]);
    expect(office.heldTechnician(orderNo)).toBeNull();
    view = await handle.executeUpdate(qc, { args: [{ actor: cast.boss, result: 'PASS' }] });
    expect(view.status).toBe('PENDING_ACCEPTANCE');

    view = await handle.executeUpdate(customerAcceptance, {
      args: [{ actor: CUSTOMER, decision: 'ACCEPT', rating: 5, comment: 'great' }],
    });
    expect(view).toMatchObject({
      status: 'COMPLETED',
      rating: 5,
      tracks: { callback: 'PENDING', feedback: 'NOT_NEEDED', settlement: 'PENDING' },
    });
    expect(stagesOf(view)).toEqual(['CALLBACK', 'SETTLEMENT']);
    // Released once, at PENDING_QC; completion has nothing more to free.
    expect(office.releasedTechnicians(orderNo)).toEqual([tech.id]);
    expect(office.heldTechnician(orderNo)).toBeNull();

    // The settlement must match the order's total.
    expect(
      await refusal(
        handle.executeUpdate(settle, {
          args: [{ actor: cast.cashier, amount: 1, paymentMethod: 'CASH', invoiceNo: 'INV-1' }],
        }),
      ),
    ).toMatchObject({ type: ORDER_FAILURE.INVALID_INPUT, details: { field: 'amount', status: 'COMPLETED' } });
    view = await handle.executeUpdate(callback, {
      args: [{ actor: cast.clerk, reached: true, satisfied: true, note: 'happy' }],
    });
    expect(view).toMatchObject({ status: 'COMPLETED', tracks: { callback: 'DONE', settlement: 'PENDING' } });
    view = await handle.executeUpdate(settle, {
      args: [
        { actor: cast.cashier, amount: input.details.totalAmount, paymentMethod: 'CASH', invoiceNo: 'INV-1' },
      ],
    });
    expect(view).toMatchObject({ status: 'CLOSED', deadlines: [] });
    expect(view.closedAt).not.toBeNull();

    const result = await handle.result();
    expect(result).toMatchObject({ status: 'CLOSED', revision: view.revision });
    // The run ends only after the last state is projected.
    const projected = office.projected(orderNo);
    expect(projected.view).toMatchObject({
      status: 'CLOSED',
      revision: result.revision,
      technicianId: tech.id,
    });
    expect(projected.timeline.map((t) => t.seq)).toEqual(projected.timeline.map((_, i) => i + 1));
    expect(office.projectedActions(orderNo)).toEqual([
      'INTAKE',
      'REVIEW_APPROVE',
      'AUTO_ASSIGN',
      'TECHNICIAN_ACCEPT',
      'LOG_CONTACT',
      'CHECK_IN',
      'REPORT_PROGRESS',
      'COMPLETE',
      'QC_PASS',
      'CUSTOMER_ACCEPT',
      'CALLBACK',
      'SETTLE',
      'CLOSE',
    ]);
    expect(office.escalations(orderNo)).toEqual([]);
    expect(office.callsOf(orderNo, 'pickFeedbackOwner')).toEqual([]);
    expect(office.activityLog(orderNo).filter((a) => a !== 'notify' && a !== 'notifyCustomer')).toEqual([
      'reserveTechnician',
      'releaseTechnician',
    ]);
    // The customer hears of each step meant for them, once (the sends run concurrently: order aside).
    const told = office.callsOf(orderNo, 'notifyCustomer').map((c) => c.input as CustomerMessageInput);
    expect(told.map((m) => m.kind).sort()).toEqual(
      [
        'RECEIVED',
        'TECHNICIAN_ASSIGNED',
        'CHECKED_IN',
        'WORK_DONE',
        'SETTLEMENT_DUE',
        'FEEDBACK_REQUEST',
        'PAYMENT_RECORDED',
      ].sort(),
    );
    expect(new Set(told.map((m) => m.idempotencyKey)).size).toBe(told.length);
    const byKind = new Map(told.map((m) => [m.kind, m]));
    expect(byKind.get('TECHNICIAN_ASSIGNED')?.facts.technicianName).toEqual(expect.any(String));
    expect(byKind.get('SETTLEMENT_DUE')?.facts.amountDue).toBe(input.details.totalAmount);
    expect(byKind.get('PAYMENT_RECORDED')?.facts).toMatchObject({
      paidAmount: input.details.totalAmount,
      invoiceNo: 'INV-1',
    });
  });

  it('refuses a wrong role (Forbidden), a wrong status (ActionNotAllowed) and bad input (InvalidInput), changing nothing', async () => {
    const cast = newCast('refuse', 2);
    const [tech, other] = cast.techs;
    const { handle, orderNo } = await ctx.startOrder(cast);
    const before = await viewOf(handle);
    const admin: Actor = { id: null, role: 'admin', name: 'admin' };
    const system: Actor = { id: null, role: 'system', name: 'system' };

    // Wrong role: 403-type, with the status and what that role may do now.
    expect(
      await refusal(handle.executeUpdate(review, { args: [{ actor: cast.cashier, decision: 'APPROVE' }] })),
    ).toMatchObject({
      type: ORDER_FAILURE.FORBIDDEN,
      details: { status: 'PENDING_REVIEW', allowedActions: [] },
    });
    expect(
      await refusal(handle.executeUpdate(review, { args: [{ actor: admin, decision: 'APPROVE' }] })),
    ).toMatchObject({ type: ORDER_FAILURE.FORBIDDEN });
    expect(
      await refusal(handle.executeUpdate(cancel, { args: [{ actor: system, reason: 'no' }] })),
    ).toMatchObject({ type: ORDER_FAILURE.FORBIDDEN });
    // A technician not on the order is refused as not theirs, before the status is looked at.
    expect(
      await refusal(
        handle.executeUpdate(respondToAssignment, { args: [{ actor: tech, decision: 'ACCEPT' }] }),
      ),
    ).toMatchObject({ type: ORDER_FAILURE.FORBIDDEN, details: { status: 'PENDING_REVIEW' } });

    // Right role, wrong status: 409-type.
    const qcTooEarly = await refusal(
      handle.executeUpdate(qc, { args: [{ actor: cast.boss, result: 'PASS' }] }),
    );
    expect(qcTooEarly).toMatchObject({
      type: ORDER_FAILURE.ACTION_NOT_ALLOWED,
      details: { status: 'PENDING_REVIEW' },
    });
    expect(qcTooEarly.details?.allowedActions).toContain('CANCEL');
    expect(qcTooEarly.details?.allowedActions).not.toContain('QC_PASS');
    expect(
      await refusal(
        handle.executeUpdate(customerAcceptance, {
          args: [{ actor: CUSTOMER, decision: 'ACCEPT', rating: 5 }],
        }),
      ),
    ).toMatchObject({ type: ORDER_FAILURE.ACTION_NOT_ALLOWED, details: { status: 'PENDING_REVIEW' } });
    expect(
      await refusal(
        handle.executeUpdate(settle, {
          args: [{ actor: cast.cashier, amount: 300, paymentMethod: 'CASH', invoiceNo: 'INV-1' }],
        }),
      ),
    ).toMatchObject({ type: ORDER_FAILURE.ACTION_NOT_ALLOWED });

    // Bad input: 422-type naming the field.
    expect(
      await refusal(handle.executeUpdate(cancel, { args: [{ actor: cast.clerk, reason: ' ' }] })),
    ).toMatchObject({
      type: ORDER_FAILURE.INVALID_INPUT,
      details: { field: 'reason', status: 'PENDING_REVIEW' },
    });
    expect(
      await refusal(
        handle.executeUpdate(review, { args: [{ actor: cast.clerk, decision: 'MAYBE' as 'APPROVE' }] }),
      ),
    ).toMatchObject({ type: ORDER_FAILURE.INVALID_INPUT, details: { field: 'decision' } });

    // Nothing moved and nothing was asked of the back office.
    const after = await viewOf(handle);
    expect(after).toEqual(before);
    expect(ctx.office.activityLog(orderNo)).toEqual([]);

    // Once assigned, only the assigned technician may answer, and a decline needs a reason.
    const assigned = await handle.executeUpdate(review, {
      args: [{ actor: cast.clerk, decision: 'APPROVE' }],
    });
    expect(assigned.technicianId).toBe(tech.id);
    expect(
      await refusal(
        handle.executeUpdate(respondToAssignment, { args: [{ actor: other, decision: 'ACCEPT' }] }),
      ),
    ).toMatchObject({ type: ORDER_FAILURE.FORBIDDEN });
    expect(
      await refusal(
        handle.executeUpdate(respondToAssignment, { args: [{ actor: tech, decision: 'DECLINE' }] }),
      ),
    ).toMatchObject({ type: ORDER_FAILURE.INVALID_INPUT, details: { field: 'reason' } });
    expect(
      await refusal(handle.executeUpdate(checkIn, { args: [{ actor: tech, ...CUSTOMER_POSITION }] })),
    ).toMatchObject({ type: ORDER_FAILURE.ACTION_NOT_ALLOWED, details: { status: 'ASSIGNED' } });
    expect((await viewOf(handle)).revision).toBe(assigned.revision);

    await handle.executeUpdate(cancel, { args: [{ actor: cast.clerk, reason: 'test over' }] });
    expect((await handle.result()).status).toBe('CANCELLED');
  });

  it('keeps an incomplete intake in INFO_REQUIRED, tells the clerk, and reviews it once the clerk supplies the rest', async () => {
    const cast = newCast('intake');
    const { handle, orderNo } = await ctx.startOrder(cast, { details: { appointment: undefined } });
    let view = await viewOf(handle);
    expect(view.status).toBe('INFO_REQUIRED');
    expect(view.problems.map((p) => p.field)).toEqual(['appointment']);
    expect(stagesOf(view)).toEqual(['INFO_COMPLETION']);
    await eventually(() =>
      expect(ctx.office.notifications(orderNo, 'INTAKE_INCOMPLETE')).toEqual([
        expect.objectContaining({ userIds: [cast.clerk.id], body: expect.stringContaining('appointment') }),
      ]),
    );
    expect(
      await refusal(handle.executeUpdate(review, { args: [{ actor: cast.clerk, decision: 'APPROVE' }] })),
    ).toMatchObject({ type: ORDER_FAILURE.ACTION_NOT_ALLOWED, details: { status: 'INFO_REQUIRED' } });

    view = await handle.executeUpdate(supplyInfo, {
      args: [{ actor: cast.clerk, details: { appointment: appointmentIn(24, 1) } }],
    });
    expect(view).toMatchObject({ status: 'PENDING_REVIEW', problems: [] });
    expect(view.deadlines.map((d) => d.stageKey)).toEqual(['REVIEW#1']);
    view = await handle.executeUpdate(review, {
      args: [{ actor: cast.clerk, decision: 'RETURN', note: 'which floor?' }],
    });
    expect(view.status).toBe('INFO_REQUIRED');
    expect(view.problems).toEqual([{ field: 'review', problem: 'which floor?' }]);
    expect(view.deadlines.map((d) => d.stageKey)).toEqual(['INFO_COMPLETION#2']);
    view = await handle.executeUpdate(supplyInfo, {
      args: [
        {
          actor: cast.clerk,
          details: { customer: { ...view.details.customer, address: '1 Century Avenue, floor 12' } },
        },
      ],
    });
    expect(view).toMatchObject({ status: 'PENDING_REVIEW', problems: [] });
    expect(view.details.customer).toMatchObject({
      address: '1 Century Avenue, floor 12',
      region: cast.region,
    });
    view = await handle.executeUpdate(review, {
      args: [{ actor: cast.clerk, decision: 'REJECT', note: 'spam' }],
    });
    expect(view).toMatchObject({ status: 'REJECTED', deadlines: [] });
    expect((await handle.result()).status).toBe('REJECTED');
    expect(ctx.office.reservations(orderNo)).toEqual([]);
  });

  it('pauses the completion clock while waiting for parts and resumes it when they arrive', async () => {
    const cast = newCast('parts');
    const { handle } = await ctx.startOrder(cast);
    const tech = await driveToInProgress(handle, cast);
    const running = (await viewOf(handle)).deadlines.find((d) => d.stage === 'COMPLETION');
    expect(running).toMatchObject({ paused: false });

    let view = await handle.executeUpdate(requestParts, {
      args: [{ actor: tech, items: [{ code: 'VALVE-1', quantity: 1 }] }],
    });
    expect(view).toMatchObject({ status: 'IN_PROGRESS', milestone: 'WAITING_PARTS' });
    expect(view.partsRequests).toEqual([expect.objectContaining({ id: 'PR-1', receivedAt: null })]);
    expect(view.deadlines.find((d) => d.stage === 'COMPLETION')).toMatchObject({ paused: true, dueAt: null });

    view = await handle.executeUpdate(receiveParts, { args: [{ actor: tech, requestId: 'PR-1' }] });
    expect(view.milestone).toBe('IN_PROGRESS');
    const resumed = view.deadlines.find((d) => d.stage === 'COMPLETION');
    expect(resumed).toMatchObject({ paused: false, stageKey: running?.stageKey });
    // The paused time is added to the due time.
    expect(Date.parse(resumed?.dueAt ?? '')).toBeGreaterThanOrEqual(Date.parse(running?.dueAt ?? ''));
    expect(
      await refusal(handle.executeUpdate(receiveParts, { args: [{ actor: tech, requestId: 'PR-1' }] })),
    ).toMatchObject({ type: ORDER_FAILURE.INVALID_INPUT, details: { field: 'requestId' } });
    await handle.terminate('test over');
  });

  it('answers commands while a failing read-model write is retried, and projects everything once it succeeds', async () => {
    const cast = newCast('projection');
    const { handle, orderNo } = await ctx.startOrder(cast, {
      failing: [{ activity: 'projectOrder', times: 1 }],
    });
    const view = await handle.executeUpdate(review, { args: [{ actor: cast.clerk, decision: 'APPROVE' }] });
    expect(view.status).toBe('ASSIGNED');
    expect(ctx.office.projected(orderNo).view).toBeNull();
    await eventually(() => {
      expect(ctx.office.projected(orderNo).view?.revision).toBe(view.revision);
      expect(ctx.office.projectedActions(orderNo)).toEqual(['INTAKE', 'REVIEW_APPROVE', 'AUTO_ASSIGN']);
    });
    expect(ctx.office.callsOf(orderNo, 'projectOrder').length).toBeGreaterThanOrEqual(2);
    await handle.terminate('test over');
  });
});
