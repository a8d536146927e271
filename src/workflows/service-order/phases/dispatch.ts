// Dispatch (SPEC §2 stages 4–6, dispatch.md): the system's AUTO and DIRECT picks, a person's
// assignment or reassignment, the technician's accept or decline, and the acceptance timeout. Ends when
// the technician accepts.
import {
  dispatchFactsOf,
  excludedFromAutomaticChoice,
  sameRegion,
  type OrderToDispatch,
} from '../../../domain';
import type { ReservationResult } from '../../../activities/service-order.activities';
import { ORDER_MESSAGES } from '../../../notifications/templates';
import { orderActivities } from '../activities';
import type { Effect } from '../effects';
import type { Command, OrderContext } from '../order-context';
import { nonBlank } from '../refusals';
import { SYSTEM } from '../service-order.state';
import type { Actor, AssignmentInput, TechnicianResponseInput } from '../service-order.messages';

export interface DispatchPorts {
  /** A technician took the order (assignment or reassignment): the field work's clocks follow them. */
  handOverWork(technicianId: string, now: number): void;
  /** The technician is gone before starting (decline, timeout). */
  withdrawWork(): void;
  /** The technician's step answers the customer's open chases; their stage keys. */
  answerChases(): string[];
}

type How = 'MANUAL' | 'AUTO' | 'DIRECT';

