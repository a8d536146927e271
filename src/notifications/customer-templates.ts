// What the customer is told, in their language: the e-mail (subject, text, HTML) and the SMS of each
// customer message kind. Pure. Every message names the order and ends with the customer's link and until
// when it opens the page; the SMS says the same in one or two sentences, link included.
import { formatMoney, type CustomerLanguage, type CustomerMessageKind, type MinorUnits } from '../domain';
import { escapeHtml } from './templates';

/** A priced line as the order's ledger holds it: amounts in integer minor units of the currency. */
export interface MinorLine {
  description: string;
  quantity: number;
  unitPrice: MinorUnits;
  /** `quantity × unitPrice` as priced (rounded half-up to minor units): shown as is, never recomputed. */
  amount: MinorUnits;
}

/** A quote or added work waiting for the customer's answer, in minor units. */
export interface MinorOffer {
  total: MinorUnits;
  lines: MinorLine[];
}

export interface CustomerMessageFacts {
  orderNo: string;
  customerName: string;
  technicianName?: string | null;
  appointment?: { start: string; end: string } | null;
  /** WORK_DONE: the end of the acceptance window. */
  acceptanceDueAt?: string | null;
  /** SETTLEMENT_DUE, in major units (yuan); 0 = no charge (in-warranty work). */
  amountDue?: number;
  items?: { description: string; quantity: number; unitPrice: number }[];
  /**
   * SETTLEMENT_DUE of a priced order whose ledger is drawn (pricing.amountDue): the due total and its lines
   * in minor units, in place of `amountDue` and `items`; 0 = no charge (covered work).
   */
  amountDueMinor?: MinorUnits;
  dueLines?: MinorLine[];
  /** QUOTE_READY: the quote waiting for the customer, and until when they may answer it (QUOTE_APPROVAL). */
  quote?: MinorOffer | null;
  quoteDueAt?: string | null;
  /** ADDED_WORK_READY: the newest added work waiting, why (staff text) and its window (ADDED_WORK_APPROVAL). */
  addedWork?: (MinorOffer & { reason?: string | null; dueAt?: string | null }) | null;
  paymentMethod?: string | null;
  /** PAYMENT_RECORDED. */
  paidAmount?: number;
  invoiceNo?: string | null;
  /** REJECTED / CANCELLED. */
  reason?: string | null;
}

export interface CustomerMessageFormat {
  /** IANA time zone the times are shown in (CUSTOMER_TIME_ZONE). */
  timeZone: string;
  /** ISO 4217 code (CURRENCY). */
  currency: string;
}

export interface RenderedCustomerMessage {
  subject: string;
  text: string;
  html: string;
  sms: string;
}

export interface CustomerLinkView {
  url: string;
  expiresAt: string;
}

/** One line of a settlement, priced. */
interface PricedLine {
  description: string;
  quantity: string;
  unitPrice: string;
  total: string;
}

/** A message before layout: what differs between kinds. */
interface Wording {
  subject: string;
  paragraphs: string[];
  lines?: PricedLine[];
  /** The SMS before its link. */
  sms: string;
}

/** Facts already formatted for the language: times and amounts as the customer reads them. */
interface Shown {
  orderNo: string;
  technician: string | null;
  appointment: string | null;
  appointmentShort: string | null;
  acceptanceDue: string | null;
  acceptanceDueShort: string | null;
  amountDue: string | null;
  free: boolean;
  lines: PricedLine[];
  paymentMethod: string | null;
  paid: string | null;
  invoiceNo: string | null;
  reason: string | null;
  quote: ShownOffer | null;
  addedWork: ShownOffer | null;
}

/** A quote or added work as the customer reads it. */
interface ShownOffer {
  total: string;
  lines: PricedLine[];
  reason: string | null;
  due: string | null;
  dueShort: string | null;
}

