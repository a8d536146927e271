// What the customer hears and sees of their order: which timeline steps send them a message, over which
// channels (their consent and preference, and the addresses on file), and which steps their page shows.
// One table for both, so the page never shows a step the messages kept quiet about, nor the reverse.
import type { Customer, OrderStatus } from './order';
import type { OrderAction, SystemAction } from './transitions';

export const CUSTOMER_LANGUAGES = ['zh', 'en'] as const;
export type CustomerLanguage = (typeof CUSTOMER_LANGUAGES)[number];
/** Orders that record no language are written to in Chinese, the language of the domain documents. */
export const DEFAULT_CUSTOMER_LANGUAGE: CustomerLanguage = 'zh';

export const CUSTOMER_CHANNELS = ['SMS', 'EMAIL'] as const;
export type CustomerChannel = (typeof CUSTOMER_CHANNELS)[number];

/** The messages the customer is sent; `LINK` is a fresh link asked for from an expired one. */
export const CUSTOMER_MESSAGE_KINDS = [
  'RECEIVED',
  'TECHNICIAN_ASSIGNED',
  'CHECKED_IN',
  'WORK_DONE',
  'SETTLEMENT_DUE',
  'FEEDBACK_REQUEST',
  'PAYMENT_RECORDED',
  // Priced work: a quote, or added work found on site, waits for the customer's answer.
  'QUOTE_READY',
  'ADDED_WORK_READY',
  'REJECTED',
  'CANCELLED',
  'LINK',
] as const;
export type CustomerMessageKind = (typeof CUSTOMER_MESSAGE_KINDS)[number];

/** The steps of an order the customer's page lists, in plain words (the page and templates word them). */
export const CUSTOMER_EVENTS = [
  'RECEIVED',
  'CONFIRMED',
  'TECHNICIAN_ASSIGNED',
  'APPOINTMENT_CONFIRMED',
  'CHECKED_IN',
  'QUOTE_PROPOSED',
  'QUOTE_APPROVED',
  'QUOTE_DECLINED',
  'QUOTE_EXPIRED',
  'WORK_STARTED',
  'ADDED_WORK_PROPOSED',
  'ADDED_WORK_APPROVED',
  'ADDED_WORK_DECLINED',
  'ADDED_WORK_LAPSED',
  'WAITING_PARTS',
  'PARTS_ARRIVED',
  'WORK_FINISHED',
  'READY_FOR_ACCEPTANCE',
  'ACCEPTED',
  'ACCEPTED_AUTOMATICALLY',
  'REWORK_REQUESTED',
  'TECHNICIAN_RETURNING',
  'FEEDBACK_GIVEN',
  'PAID',
  'CLOSED',
  'REJECTED',
  'CANCELLED',
] as const;
export type CustomerEvent = (typeof CUSTOMER_EVENTS)[number];

/** The part of a timeline entry the rules look at. */
export interface TimelineStep {
  action: string;
  from: OrderStatus | null;
  to: OrderStatus;
}

type StepAction = OrderAction | SystemAction | 'INTAKE' | 'ADDED_WORK_LAPSED';

