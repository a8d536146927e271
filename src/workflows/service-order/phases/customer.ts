// The customer in the loop (issue 14): the messages the timeline asked for, sent from the loop's turn in
// the order they were recorded, the customer's answer to the feedback request, and a fresh link when
// theirs expired. Only runs started with CUSTOMER_MESSAGES have `customerMessages` in their state.
import {
  customerAddressesFor,
  expectedSettlement,
  feedbackCaseOnCustomerFeedback,
  isFreeOfCharge,
  parseDuration,
  type FeedbackCategory,
} from '../../../domain';
import type { CustomerMessageInput } from '../../../activities/notification.contract';
import type { MinorLine, MinorOffer } from '../../../notifications/customer-templates';
import { notificationActivities } from '../activities';
import { iso } from '../deadlines';
import { amountDueOf, pendingAddedWork } from '../ledger';
import type { Command, OrderContext } from '../order-context';
import type { QueuedCustomerMessage } from '../service-order.state';
import type { CustomerFeedbackInput, CustomerLinkInput } from '../service-order.messages';

/** A customer asking again within this much gets no second link (the first is on its way). */
export const LINK_REQUEST_INTERVAL = '1m';
const MAX_FEEDBACK_COMMENT = 2000;

export function customerPhase(
  ctx: OrderContext,
  deps: { openFeedbackCase: (category: FeedbackCategory) => void },
) {
  const { refuse } = ctx;

  /**
   * Queues the sends the timeline asked for since the last turn; called from the turn only. A customer who
   * did not agree to messages (or has no address) costs the order no activity at all.
   */
  function sendQueued(): void {
    const messages = ctx.data.customerMessages;
    if (!messages || messages.queued.length === 0) return;
    const queued = messages.queued.splice(0);
    if (customerAddressesFor(ctx.data.details.customer).length === 0) return;
    for (const message of queued) queueSend(message);
  }

  function queueSend(message: QueuedCustomerMessage): void {
    const d = ctx.data;
    const { customer } = d.details;
    const ledger = message.kind === 'SETTLEMENT_DUE' && d.pricing ? amountDueOf(d) : null;
    const request: CustomerMessageInput = {
      orderNo: d.orderNo,
      kind: message.kind,
      idempotencyKey: `${d.orderNo}:customer:${message.kind}:${message.key}`,
      customer: {
        name: customer.name,
        phone: customer.phone,
        email: customer.email,
        language: customer.language,
        messageConsent: customer.messageConsent,
        messageChannels: customer.messageChannels,
      },
      facts: {
        technicianName: d.technicianName,
        appointment: d.details.appointment ?? null,
        acceptanceDueAt:
          ctx.deadlines.views().find((deadline) => deadline.stage === 'CUSTOMER_ACCEPTANCE')?.dueAt ?? null,
        // A priced order's drawn ledger stands in for the intake's total and service items.
        ...(ledger
          ? {
              amountDueMinor: ledger.due.total,
              dueLines: ledger.due.total > 0 ? ledger.lines.map(minorLine) : [],
            }
          : {
              amountDue: expectedSettlement(d.details),
              items: isFreeOfCharge(d.details) ? [] : d.details.serviceItems,
            }),
        paymentMethod: d.details.paymentMethod ?? null,
        ...(message.paidAmount !== undefined ? { paidAmount: message.paidAmount } : {}),
        ...(message.invoiceNo !== undefined ? { invoiceNo: message.invoiceNo } : {}),
        ...pricedFacts(message),
      },
    };
    const summary = `Message customer ${message.kind} (${d.orderNo})`;
    ctx.effects.add(
      'notifyCustomer',
      summary,
      () => notificationActivities.notifyCustomer.executeWithOptions({ summary }, [request]),
      { apply: (result) => ctx.deliverAll(result.deliveryIds) },
    );
  }

  /**
   * What a priced order adds to the facts of a quote or added work, in minor units (the template formats
   * them in the configured currency). Nothing for orders without pricing: their facts stay as they were.
   */
  function pricedFacts(message: QueuedCustomerMessage): Partial<CustomerMessageInput['facts']> {
    const d = ctx.data;
    const pricing = d.pricing;
    if (!pricing) return {};
    const deadlines = ctx.deadlines.views();
    switch (message.kind) {
      case 'QUOTE_READY': {
        // Sent only for a quote that went to PENDING_QUOTE: the newest one (no other is proposed meanwhile).
        const quote = pricing.quotes.at(-1);
        if (!quote) return {};
        return {
          quote: offerOf(quote.estimate),
          quoteDueAt: deadlines.find((deadline) => deadline.stage === 'QUOTE_APPROVAL')?.dueAt ?? null,
        };
      }
      case 'ADDED_WORK_READY': {
        // The newest one waiting; answered before this turn, the newest proposed (its window is closed).
        const addition = pendingAddedWork(pricing).at(-1) ?? pricing.addedWork.at(-1);
        if (!addition) return {};
        return {
          addedWork: {
            ...offerOf(addition.estimate),
            reason: addition.reason,
            dueAt: deadlines.find((deadline) => deadline.stageKey === addition.stageKey)?.dueAt ?? null,
          },
        };
      }
      default:
        return {};
    }
  }

  const customerFeedback: Command<CustomerFeedbackInput> = {
    validate(i) {
      refuse.allow(i.actor, 'CUSTOMER_FEEDBACK');
      const messages = ctx.data.customerMessages;
      if (!messages) throw refuse.notAllowed(i.actor, 'this order sent no feedback request');
      if (messages.feedback) throw refuse.notAllowed(i.actor, 'the feedback request is already answered');
      if (typeof i.score !== 'number' || !Number.isInteger(i.score) || i.score < 1 || i.score > 5) {
        throw refuse.invalid(i.actor, 'score', 'score must be a whole number from 1 to 5');
      }
      if (
        i.comment !== undefined &&
        (typeof i.comment !== 'string' || i.comment.length > MAX_FEEDBACK_COMMENT)
      ) {
        throw refuse.invalid(
          i.actor,
          'comment',
          `comment must be text of at most ${MAX_FEEDBACK_COMMENT} characters`,
        );
      }
    },
    handle(i) {
      const now = Date.now();
      const d = ctx.data;
      const feedback = { score: i.score, comment: i.comment ?? null, answeredAt: iso(now) };
      if (d.customerMessages) d.customerMessages.feedback = feedback;
      ctx.state.note(i.actor, 'CUSTOMER_FEEDBACK', now, { score: feedback.score, comment: feedback.comment });
      const category = feedbackCaseOnCustomerFeedback(i.score, d.feedbackCase !== null);
      if (category) deps.openFeedbackCase(category);
    },
  };

  const sendCustomerLink: Command<CustomerLinkInput> = {
    validate(i) {
      if (i.actor.role !== 'customer')
        throw refuse.forbidden(i.actor, 'only the customer asks for their link');
      const messages = ctx.data.customerMessages;
      if (!messages) throw refuse.notAllowed(i.actor, 'this order sends the customer no messages');
      const last = messages.lastLinkRequestAt;
      if (last !== null && Date.now() - Date.parse(last) < parseDuration(LINK_REQUEST_INTERVAL)) {
        throw refuse.notAllowed(i.actor, `a fresh link was sent less than ${LINK_REQUEST_INTERVAL} ago`);
      }
    },
    handle(i) {
      const now = Date.now();
      const messages = ctx.data.customerMessages;
      if (!messages) return;
      messages.lastLinkRequestAt = iso(now);
      const entry = ctx.state.note(i.actor, 'CUSTOMER_LINK_REQUESTED', now);
      messages.queued.push({ kind: 'LINK', key: String(entry.seq) });
    },
  };

  return { sendQueued, customerFeedback, sendCustomerLink };
}

/** A priced line as the template reads it: only what the customer is shown, amounts in minor units. */
function minorLine(line: MinorLine): MinorLine {
  return {
    description: line.description,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    amount: line.amount,
  };
}

function offerOf(estimate: { total: number; lines: readonly MinorLine[] }): MinorOffer {
  return { total: estimate.total, lines: estimate.lines.map(minorLine) };
}