interface Language {
  locale: string;
  greeting: (name: string) => string;
  /** The line the link is offered with, and until when it works. */
  linkIntro: string;
  linkLabel: string;
  linkValid: (expires: string) => string;
  /** The SMS: its wording, then the link and until when it works. */
  sms: (wording: string, expiresShort: string, url: string) => string;
  /** A reason typed by staff can be long; in an SMS it is cut so the message stays short. */
  smsReasonMax: number;
  itemsTitle: string;
  itemsHeader: [string, string, string, string];
  kinds: Record<CustomerMessageKind, (facts: Shown) => Wording>;
}

const EN: Language = {
  locale: 'en-GB',
  greeting: (name) => `Dear ${name},`,
  linkIntro: 'Follow your order and answer us on your order page:',
  linkLabel: 'Open your order page',
  linkValid: (expires) => `This link works until ${expires}; after that the page sends you a new one.`,
  sms: (wording, expires, url) => `${wording} Track (until ${expires}): ${url}`,
  smsReasonMax: 50,
  itemsTitle: 'Itemised:',
  itemsHeader: ['Item', 'Qty', 'Unit price', 'Amount'],
  kinds: {
    RECEIVED: (f) => ({
      subject: `We received your service request ${f.orderNo}`,
      paragraphs: [
        `We have received your service request. Your order number is ${f.orderNo}.`,
        'What happens next: we review your request, then schedule a technician and tell you who is coming and when.',
      ],
      sms: `Order ${f.orderNo} received. We review it, then schedule a technician.`,
    }),
    TECHNICIAN_ASSIGNED: (f) => ({
      subject: `A technician is assigned to your order ${f.orderNo}`,
      paragraphs: [
        `${f.technician ?? 'A technician'} will carry out your order ${f.orderNo}.`,
        f.appointment
          ? `Appointment: ${f.appointment}.`
          : 'The technician will contact you to agree on a time.',
      ],
      sms:
        `Order ${f.orderNo}: ${f.technician ?? 'a technician'} is assigned` +
        (f.appointmentShort ? `, ${f.appointmentShort}.` : ' and will contact you.'),
    }),
    CHECKED_IN: (f) => ({
      subject: `The technician has arrived: order ${f.orderNo}`,
      paragraphs: [
        `${f.technician ?? 'The technician'} has checked in at your address for order ${f.orderNo}.`,
      ],
      sms: `Order ${f.orderNo}: ${f.technician ?? 'the technician'} has arrived.`,
    }),
    WORK_DONE: (f) => ({
      subject: `Please accept the work on order ${f.orderNo}`,
      paragraphs: [
        `The work on your order ${f.orderNo} is done.`,
        f.acceptanceDue
          ? `Please accept it, or tell us what is still wrong, on your order page by ${f.acceptanceDue}. Without an answer by then the work counts as accepted.`
          : 'Please accept it, or tell us what is still wrong, on your order page.',
      ],
      sms:
        `Order ${f.orderNo} is done. Please accept or reject it` +
        (f.acceptanceDueShort ? ` by ${f.acceptanceDueShort}.` : '.'),
    }),
    SETTLEMENT_DUE: (f) =>
      f.free
        ? {
            subject: `No charge for order ${f.orderNo}`,
            paragraphs: [
              `The work on your order ${f.orderNo} was done under warranty: there is nothing to pay.`,
            ],
            lines: f.lines,
            sms: `Order ${f.orderNo}: no charge, under warranty.`,
          }
        : {
            subject: f.amountDue
              ? `Settlement of order ${f.orderNo}: ${f.amountDue} due`
              : `Settlement of order ${f.orderNo}`,
            paragraphs: [
              f.amountDue
                ? `The amount due for your order ${f.orderNo} is ${f.amountDue}.`
                : `The settlement of your order ${f.orderNo} is ready; your order page shows the amount.`,
              f.paymentMethod
                ? `How to pay: ${f.paymentMethod}.`
                : 'How to pay: pay the technician, or as agreed with us.',
            ],
            lines: f.lines,
            sms:
              `Order ${f.orderNo}: ${f.amountDue ?? 'settlement'} due. ` +
              (f.paymentMethod ? `Pay by ${f.paymentMethod}.` : 'Pay the technician or as agreed.'),
          },
    FEEDBACK_REQUEST: (f) => ({
      subject: `How did we do on order ${f.orderNo}?`,
      paragraphs: [
        `Thank you for choosing us. How did we do on your order ${f.orderNo}?`,
        'Please rate the service from 1 to 5, and tell us what we could do better, on your order page.',
      ],
      sms: `How did we do on order ${f.orderNo}? Rate us 1-5.`,
    }),
    PAYMENT_RECORDED: (f) => ({
      subject: `Payment received for order ${f.orderNo}`,
      paragraphs: [
        f.paid
          ? `We have received your payment of ${f.paid} for order ${f.orderNo}. Thank you.`
          : `We have received your payment for order ${f.orderNo}. Thank you.`,
        f.invoiceNo ? `Invoice number: ${f.invoiceNo}.` : 'Your invoice follows.',
      ],
      sms:
        `Order ${f.orderNo}: payment${f.paid ? ` of ${f.paid}` : ''} received. ` +
        (f.invoiceNo ? `Invoice ${f.invoiceNo}.` : 'Invoice follows.'),
    }),
    REJECTED: (f) => ({
      subject: `We cannot take on your request ${f.orderNo}`,
      paragraphs: [
        `We are sorry: we cannot take on your service request ${f.orderNo}.`,
        ...(f.reason ? [`Reason: ${f.reason}`] : []),
      ],
      sms: `Sorry, we cannot take on request ${f.orderNo}.${f.reason ? ` Reason: ${closed(f.reason, '.')}` : ''}`,
    }),
    CANCELLED: (f) => ({
      subject: `Order ${f.orderNo} was cancelled`,
      paragraphs: [
        `Your order ${f.orderNo} has been cancelled.`,
        ...(f.reason ? [`Reason: ${f.reason}`] : []),
      ],
      sms: `Order ${f.orderNo} was cancelled.${f.reason ? ` Reason: ${closed(f.reason, '.')}` : ''}`,
    }),
    QUOTE_READY: ({ orderNo, quote }) =>
      quote
        ? {
            subject: `Your quote for order ${orderNo}: ${quote.total}`,
            paragraphs: [
              `The technician has priced the work on your order ${orderNo}: ${quote.total} in all` +
                (quote.lines.length > 0 ? ', itemised below.' : '.'),
              quote.due
                ? `Please approve or decline the quote on your order page by ${quote.due}; the work starts once you approve it. Without an answer by then the quote counts as declined.`
                : 'Please approve or decline the quote on your order page; the work starts once you approve it.',
            ],
            lines: quote.lines,
            sms:
              `Order ${orderNo}: quote ${quote.total}. Please approve or decline it` +
              (quote.dueShort ? ` by ${quote.dueShort}.` : '.'),
          }
        : {
            subject: `Your quote for order ${orderNo}`,
            paragraphs: [
              `The technician has priced the work on your order ${orderNo}.`,
              'Please approve or decline the quote on your order page; the work starts once you approve it.',
            ],
            sms: `Order ${orderNo}: your quote is ready. Please approve or decline it.`,
          },
    ADDED_WORK_READY: ({ orderNo, addedWork }) =>
      addedWork
        ? {
            subject: `Added work proposed on order ${orderNo}: ${addedWork.total}`,
            paragraphs: [
              `The technician found more to do on your order ${orderNo}: ${addedWork.total} more` +
                (addedWork.lines.length > 0 ? ', itemised below.' : '.'),
              ...(addedWork.reason ? [`Reason: ${addedWork.reason}`] : []),
              addedWork.due
                ? `Please approve or decline it on your order page by ${addedWork.due}; nothing of it is done or billed without your approval, and without an answer by then it is not done.`
                : 'Please approve or decline it on your order page; nothing of it is done or billed without your approval.',
            ],
            lines: addedWork.lines,
            sms:
              `Order ${orderNo}: added work ${addedWork.total} proposed. Please approve or decline it` +
              (addedWork.dueShort ? ` by ${addedWork.dueShort}.` : '.'),
          }
        : {
            subject: `Added work proposed on order ${orderNo}`,
            paragraphs: [
              `The technician found more to do on your order ${orderNo}.`,
              'Please approve or decline it on your order page; nothing of it is done or billed without your approval.',
            ],
            sms: `Order ${orderNo}: added work proposed. Please approve or decline it.`,
          },
    LINK: (f) => ({
      subject: `Your new link for order ${f.orderNo}`,
      paragraphs: [`Here is your new link to follow your order ${f.orderNo}.`],
      sms: `Your new link for order ${f.orderNo}.`,
    }),
  },
};

