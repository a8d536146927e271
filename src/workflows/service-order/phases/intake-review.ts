// Intake and review (SPEC §2 stages 1–3): missing information, the agent's review, the supervisor's
// approval of complex orders. Ends when the order is queued for dispatch (or rejected).
import { findIntakeProblems, requiresApproval, type OrderDetails } from '../../../domain';
import { ORDER_MESSAGES, type OrderMessage } from '../../../notifications/templates';
import type { Command, OrderContext } from '../order-context';
import { isObject } from '../refusals';
import type { ApprovalInput, ReviewInput, SupplyInfoInput } from '../service-order.messages';

export interface IntakeReviewPorts {
  /** The order reached PENDING_DISPATCH: AUTO and DIRECT orders are dispatched at once. */
  dispatch(): void;
}

export function intakeReviewPhase(ctx: OrderContext, ports: IntakeReviewPorts) {
  const { refuse } = ctx;

  /** The clerk who took the order hears it; any agent when it came in without one. */
  function notifyClerk(kind: string, message: OrderMessage, key: string): void {
    const clerk = ctx.data.createdBy.id;
    ctx.notify(kind, { userIds: clerk ? [clerk] : [], roles: clerk ? [] : ['agent'] }, message, key);
  }

  /** A new order with problems: the clerk hears what is missing. */
  function announceIntake(): void {
    const d = ctx.data;
    if (d.status !== 'INFO_REQUIRED') return;
    notifyClerk('INTAKE_INCOMPLETE', ORDER_MESSAGES.intakeIncomplete(ctx.orderNo, d.problems), 'intake');
  }

  const supplyInfo: Command<SupplyInfoInput> = {
    validate(i) {
      refuse.allow(i.actor, 'SUPPLY_INFO');
      if (!isObject(i.details))
        throw refuse.invalid(i.actor, 'details', 'details must be an object of order fields');
      if (i.details.type !== undefined && i.details.type !== ctx.data.details.type) {
        throw refuse.invalid(i.actor, 'details.type', 'the order type cannot change after intake');
      }
      // Refuse here what the handler could not apply: a throw there would fail the workflow task
      // over and over and leave the order stuck.
      const cleared = Object.entries(i.details).find(([, value]) => value === null);
      if (cleared) throw refuse.invalid(i.actor, `details.${cleared[0]}`, 'must not be null');
      try {
        findIntakeProblems(mergeDetails(ctx.data.details, i.details));
      } catch {
        throw refuse.invalid(i.actor, 'details', 'the order details cannot be read');
      }
    },
    handle(i) {
      const now = Date.now();
      const d = ctx.data;
      d.details = mergeDetails(d.details, i.details);
      d.problems = findIntakeProblems(d.details);
      const fields = Object.keys(i.details);
      if (d.problems.length === 0) {
        ctx.state.apply('SUPPLY_INFO', i.actor, now, { fields }, { to: 'PENDING_REVIEW' });
      } else {
        ctx.state.apply(
          'SUPPLY_INFO',
          i.actor,
          now,
          { fields, problems: d.problems },
          { to: 'INFO_REQUIRED' },
        );
      }
    },
  };

  const REVIEW_ACTIONS = {
    APPROVE: 'REVIEW_APPROVE',
    RETURN: 'REVIEW_RETURN',
    REJECT: 'REVIEW_REJECT',
  } as const;

  const review: Command<ReviewInput> = {
    validate(i) {
      refuse.allow(i.actor, REVIEW_ACTIONS[i.decision] ?? refuse.badDecision(i.actor));
    },
    handle(i) {
      const now = Date.now();
      const d = ctx.data;
      if (i.decision === 'REJECT') {
        ctx.deadlines.closeAll();
        ctx.state.apply('REVIEW_REJECT', i.actor, now, { note: i.note ?? null });
      } else if (i.decision === 'RETURN') {
        d.problems = [
          ...findIntakeProblems(d.details),
          {
            field: 'review',
            problem: i.note?.trim() ? i.note : 'returned by the reviewer for more information',
          },
        ];
        const entry = ctx.state.apply('REVIEW_RETURN', i.actor, now, { note: i.note ?? null });
        // The clerk who took the order is the one to complete it.
        if (ctx.rulesV2)
          notifyClerk(
            'REVIEW_RETURNED',
            ORDER_MESSAGES.returnedForInformation(ctx.orderNo, d.problems),
            String(entry.seq),
          );
      } else {
        const rule = requiresApproval(d.details, d.policy.approvalRequired);
        d.requiresApproval = rule.required;
        d.approvalReasons = rule.reasons;
        if (rule.required) {
          ctx.state.apply(
            'REVIEW_APPROVE',
            i.actor,
            now,
            { note: i.note ?? null, approvalReasons: rule.reasons },
            { to: 'PENDING_APPROVAL' },
          );
        } else {
          ctx.state.apply(
            'REVIEW_APPROVE',
            i.actor,
            now,
            { note: i.note ?? null },
            { to: 'PENDING_DISPATCH' },
          );
          ports.dispatch();
        }
      }
    },
  };

  const approval: Command<ApprovalInput> = {
    validate(i) {
      refuse.allow(
        i.actor,
        i.decision === 'APPROVE'
          ? 'APPROVE'
          : i.decision === 'REJECT'
            ? 'REJECT_APPROVAL'
            : refuse.badDecision(i.actor),
      );
    },
    handle(i) {
      const now = Date.now();
      if (i.decision === 'REJECT') {
        ctx.deadlines.closeAll();
        ctx.state.apply('REJECT_APPROVAL', i.actor, now, { comment: i.comment ?? null });
      } else {
        ctx.state.apply('APPROVE', i.actor, now, { comment: i.comment ?? null });
        ports.dispatch();
      }
    },
  };

  return { announceIntake, supplyInfo, review, approval };
}

/** Supplied fields replace the intake's; customer and equipment merge field by field. */
function mergeDetails(current: OrderDetails, patch: Partial<OrderDetails>): OrderDetails {
  return {
    ...current,
    ...patch,
    customer: { ...current.customer, ...(patch.customer ?? {}) },
    equipment: patch.equipment ? { ...(current.equipment ?? {}), ...patch.equipment } : current.equipment,
  };
}
