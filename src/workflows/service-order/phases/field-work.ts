// Field work (SPEC §2 stages 7–12): contact, check-in, progress and parts, completion, the quality
// check, customer chases, and the customer's verdict with its rework rounds. Ends when the customer
// accepts (or the acceptance window expires).
import {
  completionPausedFor,
  dueAt,
  haversineKm,
  isWithinRadius,
  MILESTONES,
  REWORK_LIMIT_LEVEL,
  reworkOverLimit,
} from '../../../domain';
import { ORDER_MESSAGES } from '../../../notifications/templates';
import { iso } from '../deadlines';
import type { Command, OrderContext } from '../order-context';
import { nonBlank } from '../refusals';
import { SYSTEM } from '../service-order.state';
import type {
  Actor,
  ChaseInput,
  CheckInInput,
  CompletionInput,
  ContactInput,
  CustomerAcceptanceInput,
  PartsReceivedInput,
  PartsRequestInput,
  ProgressInput,
  QcInput,
} from '../service-order.messages';

export interface FieldWorkPorts {
  /** The customer accepted the work (or the window expired): the order is COMPLETED. */
  completeOrder(actor: Actor, action: string, rating: number | null, comment: string | null): void;
}

export function fieldWorkPhase(ctx: OrderContext, ports: FieldWorkPorts) {
  const { refuse } = ctx;

  /** The completion clock runs from assignment; a reassignment hands the running clock over. */
  function handOverWork(technicianId: string, now: number): void {
    const completion = ctx.deadlines.live('COMPLETION');
    if (completion) completion.responsibleUserId = technicianId;
    else ctx.deadlines.open('COMPLETION', now, { userId: technicianId });
    for (const deadline of ctx.deadlines.all) {
      if (deadline.stage === 'CHASE_RESPONSE') deadline.responsibleUserId = technicianId;
    }
  }

  function withdrawWork(): void {
    ctx.deadlines.close('COMPLETION');
  }

  /** WAITING_PARTS stops the completion clock when the policy says so; any other milestone restarts it. */
  function applyMilestoneToCompletion(now: number): Record<string, unknown> {
    const d = ctx.data;
    const change = ctx.deadlines.setPaused('COMPLETION', completionPausedFor(d.milestone, d.policy), now);
    const completion = ctx.deadlines.live('COMPLETION');
    const due = completion ? dueAt(completion.clock) : null;
    return {
      milestone: d.milestone,
      completionClock: change.paused
        ? 'PAUSED'
        : change.resumed
          ? 'RESUMED'
          : completion
            ? 'UNCHANGED'
            : 'NONE',
      completionDueAt: due === null ? null : iso(due),
    };
  }

  const logContact: Command<ContactInput> = {
    validate(i) {
      ctx.requireAssignedTechnician(i.actor);
      refuse.allow(i.actor, 'LOG_CONTACT');
      if (typeof i.note !== 'string') throw refuse.invalid(i.actor, 'note', 'note is required');
      if (i.appointment !== undefined && i.appointment !== null) {
        const start = Date.parse(i.appointment.start);
        const end = Date.parse(i.appointment.end);
        if (Number.isNaN(start) || Number.isNaN(end) || end <= start) {
          throw refuse.invalid(
            i.actor,
            'appointment',
            'appointment needs ISO start and end, end after start',
          );
        }
      }
    },
    handle(i) {
      const now = Date.now();
      const firstContact = ctx.deadlines.close('FIRST_CONTACT').length > 0;
      const chasesAnswered = ctx.deadlines.close('CHASE_RESPONSE').map((d) => d.stageKey);
      const previousAppointment = ctx.data.details.appointment ?? null;
      if (i.appointment) ctx.data.details = { ...ctx.data.details, appointment: i.appointment };
      ctx.state.note(i.actor, 'LOG_CONTACT', now, {
        note: i.note,
        firstContact,
        chasesAnswered,
        ...(i.appointment ? { rescheduled: { from: previousAppointment, to: i.appointment } } : {}),
      });
    },
  };

  const checkIn: Command<CheckInInput> = {
    validate(i) {
      ctx.requireAssignedTechnician(i.actor);
      refuse.allow(i.actor, 'CHECK_IN');
      if (
        (i.lat !== undefined && typeof i.lat !== 'number') ||
        (i.lng !== undefined && typeof i.lng !== 'number')
      ) {
        throw refuse.invalid(i.actor, 'lat', 'lat and lng must be numbers');
      }
    },
    handle(i) {
      const now = Date.now();
      const customer = ctx.data.details.customer;
      const radius = ctx.data.policy.checkInRadiusMeters;
      let distanceMeters: number | null = null;
      let outsideRadius = false;
      if (
        typeof i.lat === 'number' &&
        typeof i.lng === 'number' &&
        customer.lat != null &&
        customer.lng != null
      ) {
        const position = { lat: i.lat, lng: i.lng };
        const home = { lat: customer.lat, lng: customer.lng };
        distanceMeters = Math.round(haversineKm(position, home) * 1000);
        outsideRadius = !isWithinRadius(position, home, radius);
      }
      const entry = ctx.state.moveTo('ON_SITE', i.actor, 'CHECK_IN', now, {
        lat: i.lat ?? null,
        lng: i.lng ?? null,
        distanceMeters,
        radiusMeters: radius,
        outsideRadius,
      });
      if (outsideRadius) {
        ctx.notifyDispatchers(
          'CHECK_IN_OUTSIDE_RADIUS',
          ORDER_MESSAGES.checkInOutsideRadius(ctx.orderNo, ctx.data.technicianName, distanceMeters, radius),
          String(entry.seq),
        );
      }
    },
  };

  const reportProgress: Command<ProgressInput> = {
    validate(i) {
      ctx.requireAssignedTechnician(i.actor);
      refuse.allow(i.actor, 'REPORT_PROGRESS');
      if (!(MILESTONES as readonly string[]).includes(i.milestone)) {
        throw refuse.invalid(i.actor, 'milestone', `milestone must be one of ${MILESTONES.join(', ')}`);
      }
    },
    handle(i) {
      const now = Date.now();
      ctx.deadlines.close('PROGRESS_REPLY');
      ctx.data.milestone = i.milestone;
      const clock = applyMilestoneToCompletion(now);
      ctx.state.moveTo('IN_PROGRESS', i.actor, 'REPORT_PROGRESS', now, {
        milestone: i.milestone,
        note: i.note ?? '',
        attachments: i.attachments ?? [],
        ...clock,
      });
    },
  };

  const requestParts: Command<PartsRequestInput> = {
    validate(i) {
      ctx.requireAssignedTechnician(i.actor);
      refuse.allow(i.actor, 'REQUEST_PARTS');
      if (
        !Array.isArray(i.items) ||
        i.items.length === 0 ||
        !i.items.every((it) => nonBlank(it?.code) && typeof it.quantity === 'number' && it.quantity > 0)
      ) {
        throw refuse.invalid(i.actor, 'items', 'items must list at least one {code, quantity > 0}');
      }
    },
    handle(i) {
      const now = Date.now();
      const d = ctx.data;
      const id = `PR-${d.partsRequests.length + 1}`;
      d.partsRequests.push({
        id,
        items: i.items.map((it) => ({ code: it.code, quantity: it.quantity })),
        requestedAt: iso(now),
        receivedAt: null,
      });
      ctx.deadlines.close('PROGRESS_REPLY');
      d.milestone = 'WAITING_PARTS';
      const clock = applyMilestoneToCompletion(now);
      ctx.state.moveTo('IN_PROGRESS', i.actor, 'REQUEST_PARTS', now, {
        requestId: id,
        items: i.items,
        ...clock,
      });
    },
  };

  const receiveParts: Command<PartsReceivedInput> = {
    validate(i) {
      ctx.requireAssignedTechnician(i.actor);
      refuse.allow(i.actor, 'RECEIVE_PARTS');
      const request = ctx.data.partsRequests.find((r) => r.id === i.requestId);
      if (!request)
        throw refuse.invalid(i.actor, 'requestId', `no parts request ${String(i.requestId)} on this order`);
      if (request.receivedAt !== null)
        throw refuse.invalid(i.actor, 'requestId', `parts request ${i.requestId} was already received`);
    },
    handle(i) {
      const now = Date.now();
      const d = ctx.data;
      const request = d.partsRequests.find((r) => r.id === i.requestId);
      if (request) request.receivedAt = iso(now);
      const outstanding = d.partsRequests.filter((r) => r.receivedAt === null).map((r) => r.id);
      if (outstanding.length === 0 && d.milestone === 'WAITING_PARTS') d.milestone = 'IN_PROGRESS';
      const clock = applyMilestoneToCompletion(now);
      ctx.state.moveTo('IN_PROGRESS', i.actor, 'RECEIVE_PARTS', now, {
        requestId: i.requestId,
        outstanding,
        ...clock,
      });
    },
  };

  const complete: Command<CompletionInput> = {
    validate(i) {
      ctx.requireAssignedTechnician(i.actor);
      refuse.allow(i.actor, 'COMPLETE');
      if (!nonBlank(i.summary)) throw refuse.invalid(i.actor, 'summary', 'a summary of the work is required');
      if (!Array.isArray(i.partsUsed))
        throw refuse.invalid(i.actor, 'partsUsed', 'partsUsed must be a list (may be empty)');
      if (typeof i.laborHours !== 'number' || !(i.laborHours >= 0))
        throw refuse.invalid(i.actor, 'laborHours', 'laborHours must be a number of 0 or more');
    },
    handle(i) {
      const now = Date.now();
      for (const stage of ['COMPLETION', 'PROGRESS_REPLY', 'FIRST_CONTACT', 'CHASE_RESPONSE'] as const)
        ctx.deadlines.close(stage);
      ctx.data.partsUsed = i.partsUsed;
      ctx.state.moveTo('PENDING_QC', i.actor, 'COMPLETE', now, {
        summary: i.summary,
        partsUsed: i.partsUsed,
        laborHours: i.laborHours,
      });
    },
  };

  const qc: Command<QcInput> = {
    validate(i) {
      refuse.allow(
        i.actor,
        i.result === 'PASS' ? 'QC_PASS' : i.result === 'FAIL' ? 'QC_FAIL' : refuse.badDecision(i.actor),
      );
      if (i.result === 'FAIL' && !nonBlank(i.note))
        throw refuse.invalid(i.actor, 'note', 'a failed QC needs the reasons');
    },
    handle(i) {
      const now = Date.now();
      if (i.result === 'PASS') {
        ctx.state.moveTo('PENDING_ACCEPTANCE', i.actor, 'QC_PASS', now, { note: i.note ?? null });
      } else {
        ctx.state.moveTo('IN_PROGRESS', i.actor, 'QC_FAIL', now, { note: i.note });
        // Back to work: a fresh completion deadline for the corrections.
        ctx.deadlines.open('COMPLETION', now, { userId: ctx.data.technicianId });
      }
    },
  };

  const chase: Command<ChaseInput> = {
    validate(i) {
      refuse.allow(i.actor, 'CHASE');
      if (typeof i.note !== 'string') throw refuse.invalid(i.actor, 'note', 'note is required');
    },
    handle(i) {
      const now = Date.now();
      ctx.data.chaseCount += 1;
      const deadline = ctx.deadlines.open('CHASE_RESPONSE', now, { userId: ctx.data.technicianId });
      ctx.state.note(i.actor, 'CHASE', now, {
        note: i.note,
        chaseCount: ctx.data.chaseCount,
        stageKey: deadline.stageKey,
      });
    },
  };

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

  /** The customer rejected the work: a numbered rework round, then back to the same technician. */
  function openRework(actor: Actor, comment: string, rating: number | null): void {
    const now = Date.now();
    const d = ctx.data;
    d.reworkRound += 1;
    const round = d.reworkRound;
    ctx.state.moveTo('REWORK', actor, 'CUSTOMER_REJECT', now, { comment, rating, reworkRound: round });
    if (reworkOverLimit(round, d.policy.maxReworks)) {
      // Beyond the allowed rounds: the supervisor hears about it (with the technician and dispatcher).
      ctx.escalate(
        {
          stage: 'COMPLETION',
          stageKey: `REWORK_LIMIT#${round}`,
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
            ...fired,
          }),
      );
    }
    const entry = ctx.state.moveTo(
      'ASSIGNED',
      SYSTEM,
      'REWORK_ASSIGNED',
      Date.now(),
      { technicianId: d.technicianId, reworkRound: round },
      { restartStage: true },
    );
    if (d.technicianId) {
      handOverWork(d.technicianId, Date.now());
      ctx.notify(
        'REWORK',
        { userIds: [d.technicianId] },
        ORDER_MESSAGES.rework(ctx.orderNo, round, comment),
        String(entry.seq),
      );
    }
  }

  return {
    handOverWork,
    withdrawWork,
    logContact,
    checkIn,
    reportProgress,
    requestParts,
    receiveParts,
    complete,
    qc,
    chase,
    customerAcceptance,
  };
}