const ZH: Language = {
  locale: 'zh-CN',
  greeting: (name) => `${name}您好：`,
  linkIntro: '在工单页面查看进度并答复我们：',
  linkLabel: '打开工单页面',
  linkValid: (expires) => `此链接在${expires}前有效；过期后可在页面上获取新链接。`,
  sms: (wording, expires, url) => `${wording}链接${expires}前有效：${url}`,
  smsReasonMax: 20,
  itemsTitle: '费用明细：',
  itemsHeader: ['项目', '数量', '单价', '金额'],
  kinds: {
    RECEIVED: (f) => ({
      subject: `我们已收到您的服务申请 ${f.orderNo}`,
      paragraphs: [
        `我们已收到您的服务申请，工单号 ${f.orderNo}。`,
        '接下来：我们审核您的申请后安排技师，并告知您上门的技师和时间。',
      ],
      sms: `工单${f.orderNo}已受理，审核后将为您安排技师。`,
    }),
    TECHNICIAN_ASSIGNED: (f) => ({
      subject: `工单 ${f.orderNo} 已安排技师`,
      paragraphs: [
        `${f.technician ? `技师${f.technician}` : '技师'}将为您处理工单 ${f.orderNo}。`,
        f.appointment ? `预约时间：${f.appointment}。` : '技师将与您联系约定上门时间。',
      ],
      sms:
        `工单${f.orderNo}：技师${f.technician ?? ''}` +
        (f.appointmentShort ? `将于${f.appointmentShort}上门。` : '将与您联系约定时间。'),
    }),
    CHECKED_IN: (f) => ({
      subject: `技师已到达：工单 ${f.orderNo}`,
      paragraphs: [`${f.technician ? `技师${f.technician}` : '技师'}已到达您的地址，处理工单 ${f.orderNo}。`],
      sms: `工单${f.orderNo}：技师${f.technician ?? ''}已到达。`,
    }),
    WORK_DONE: (f) => ({
      subject: `请验收工单 ${f.orderNo}`,
      paragraphs: [
        `您的工单 ${f.orderNo} 已完工。`,
        f.acceptanceDue
          ? `请在${f.acceptanceDue}前在工单页面确认验收，或告诉我们仍有的问题；逾期未答复视为验收通过。`
          : '请在工单页面确认验收，或告诉我们仍有的问题。',
      ],
      sms: `工单${f.orderNo}已完工，请${f.acceptanceDueShort ? `于${f.acceptanceDueShort}前` : ''}验收。`,
    }),
    SETTLEMENT_DUE: (f) =>
      f.free
        ? {
            subject: `工单 ${f.orderNo} 无需付费`,
            paragraphs: [`您的工单 ${f.orderNo} 属于保修范围，无需付费。`],
            lines: f.lines,
            sms: `工单${f.orderNo}属于保修范围，无需付费。`,
          }
        : {
            subject: f.amountDue
              ? `工单 ${f.orderNo} 结算通知：应付 ${f.amountDue}`
              : `工单 ${f.orderNo} 结算通知`,
            paragraphs: [
              f.amountDue
                ? `您的工单 ${f.orderNo} 应付金额为 ${f.amountDue}。`
                : `您的工单 ${f.orderNo} 已可结算，金额请见工单页面。`,
              f.paymentMethod
                ? `付款方式：${f.paymentMethod}。`
                : '付款方式：向上门技师付款，或按约定方式支付。',
            ],
            lines: f.lines,
            sms:
              `工单${f.orderNo}应付${f.amountDue ?? '款项见页面'}，` +
              (f.paymentMethod ? `付款方式：${f.paymentMethod}。` : '请向技师或按约定方式付款。'),
          },
    FEEDBACK_REQUEST: (f) => ({
      subject: `工单 ${f.orderNo} 服务评价`,
      paragraphs: [
        `感谢您的信任。您对工单 ${f.orderNo} 的服务满意吗？`,
        '请在工单页面为服务评分（1–5 分），并告诉我们可以改进的地方。',
      ],
      sms: `您对工单${f.orderNo}的服务满意吗？请评分（1–5分）。`,
    }),
    PAYMENT_RECORDED: (f) => ({
      subject: `工单 ${f.orderNo} 已收款`,
      paragraphs: [
        f.paid
          ? `我们已收到您为工单 ${f.orderNo} 支付的 ${f.paid}，谢谢。`
          : `我们已收到您为工单 ${f.orderNo} 的付款，谢谢。`,
        f.invoiceNo ? `发票号：${f.invoiceNo}。` : '发票将随后寄出。',
      ],
      sms:
        `工单${f.orderNo}已收款${f.paid ?? ''}，` +
        (f.invoiceNo ? `发票号${f.invoiceNo}。` : '发票随后寄出。'),
    }),
    REJECTED: (f) => ({
      subject: `您的服务申请 ${f.orderNo} 未能受理`,
      paragraphs: [
        `很抱歉，我们无法受理您的服务申请 ${f.orderNo}。`,
        ...(f.reason ? [`原因：${f.reason}`] : []),
      ],
      sms: `抱歉，服务申请${f.orderNo}未能受理。${f.reason ? `原因：${closed(f.reason, '。')}` : ''}`,
    }),
    CANCELLED: (f) => ({
      subject: `工单 ${f.orderNo} 已取消`,
      paragraphs: [`您的工单 ${f.orderNo} 已取消。`, ...(f.reason ? [`原因：${f.reason}`] : [])],
      sms: `工单${f.orderNo}已取消。${f.reason ? `原因：${closed(f.reason, '。')}` : ''}`,
    }),
    QUOTE_READY: ({ orderNo, quote }) =>
      quote
        ? {
            subject: `工单 ${orderNo} 的维修报价：${quote.total}`,
            paragraphs: [
              `技师已为您的工单 ${orderNo} 报价，合计 ${quote.total}${quote.lines.length > 0 ? '，明细如下' : ''}。`,
              quote.due
                ? `请在${quote.due}前在工单页面确认或拒绝报价；您确认后才开始维修，逾期未答复视为拒绝。`
                : '请在工单页面确认或拒绝报价；您确认后才开始维修。',
            ],
            lines: quote.lines,
            sms: `工单${orderNo}报价${quote.total}，请${quote.dueShort ? `于${quote.dueShort}前` : ''}确认或拒绝。`,
          }
        : {
            subject: `工单 ${orderNo} 的维修报价`,
            paragraphs: [
              `技师已为您的工单 ${orderNo} 报价。`,
              '请在工单页面确认或拒绝报价；您确认后才开始维修。',
            ],
            sms: `工单${orderNo}：报价已出，请确认或拒绝。`,
          },
    ADDED_WORK_READY: ({ orderNo, addedWork }) =>
      addedWork
        ? {
            subject: `工单 ${orderNo} 的增修项目：${addedWork.total}`,
            paragraphs: [
              `技师在您的工单 ${orderNo} 中发现需要增修的项目，合计 ${addedWork.total}${addedWork.lines.length > 0 ? '，明细如下' : ''}。`,
              ...(addedWork.reason ? [`原因：${addedWork.reason}`] : []),
              addedWork.due
                ? `请在${addedWork.due}前在工单页面确认或拒绝；未经您确认，不会施工也不会收费，逾期未答复视为不增修。`
                : '请在工单页面确认或拒绝；未经您确认，不会施工也不会收费。',
            ],
            lines: addedWork.lines,
            sms: `工单${orderNo}增修${addedWork.total}，请${addedWork.dueShort ? `于${addedWork.dueShort}前` : ''}确认或拒绝。`,
          }
        : {
            subject: `工单 ${orderNo} 的增修项目`,
            paragraphs: [
              `技师在您的工单 ${orderNo} 中发现需要增修的项目。`,
              '请在工单页面确认或拒绝；未经您确认，不会施工也不会收费。',
            ],
            sms: `工单${orderNo}：有增修项目，请确认或拒绝。`,
          },
    LINK: (f) => ({
      subject: `工单 ${f.orderNo} 的新链接`,
      paragraphs: [`这是您查看工单 ${f.orderNo} 的新链接。`],
      sms: `工单${f.orderNo}的新链接。`,
    }),
  },
};

