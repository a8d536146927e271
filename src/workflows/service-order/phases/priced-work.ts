// Priced work (issue 11, docs/money.md): the quote the customer approves before paid work starts, added
// work found on site and its approval window, payment taken on site, the inspection of replaced parts and
// the sign-off of self-bought ones. Runs that started before priced work (no PRICED_WORK marker) refuse
// all of it. Estimates arrive priced by the API from the order's catalogue version (pricing.priceEstimate).
import {
  approvedTotal,
  categoryTotals,
  coverageOf,
  INSPECTION_RESULTS,
  isMinorUnits,
  MAX_ESTIMATE_LINES,
  quoteRequired,
  type PricedEstimate,
} from '../../../domain';
import { ORDER_MESSAGES } from '../../../notifications/templates';
import { iso, type LiveDeadline } from '../deadlines';
import { approvedWorkOf, pendingQuote, quoteDeclineOutcome, type PricingData } from '../ledger';
import type { Command, OrderContext } from '../order-context';
import { isObject, nonBlank } from '../refusals';
import { SYSTEM } from '../service-order.state';
import type {
  Actor,
  AddedWorkDecisionInput,
  AddedWorkProposalInput,
  PartsInspectionInput,
  PaymentInput,
  PriceBasis,
  QuoteDecisionInput,
  QuoteProposalInput,
  SelfBoughtApprovalInput,
} from '../service-order.messages';

