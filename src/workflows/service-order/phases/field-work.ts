// Field work (SPEC §2 stages 7–11): contact, check-in, progress and parts, completion, the quality
// check and the customer's chases. Ends when QC passes the work to the customer (acceptance.ts).
import {
  approvedTotal,
  completionPausedFor,
  dueAt,
  finalPrice,
  formatMinor,
  haversineKm,
  isWithinRadius,
  MILESTONES,
  newApprovalProblem,
  quoteRequiredBeforeWork,
  selfBoughtCheck,
} from '../../../domain';
import { MAIN_WAREHOUSE, validateStockLines, type StockLine } from '../../../domain/stock';
import type { OrderPartsReservation } from '../../../activities/stock.activities';
import { ORDER_MESSAGES } from '../../../notifications/templates';
import { stockActivities } from '../activities';
import { iso } from '../deadlines';
import { approvedWorkOf, pendingAddedWork, type PricingData } from '../ledger';
import type { Command, OrderContext } from '../order-context';
import { nonBlank } from '../refusals';
import { SYSTEM } from '../service-order.state';
import type {
  Actor,
  ChaseInput,
  CheckInInput,
  CompletionInput,
  ContactInput,
  PartsArrivedInput,
  PartsReceivedInput,
  PartsRequestInput,
  PartsReservationView,
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

  // ---- Priced work: the agreed price, parts from stock, the ledger at completion (issue 11) ----------

  /** Paid work without a price agreed at intake starts once the customer approved a quote. */
  function requireAgreedPrice(actor: Actor): void {
    const pricing = ctx.data.pricing;
    if (!pricing || !quoteRequiredBeforeWork(ctx.data.details) || approvedWorkOf(ctx.data).quote !== null)
      return;
    throw refuse.notAllowed(actor, 'paid work starts once the customer approved a quote: propose one first');
  }

  function reserve(reservation: PartsReservationView, lines: StockLine[], actorId: string | null): void {
    reservation.status = 'RESERVING';
    const summary = `Reserve parts ${reservation.requestId} of ${ctx.orderNo}`;
    const request = {
      orderNo: ctx.orderNo,
      key: `${ctx.orderNo}:${reservation.requestId}`,
      locationCode: reservation.locationCode,
      lines,
      actorId,
    };
    ctx.effects.add(
      'reserveOrderParts',
      summary,
      () => stockActivities.reserveOrderParts.executeWithOptions({ summary }, [request]),
      {
        blocking: true,
        apply: (outcome) => reservationSettled(reservation.requestId, outcome),
        onFailure: (error) => reservationFailed(reservation, error),
      },
    );
  }

  /** The stock refused the reservation for good: the request waits, and the supervisors hear of it. */
  function reservationFailed(reservation: PartsReservationView, error: unknown): void {
    reservation.status = 'WAITING_STOCK';
    const reason = error instanceof Error ? error.message : String(error);
    const entry = ctx.state.note(SYSTEM, 'PARTS_RESERVATION_FAILED', Date.now(), {
      requestId: reservation.requestId,
      reason,
    });
    ctx.notify(
      'PARTS_RESERVATION_FAILED',
      { roles: ['supervisor'] },
      { title: `Parts of ${ctx.orderNo} could not be reserved`, body: reason },
      String(entry.seq),
    );
  }

  function linesOf(requestId: string): StockLine[] {
    const request = ctx.data.partsRequests.find((r) => r.id === requestId);
    return (request?.items ?? []).map((item) => ({ partCode: item.code, quantity: item.quantity }));
  }

  /**
   * 领用 done, or 申请配件: with the parts on the shelf for the order the work goes on; with some missing a
   * purchase request is open for each and the order waits for them (WAITING_PARTS, as the policy pauses).
   */
  function reservationSettled(requestId: string, outcome: OrderPartsReservation): void {
    const now = Date.now();
    const d = ctx.data;
    const reservation = d.pricing?.reservations.find((r) => r.requestId === requestId);
    const request = d.partsRequests.find((r) => r.id === requestId);
    if (!reservation || !request) return;
    if (outcome.kind === 'RESERVED') {
      const waited = reservation.purchaseRequestIds.length > 0;
      Object.assign(reservation, { status: 'RESERVED', shortfall: [] });
      request.receivedAt = iso(now);
      const outstanding = d.partsRequests.filter((r) => r.receivedAt === null).map((r) => r.id);
      if (outstanding.length === 0 && d.milestone === 'WAITING_PARTS') d.milestone = 'IN_PROGRESS';
      const clock = applyMilestoneToCompletion(now);
      ctx.state.note(SYSTEM, 'PARTS_RESERVED', now, {
        requestId,
        locationCode: reservation.locationCode,
        lines: outcome.lines,
        afterPurchase: waited,
        outstanding,
        ...clock,
      });
      return;
    }
    Object.assign(reservation, {
      status: 'WAITING_STOCK',
      shortfall: outcome.shortfall,
      purchaseRequestIds: [...new Set([...reservation.purchaseRequestIds, ...outcome.purchaseRequestIds])],
    });
    d.milestone = 'WAITING_PARTS';
    const clock = applyMilestoneToCompletion(now);
    const entry = ctx.state.note(SYSTEM, 'PARTS_SHORTFALL', now, {
      requestId,
      shortfall: outcome.shortfall,
      purchaseRequestIds: outcome.purchaseRequestIds,
      ...clock,
    });
    ctx.notify(
      'PARTS_SHORT',
      { roles: ['supervisor'] },
      ORDER_MESSAGES.partsShort(ctx.orderNo, outcome.shortfall),
      String(entry.seq),
    );
  }

  /** The stock API's word that parts came in for the order's purchase requests: reserve those requests again. */
  function partsArrived(input: PartsArrivedInput): void {
    const pricing = ctx.data.pricing;
    if (!pricing || !Array.isArray(input?.purchaseRequestIds)) return;
    if (ctx.data.status !== 'ON_SITE' && ctx.data.status !== 'IN_PROGRESS') return;
    for (const reservation of pricing.reservations) {
      if (reservation.status !== 'WAITING_STOCK') continue;
      if (!reservation.purchaseRequestIds.some((id) => input.purchaseRequestIds.includes(id))) continue;
      reserve(reservation, linesOf(reservation.requestId), null);
    }
    ctx.wake = true;
  }

  /** Completion on a priced run: no added work unanswered, and a final price within the approval. */
  function checkPricedCompletion(i: CompletionInput, pricing: PricingData): void {
    const waiting = pendingAddedWork(pricing);
    if (waiting.length > 0) {
      throw refuse.notAllowed(
        i.actor,
        `added work ${waiting.map((a) => a.id).join(', ')} waits for the customer's answer`,
      );
    }
    const basis = pricing.basis;
    if (!basis) return;
    const priced = i.pricedParts ?? [];
    const missing = i.partsUsed.find(
      (part) => !priced.some((line) => line.code.toUpperCase() === part.code.toUpperCase()),
    );
    if (missing)
      throw refuse.invalid(
        i.actor,
        'partsUsed',
        `part ${missing.code} is not in catalogue version ${basis.catalogueVersion}`,
      );
    const over = newApprovalProblem(
      approvedWorkOf(ctx.data),
      priced,
      basis.quoteSettings.estimateTolerancePercent,
    );
    if (over) {
      const money = (minor: number) => `${formatMinor(minor, basis.currency)} ${basis.currency}`;
      throw refuse.notAllowed(
        i.actor,
        `the final price ${money(over.finalPrice)} is more than ${basis.quoteSettings.estimateTolerancePercent}% above the approved ${money(over.approvedTotal)}: propose a revised quote for the customer to approve`,
      );
    }
  }

  /**
   * Records the ledger's side of a completion (self-bought parts against their catalogue price, replaced
   * parts with the customer's disposal choice) and queues the book-out of the parts taken from stock.
   */
  function pricedCompletion(
    i: CompletionInput,
    pricing: PricingData,
    seq: () => number,
  ): Record<string, unknown> {
    const basis = pricing.basis;
    const priced = i.pricedParts ?? [];
    const unitPrice = (code: string) =>
      priced.find((line) => line.code.toUpperCase() === code.toUpperCase())?.unitPrice ?? 0;
    pricing.selfBoughtParts = i.partsUsed.flatMap((part) => {
      if (!part.selfBought) return [];
      const cataloguePrice = unitPrice(part.code);
      const problem = basis
        ? selfBoughtCheck(
            { quantity: part.quantity, invoiceAmount: part.selfBought.invoiceAmount },
            cataloguePrice,
            basis.quoteSettings,
          )
        : null;
      return [
        {
          code: part.code,
          quantity: part.quantity,
          ...part.selfBought,
          cataloguePrice,
          problem,
          status: problem ? 'PENDING_APPROVAL' : 'OK',
          approvedBy: null,
        },
      ];
    });
    pricing.replacedParts = (i.replacedParts ?? []).map((part) => ({ ...part, inspection: null }));
    if (basis) queueBookOut(i, pricing);
    const work = approvedWorkOf(ctx.data);
    const pendingApproval = pricing.selfBoughtParts
      .filter((p) => p.status === 'PENDING_APPROVAL')
      .map((p) => p.code);
    if (pendingApproval.length > 0) {
      ctx.notify(
        'SELF_BOUGHT_APPROVAL',
        { roles: ['supervisor'] },
        ORDER_MESSAGES.selfBoughtNeedsApproval(ctx.orderNo, pendingApproval),
        String(seq()),
      );
    }
    const selfBought = pricing.selfBoughtParts.map(({ code, invoiceAmount, cataloguePrice, problem }) => ({
      code,
      invoiceAmount,
      cataloguePrice,
      problem,
    }));
    const replaced = pricing.replacedParts.map(({ code, quantity, disposal }) => ({
      code,
      quantity,
      disposal,
    }));
    return {
      // A fixed price is no estimate: only quoted work counts in the estimate deviation KPI.
      ...(work.quote && !work.fixedPrice
        ? { finalPrice: finalPrice(work, priced), approvedTotal: approvedTotal(work) }
        : {}),
      ...(selfBought.length > 0 ? { selfBought } : {}),
      ...(replaced.length > 0 ? { replacedParts: replaced } : {}),
    };
  }

  /** 仓库下账: what this completion used from stock beyond what earlier completions booked out. */
  function queueBookOut(i: CompletionInput, pricing: PricingData): void {
    const used = new Map<string, number>();
    for (const part of i.partsUsed) {
      if (part.selfBought) continue;
      used.set(part.code, (used.get(part.code) ?? 0) + part.quantity);
    }
    const lines: StockLine[] = [];
    for (const [partCode, quantity] of used) {
      const booked = pricing.bookedOut.find((b) => b.partCode === partCode)?.quantity ?? 0;
      if (quantity > booked) lines.push({ partCode, quantity: quantity - booked });
    }
    if (lines.length === 0 && pricing.reservations.length === 0) return;
    for (const line of lines) {
      const booked = pricing.bookedOut.find((b) => b.partCode === line.partCode);
      if (booked) booked.quantity += line.quantity;
      else pricing.bookedOut.push({ ...line });
    }
    // Nothing was booked out after all: a later completion books these out again.
    const unbook = (): void => {
      for (const line of lines) {
        const booked = pricing.bookedOut.find((b) => b.partCode === line.partCode);
        if (booked) booked.quantity -= line.quantity;
      }
    };
    const summary = `Book out parts of ${ctx.orderNo}`;
    const request = {
      orderNo: ctx.orderNo,
      // The seq of the entry before the completion's: one book-out per completion, the same on every retry.
      key: `${ctx.orderNo}:book-out:${ctx.data.seq}`,
      locationCode: MAIN_WAREHOUSE,
      lines,
      actorId: ctx.data.technicianId,
    };
    ctx.effects.add(
      'bookOutOrderParts',
      summary,
      () => stockActivities.bookOutOrderParts.executeWithOptions({ summary }, [request]),
      {
        inOrder: true,
        onFailure: (error) => {
          unbook();
          const reason = error instanceof Error ? error.message : String(error);
          ctx.state.note(SYSTEM, 'PARTS_BOOK_OUT_FAILED', Date.now(), { reason });
        },
        apply: (outcome) => {
          const now = Date.now();
          if (outcome?.kind === 'SHORTFALL') {
            unbook();
            const entry = ctx.state.note(SYSTEM, 'PARTS_BOOK_OUT_SHORT', now, {
              shortfall: outcome.shortfall,
            });
            ctx.notify(
              'PARTS_SHORT',
              { roles: ['supervisor'] },
              ORDER_MESSAGES.partsShort(ctx.orderNo, outcome.shortfall),
              String(entry.seq),
            );
            return;
          }
          ctx.state.note(SYSTEM, 'PARTS_BOOKED_OUT', now, {
            locationCode: MAIN_WAREHOUSE,
            lines: outcome?.lines ?? [],
          });
        },
      },
    );
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
      requireAgreedPrice(i.actor);
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
      requireAgreedPrice(i.actor);
      if (ctx.data.pricing?.basis) {
        // Reserved from stock: the stock's own rules for codes and quantities, so no reservation is refused.
        const checked = validateStockLines(
          Array.isArray(i.items)
            ? i.items.map((it) => ({ partCode: it?.code, quantity: it?.quantity }))
            : i.items,
          'items',
        );
        if (!checked.ok) {
          const [first] = checked.errors;
          throw refuse.invalid(i.actor, first.field.replace('.partCode', '.code'), first.problem);
        }
      }
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
      if (d.pricing?.basis) {
        // Orders priced from the catalogue reserve the parts from stock first; only a shortfall makes the
        // order wait. Orders priced at intake keep the parts request as a note of what to fetch.
        const reservation: PartsReservationView = {
          requestId: id,
          status: 'RESERVING',
          locationCode: MAIN_WAREHOUSE,
          shortfall: [],
          purchaseRequestIds: [],
        };
        d.pricing.reservations.push(reservation);
        ctx.state.apply('REQUEST_PARTS', i.actor, now, {
          requestId: id,
          items: i.items,
          reservation: 'RESERVING',
          locationCode: MAIN_WAREHOUSE,
          ...chasesAnsweredBy(),
        });
        reserve(reservation, linesOf(id), i.actor.id);
        return;
      }
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
      const reservation = ctx.data.pricing?.reservations.find((r) => r.requestId === i.requestId);
      if (reservation && reservation.status !== 'WAITING_STOCK')
        throw refuse.notAllowed(i.actor, `parts request ${i.requestId} is ${reservation.status}`);
    },
    handle(i) {
      const now = Date.now();
      const d = ctx.data;
      const reservation = d.pricing?.reservations.find((r) => r.requestId === i.requestId);
      if (reservation) {
        // Priced runs hold parts in stock: the technician's word that they came in tries the reservation
        // again (the receipt's own signal may not have reached the order).
        ctx.state.apply('RECEIVE_PARTS', i.actor, now, {
          requestId: i.requestId,
          reservation: 'RESERVING',
          ...chasesAnsweredBy(),
        });
        reserve(reservation, linesOf(i.requestId), i.actor.id);
        return;
      }
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
      requireAgreedPrice(i.actor);
      if (ctx.data.pricing) checkPricedCompletion(i, ctx.data.pricing);
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
      const priced = d.pricing ? pricedCompletion(i, d.pricing, () => d.seq) : {};
      ctx.state.apply('COMPLETE', i.actor, now, {
        summary: i.summary,
        partsUsed: i.partsUsed,
        laborHours: i.laborHours,
        ...priced,
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
    partsArrived,
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
