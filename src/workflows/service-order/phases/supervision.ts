// What supervisors, agents and admins do to an order whatever its phase: cancel it, correct who pays,
// and re-project its deadlines onto an edited policy or calendar.
import { log } from '@temporalio/workflow';
import { COVERAGES, completionPausedFor } from '../../../domain';
import { ORDER_MESSAGES } from '../../../notifications/templates';
import type { Command, OrderContext } from '../order-context';
import { nonBlank } from '../refusals';
import { acceptanceOnDue, SYSTEM } from '../service-order.state';
import type { CancelInput, CoverageOverrideInput, PolicyChangedInput } from '../service-order.messages';
import { iso } from '../deadlines';

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
      const entry = ctx.state.apply('CANCEL', i.actor, now, { reason: i.reason });
      ctx.releaseParts('cancelled');
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

  const overrideCoverage: Command<CoverageOverrideInput> = {
    validate(i) {
      refuse.allow(i.actor, 'OVERRIDE_COVERAGE');
      if (ctx.data.tracks.settlement === 'DONE')
        throw refuse.notAllowed(i.actor, 'the order is already settled');
      if (!(COVERAGES as readonly string[]).includes(i.coverage)) {
        throw refuse.invalid(i.actor, 'coverage', `coverage must be one of ${COVERAGES.join(', ')}`);
      }
      if (!nonBlank(i.reason))
        throw refuse.invalid(i.actor, 'reason', 'a reason is required to override coverage');
      if (ctx.data.details.isWarranty) {
        throw refuse.notAllowed(i.actor, "a warranty claim's order is free by the claim, not by coverage");
      }
    },
    handle(i) {
      const now = Date.now();
      const d = ctx.data;
      const before = d.details.coverage;
      d.details = {
        ...d.details,
        coverage: {
          coverage: i.coverage,
          reason: i.reason.trim(),
          warrantyEndsOn: before?.warrantyEndsOn ?? null,
          catalogueVersion: before?.catalogueVersion ?? null,
          overriddenBy: { id: i.actor.id, name: i.actor.name ?? i.actor.role, at: iso(now) },
        },
      };
      ctx.state.note(i.actor, 'COVERAGE_OVERRIDDEN', now, {
        from: before?.coverage ?? null,
        to: i.coverage,
        reason: i.reason.trim(),
      });
    },
  };

  /** A signal: never refused, so input it cannot apply is logged and ignored. */
  function policyChanged(input: PolicyChangedInput): void | Promise<void> {
    return ctx.rulesV2 ? reproject(input) : reprojectV1(input);
  }

  /**
   * Re-projects the live deadlines onto the edited policy, or onto the edited calendar when the order's
   * own policy uses it (the order keeps its policy version then). Inside the exclusive section: never
   * while a reservation or a feedback-owner pick is pending. Besides the due times, the policy decides
   * what the acceptance window does at 100 % and whether waiting for parts stops the completion clock.
   */
  async function reproject(input: PolicyChangedInput): Promise<void> {
    await ctx.effects.unblocked();
    const now = Date.now();
    const d = ctx.data;
    const policy = input?.policy ?? d.policy;
    const calendarIsOurs =
      !input?.policy && input?.calendar != null && input.calendar.name === d.policy.calendar;
    if (policy.orderType !== d.details.type || (!input?.policy && !calendarIsOurs)) {
      log.warn('policyChanged that does not apply to this order ignored', { orderNo: ctx.orderNo });
      return;
    }
    const fromVersion = d.policy.version;
    d.policy = policy;
    d.calendar = input.calendar ?? null;
    const deadlines = ctx.deadlines.retargetAll(now);
    const acceptance = ctx.deadlines.live('CUSTOMER_ACCEPTANCE');
    if (acceptance) {
      acceptance.onDue = acceptanceOnDue(policy);
      if (acceptance.onDue === 'ESCALATE') {
        acceptance.followUp = 'REMIND_AGENT';
        acceptance.followUpsSent ??= 0;
      } else {
        delete acceptance.followUp;
      }
    }
    const completionClock = ctx.deadlines.setPaused(
      'COMPLETION',
      completionPausedFor(d.milestone, policy),
      now,
    );
    ctx.state.note(input.actor ?? SYSTEM, 'POLICY_CHANGED', now, {
      reason: input.reason,
      fromVersion,
      toVersion: policy.version,
      calendar: policy.calendar ?? null,
      calendarOnly: !input.policy,
      deadlines,
      ...(acceptance ? { acceptanceOnDue: acceptance.onDue } : {}),
      ...(completionClock.paused
        ? { completionClock: 'PAUSED' }
        : completionClock.resumed
          ? { completionClock: 'RESUMED' }
          : {}),
    });
    ctx.wake = true;
  }

  /** Runs recorded before rules v2: a new policy only, applied at once. */
  function reprojectV1(input: PolicyChangedInput): void {
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

  return { cancel, overrideCoverage, policyChanged };
}