// Each customer-visible action, the step the page shows and the messages it sends. Everything else
// (reviews, assignments a technician has not accepted, escalations, internal notes) stays internal.
const CUSTOMER_STEPS: Partial<Record<StepAction, { event: CustomerEvent; messages: CustomerMessageKind[] }>> =
  {
    INTAKE: { event: 'RECEIVED', messages: ['RECEIVED'] },
    REVIEW_APPROVE: { event: 'CONFIRMED', messages: [] },
    APPROVE: { event: 'CONFIRMED', messages: [] },
    // Told once the technician has taken the job, not at every assignment they may still decline.
    TECHNICIAN_ACCEPT: { event: 'TECHNICIAN_ASSIGNED', messages: ['TECHNICIAN_ASSIGNED'] },
    LOG_CONTACT: { event: 'APPOINTMENT_CONFIRMED', messages: [] },
    CHECK_IN: { event: 'CHECKED_IN', messages: ['CHECKED_IN'] },
    PROPOSE_QUOTE: { event: 'QUOTE_PROPOSED', messages: ['QUOTE_READY'] },
    APPROVE_QUOTE: { event: 'QUOTE_APPROVED', messages: [] },
    // The diagnosis fee is due (never when it is 0: the order closes at once).
    DECLINE_QUOTE: { event: 'QUOTE_DECLINED', messages: ['SETTLEMENT_DUE'] },
    QUOTE_EXPIRED: { event: 'QUOTE_EXPIRED', messages: ['SETTLEMENT_DUE'] },
    PROPOSE_ADDED_WORK: { event: 'ADDED_WORK_PROPOSED', messages: ['ADDED_WORK_READY'] },
    APPROVE_ADDED_WORK: { event: 'ADDED_WORK_APPROVED', messages: [] },
    DECLINE_ADDED_WORK: { event: 'ADDED_WORK_DECLINED', messages: [] },
    REPORT_PROGRESS: { event: 'WORK_STARTED', messages: [] },
    REQUEST_PARTS: { event: 'WAITING_PARTS', messages: [] },
    RECEIVE_PARTS: { event: 'PARTS_ARRIVED', messages: [] },
    COMPLETE: { event: 'WORK_FINISHED', messages: [] },
    QC_PASS: { event: 'READY_FOR_ACCEPTANCE', messages: ['WORK_DONE'] },
    CUSTOMER_ACCEPT: { event: 'ACCEPTED', messages: ['SETTLEMENT_DUE', 'FEEDBACK_REQUEST'] },
    ACCEPTANCE_WINDOW_EXPIRED: {
      event: 'ACCEPTED_AUTOMATICALLY',
      messages: ['SETTLEMENT_DUE', 'FEEDBACK_REQUEST'],
    },
    CUSTOMER_REJECT: { event: 'REWORK_REQUESTED', messages: [] },
    REWORK_ASSIGNED: { event: 'TECHNICIAN_RETURNING', messages: [] },
    REWORK_ANOTHER_ROUND: { event: 'TECHNICIAN_RETURNING', messages: [] },
    CUSTOMER_FEEDBACK: { event: 'FEEDBACK_GIVEN', messages: [] },
    SETTLE: { event: 'PAID', messages: ['PAYMENT_RECORDED'] },
    CLOSE: { event: 'CLOSED', messages: [] },
    REFUND_AND_CLOSE: { event: 'CLOSED', messages: [] },
    REVIEW_REJECT: { event: 'REJECTED', messages: ['REJECTED'] },
    REJECT_APPROVAL: { event: 'REJECTED', messages: ['REJECTED'] },
    CANCEL: { event: 'CANCELLED', messages: ['CANCELLED'] },
    ADDED_WORK_LAPSED: { event: 'ADDED_WORK_LAPSED', messages: [] },
  };

function stepOf(step: Pick<TimelineStep, 'action'>) {
  return Object.prototype.hasOwnProperty.call(CUSTOMER_STEPS, step.action)
    ? CUSTOMER_STEPS[step.action as StepAction]
    : undefined;
}

/** The step the customer's page shows for a timeline entry, or null for one that stays internal. */
export function customerEventOf(step: Pick<TimelineStep, 'action'>): CustomerEvent | null {
  return stepOf(step)?.event ?? null;
}

/**
 * The messages a timeline entry sends the customer, in order. A settlement recorded at zero (in-warranty
 * work) sends no receipt: the settlement notice already said nothing is due.
 */
export function customerMessagesFor(step: TimelineStep, settledAmount?: number): CustomerMessageKind[] {
  const messages = stepOf(step)?.messages ?? [];
  if (step.action === 'SETTLE' && settledAmount === 0) return [];
  // A quote that needs no approval (covered work under the threshold) asks the customer nothing.
  if (step.action === 'PROPOSE_QUOTE' && step.to !== 'PENDING_QUOTE') return [];
  if ((step.action === 'DECLINE_QUOTE' || step.action === 'QUOTE_EXPIRED') && step.to !== 'COMPLETED')
    return [];
  return messages;
}

/** The customer's preferences as recorded at intake (absent on orders taken before they were asked). */
export type CustomerContact = Pick<
  Customer,
  'phone' | 'email' | 'language' | 'messageConsent' | 'messageChannels'
>;

export interface CustomerAddress {
  channel: CustomerChannel;
  /** E.164 phone number or e-mail address. */
  to: string;
}

/**
 * Where the customer's messages go: nowhere without their consent; otherwise each channel they chose
 * (both when they chose none) that has an address on file.
 */
export function customerAddressesFor(contact: CustomerContact): CustomerAddress[] {
  if (contact.messageConsent !== true) return [];
  const chosen =
    contact.messageChannels && contact.messageChannels.length > 0
      ? contact.messageChannels
      : CUSTOMER_CHANNELS;
  const addresses: CustomerAddress[] = [];
  for (const channel of CUSTOMER_CHANNELS) {
    if (!chosen.includes(channel)) continue;
    const to = channel === 'SMS' ? contact.phone : contact.email;
    if (to && to.trim() !== '') addresses.push({ channel, to: to.trim() });
  }
  return addresses;
}

export function customerLanguageOf(contact: Pick<Customer, 'language'>): CustomerLanguage {
  return contact.language ?? DEFAULT_CUSTOMER_LANGUAGE;
}

/** `+86 138 0000 0001` → `+86 •••• 0001`: enough for the customer to recognise, too little to harvest. */
export function maskedAddress(address: CustomerAddress): string {
  if (address.channel === 'SMS') {
    const digits = address.to.replace(/\D/g, '');
    return `+${digits.slice(0, 2)} •••• ${digits.slice(-4)}`;
  }
  const [name, domain] = address.to.split('@');
  return `${name.slice(0, 1)}•••@${domain ?? ''}`;
}
