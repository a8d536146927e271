// What supervisors, agents and admins do to an order whatever its phase: cancel it, and re-project its
// deadlines onto an edited policy or calendar.
import { log } from '@temporalio/workflow';
import { ORDER_MESSAGES } from '../../../notifications/templates';
import type { Command, OrderContext } from '../order-context';
import { nonBlank } from '../refusals';
import { SYSTEM } from '../service-order.state';
import type { CancelInput, PolicyChangedInput } from '../service-order.messages';

export function supervisionPhase(ctx: OrderContext) {
  const { refuse } = ctx;

  const cancel: Command<CancelInput> = {
    validate(i) {
      refuse.allow(i.actor, 'CANCEL');
      if (!nonBlank(i.reason)) throw refuse.invalid(i.actor, 'reason', 'a reason is required to cancel');
    },
    handle(i) {
      const now = Date.now();
      const d = ctx.data;
      const technicianId = d.technicianId;
      ctx.deadlines.closeAll();
      d.cancelReason = i.reason;
      const entry = ctx.state.moveTo('CANCELLED', i.actor, 'CANCEL', now, { reason: i.reason });
      if (technicianId) {
        ctx.releaseTechnician(technicianId);
        ctx.notify(
          'ORDER_CANCELLED',
          { userIds: [technicianId] },
          ORDER_MESSAGES.cancelled(ctx.orderNo, i.reason),
          String(entry.seq),
        );
      }
    },
  };

  /** A signal: never refused, so input it cannot apply is logged and ignored. */
  function policyChanged(input: PolicyChangedInput): void {
    const now = Date.now();
    const d = ctx.data;
    if (!input?.policy || input.policy.orderType !== d.details.type) {
      log.warn('policyChanged for another order type ignored', { orderNo: ctx.orderNo });
      return;
    }
    const fromVersion = d.policy.version;
    d.policy = input.policy;
    d.calendar = input.calendar ?? null;
    const changes = ctx.deadlines.retargetAll(now);
    ctx.state.note(input.actor ?? SYSTEM, 'POLICY_CHANGED', now, {
      reason: input.reason,
      fromVersion,
      toVersion: input.policy.version,
      calendar: input.policy.calendar ?? null,
      deadlines: changes,
    });
    ctx.wake = true;
  }

  return { cancel, policyChanged };
}