export function pricedWorkPhase(ctx: OrderContext) {
  const { refuse } = ctx;

  function pricingFor(actor: Actor): PricingData {
    const pricing = ctx.data.pricing;
    if (!pricing) throw refuse.notAllowed(actor, 'this order was taken before priced work and has no ledger');
    return pricing;
  }

  /**
   * The estimate is the API's pricing of the order's catalogue version; checked again here so that a
   * caller with another catalogue (or arithmetic of its own) cannot slip a different price in.
   */
  function checkEstimate(actor: Actor, estimate: PricedEstimate, basis: PriceBasis): void {
    const pricing = pricingFor(actor);
    if (!isObject(estimate) || !Array.isArray(estimate.lines) || !isObject(basis)) {
      throw refuse.invalid(actor, 'estimate', 'an estimate with lines and its price basis is required');
    }
    if (estimate.lines.length === 0 || estimate.lines.length > MAX_ESTIMATE_LINES) {
      throw refuse.invalid(actor, 'lines', `an estimate has 1 to ${MAX_ESTIMATE_LINES} lines`);
    }
    const pinned = pricing.basis?.catalogueVersion ?? basis.catalogueVersion;
    if (estimate.catalogueVersion !== basis.catalogueVersion || estimate.catalogueVersion !== pinned) {
      throw refuse.invalid(
        actor,
        'estimate',
        `this order is priced from catalogue version ${pinned}, not ${String(estimate.catalogueVersion)}`,
      );
    }
    const { details } = ctx.data;
    if (estimate.orderType !== details.type || estimate.zone !== details.customer.zone) {
      throw refuse.invalid(
        actor,
        'estimate',
        `the estimate is not priced for ${details.type} work in ${details.customer.zone}`,
      );
    }
    const amountsWhole = estimate.lines.every(
      (line) => isObject(line) && isMinorUnits(line.amount) && line.amount >= 0,
    );
    if (!amountsWhole || categoryTotals(estimate.lines).total !== estimate.total) {
      throw refuse.invalid(actor, 'estimate', 'the estimate lines do not add up to its total');
    }
  }

  function pin(basis: PriceBasis): void {
    const pricing = ctx.data.pricing as PricingData;
    pricing.basis ??= basis;
  }

  function tellTechnician(kind: string, title: string, body: string, key: string): void {
    const technicianId = ctx.data.technicianId;
    if (technicianId) ctx.notify(kind, { userIds: [technicianId] }, { title, body }, key);
  }

  // ---- The quote ------------------------------------------------------------------------------

  const proposeQuote: Command<QuoteProposalInput> = {
    validate(i) {
      if (i.actor.role === 'technician') ctx.requireAssignedTechnician(i.actor);
      refuse.allow(i.actor, 'PROPOSE_QUOTE');
      checkEstimate(i.actor, i.estimate, i.basis);
    },
    handle(i) {
      const now = Date.now();
      const d = ctx.data;
      const pricing = d.pricing as PricingData;
      pin(i.basis);
      const id = `Q-${pricing.quotes.length + 1}`;
      const needsApproval = quoteRequired(coverageOf(d.details), i.estimate.total, i.basis.quoteSettings);
      pricing.quotes.push({
        id,
        status: needsApproval ? 'PENDING' : 'NOT_NEEDED',
        estimate: i.estimate,
        note: i.note ?? null,
        proposedBy: i.actor,
        proposedAt: iso(now),
        decidedBy: needsApproval ? null : SYSTEM,
        decidedAt: needsApproval ? null : iso(now),
        decisionNote: needsApproval ? null : 'covered work under the quote threshold: no approval needed',
      });
      // The customer's time to answer is not the technician's: the completion clock waits with them.
      if (needsApproval) ctx.deadlines.setPaused('COMPLETION', true, now);
      ctx.state.apply(
        'PROPOSE_QUOTE',
        i.actor,
        now,
        {
          quoteId: id,
          amount: i.estimate.total,
          approvalLimit: i.estimate.approvalLimit,
          catalogueVersion: i.estimate.catalogueVersion,
          lines: i.estimate.lines,
          needsApproval,
          note: i.note ?? null,
        },
        { to: needsApproval ? 'PENDING_QUOTE' : 'IN_PROGRESS' },
      );
    },
  };

  const decideQuote: Command<QuoteDecisionInput> = {
    validate(i) {
      refuse.allow(
        i.actor,
        i.decision === 'APPROVE'
          ? 'APPROVE_QUOTE'
          : i.decision === 'DECLINE'
            ? 'DECLINE_QUOTE'
            : refuse.badDecision(i.actor),
      );
      const quote = pendingQuote(pricingFor(i.actor));
      if (!quote || quote.id !== i.quoteId) {
        throw refuse.invalid(
          i.actor,
          'quoteId',
          `quote ${String(i.quoteId)} is not the one waiting for an answer${quote ? ` (${quote.id} is)` : ''}`,
        );
      }
    },
    handle(i) {
      if (i.decision === 'APPROVE') approveQuote(i.actor, i.note ?? null);
      else endQuote(i.actor, 'DECLINE_QUOTE', i.note ?? null);
    },
  };

  function approveQuote(actor: Actor, note: string | null): void {
    const now = Date.now();
    const pricing = ctx.data.pricing as PricingData;
    const quote = pendingQuote(pricing);
    if (!quote) return;
    Object.assign(quote, { status: 'APPROVED', decidedBy: actor, decidedAt: iso(now), decisionNote: note });
    // Leaving PENDING_QUOTE restarts the completion clock (OrderState.leftQuoteWait).
    const entry = ctx.state.apply('APPROVE_QUOTE', actor, now, {
      quoteId: quote.id,
      amount: quote.estimate.total,
      approvedTotal: approvedTotal(approvedWorkOf(ctx.data)),
      note,
    });
    tellTechnician(
      'QUOTE_APPROVED',
      `Quote ${quote.id} on ${ctx.orderNo} approved`,
      'The customer approved the quote: the work may start.',
      String(entry.seq),
    );
  }

  /**
   * The customer declined the quote, or never answered it. A revision declined leaves the earlier approved
   * quote standing: the work goes on within it. Otherwise no work is done: the order is finished with the
   * diagnosis fee of the catalogue due (nothing for covered work), and closes at once when nothing is due.
   */
  function endQuote(actor: Actor, action: 'DECLINE_QUOTE' | 'QUOTE_EXPIRED', note: string | null): void {
    const now = Date.now();
    const d = ctx.data;
    const pricing = d.pricing as PricingData;
    const quote = pendingQuote(pricing);
    if (!quote || !pricing.basis) return;
    const declined = action === 'DECLINE_QUOTE';
    Object.assign(quote, {
      status: declined ? 'DECLINED' : 'EXPIRED',
      decidedBy: actor,
      decidedAt: iso(now),
      decisionNote: declined ? note : 'no answer within the quote window',
    });
    const answer = { quoteId: quote.id, amount: quote.estimate.total, note };
    const body = declined
      ? 'The customer declined the quote.'
      : 'The customer did not answer the quote in time.';
    const outcome = quoteDeclineOutcome(ctx.data);
    if (outcome.workGoesOn) {
      const entry = ctx.state.apply(
        action,
        actor,
        now,
        { ...answer, standingTotal: approvedTotal(approvedWorkOf(ctx.data)) },
        { to: 'IN_PROGRESS' },
      );
      tellTechnician(
        'QUOTE_ENDED',
        `Quote ${quote.id} on ${ctx.orderNo} not approved`,
        `${body} Finish within the approved quote.`,
        String(entry.seq),
      );
      return;
    }
    for (const addition of pricing.addedWork) if (addition.status === 'PENDING') addition.status = 'LAPSED';
    pricing.declined = true;
    const fee = outcome.diagnosisFee;
    const technicianId = d.technicianId;
    d.completedAt = iso(now);
    ctx.deadlines.closeAll();
    d.tracks = { callback: 'NOT_NEEDED', feedback: 'NOT_NEEDED', settlement: fee > 0 ? 'PENDING' : 'DONE' };
    if (fee === 0) d.closedAt = iso(now);
    const entry = ctx.state.apply(
      action,
      actor,
      now,
      { ...answer, diagnosisFee: fee },
      { to: fee > 0 ? 'COMPLETED' : 'CLOSED' },
    );
    if (fee > 0) ctx.deadlines.open('SETTLEMENT', now, { userId: null });
    if (technicianId) ctx.releaseTechnician(technicianId);
    ctx.releaseParts('quote-ended');
    tellTechnician('QUOTE_ENDED', `Quote ${quote.id} on ${ctx.orderNo}: no work`, body, String(entry.seq));
    if (!declined) {
      ctx.notify(
        'QUOTE_EXPIRED',
        { userIds: d.createdBy.id ? [d.createdBy.id] : [] },
        ORDER_MESSAGES.quoteExpired(ctx.orderNo, quote.id),
        String(entry.seq),
      );
    }
  }

  /** The quote window ran out (its deadline's 100 %): silence declines it. */
  function expireQuote(): void {
    endQuote(SYSTEM, 'QUOTE_EXPIRED', null);
  }

  // ---- Added work -----------------------------------------------------------------------------

  const proposeAddedWork: Command<AddedWorkProposalInput> = {
    validate(i) {
      ctx.requireAssignedTechnician(i.actor);
      refuse.allow(i.actor, 'PROPOSE_ADDED_WORK');
      checkEstimate(i.actor, i.estimate, i.basis);
      if (!nonBlank(i.reason))
        throw refuse.invalid(i.actor, 'reason', 'say what was found that needs the added work');
    },
    handle(i) {
      const now = Date.now();
      const d = ctx.data;
      const pricing = d.pricing as PricingData;
      pin(i.basis);
      const id = `AW-${pricing.addedWork.length + 1}`;
      const deadline = ctx.deadlines.open('ADDED_WORK_APPROVAL', now, {
        userId: d.createdBy.id,
        onDue: 'ADDED_WORK_LAPSE',
      });
      pricing.addedWork.push({
        id,
        status: 'PENDING',
        estimate: i.estimate,
        reason: i.reason,
        stageKey: deadline.stageKey,
        proposedBy: i.actor,
        proposedAt: iso(now),
        decidedBy: null,
        decidedAt: null,
      });
      ctx.state.apply('PROPOSE_ADDED_WORK', i.actor, now, {
        addedWorkId: id,
        amount: i.estimate.total,
        lines: i.estimate.lines,
        reason: i.reason,
        stageKey: deadline.stageKey,
      });
    },
  };

  const decideAddedWork: Command<AddedWorkDecisionInput> = {
    validate(i) {
      refuse.allow(
        i.actor,
        i.decision === 'APPROVE'
          ? 'APPROVE_ADDED_WORK'
          : i.decision === 'DECLINE'
            ? 'DECLINE_ADDED_WORK'
            : refuse.badDecision(i.actor),
      );
      const addition = pricingFor(i.actor).addedWork.find((a) => a.id === i.addedWorkId);
      if (!addition)
        throw refuse.invalid(i.actor, 'addedWorkId', `no added work ${String(i.addedWorkId)} on this order`);
      if (addition.status !== 'PENDING') {
        throw refuse.notAllowed(i.actor, `added work ${addition.id} is already ${addition.status}`);
      }
    },
    handle(i) {
      const now = Date.now();
      const pricing = ctx.data.pricing as PricingData;
      const addition = pricing.addedWork.find((a) => a.id === i.addedWorkId);
      if (!addition) return;
      const approved = i.decision === 'APPROVE';
      Object.assign(addition, {
        status: approved ? 'APPROVED' : 'DECLINED',
        decidedBy: i.actor,
        decidedAt: iso(now),
      });
      ctx.deadlines.closeWhere((deadline) => deadline.stageKey === addition.stageKey);
      const entry = ctx.state.apply(approved ? 'APPROVE_ADDED_WORK' : 'DECLINE_ADDED_WORK', i.actor, now, {
        addedWorkId: addition.id,
        amount: addition.estimate.total,
        approvedTotal: approvedTotal(approvedWorkOf(ctx.data)),
        note: i.note ?? null,
      });
      tellTechnician(
        'ADDED_WORK_ANSWERED',
        `Added work ${addition.id} on ${ctx.orderNo} ${approved ? 'approved' : 'declined'}`,
        approved
          ? 'The customer approved the added work.'
          : 'The customer declined the added work: do not do it.',
        String(entry.seq),
      );
    },
  };

  /** The added work's window ran out: silence is no approval, and the agent and technician are told. */
  function lapseAddedWork(deadline: LiveDeadline): void {
    const now = Date.now();
    const d = ctx.data;
    ctx.deadlines.closeWhere((live) => live.stageKey === deadline.stageKey);
    const addition = d.pricing?.addedWork.find(
      (a) => a.stageKey === deadline.stageKey && a.status === 'PENDING',
    );
    if (!addition) return;
    Object.assign(addition, { status: 'LAPSED', decidedBy: SYSTEM, decidedAt: iso(now) });
    const entry = ctx.state.note(SYSTEM, 'ADDED_WORK_LAPSED', now, {
      addedWorkId: addition.id,
      amount: addition.estimate.total,
      stageKey: deadline.stageKey,
    });
    const message = ORDER_MESSAGES.addedWorkLapsed(ctx.orderNo, addition.id);
    const to = [d.createdBy.id, d.technicianId].filter((id): id is string => id !== null);
    ctx.notify('ADDED_WORK_LAPSED', { userIds: to }, message, String(entry.seq));
  }

  // ---- Payment on site, parts after the work ----------------------------------------------------

  const collectPayment: Command<PaymentInput> = {
    validate(i) {
      ctx.requireAssignedTechnician(i.actor);
      refuse.allow(i.actor, 'COLLECT_PAYMENT');
      pricingFor(i.actor);
      if (ctx.data.tracks.settlement === 'DONE' || ctx.data.tracks.settlement === 'INVOICE_PENDING') {
        throw refuse.notAllowed(i.actor, 'the order is already settled');
      }
      if (!isMinorUnits(i.amount) || i.amount <= 0) {
        throw refuse.invalid(i.actor, 'amount', 'amount must be more than 0');
      }
      if (!nonBlank(i.paymentMethod))
        throw refuse.invalid(i.actor, 'paymentMethod', 'paymentMethod is required');
    },
    handle(i) {
      const now = Date.now();
      const pricing = ctx.data.pricing as PricingData;
      const payment = {
        amount: i.amount,
        paymentMethod: i.paymentMethod,
        receiptNo: i.receiptNo ?? null,
        collectedBy: i.actor,
        collectedAt: iso(now),
      };
      pricing.payments.push(payment);
      ctx.state.apply('COLLECT_PAYMENT', i.actor, now, {
        amount: payment.amount,
        paymentMethod: payment.paymentMethod,
        receiptNo: payment.receiptNo,
      });
    },
  };

  const inspectParts: Command<PartsInspectionInput> = {
    validate(i) {
      refuse.allow(i.actor, 'INSPECT_PARTS');
      const pricing = pricingFor(i.actor);
      if (!Array.isArray(i.results) || i.results.length === 0) {
        throw refuse.invalid(i.actor, 'results', 'results must list at least one replaced part');
      }
      i.results.forEach((result, index) => {
        const part = pricing.replacedParts.find((p) => p.code === result?.code);
        if (!part)
          throw refuse.invalid(
            i.actor,
            `results[${index}].code`,
            `no replaced part ${String(result?.code)} on this order`,
          );
        if (part.inspection)
          throw refuse.invalid(i.actor, `results[${index}].code`, `part ${part.code} is already inspected`);
        if (!(INSPECTION_RESULTS as readonly string[]).includes(result.result)) {
          throw refuse.invalid(
            i.actor,
            `results[${index}].result`,
            `result must be one of ${INSPECTION_RESULTS.join(', ')}`,
          );
        }
      });
    },
    handle(i) {
      const now = Date.now();
      const d = ctx.data;
      const pricing = d.pricing as PricingData;
      for (const result of i.results) {
        const part = pricing.replacedParts.find((p) => p.code === result.code);
        if (part)
          part.inspection = { result: result.result, note: result.note ?? null, by: i.actor, at: iso(now) };
      }
      ctx.state.apply('INSPECT_PARTS', i.actor, now, { results: i.results });
      // A part that was not faulty should not have been replaced: the technician is flagged (KPIs).
      for (const result of i.results.filter((r) => r.result === 'FAULTLESS')) {
        const part = pricing.replacedParts.find((p) => p.code === result.code);
        ctx.state.note(i.actor, 'PART_FOUND_FAULTLESS', now, {
          technicianId: d.technicianId,
          technicianName: d.technicianName,
          partCode: result.code,
          quantity: part?.quantity ?? 1,
          note: result.note ?? null,
        });
      }
    },
  };

  const approveSelfBoughtParts: Command<SelfBoughtApprovalInput> = {
    validate(i) {
      refuse.allow(i.actor, 'APPROVE_SELF_BOUGHT_PARTS');
      const pricing = pricingFor(i.actor);
      if (!Array.isArray(i.codes) || i.codes.length === 0) {
        throw refuse.invalid(i.actor, 'codes', 'codes must name at least one self-bought part');
      }
      i.codes.forEach((code, index) => {
        const part = pricing.selfBoughtParts.find((p) => p.code === code);
        if (!part || part.status !== 'PENDING_APPROVAL') {
          throw refuse.invalid(
            i.actor,
            `codes[${index}]`,
            `no self-bought part ${String(code)} waits for approval`,
          );
        }
      });
      if (!nonBlank(i.note)) throw refuse.invalid(i.actor, 'note', 'say why the invoice is accepted');
    },
    handle(i) {
      const now = Date.now();
      const pricing = ctx.data.pricing as PricingData;
      for (const part of pricing.selfBoughtParts) {
        if (i.codes.includes(part.code) && part.status === 'PENDING_APPROVAL') {
          Object.assign(part, { status: 'APPROVED', approvedBy: i.actor });
        }
      }
      ctx.state.apply('APPROVE_SELF_BOUGHT_PARTS', i.actor, now, { codes: i.codes, note: i.note });
    },
  };

  return {
    proposeQuote,
    decideQuote,
    expireQuote,
    proposeAddedWork,
    decideAddedWork,
    lapseAddedWork,
    collectPayment,
    inspectParts,
    approveSelfBoughtParts,
  };
}
