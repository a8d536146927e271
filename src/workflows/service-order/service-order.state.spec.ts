import { completionPausedFor, defaultPolicy, type SlaPolicy } from '../../domain';
import { anOrderDetails } from '../../domain/testing/order-details.factory';
import type { ServiceOrderInput } from './service-order.messages';
import { OrderState, SYSTEM } from './service-order.state';

const T0 = Date.parse('2025-03-17T01:00:00Z');
const SECOND = 1000;

function policy(overrides: Partial<SlaPolicy['targets']> = {}, rest: Partial<SlaPolicy> = {}): SlaPolicy {
  const base = defaultPolicy('REPAIR');
  return { ...base, ...rest, targets: { ...base.targets, ...overrides } };
}

function input(over: Partial<ServiceOrderInput> = {}): ServiceOrderInput {
  return {
    orderNo: 'SO-20250317-000001',
    details: anOrderDetails(),
    policy: policy({ review: '10s' }),
    calendar: null,
    createdBy: { id: 'clerk-1', role: 'agent', name: 'clerk' },
    customerTokenHash: 'h',
    receivedAt: new Date(T0).toISOString(),
    ...over,
  };
}

describe(OrderState.name, () => {
  it('starts a complete order in PENDING_REVIEW with the review deadline owned by the clerk', () => {
    const state = OrderState.start(input(), T0);
    expect(state.status).toBe('PENDING_REVIEW');
    expect(state.view().deadlines).toEqual([
      expect.objectContaining({
        stageKey: 'REVIEW#1',
        responsibleUserId: 'clerk-1',
        dueAt: new Date(T0 + 10 * SECOND).toISOString(),
      }),
    ]);
    expect(state.data.unprojected.map((e) => [e.seq, e.action, e.toStatus])).toEqual([
      [1, 'INTAKE', 'PENDING_REVIEW'],
    ]);
  });

  it('starts an incomplete order in INFO_REQUIRED with its problems', () => {
    const state = OrderState.start(input({ details: anOrderDetails({ appointment: undefined }) }), T0);
    expect(state.status).toBe('INFO_REQUIRED');
    expect(state.data.problems.map((p) => p.field)).toEqual(['appointment']);
    expect(state.view().deadlines.map((d) => d.stageKey)).toEqual(['INFO_COMPLETION#1']);
  });

  it('schedules the ladder at 80/100/150/200% of the target, in order', () => {
    const state = OrderState.start(input(), T0);
    expect(state.deadlines.pendingEvents(T0).map((e) => [e.kind, e.at - T0])).toEqual([
      ['LADDER', 8 * SECOND],
      ['LADDER', 10 * SECOND],
      ['LADDER', 15 * SECOND],
      ['LADDER', 20 * SECOND],
    ]);
    state.data.deadlines[0].firedLevel = 1;
    expect(state.deadlines.pendingEvents(T0).map((e) => e.at - T0)).toEqual([15 * SECOND, 20 * SECOND]);
    expect(state.deadlines.escalationLevel()).toBe(1);
  });

  it('gives the acceptance stage a warning and a timeout, and an auto-accepting window only its expiry', () => {
    const state = OrderState.start(
      input({ policy: policy({ technicianAcceptance: '10s', customerAcceptanceWindow: '20s' }) }),
      T0,
    );
    state.data.technicianId = 'tech-1';
    state.moveTo('ASSIGNED', SYSTEM, 'AUTO_ASSIGN', T0);
    expect(state.deadlines.pendingEvents(T0).map((e) => [e.deadline.stageKey, e.kind, e.at - T0])).toEqual([
      ['TECHNICIAN_ACCEPTANCE#1', 'LADDER', 8 * SECOND],
      ['TECHNICIAN_ACCEPTANCE#1', 'EXPIRE', 10 * SECOND],
    ]);
    state.moveTo('PENDING_ACCEPTANCE', SYSTEM, 'QC_PASS', T0);
    expect(state.deadlines.pendingEvents(T0).map((e) => [e.deadline.stageKey, e.kind, e.at - T0])).toEqual([
      ['CUSTOMER_ACCEPTANCE#1', 'EXPIRE', 20 * SECOND],
    ]);
  });

  it('restarts a status stage as a new occurrence when asked', () => {
    const state = OrderState.start(input(), T0);
    state.moveTo('ASSIGNED', SYSTEM, 'ASSIGN', T0);
    state.moveTo('ASSIGNED', SYSTEM, 'REASSIGN', T0 + SECOND, {}, { restartStage: true });
    expect(state.view().deadlines.map((d) => d.stageKey)).toEqual(['TECHNICIAN_ACCEPTANCE#2']);
  });

  it('pauses the completion clock while waiting for parts and shifts the due time by the paused span', () => {
    const state = OrderState.start(
      input({ policy: policy({ completion: { IN_CITY: '100s', OUT_OF_CITY: '100s' } }) }),
      T0,
    );
    state.deadlines.open('COMPLETION', T0, { userId: 'tech-1' });
    const dueBefore = Date.parse(
      state.view().deadlines.find((d) => d.stage === 'COMPLETION')?.dueAt as string,
    );
    state.data.milestone = 'WAITING_PARTS';
    expect(
      state.deadlines.setPaused(
        'COMPLETION',
        completionPausedFor(state.data.milestone, state.data.policy),
        T0 + 10 * SECOND,
      ),
    ).toEqual({ paused: true, resumed: false });
    expect(state.view().deadlines.find((d) => d.stage === 'COMPLETION')).toMatchObject({
      paused: true,
      dueAt: null,
    });
    state.data.milestone = 'IN_PROGRESS';
    expect(
      state.deadlines.setPaused(
        'COMPLETION',
        completionPausedFor(state.data.milestone, state.data.policy),
        T0 + 40 * SECOND,
      ),
    ).toEqual({ paused: false, resumed: true });
    const dueAfter = Date.parse(
      state.view().deadlines.find((d) => d.stage === 'COMPLETION')?.dueAt as string,
    );
    expect(dueAfter - dueBefore).toBe(30 * SECOND);
  });

  it('does not pause when the policy says so', () => {
    const state = OrderState.start(input({ policy: policy({}, { pauseWhileWaitingParts: false }) }), T0);
    state.deadlines.open('COMPLETION', T0, { userId: 'tech-1' });
    state.data.milestone = 'WAITING_PARTS';
    expect(
      state.deadlines.setPaused(
        'COMPLETION',
        completionPausedFor(state.data.milestone, state.data.policy),
        T0 + SECOND,
      ),
    ).toEqual({ paused: false, resumed: false });
  });

  it('re-projects live deadlines onto a new policy, keeping the time consumed', () => {
    const state = OrderState.start(input(), T0);
    state.data.policy = policy({ review: '30s' }, { version: 2 });
    const changes = state.deadlines.retargetAll(T0 + 4 * SECOND);
    expect(changes).toEqual([
      {
        stageKey: 'REVIEW#1',
        oldDueAt: new Date(T0 + 10 * SECOND).toISOString(),
        newDueAt: new Date(T0 + 30 * SECOND).toISOString(),
      },
    ]);
    expect(state.view().policyVersion).toBe(2);
  });

  it('reminds a feedback owner every interval from the opening of the case', () => {
    const state = OrderState.start(input(), T0);
    state.deadlines.closeAll();
    state.deadlines.open('FEEDBACK_CLOSURE', T0, { userId: 'boss', reminderEveryMs: 3 * SECOND });
    const reminder = state.deadlines.pendingEvents(T0).find((e) => e.kind === 'REMIND');
    expect(reminder && reminder.at - T0).toBe(3 * SECOND);
    state.data.deadlines[0].remindersSent = 2;
    const third = state.deadlines.pendingEvents(T0).find((e) => e.kind === 'REMIND');
    expect(third && third.at - T0).toBe(9 * SECOND);
  });
});