export function dispatchPhase(ctx: OrderContext, ports: DispatchPorts) {
  const { refuse } = ctx;

  function dispatchFacts(): OrderToDispatch {
    return dispatchFactsOf(ctx.data.details);
  }

  /** AUTO picks at once; DIRECT tries the technician named at intake once; the others wait for a person. */
  function systemDispatch(): void {
    const d = ctx.data;
    if (d.status !== 'PENDING_DISPATCH') return;
    const mode = d.details.dispatchMode;
    let how: 'AUTO' | 'DIRECT';
    let technicianId: string | undefined;
    if (mode === 'AUTO') {
      how = 'AUTO';
    } else if (mode === 'DIRECT' && !d.directTried && d.details.directTechnicianId) {
      d.directTried = true;
      how = 'DIRECT';
      technicianId = d.details.directTechnicianId;
    } else {
      return;
    }
    reserveTechnician(SYSTEM, technicianId, how, (result) => {
      const action = how === 'AUTO' ? 'NO_ELIGIBLE_TECHNICIAN' : 'DIRECT_TECHNICIAN_INELIGIBLE';
      const entry = ctx.state.note(SYSTEM, action, Date.now(), {
        reason: result.reason,
        explanation: result.explanation,
        candidates: result.candidates,
      });
      ctx.notifyDispatchers(
        action,
        ORDER_MESSAGES.noEligibleTechnician(ctx.orderNo, how, result.explanation),
        String(entry.seq),
      );
    });
  }

  /**
   * Queues the reservation of a technician (named or the best-scoring one); when it succeeds the order
   * moves to ASSIGNED. A blocking effect: nothing else changes the order until its result is applied,
   * so the facts it was asked with still hold then. A reassignment releases the previous technician in
   * the same transaction and tells them.
   */
  function reserveTechnician(
    actor: Actor,
    technicianId: string | undefined,
    how: How,
    refused?: (result: Extract<ReservationResult, { ok: false }>) => void,
  ): Effect<ReservationResult> {
    const d = ctx.data;
    const replacing = d.status !== 'PENDING_DISPATCH' ? d.technicianId : null;
    const excludedIds =
      technicianId === undefined
        ? excludedFromAutomaticChoice(d.excludedTechnicianIds, replacing)
        : d.excludedTechnicianIds;
    const request = { orderNo: ctx.orderNo, order: dispatchFacts(), excludedIds, technicianId, replacing };
    const summary = `Reserve ${technicianId ? `technician ${technicianId}` : 'best technician'} for ${ctx.orderNo}`;
    return ctx.effects.add(
      'reserveTechnician',
      summary,
      () => orderActivities.reserveTechnician.executeWithOptions({ summary }, [request]),
      {
        blocking: true,
        apply: (result) => {
          if (result.ok) applyAssignment(actor, how, replacing, result);
          else refused?.(result);
        },
      },
    );
  }

  function applyAssignment(
    actor: Actor,
    how: How,
    replacing: string | null,
    result: Extract<ReservationResult, { ok: true }>,
  ): void {
    const now = Date.now();
    const d = ctx.data;
    d.technicianId = result.technicianId;
    d.technicianName = result.technicianName;
    if (replacing) {
      // First contact and progress reply belonged to the technician who is leaving.
      ctx.deadlines.close('FIRST_CONTACT');
      ctx.deadlines.close('PROGRESS_REPLY');
    }
    const action =
      how === 'MANUAL'
        ? replacing
          ? 'REASSIGN'
          : 'ASSIGN'
        : how === 'AUTO'
          ? 'AUTO_ASSIGN'
          : 'DIRECT_ASSIGN';
    const entry = ctx.state.apply(
      action,
      actor,
      now,
      {
        technicianId: result.technicianId,
        technicianName: result.technicianName,
        previousTechnicianId: replacing,
        explanation: result.explanation,
        candidates: result.candidates,
      },
      { restartStage: true },
    );
    ports.handOverWork(result.technicianId, now);
    ctx.notify(
      'ASSIGNED',
      { userIds: [result.technicianId] },
      ORDER_MESSAGES.assigned(ctx.orderNo, d.details.type, d.details.priority),
      String(entry.seq),
    );
    if (replacing) {
      ctx.notify(
        'REASSIGNED_AWAY',
        { userIds: [replacing] },
        ORDER_MESSAGES.reassignedAway(ctx.orderNo, result.technicianName),
        String(entry.seq),
      );
    }
  }

  /** Decline or acceptance timeout: the technician is excluded for this order and dispatch starts again. */
  function returnToDispatch(
    actor: Actor,
    action: 'TECHNICIAN_DECLINE' | 'TECHNICIAN_TIMEOUT',
    details: { reason?: string; stageKey?: string },
  ): void {
    const d = ctx.data;
    const technicianId = d.technicianId;
    const technicianName = d.technicianName;
    if (technicianId && !d.excludedTechnicianIds.includes(technicianId))
      d.excludedTechnicianIds.push(technicianId);
    d.technicianId = null;
    d.technicianName = null;
    ports.withdrawWork();
    const entry = ctx.state.apply(action, actor, Date.now(), { technicianId, technicianName, ...details });
    if (technicianId) ctx.releaseTechnician(technicianId);
    ctx.notifyDispatchers(
      action === 'TECHNICIAN_DECLINE' ? 'TECHNICIAN_DECLINED' : 'TECHNICIAN_TIMEOUT',
      ORDER_MESSAGES.returnedToDispatch(
        ctx.orderNo,
        action === 'TECHNICIAN_DECLINE' ? 'DECLINED' : 'TIMEOUT',
        { id: technicianId, name: technicianName },
        typeof details.reason === 'string' ? details.reason : null,
        d.details.dispatchMode === 'AUTO',
      ),
      String(entry.seq),
    );
    // The released technician is excluded, so the new reservation never waits for the release.
    systemDispatch();
  }

  function checkDispatcherRegion(actor: Actor): void {
    if (actor.role !== 'dispatcher') return;
    const region = ctx.region();
    const mine = actor.region ?? null;
    const same = sameRegion(region, mine);
    if (ctx.data.details.dispatchMode === 'REGIONAL' && region !== null && !same) {
      throw refuse.forbidden(actor, `only a dispatcher of region ${region} may dispatch this REGIONAL order`);
    }
    if (mine !== null && region !== null && !same) {
      throw refuse.forbidden(
        actor,
        `a dispatcher of region ${mine} may not dispatch an order of region ${region}`,
      );
    }
  }

  const assign: Command<AssignmentInput> = {
    validate(i) {
      checkDispatcherRegion(i.actor);
      refuse.allow(i.actor, ctx.data.status === 'PENDING_DISPATCH' ? 'ASSIGN' : 'REASSIGN');
      if (i.technicianId !== undefined && i.technicianId !== null) {
        if (typeof i.technicianId !== 'string' || i.technicianId.trim() === '') {
          throw refuse.invalid(i.actor, 'technicianId', 'technicianId must be a user id or omitted');
        }
        if (i.technicianId === ctx.data.technicianId) {
          throw refuse.invalid(i.actor, 'technicianId', 'the order is already assigned to this technician');
        }
      }
    },
    async handle(i) {
      const result = await ctx.effects.result(
        reserveTechnician(i.actor, i.technicianId ?? undefined, 'MANUAL'),
      );
      if (!result.ok) throw refuse.invalid(i.actor, 'technicianId', result.explanation);
    },
  };

  const respondToAssignment: Command<TechnicianResponseInput> = {
    validate(i) {
      ctx.requireAssignedTechnician(i.actor);
      refuse.allow(
        i.actor,
        i.decision === 'ACCEPT'
          ? 'TECHNICIAN_ACCEPT'
          : i.decision === 'DECLINE'
            ? 'TECHNICIAN_DECLINE'
            : refuse.badDecision(i.actor),
      );
      if (i.decision === 'DECLINE' && !nonBlank(i.reason))
        throw refuse.invalid(i.actor, 'reason', 'a reason is required to decline');
    },
    handle(i) {
      const now = Date.now();
      if (i.decision === 'ACCEPT') {
        const chasesAnswered = ctx.rulesV2 ? ports.answerChases() : [];
        ctx.state.apply(
          'TECHNICIAN_ACCEPT',
          i.actor,
          now,
          chasesAnswered.length > 0 ? { chasesAnswered } : {},
        );
        ctx.deadlines.open('FIRST_CONTACT', now, { userId: ctx.data.technicianId });
        ctx.deadlines.open('PROGRESS_REPLY', now, { userId: ctx.data.technicianId });
      } else {
        returnToDispatch(i.actor, 'TECHNICIAN_DECLINE', { reason: i.reason });
      }
    },
  };

  return { systemDispatch, returnToDispatch, assign, respondToAssignment };
}
