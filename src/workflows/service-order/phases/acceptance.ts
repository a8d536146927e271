// The customer's verdict (SPEC §2 stage 12): acceptance, or a rejection that opens a rework round for
// the same technician; past the policy's rounds the supervisor decides. Ends with the order COMPLETED
// (or closed with a refund).
import { REWORK_LIMIT_LEVEL, reworkLimitStageKey, reworkOverLimit } from '../../../domain';
import { ORDER_MESSAGES } from '../../../notifications/templates';
import { iso, type LiveDeadline } from '../deadlines';
import type { Command, OrderContext } from '../order-context';
import { nonBlank } from '../refusals';
import { SYSTEM } from '../service-order.state';
import type { Actor, CustomerAcceptanceInput, ReworkDecisionInput } from '../service-order.messages';

export interface AcceptancePorts {
  /** The customer accepted the work (or the window expired): the order is COMPLETED. */
  completeOrder(
    actor: Actor,
    action: 'CUSTOMER_ACCEPT' | 'ACCEPTANCE_WINDOW_EXPIRED',
    rating: number | null,
    comment: string | null,
  ): void;
  /** The technician takes the work (again): the completion clock and chases follow them. */
  handOverWork(technicianId: string, now: number): void;
}

export function acceptancePhase(ctx: OrderContext, ports: AcceptancePorts) {
  const { refuse } = ctx;

  const customerAcceptance: Command<CustomerAcceptanceInput> = {
    validate(i) {
      refuse.allow(
        i.actor,
        i.decision === 'ACCEPT'
          ? 'CUSTOMER_ACCEPT'
          : i.decision === 'REJECT'
            ? 'CUSTOMER_REJECT'
            : refuse.badDecision(i.actor),
      );
      if (
        i.rating !== undefined &&
        i.rating !== null &&
        !(Number.isInteger(i.rating) && i.rating >= 1 && i.rating <= 5)
      ) {
        throw refuse.invalid(i.actor, 'rating', 'rating must be an integer from 1 to 5');
      }
      if (i.decision === 'REJECT' && !nonBlank(i.comment))
        throw refuse.invalid(i.actor, 'comment', 'tell us what is wrong (comment) to reject');
    },
    handle(i) {
      if (i.decision === 'ACCEPT')
        ports.completeOrder(i.actor, 'CUSTOMER_ACCEPT', i.rating ?? null, i.comment ?? null);
      else openRework(i.actor, i.comment ?? '', i.rating ?? null);
    },
  };

  /**
   * The customer rejected the work: a numbered rework round, back to the same technician. Beyond the
   * policy's rounds the supervisor hears of it; with rules v2 the order then waits in REWORK for their
   * decision (decideRework, or a reassignment) instead of going round again by itself.
   */
  function openRework(actor: Actor, comment: string, rating: number | null): void {
    const now = Date.now();
    const d = ctx.data;
    d.reworkRound += 1;
    const round = d.reworkRound;
    ctx.state.apply('CUSTOMER_REJECT', actor, now, { comment, rating, reworkRound: round });
    const overLimit = reworkOverLimit(round, d.policy.maxReworks);
    if (overLimit) {
      // The supervisor hears about it (with the technician and dispatcher).
      ctx.escalate(
        {
          stage: 'COMPLETION',
          stageKey: reworkLimitStageKey(round),
          level: REWORK_LIMIT_LEVEL,
          dueAt: iso(now),
          firedAt: iso(now),
          responsibleUserId: d.technicianId,
          responsibleRole: 'technician',
        },
        `Rework round ${round} over the limit on ${ctx.orderNo}`,
        (fired) =>
          ctx.state.note(SYSTEM, 'REWORK_LIMIT_EXCEEDED', now, {
            reworkRound: round,
            maxReworks: d.policy.maxReworks,
            ...(ctx.rulesV2 ? { waitsFor: 'supervisor' } : {}),
            ...fired,
          }),
      );
      if (ctx.rulesV2) return;
    }
    startReworkRound(SYSTEM, 'REWORK_ASSIGNED', comment);
  }

  function startReworkRound(
    actor: Actor,
    action: 'REWORK_ASSIGNED' | 'REWORK_ANOTHER_ROUND',
    note: string,
  ): void {
    const d = ctx.data;
    const round = d.reworkRound;
    const entry = ctx.state.apply(
      action,
      actor,
      Date.now(),
      { technicianId: d.technicianId, reworkRound: round },
      { restartStage: true },
    );
    if (d.technicianId) {
      ports.handOverWork(d.technicianId, Date.now());
      // v2: their capacity was freed when they completed; the rework is theirs again.
      if (ctx.rulesV2) ctx.holdTechnician(d.technicianId);
      ctx.notify(
        'REWORK',
        { userIds: [d.technicianId] },
        ORDER_MESSAGES.rework(ctx.orderNo, round, note),
        String(entry.seq),
      );
    }
  }

  /**
   * The customer has not answered the acceptance request even after the whole ladder (policy ESCALATE):
   * the agent who follows the order up is reminded every half target until the customer decides.
   */
  function remindAgentOfAcceptance(deadline: LiveDeadline, n: number): void {
    ctx.state.note(SYSTEM, 'ACCEPTANCE_REMINDER', Date.now(), {
      stageKey: deadline.stageKey,
      reminder: n,
      agentId: deadline.responsibleUserId,
    });
    ctx.notify(
      'ACCEPTANCE_REMINDER',
      ctx.responsibleFor(deadline),
      ORDER_MESSAGES.acceptanceReminder(ctx.orderNo, n),
      `${deadline.stageKey}:${n}`,
    );
  }

  /** The supervisor's call on an order past its rework limit (a new technician is a reassignment). */
  const decideRework: Command<ReworkDecisionInput> = {
    validate(i) {
      refuse.allow(
        i.actor,
        i.decision === 'ANOTHER_ROUND'
          ? 'REWORK_ANOTHER_ROUND'
          : i.decision === 'REFUND_AND_CLOSE'
            ? 'REFUND_AND_CLOSE'
            : refuse.badDecision(i.actor),
      );
      if (!nonBlank(i.note)) throw refuse.invalid(i.actor, 'note', 'say why (note)');
      if (
        i.decision === 'REFUND_AND_CLOSE' &&
        !(typeof i.refundAmount === 'number' && Number.isFinite(i.refundAmount) && i.refundAmount >= 0)
      ) {
        throw refuse.invalid(i.actor, 'refundAmount', 'refundAmount must be a number of 0 or more');
      }
    },
    handle(i) {
      if (i.decision === 'ANOTHER_ROUND') {
        startReworkRound(i.actor, 'REWORK_ANOTHER_ROUND', i.note);
        return;
      }
      const now = Date.now();
      const d = ctx.data;
      ctx.deadlines.closeAll();
      d.closedAt = iso(now);
      const entry = ctx.state.apply('REFUND_AND_CLOSE', i.actor, now, {
        note: i.note,
        refundAmount: i.refundAmount,
        reworkRound: d.reworkRound,
      });
      ctx.notify(
        'REFUND_DUE',
        { roles: ['finance'] },
        ORDER_MESSAGES.refundDue(ctx.orderNo, i.refundAmount ?? 0, i.note),
        String(entry.seq),
      );
    },
  };

  return { customerAcceptance, decideRework, remindAgentOfAcceptance };
}