const LANGUAGES: Record<CustomerLanguage, Language> = { zh: ZH, en: EN };

export function renderCustomerMessage(
  kind: CustomerMessageKind,
  language: CustomerLanguage,
  facts: CustomerMessageFacts,
  link: CustomerLinkView,
  format: CustomerMessageFormat,
): RenderedCustomerMessage {
  const lang = LANGUAGES[language];
  const shown = show(lang.locale, facts, format);
  const wording = lang.kinds[kind](shown);
  const smsWording = lang.kinds[kind]({
    ...shown,
    reason: shown.reason && cut(shown.reason, lang.smsReasonMax),
  });
  const expires = formatTime(lang.locale, format.timeZone, link.expiresAt, 'long');
  const expiresShort = formatTime(lang.locale, format.timeZone, link.expiresAt, 'short');
  const lines = wording.lines ?? [];

  const text = [
    lang.greeting(facts.customerName),
    ...wording.paragraphs,
    ...(lines.length > 0 ? [textTable(lang.itemsTitle, lines)] : []),
    `${lang.linkIntro}\n${link.url}\n${lang.linkValid(expires)}`,
  ].join('\n\n');

  const html = [
    `<p>${escapeHtml(lang.greeting(facts.customerName))}</p>`,
    ...wording.paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`),
    ...(lines.length > 0 ? [htmlTable(lang.itemsHeader, lines)] : []),
    `<p>${escapeHtml(lang.linkIntro)}<br><a href="${escapeHtml(link.url)}">${escapeHtml(lang.linkLabel)}</a></p>`,
    `<p>${escapeHtml(lang.linkValid(expires))}</p>`,
  ].join('\n');

  return {
    subject: wording.subject,
    text,
    html,
    sms: lang.sms(smsWording.sms, expiresShort, link.url),
  };
}

function show(locale: string, facts: CustomerMessageFacts, format: CustomerMessageFormat): Shown {
  const money = (amount: number) =>
    new Intl.NumberFormat(locale, { style: 'currency', currency: format.currency }).format(amount);
  // Minor units are formatted exactly (formatMoney), never through a floating-point major amount.
  const minor = (amount: MinorUnits) => formatMoney(amount, format.currency, locale);
  const quantity = (value: number) => new Intl.NumberFormat(locale).format(value);
  const minorLines = (lines: readonly MinorLine[]): PricedLine[] =>
    lines.map((line) => ({
      description: line.description,
      quantity: quantity(line.quantity),
      unitPrice: minor(line.unitPrice),
      total: minor(line.amount),
    }));
  const time = (iso: string, length: 'long' | 'short') => formatTime(locale, format.timeZone, iso, length);
  const range = (length: 'long' | 'short') =>
    facts.appointment ? formatRange(locale, format.timeZone, facts.appointment, length) : null;
  const present = (value: string | null | undefined) => (value && value.trim() !== '' ? value.trim() : null);
  const offer = (
    given: MinorOffer | null | undefined,
    dueAt: string | null | undefined,
    reason: string | null | undefined,
  ): ShownOffer | null =>
    given
      ? {
          total: minor(given.total),
          lines: minorLines(given.lines),
          reason: present(reason),
          due: dueAt ? time(dueAt, 'long') : null,
          dueShort: dueAt ? time(dueAt, 'short') : null,
        }
      : null;
  // A priced order's ledger, when drawn, stands in for the intake's total and service items.
  const ledgerDue = facts.amountDueMinor;
  const ledger = ledgerDue !== undefined;
  return {
    orderNo: facts.orderNo,
    technician: present(facts.technicianName),
    appointment: range('long'),
    appointmentShort: range('short'),
    acceptanceDue: facts.acceptanceDueAt ? time(facts.acceptanceDueAt, 'long') : null,
    acceptanceDueShort: facts.acceptanceDueAt ? time(facts.acceptanceDueAt, 'short') : null,
    amountDue:
      ledgerDue !== undefined
        ? ledgerDue > 0
          ? minor(ledgerDue)
          : null
        : facts.amountDue !== undefined && facts.amountDue > 0
          ? money(facts.amountDue)
          : null,
    free: ledger ? ledgerDue === 0 : facts.amountDue === 0,
    lines: ledger
      ? minorLines(facts.dueLines ?? [])
      : (facts.items ?? []).map((item) => ({
          description: item.description,
          quantity: quantity(item.quantity),
          unitPrice: money(item.unitPrice),
          total: money(item.quantity * item.unitPrice),
        })),
    paymentMethod: present(facts.paymentMethod),
    paid: facts.paidAmount !== undefined ? money(facts.paidAmount) : null,
    invoiceNo: present(facts.invoiceNo),
    reason: present(facts.reason),
    quote: offer(facts.quote, facts.quoteDueAt, null),
    addedWork: offer(facts.addedWork, facts.addedWork?.dueAt, facts.addedWork?.reason),
  };
}

/** `long`: with weekday and year (e-mail); `short`: day, month and time (SMS). */
function timeOptions(timeZone: string, length: 'long' | 'short'): Intl.DateTimeFormatOptions {
  return length === 'long'
    ? {
        timeZone,
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }
    : { timeZone, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
}

function formatTime(locale: string, timeZone: string, iso: string, length: 'long' | 'short'): string {
  return new Intl.DateTimeFormat(locale, timeOptions(timeZone, length)).format(new Date(iso));
}

/**
 * `Tue, 5 Mar 2030, 09:00–11:00` on one day; both ends in full across days. The SMS form joins with a
 * hyphen: an en dash is outside the GSM alphabet and would make an English SMS UCS-2 (70 characters a part).
 */
function formatRange(
  locale: string,
  timeZone: string,
  range: { start: string; end: string },
  length: 'long' | 'short',
): string {
  const start = new Date(range.start);
  const end = new Date(range.end);
  const day = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const full = formatTime(locale, timeZone, range.start, length);
  if (day.format(start) === day.format(end)) {
    const clock = new Intl.DateTimeFormat(locale, {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    return `${full}${length === 'long' ? '–' : '-'}${clock.format(end)}`;
  }
  return `${full}${length === 'long' ? ' – ' : ' - '}${formatTime(locale, timeZone, range.end, length)}`;
}

function textTable(title: string, lines: readonly PricedLine[]): string {
  const rows = lines.map(
    (line) => `- ${line.description}: ${line.quantity} × ${line.unitPrice} = ${line.total}`,
  );
  return [title, ...rows].join('\n');
}

function htmlTable(header: readonly string[], lines: readonly PricedLine[]): string {
  const head = `<tr>${header.map((cell, i) => `<th align="${i === 0 ? 'left' : 'right'}">${escapeHtml(cell)}</th>`).join('')}</tr>`;
  const rows = lines.map(
    (line) =>
      `<tr><td>${escapeHtml(line.description)}</td><td align="right">${escapeHtml(line.quantity)}</td>` +
      `<td align="right">${escapeHtml(line.unitPrice)}</td><td align="right">${escapeHtml(line.total)}</td></tr>`,
  );
  return `<table>\n${head}\n${rows.join('\n')}\n</table>`;
}

/** The sentence with its full stop, unless it already ends in one. */
function closed(sentence: string, stop: string): string {
  return /[.!?。！？…]$/.test(sentence) ? sentence : `${sentence}${stop}`;
}

function cut(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, max - 1)}…`;
}
