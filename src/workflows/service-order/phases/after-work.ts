// After the work (SPEC §2 stages 13–16): completion, then three tracks in parallel — the return visit,
// the feedback case and its reminders, and the settlement — and CLOSED once all three are done.
import {
  expectedSettlement,
  formatMinor,
  feedbackCaseOnCallback,
  feedbackCaseOnCompletion,
  parseDuration,
  settlementProblem,
  type FeedbackCategory,
} from '../../../domain';
import { ORDER_MESSAGES } from '../../../notifications/templates';
import { iso, type LiveDeadline } from '../deadlines';
import { ledgerSettlement } from '../ledger';
import type { Command, OrderContext } from '../order-context';
import { nonBlank } from '../refusals';
import { SYSTEM } from '../service-order.state';
import type {
  Actor,
  CallbackInput,
  FeedbackCaseView,
  FeedbackResolutionInput,
  InvoiceInput,
  SettlementInput,
} from '../service-order.messages';
import { orderActivities } from '../activities';

export function afterWorkPhase(ctx: OrderContext) {
  const { refuse } = ctx;

  function completeOrder(
    actor: Actor,
    action: 'CUSTOMER_ACCEPT' | 'ACCEPTANCE_WINDOW_EXPIRED',
    rating: number | null,
    comment: string | null,
  ): void {
    const now = Date.now();
    const d = ctx.data;
    d.rating = rating;
    d.completedAt = iso(now);
    ctx.deadlines.closeAll();
    ctx.state.apply(action, actor, now, { rating, comment });
    d.tracks = { callback: 'PENDING', settlement: 'PENDING', feedback: 'NOT_NEEDED' };
    ctx.deadlines.open('CALLBACK', now, { userId: d.createdBy.id });
    ctx.deadlines.open('SETTLEMENT', now, { userId: null });
    // v2 freed the technician when the work was done (PENDING_QC).
    if (d.technicianId && !ctx.rulesV2) ctx.releaseTechnician(d.technicianId);
    const category = feedbackCaseOnCompletion(rating, d.details.type);
    if (category) openFeedbackCase(category);
  }

  /**
   * The case is open at once (so the order cannot close without it); its owner is picked by a blocking
   * effect, and until that result is applied no one can act on the order.
   */
  function openFeedbackCase(category: FeedbackCategory): void {
    const d = ctx.data;
    d.feedbackCase = {
      status: 'OPEN',
      category,
      ownerId: null,
      openedAt: iso(Date.now()),
      resolvedAt: null,
      resolution: null,
    };
    d.tracks = { ...d.tracks, feedback: 'OPEN' };
    const summary = `Pick feedback owner for ${ctx.orderNo}`;
    const request = { orderNo: ctx.orderNo, region: ctx.region() };
    ctx.effects.add(
      'pickFeedbackOwner',
      summary,
      () => orderActivities.pickFeedbackOwner.executeWithOptions({ summary }, [request]),
      { blocking: true, apply: (owner) => assignFeedbackCase(category, owner) },
    );
  }

  function assignFeedbackCase(
    category: FeedbackCategory,
    owner: { userId: string | null; username: string | null },
  ): void {
    const d = ctx.data;
    // No supervisor on staff: the clerk who took the order owns it.
    const ownerId = owner.userId ?? d.createdBy.id;
    const now = Date.now();
    if (d.feedbackCase) d.feedbackCase = { ...d.feedbackCase, ownerId };
    const deadline = ctx.deadlines.open('FEEDBACK_CLOSURE', now, {
      userId: ownerId,
      reminderEveryMs: parseDuration(d.policy.targets.closureReminderEvery),
    });
    const entry = ctx.state.note(SYSTEM, 'FEEDBACK_CASE_OPENED', now, {
      category,
      ownerId,
      ownerName: owner.username,
      stageKey: deadline.stageKey,
    });
    ctx.notify(
      'FEEDBACK_CASE_ASSIGNED',
      ctx.responsibleFor(deadline),
      ORDER_MESSAGES.feedbackCaseAssigned(ctx.orderNo, category),
      String(entry.seq),
    );
  }

  /** The feedback case is still open at its reminder interval: its owner hears again. */
  function remindFeedbackOwner(deadline: LiveDeadline, reminder: number): void {
    deadline.remindersSent = reminder;
    const entry = ctx.state.note(SYSTEM, 'FEEDBACK_REMINDER', Date.now(), {
      stageKey: deadline.stageKey,
      reminder,
      ownerId: deadline.responsibleUserId,
    });
    ctx.notify(
      'FEEDBACK_REMINDER',
      ctx.responsibleFor(deadline),
      ORDER_MESSAGES.feedbackReminder(ctx.orderNo, reminder),
      `${deadline.stageKey}:${reminder}:${entry.seq}`,
    );
  }

  function closeIfDone(): void {
    if (ctx.data.status !== 'COMPLETED' || !ctx.state.allTracksDone()) return;
    const now = Date.now();
    ctx.data.closedAt = iso(now);
    ctx.deadlines.closeAll();
    ctx.state.apply('CLOSE', SYSTEM, now, { tracks: ctx.data.tracks });
  }

  const callback: Command<CallbackInput> = {
    validate(i) {
      refuse.allow(i.actor, 'CALLBACK');
      if (ctx.data.tracks.callback !== 'PENDING')
        throw refuse.notAllowed(i.actor, 'the return visit is already done');
      if (typeof i.reached !== 'boolean' || typeof i.satisfied !== 'boolean') {
        throw refuse.invalid(i.actor, 'reached', 'reached and satisfied must be true or false');
      }
    },
    handle(i) {
      const now = Date.now();
      const d = ctx.data;
      if (!i.reached) {
        ctx.state.note(i.actor, 'CALLBACK_ATTEMPT', now, { reached: false, note: i.note ?? null });
        return;
      }
      d.tracks = { ...d.tracks, callback: 'DONE' };
      ctx.deadlines.close('CALLBACK');
      ctx.state.apply(
        'CALLBACK',
        i.actor,
        now,
        { reached: true, satisfied: i.satisfied, note: i.note ?? null },
        { to: 'COMPLETED' },
      );
      const category = feedbackCaseOnCallback(i.satisfied, d.tracks.feedback !== 'NOT_NEEDED');
      if (category) openFeedbackCase(category);
      closeIfDone();
    },
  };

  const resolveFeedback: Command<FeedbackResolutionInput> = {
    validate(i) {
      const feedbackCase = ctx.data.feedbackCase;
      const isOwner = feedbackCase !== null && i.actor?.id != null && i.actor.id === feedbackCase.ownerId;
      // The owner may be any role (the intake clerk when no supervisor exists).
      if (!(isOwner && ctx.data.status === 'COMPLETED')) refuse.allow(i.actor, 'RESOLVE_FEEDBACK');
      if (!feedbackCase || feedbackCase.status !== 'OPEN')
        throw refuse.notAllowed(i.actor, 'there is no open feedback case');
      if (!nonBlank(i.resolution)) throw refuse.invalid(i.actor, 'resolution', 'resolution is required');
    },
    handle(i) {
      const now = Date.now();
      const d = ctx.data;
      d.feedbackCase = {
        ...(d.feedbackCase as FeedbackCaseView),
        status: 'RESOLVED',
        resolvedAt: iso(now),
        resolution: i.resolution,
      };
      d.tracks = { ...d.tracks, feedback: 'RESOLVED' };
      ctx.deadlines.close('FEEDBACK_CLOSURE');
      ctx.state.apply('RESOLVE_FEEDBACK', i.actor, now, { resolution: i.resolution }, { to: 'COMPLETED' });
      closeIfDone();
    },
  };

  /**
   * A priced order settles by its ledger (amountDue, in minor units): the amount finance records must be it
   * exactly, self-bought parts off their price need the supervisor's approval first, and a payment the
   * technician took on site may have its invoice sent later (RECORD_INVOICE).
   */
  function checkLedgerSettlement(i: SettlementInput, due: number): void {
    const pricing = ctx.data.pricing;
    const currency = pricing?.basis?.currency ?? 'CNY';
    if (typeof i.amountMinor !== 'number') throw refuse.invalid(i.actor, 'amount', 'amount is required');
    if (i.amountMinor !== due) {
      throw refuse.invalid(
        i.actor,
        'amount',
        `amount ${formatMinor(i.amountMinor, currency)} does not match the amount due ${formatMinor(due, currency)} ${currency}`,
      );
    }
    const waiting = (pricing?.selfBoughtParts ?? [])
      .filter((p) => p.status === 'PENDING_APPROVAL')
      .map((p) => p.code);
    if (waiting.length > 0) {
      throw refuse.notAllowed(
        i.actor,
        `self-bought parts ${waiting.join(', ')} wait for a supervisor's approval of their invoices`,
      );
    }
    if (!nonBlank(i.paymentMethod))
      throw refuse.invalid(i.actor, 'paymentMethod', 'paymentMethod is required');
    const takenOnSite = (pricing?.payments ?? []).reduce((sum, p) => sum + p.amount, 0);
    if (takenOnSite > due) {
      throw refuse.notAllowed(
        i.actor,
        `the technician took ${formatMinor(takenOnSite, currency)} ${currency} on site, more than the amount due: refund the difference first`,
      );
    }
    const paidOnSite = (pricing?.payments.length ?? 0) > 0;
    if (due > 0 && !paidOnSite && !nonBlank(i.invoiceNo))
      throw refuse.invalid(
        i.actor,
        'invoiceNo',
        'invoiceNo is required (it may follow only a payment taken on site)',
      );
  }

  const settle: Command<SettlementInput> = {
    validate(i) {
      refuse.allow(i.actor, 'SETTLE');
      if (ctx.data.tracks.settlement !== 'PENDING')
        throw refuse.notAllowed(i.actor, 'the order is already settled');
      const due = ledgerSettlement(ctx.data);
      if (due !== null) {
        checkLedgerSettlement(i, due);
        return;
      }
      const problem =
        typeof i.amount === 'number' ? settlementProblem(ctx.data.details, i.amount) : 'amount is required';
      if (problem) throw refuse.invalid(i.actor, 'amount', problem);
      if (!nonBlank(i.paymentMethod))
        throw refuse.invalid(i.actor, 'paymentMethod', 'paymentMethod is required');
      // Free (in-warranty) work needs no invoice.
      if (expectedSettlement(ctx.data.details) > 0 && !nonBlank(i.invoiceNo))
        throw refuse.invalid(i.actor, 'invoiceNo', 'invoiceNo is required');
    },
    handle(i) {
      const now = Date.now();
      const d = ctx.data;
      const due = ledgerSettlement(d);
      const invoicePending = due !== null && due > 0 && !nonBlank(i.invoiceNo);
      d.tracks = { ...d.tracks, settlement: invoicePending ? 'INVOICE_PENDING' : 'DONE' };
      if (d.pricing && nonBlank(i.invoiceNo)) d.pricing.invoiceNo = i.invoiceNo;
      ctx.deadlines.close('SETTLEMENT');
      ctx.state.apply(
        'SETTLE',
        i.actor,
        now,
        {
          amount: i.amount,
          paymentMethod: i.paymentMethod,
          invoiceNo: i.invoiceNo ?? null,
          // Priced orders: the ledger's amount, and the payments taken on site it includes.
          ...(due !== null
            ? {
                amountMinor: i.amountMinor,
                amountDue: due,
                paidOnSite: d.pricing?.payments.reduce((sum, p) => sum + p.amount, 0) ?? 0,
                invoicePending,
              }
            : {}),
        },
        { to: 'COMPLETED' },
      );
      closeIfDone();
    },
  };

  /** 补寄发票: the invoice of a payment taken on site, sent after the settlement; the order may then close. */
  const recordInvoice: Command<InvoiceInput> = {
    validate(i) {
      refuse.allow(i.actor, 'RECORD_INVOICE');
      if (ctx.data.tracks.settlement !== 'INVOICE_PENDING')
        throw refuse.notAllowed(i.actor, 'no invoice is waiting to be sent');
      if (!nonBlank(i.invoiceNo)) throw refuse.invalid(i.actor, 'invoiceNo', 'invoiceNo is required');
    },
    handle(i) {
      const now = Date.now();
      const d = ctx.data;
      d.tracks = { ...d.tracks, settlement: 'DONE' };
      if (d.pricing) d.pricing.invoiceNo = i.invoiceNo;
      ctx.state.apply('RECORD_INVOICE', i.actor, now, { invoiceNo: i.invoiceNo }, { to: 'COMPLETED' });
      closeIfDone();
    },
  };

  return {
    completeOrder,
    openFeedbackCase,
    remindFeedbackOwner,
    closeIfDone,
    callback,
    resolveFeedback,
    settle,
    recordInvoice,
  };
}
