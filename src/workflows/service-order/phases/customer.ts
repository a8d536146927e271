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
import { notificationActivities } from '../activities';
import { iso } from '../deadlines';
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
        amountDue: expectedSettlement(d.details),
        items: isFreeOfCharge(d.details) ? [] : d.details.serviceItems,
        paymentMethod: d.details.paymentMethod ?? null,
        ...(message.paidAmount !== undefined ? { paidAmount: message.paidAmount } : {}),
        ...(message.invoiceNo !== undefined ? { invoiceNo: message.invoiceNo } : {}),
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
