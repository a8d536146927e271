// What an escalation or notification says, in the inbox, the e-mail and the webhook event.
import { LADDER, type SlaStage } from '../domain';
import type { EscalationStep, NotifyInput, RecipientView } from '../activities/notification.contract';

export interface RenderedMessage {
  /** Inbox title and e-mail subject. */
  title: string;
  /** Inbox body and the e-mail's plain text. */
  text: string;
  html: string;
}

/** The stage's name for people, and what the person who receives the step should do. */
export const STAGE_TEXT: Readonly<Record<SlaStage, { label: string; action: string }>> = {
  INFO_COMPLETION: { label: 'Info completion', action: 'Supply the missing order information.' },
  REVIEW: {
    label: 'Review',
    action: 'Review the order: approve it, return it for information, or reject it.',
  },
  APPROVAL: { label: 'Approval', action: 'Approve or reject the complex order.' },
  DISPATCH: { label: 'Dispatch', action: 'Assign a technician to the order.' },
  TECHNICIAN_ACCEPTANCE: {
    label: 'Technician acceptance',
    action: 'Accept or decline the assignment (a decline needs a reason).',
  },
  FIRST_CONTACT: { label: 'First contact', action: 'Contact the customer and log the contact.' },
  PROGRESS_REPLY: { label: 'Progress reply', action: 'Report progress on the order.' },
  COMPLETION: { label: 'Completion', action: 'Complete the work and submit the completion report.' },
  QUOTE_APPROVAL: {
    label: 'Quote approval',
    action: 'The customer has not answered the quote: call them and record their answer.',
  },
  ADDED_WORK_APPROVAL: {
    label: 'Added work approval',
    action: 'The customer has not answered the added work: call them and record their answer.',
  },
  CHASE_RESPONSE: {
    label: 'Customer chase response',
    action: 'The customer is chasing: contact them and log it.',
  },
  QC: { label: 'Quality check', action: 'Pass or fail the quality check.' },
  CUSTOMER_ACCEPTANCE: {
    label: 'Customer acceptance',
    action: 'Follow up with the customer to accept or reject the completed work.',
  },
  REWORK_DECISION: {
    label: 'Rework decision',
    action:
      'The customer rejected the work past the rework limit: order another round, reassign, or refund and close.',
  },
  CALLBACK: { label: 'Return visit', action: 'Call the customer back and record the return visit.' },
  FEEDBACK_CLOSURE: { label: 'Feedback closure', action: 'Resolve the feedback case.' },
  SETTLEMENT: { label: 'Settlement', action: 'Verify the amount and record the payment and invoice.' },
};

/** `80%`, `150%`: the share of the target a ladder step fires at; null for a level off the ladder. */
function shareOf(level: number): string | null {
  const step = LADDER.find((candidate) => candidate.level === level);
  return step ? `${Math.round(step.fraction * 100)}%` : null;
}

/** "Warning (80%)", "Level 2 (150%)": the ladder step for people. */
export function levelLabel(level: number): string {
  const share = shareOf(level);
  const suffix = share ? ` (${share})` : '';
  return level === 0 ? `Warning${suffix}` : `Level ${level}${suffix}`;
}

/** Inbox kind of an escalation step. */
export function escalationKind(level: number): string {
  return level === 0 ? 'SLA_WARNING' : 'ESCALATION';
}

export function renderEscalation(
  step: EscalationStep,
  recipients: readonly RecipientView[],
): RenderedMessage {
  const stage = STAGE_TEXT[step.stage];
  const level = levelLabel(step.level);
  const title =
    step.level === 0
      ? `[${step.orderNo}] ${level}: ${stage.label} due ${step.dueAt}`
      : `[${step.orderNo}] ${level} escalation: ${stage.label} overdue since ${step.dueAt}`;
  const who = recipients.map(describeRecipient);
  const lines: [string, string][] = [
    ['Order', step.orderNo],
    ['Stage', stage.label],
    ['Level', level],
    ['Due', step.dueAt],
    ['Fired', step.firedAt],
    ['What to do', stage.action],
    ['Notified', who.join(', ') || 'nobody could be found'],
  ];
  const opening =
    step.level === 0
      ? `The ${stage.label.toLowerCase()} stage of order ${step.orderNo} has used ${shareOf(0)} of its time.`
      : `The ${stage.label.toLowerCase()} stage of order ${step.orderNo} is overdue (escalation ${level}).`;
  return {
    title: truncate(title, 300),
    text: [opening, '', ...lines.map(([key, value]) => `${key}: ${value}`)].join('\n'),
    html: htmlMessage(opening, lines),
  };
}

/** A plain notification: the workflow's own title and body. */
export function renderNotification(input: NotifyInput): RenderedMessage {
  const lines: [string, string][] = [
    ['Order', input.orderNo],
    ['Event', input.kind],
  ];
  return {
    title: truncate(input.title, 300),
    text: `${input.body}\n\n${lines.map(([key, value]) => `${key}: ${value}`).join('\n')}`,
    html: htmlMessage(input.body, lines),
  };
}

function describeRecipient(recipient: RecipientView): string {
  const region = recipient.region ? `, ${recipient.region}` : '';
  const fallback = recipient.viaFallback ? ', no one in the region' : '';
  return `${recipient.username} (${recipient.role}${region}${fallback})`;
}

