// Field work (SPEC §2 stages 7–11): contact, check-in, progress and parts, completion, the quality
// check and the customer's chases. Ends when QC passes the work to the customer (acceptance.ts).
import { completionPausedFor, dueAt, haversineKm, isWithinRadius, MILESTONES } from '../../../domain';
import { ORDER_MESSAGES } from '../../../notifications/templates';
import { iso } from '../deadlines';
import type { Command, OrderContext } from '../order-context';
import { nonBlank } from '../refusals';
import type {
  ChaseInput,
  CheckInInput,
  CompletionInput,
  ContactInput,
  PartsReceivedInput,
  PartsRequestInput,
  ProgressInput,
  QcInput,
} from '../service-order.messages';

export function fieldWorkPhase(ctx: OrderContext) {
  const { refuse } = ctx;

  /**
   * The completion clock runs from the first assignment; a reassignment hands the running clock over,
   * and so do the customer's open chases. A chase the dispatchers held is answered by the assignment.
   */
  function handOverWork(technicianId: string, now: number): void {
    const completion = ctx.deadlines.live('COMPLETION');
    if (completion) completion.responsibleUserId = technicianId;
    else ctx.deadlines.open('COMPLETION', now, { userId: technicianId });
    if (ctx.rulesV2)
      ctx.deadlines.closeWhere((d) => d.stage === 'CHASE_RESPONSE' && d.responsibleRole !== 'technician');
    for (const deadline of ctx.deadlines.all) {
      if (deadline.stage === 'CHASE_RESPONSE') deadline.responsibleUserId = technicianId;
    }
  }

  /**
   * The technician left before starting (decline, timeout). The completion clock keeps counting, so
   * lateness is measured from the first assignment (held until the next technician takes it); open
   * chases pass to the region's dispatchers.
   */
  function withdrawWork(): void {
    if (!ctx.rulesV2) {
      ctx.deadlines.close('COMPLETION');
      return;
    }
    const completion = ctx.deadlines.live('COMPLETION');
    if (completion) completion.responsibleUserId = null;
    for (const deadline of ctx.deadlines.all) {
      if (deadline.stage !== 'CHASE_RESPONSE') continue;
      deadline.responsibleRole = 'dispatcher';
      deadline.responsibleUserId = null;
    }
  }

  /** The assigned technician's step answers the customer's open chases; their stage keys. */
  function answerChases(): string[] {
    return ctx.deadlines.close('CHASE_RESPONSE').map((d) => d.stageKey);
  }

  /** Rules v2: any step of the technician answers the chases (v1: contact and completion only). */
  function chasesAnsweredBy(): Record<string, unknown> {
    if (!ctx.rulesV2) return {};
    const chasesAnswered = answerChases();
    return chasesAnswered.length > 0 ? { chasesAnswered } : {};
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
      const chasesAnswered = answerChases();
      const previousAppointment = ctx.data.details.appointment ?? null;
      if (i.appointment) ctx.data.details = { ...ctx.data.details, appointment: i.appointment };
      ctx.state.apply('LOG_CONTACT', i.actor, now, {
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
      const entry = ctx.state.apply('CHECK_IN', i.actor, now, {
        lat: i.lat ?? null,
        lng: i.lng ?? null,
        distanceMeters,
        radiusMeters: radius,
        outsideRadius,
        ...chasesAnsweredBy(),
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
      ctx.state.apply('REPORT_PROGRESS', i.actor, now, {
        milestone: i.milestone,
        note: i.note ?? '',
        attachments: i.attachments ?? [],
        ...clock,
        ...chasesAnsweredBy(),
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
      ctx.state.apply('REQUEST_PARTS', i.actor, now, {
        requestId: id,
        items: i.items,
        ...clock,
        ...chasesAnsweredBy(),
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
      ctx.state.apply('RECEIVE_PARTS', i.actor, now, {
        requestId: i.requestId,
        outstanding,
        ...clock,
        ...chasesAnsweredBy(),
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
      const d = ctx.data;
      for (const stage of ['PROGRESS_REPLY', 'FIRST_CONTACT', 'CHASE_RESPONSE'] as const)
        ctx.deadlines.close(stage);
      // v2: the completion clock stops while the work is judged and runs on if QC sends it back.
      if (ctx.rulesV2) ctx.deadlines.setPaused('COMPLETION', true, now);
      else ctx.deadlines.close('COMPLETION');
      d.partsUsed = i.partsUsed;
      ctx.state.apply('COMPLETE', i.actor, now, {
        summary: i.summary,
        partsUsed: i.partsUsed,
        laborHours: i.laborHours,
      });
      // v2: the work is done, so the technician can take other work while QC and the customer judge it.
      if (ctx.rulesV2 && d.technicianId) ctx.releaseTechnician(d.technicianId);
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
      const d = ctx.data;
      if (i.result === 'PASS') {
        if (ctx.rulesV2) ctx.deadlines.close('COMPLETION');
        ctx.state.apply('QC_PASS', i.actor, now, { note: i.note ?? null });
      } else if (!ctx.rulesV2) {
        ctx.state.apply('QC_FAIL', i.actor, now, { note: i.note });
        // Back to work: a fresh completion deadline for the corrections.
        ctx.deadlines.open('COMPLETION', now, { userId: d.technicianId });
      } else {
        // Back to work on the same clock: a failed QC does not forgive the time already taken.
        const resumed = ctx.deadlines.live('COMPLETION') !== undefined;
        if (resumed) ctx.deadlines.setPaused('COMPLETION', completionPausedFor(d.milestone, d.policy), now);
        else ctx.deadlines.open('COMPLETION', now, { userId: d.technicianId });
        ctx.state.apply('QC_FAIL', i.actor, now, {
          note: i.note,
          completionClock: resumed ? 'RESUMED' : 'STARTED',
        });
        if (d.technicianId) ctx.holdTechnician(d.technicianId);
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
      const d = ctx.data;
      d.chaseCount += 1;
      if (!ctx.rulesV2) {
        const deadline = ctx.deadlines.open('CHASE_RESPONSE', now, { userId: d.technicianId });
        ctx.state.apply('CHASE', i.actor, now, {
          note: i.note,
          chaseCount: d.chaseCount,
          stageKey: deadline.stageKey,
        });
        return;
      }
      if (d.technicianId === null) {
        // Nobody holds the order yet: the region's dispatchers answer (by assigning it), told once.
        const waiting = ctx.deadlines.all.find((x) => x.stage === 'CHASE_RESPONSE');
        const deadline =
          waiting ?? ctx.deadlines.open('CHASE_RESPONSE', now, { userId: null, role: 'dispatcher' });
        const entry = ctx.state.apply('CHASE', i.actor, now, {
          note: i.note,
          chaseCount: d.chaseCount,
          stageKey: deadline.stageKey,
          answeredBy: 'dispatcher',
        });
        if (!waiting)
          ctx.notifyDispatchers('CHASE', ORDER_MESSAGES.chased(ctx.orderNo, i.note, null), String(entry.seq));
        return;
      }
      const deadline = ctx.deadlines.open('CHASE_RESPONSE', now, { userId: d.technicianId });
      const entry = ctx.state.apply('CHASE', i.actor, now, {
        note: i.note,
        chaseCount: d.chaseCount,
        stageKey: deadline.stageKey,
        answeredBy: 'technician',
      });
      ctx.notify(
        'CHASE',
        { userIds: [d.technicianId] },
        ORDER_MESSAGES.chased(ctx.orderNo, i.note, d.technicianName),
        String(entry.seq),
      );
    },
  };

  return {
    handOverWork,
    withdrawWork,
    answerChases,
    logContact,
    checkIn,
    reportProgress,
    requestParts,
    receiveParts,
    complete,
    qc,
    chase,
  };
}