function htmlMessage(opening: string, lines: readonly [string, string][]): string {
  const rows = lines.map(
    ([key, value]) => `<tr><th align="left">${escapeHtml(key)}</th><td>${escapeHtml(value)}</td></tr>`,
  );
  return `<p>${escapeHtml(opening)}</p>\n<table>\n${rows.join('\n')}\n</table>`;
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function truncate(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, max - 1)}…`;
}

// ---- What the order workflow tells people -------------------------------------------------------
// Every text an order sends besides the escalation ladder's, in one place. Pure: the workflow calls
// these in its sandbox and queues the result as a `notify` activity.

export interface OrderMessage {
  title: string;
  body: string;
}

const who = (name: string | null | undefined, fallback = 'The technician'): string => name ?? fallback;

export const ORDER_MESSAGES = {
  intakeIncomplete: (
    orderNo: string,
    problems: readonly { field: string; problem: string }[],
  ): OrderMessage => ({
    title: `Order ${orderNo} needs more information`,
    body: problems.map((p) => `${p.field}: ${p.problem}`).join('; '),
  }),
  returnedForInformation: (
    orderNo: string,
    problems: readonly { field: string; problem: string }[],
  ): OrderMessage => ({
    title: `Order ${orderNo} was returned for more information`,
    body: `The reviewer needs: ${problems.map((p) => `${p.field}: ${p.problem}`).join('; ')}`,
  }),
  quoteExpired: (orderNo: string, quoteId: string): OrderMessage => ({
    title: `Quote ${quoteId} on ${orderNo} lapsed`,
    body: `The customer did not answer quote ${quoteId} within its window: the order ends with the diagnosis fee.`,
  }),
  addedWorkLapsed: (orderNo: string, addedWorkId: string): OrderMessage => ({
    title: `Added work ${addedWorkId} on ${orderNo} was not approved`,
    body: `The customer did not answer added work ${addedWorkId} in time: it is not approved and must not be done or billed.`,
  }),
  partsShort: (
    orderNo: string,
    parts: readonly { partCode: string; requested: number; available: number }[],
  ): OrderMessage => ({
    title: `Parts short for ${orderNo}`,
    body: `Purchase requests are open for: ${parts.map((p) => `${p.partCode} (${p.requested - p.available} more needed)`).join(', ')}.`,
  }),
  selfBoughtNeedsApproval: (orderNo: string, codes: readonly string[]): OrderMessage => ({
    title: `Self-bought parts on ${orderNo} need your approval`,
    body: `The invoices of ${codes.join(', ')} are off the catalogue price by more than the tolerance.`,
  }),
  feedbackReminder: (orderNo: string, reminder: number): OrderMessage => ({
    title: `Reminder ${reminder}: feedback case on ${orderNo} is still open`,
    body: `Please resolve the customer's feedback on order ${orderNo}.`,
  }),
  checkInOutsideRadius: (
    orderNo: string,
    technicianName: string | null,
    distanceMeters: number | null,
    radiusMeters: number,
  ): OrderMessage => ({
    title: `Check-in outside the radius on ${orderNo}`,
    body: `${who(technicianName)} checked in ${distanceMeters} m from the customer (radius ${radiusMeters} m).`,
  }),
  cancelled: (orderNo: string, reason: string): OrderMessage => ({
    title: `Order ${orderNo} was cancelled`,
    body: reason,
  }),
  noEligibleTechnician: (orderNo: string, how: 'AUTO' | 'DIRECT', explanation: string): OrderMessage => ({
    title:
      how === 'AUTO'
        ? `No eligible technician for ${orderNo}`
        : `Named technician not eligible for ${orderNo}`,
    body: `${explanation} Please assign the order by hand.`,
  }),
  assigned: (orderNo: string, type: string, priority: string): OrderMessage => ({
    title: `New order ${orderNo}`,
    body: `You were assigned order ${orderNo} (${type}, ${priority}). Please accept or decline.`,
  }),
  reassignedAway: (orderNo: string, newTechnicianName: string): OrderMessage => ({
    title: `Order ${orderNo} was reassigned`,
    body: `Order ${orderNo} was reassigned to ${newTechnicianName}; you no longer need to act on it.`,
  }),
  returnedToDispatch: (
    orderNo: string,
    why: 'DECLINED' | 'TIMEOUT',
    technician: { id: string | null; name: string | null },
    reason: string | null,
    redispatchesAutomatically: boolean,
  ): OrderMessage => {
    const what = why === 'DECLINED' ? 'declined' : 'did not answer in time on';
    return {
      title: `${who(technician.name)} ${what} ${orderNo}`,
      body:
        `${technician.name ?? technician.id ?? 'The technician'} ${what} order ${orderNo}` +
        (reason !== null ? `: ${reason}` : '.') +
        (redispatchesAutomatically
          ? ' It is being dispatched again automatically.'
          : ' Please assign it again.'),
    };
  },
  feedbackCaseAssigned: (orderNo: string, category: string): OrderMessage => ({
    title: `Feedback case on ${orderNo}`,
    body: `A ${category} feedback case on order ${orderNo} is yours to resolve.`,
  }),
  chased: (orderNo: string, note: string, technicianName: string | null): OrderMessage => ({
    title: `The customer is chasing ${orderNo}`,
    body:
      (technicianName
        ? `Please contact the customer of order ${orderNo} and log it.`
        : `No technician holds order ${orderNo} yet: please assign it, which answers the customer.`) +
      (note.trim() ? ` The customer said: ${note}` : ''),
  }),
  acceptanceReminder: (orderNo: string, n: number): OrderMessage => ({
    title: `Reminder ${n}: the customer has not accepted ${orderNo}`,
    body: `The customer of order ${orderNo} has still not accepted or rejected the work. Please follow up.`,
  }),
  refundDue: (orderNo: string, amount: number, note: string): OrderMessage => ({
    title: `Refund due on ${orderNo}`,
    body: `Order ${orderNo} was closed with a refund of ${amount} after its rework rounds: ${note}`,
  }),
  rework: (orderNo: string, round: number, comment: string): OrderMessage => ({
    title: `Rework round ${round} on ${orderNo}`,
    body: `The customer rejected the work: ${comment}`,
  }),
} as const;
