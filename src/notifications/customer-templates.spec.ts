import { CUSTOMER_LANGUAGES, CUSTOMER_MESSAGE_KINDS, type CustomerMessageKind } from '../domain';
import { renderCustomerMessage, type CustomerMessageFacts } from './customer-templates';
import { smsLength } from './sms';
import { escapeHtml } from './templates';

const ORDER_NO = 'SO-20300301-000042';
const link = {
  url: `https://service.example.com/c/${ORDER_NO}#t=header.payload.signature&x=1`,
  expiresAt: '2030-03-08T06:00:00.000Z',
};
const shanghai = { timeZone: 'Asia/Shanghai', currency: 'CNY' };

/** Everything every kind may mention, so each kind is rendered with the facts it reads. */
const facts: CustomerMessageFacts = {
  orderNo: ORDER_NO,
  customerName: 'Li Wei',
  technicianName: 'Wang Fang',
  appointment: { start: '2030-03-05T01:00:00.000Z', end: '2030-03-05T03:00:00.000Z' },
  acceptanceDueAt: '2030-03-07T10:30:00.000Z',
  amountDue: 380.5,
  items: [
    { description: 'Compressor relay', quantity: 1, unitPrice: 120 },
    { description: 'Labour (hours)', quantity: 2, unitPrice: 130.25 },
  ],
  paymentMethod: null,
  paidAmount: 380.5,
  invoiceNo: 'INV-2030-0042',
  reason: 'Outside our service area',
  // Priced work, in minor units (fen).
  quote: {
    total: 1234550,
    lines: [
      { description: 'Main PCB', quantity: 1, unitPrice: 32000, amount: 32000 },
      { description: 'Labour (hours)', quantity: 1.5, unitPrice: 12345, amount: 18518 },
    ],
  },
  quoteDueAt: '2030-03-07T10:30:00.000Z',
  addedWork: {
    total: 14000,
    lines: [{ description: 'Copper pipe', quantity: 2, unitPrice: 7000, amount: 14000 }],
    reason: 'The old pipe is corroded and leaks',
    dueAt: '2030-03-06T04:15:00.000Z',
  },
};

const render = (
  kind: CustomerMessageKind,
  language: 'zh' | 'en',
  overrides: Partial<CustomerMessageFacts> = {},
  format = shanghai,
) => renderCustomerMessage(kind, language, { ...facts, ...overrides }, link, format);

describe(renderCustomerMessage.name, () => {
  describe.each(CUSTOMER_LANGUAGES)('in %s', (language) => {
    it.each(CUSTOMER_MESSAGE_KINDS)('%s names the order and ends with the link and its expiry', (kind) => {
      const message = render(kind, language);
      expect(message.subject).toContain(ORDER_NO);
      for (const body of [message.text, message.html, message.sms]) expect(body).toContain(ORDER_NO);
      const expiry = language === 'en' ? 'Fri, 8 Mar 2030, 14:00' : '2030年3月8日周五 14:00';
      expect(message.text.endsWith(`${link.url}\n${lastLine(message.text)}`)).toBe(true);
      expect(lastLine(message.text)).toContain(expiry);
      expect(message.html).toContain(`href="${escapeHtml(link.url)}"`);
      expect(message.html).toContain(escapeHtml(expiry));
      expect(message.sms.endsWith(link.url)).toBe(true);
      expect(message.sms).toContain(language === 'en' ? 'until 8 Mar, 14:00' : '链接3月8日 14:00前有效');
    });

    it.each(CUSTOMER_MESSAGE_KINDS)('%s: the SMS apart from its link fits one part', (kind) => {
      const wording = render(kind, language).sms.replace(link.url, '');
      expect({ kind, segments: smsLength(wording).segments }).toEqual({ kind, segments: 1 });
    });

    it('writes every fact into the HTML escaped', () => {
      const hostile = '<script>alert("x")</script> & co';
      for (const kind of CUSTOMER_MESSAGE_KINDS) {
        const message = render(kind, language, {
          customerName: hostile,
          technicianName: hostile,
          paymentMethod: hostile,
          invoiceNo: hostile,
          reason: hostile,
          items: [{ description: hostile, quantity: 1, unitPrice: 1 }],
          quote: { total: 100, lines: [{ description: hostile, quantity: 1, unitPrice: 100, amount: 100 }] },
          addedWork: {
            total: 100,
            lines: [{ description: hostile, quantity: 1, unitPrice: 100, amount: 100 }],
            reason: hostile,
            dueAt: null,
          },
        });
        expect({ kind, raw: message.html.includes('<script>') }).toEqual({ kind, raw: false });
        expect(message.html).toContain(escapeHtml(hostile));
      }
    });
  });

  describe('times', () => {
    it('shows the appointment in the customer time zone, as one day with a time range', () => {
      expect(render('TECHNICIAN_ASSIGNED', 'en').text).toContain(
        'Appointment: Tue, 5 Mar 2030, 09:00–11:00.',
      );
      expect(render('TECHNICIAN_ASSIGNED', 'zh').text).toContain('预约时间：2030年3月5日周二 09:00–11:00。');
      const london = render('TECHNICIAN_ASSIGNED', 'en', {}, { timeZone: 'Europe/London', currency: 'CNY' });
      expect(london.text).toContain('Tue, 5 Mar 2030, 01:00–03:00');
    });

    it('writes both ends of an appointment that spans two days', () => {
      const text = render('TECHNICIAN_ASSIGNED', 'en', {
        appointment: { start: '2030-03-05T09:00:00.000Z', end: '2030-03-06T02:00:00.000Z' },
      }).text;
      expect(text).toContain('Tue, 5 Mar 2030, 17:00 – Wed, 6 Mar 2030, 10:00');
    });

    it('keeps an English SMS in the GSM alphabet (a hyphen in the time range, not an en dash)', () => {
      const sms = render('TECHNICIAN_ASSIGNED', 'en').sms;
      expect(sms).toContain('5 Mar, 09:00-11:00');
      expect(smsLength(sms).encoding).toBe('GSM-7');
    });

    it('asks for an answer by the end of the acceptance window', () => {
      expect(render('WORK_DONE', 'en').text).toContain('by Thu, 7 Mar 2030, 18:30');
      expect(render('WORK_DONE', 'zh').text).toContain('请在2030年3月7日周四 18:30前');
      expect(render('WORK_DONE', 'en').sms).toContain('by 7 Mar, 18:30');
    });

    it('says the technician will call when there is no appointment yet', () => {
      expect(render('TECHNICIAN_ASSIGNED', 'en', { appointment: null }).text).toContain(
        'will contact you to agree on a time',
      );
      expect(render('TECHNICIAN_ASSIGNED', 'zh', { appointment: null }).text).toContain('联系约定上门时间');
    });
  });

  describe('money', () => {
    it('shows the amount due, each line priced, and how to pay', () => {
      const en = render('SETTLEMENT_DUE', 'en');
      expect(en.subject).toBe(`Settlement of order ${ORDER_NO}: CN¥380.50 due`);
      expect(en.text).toContain('- Compressor relay: 1 × CN¥120.00 = CN¥120.00');
      expect(en.text).toContain('- Labour (hours): 2 × CN¥130.25 = CN¥260.50');
      expect(en.text).toContain('pay the technician, or as agreed with us');
      expect(en.html).toContain('<td align="right">CN¥260.50</td>');
      const zh = render('SETTLEMENT_DUE', 'zh');
      expect(zh.text).toContain('应付金额为 ¥380.50');
      expect(zh.text).toContain('- Labour (hours): 2 × ¥130.25 = ¥260.50');
      expect(render('SETTLEMENT_DUE', 'en', { paymentMethod: 'WeChat Pay' }).text).toContain(
        'How to pay: WeChat Pay.',
      );
    });

    it('formats in the configured currency', () => {
      const usd = render('SETTLEMENT_DUE', 'en', {}, { timeZone: 'Asia/Shanghai', currency: 'USD' });
      expect(usd.text).toContain('US$380.50');
    });

    it('says nothing is due for in-warranty work (amount 0)', () => {
      expect(render('SETTLEMENT_DUE', 'en', { amountDue: 0 }).text).toContain(
        'done under warranty: there is nothing to pay',
      );
      expect(render('SETTLEMENT_DUE', 'zh', { amountDue: 0 }).sms).toContain('属于保修范围，无需付费');
    });

    it('confirms the payment with the invoice number, or says the invoice follows', () => {
      const en = render('PAYMENT_RECORDED', 'en');
      expect(en.text).toContain('payment of CN¥380.50');
      expect(en.text).toContain('Invoice number: INV-2030-0042.');
      expect(render('PAYMENT_RECORDED', 'en', { invoiceNo: null }).text).toContain('Your invoice follows.');
      expect(render('PAYMENT_RECORDED', 'zh', { invoiceNo: null }).text).toContain('发票将随后寄出');
    });
  });

  describe('priced work', () => {
    it('QUOTE_READY tells the total, each line and the answer-by time, in English', () => {
      const en = render('QUOTE_READY', 'en');
      expect(en.subject).toBe(`Your quote for order ${ORDER_NO}: CN¥12,345.50`);
      expect(en.text).toContain(`priced the work on your order ${ORDER_NO}: CN¥12,345.50 in all`);
      expect(en.text).toContain('- Main PCB: 1 × CN¥320.00 = CN¥320.00');
      // The line's amount as priced (185.175 rounded half-up), never recomputed from the unit price.
      expect(en.text).toContain('- Labour (hours): 1.5 × CN¥123.45 = CN¥185.18');
      expect(en.html).toContain('<td align="right">CN¥185.18</td>');
      expect(en.text).toContain('by Thu, 7 Mar 2030, 18:30');
      expect(en.text).toContain('Without an answer by then the quote counts as declined.');
      expect(en.sms).toContain(
        `Order ${ORDER_NO}: quote CN¥12,345.50. Please approve or decline it by 7 Mar, 18:30.`,
      );
      expect(smsLength(en.sms).encoding).toBe('GSM-7');
    });

    it('QUOTE_READY in Chinese', () => {
      const zh = render('QUOTE_READY', 'zh');
      expect(zh.subject).toBe(`工单 ${ORDER_NO} 的维修报价：¥12,345.50`);
      expect(zh.text).toContain('合计 ¥12,345.50，明细如下。');
      expect(zh.text).toContain('- Labour (hours): 1.5 × ¥123.45 = ¥185.18');
      expect(zh.text).toContain('请在2030年3月7日周四 18:30前在工单页面确认或拒绝报价');
      expect(zh.sms).toContain(`工单${ORDER_NO}报价¥12,345.50，请于3月7日 18:30前确认或拒绝。`);
    });

    it('ADDED_WORK_READY tells the added total, lines, reason and answer-by time, in English', () => {
      const en = render('ADDED_WORK_READY', 'en');
      expect(en.subject).toBe(`Added work proposed on order ${ORDER_NO}: CN¥140.00`);
      expect(en.text).toContain(`more to do on your order ${ORDER_NO}: CN¥140.00 more, itemised below.`);
      expect(en.text).toContain('- Copper pipe: 2 × CN¥70.00 = CN¥140.00');
      expect(en.text).toContain('Reason: The old pipe is corroded and leaks');
      expect(en.text).toContain('by Wed, 6 Mar 2030, 12:15');
      expect(en.sms).toContain(
        `Order ${ORDER_NO}: added work CN¥140.00 proposed. Please approve or decline it by 6 Mar, 12:15.`,
      );
      // Staff text stays out of the SMS, which keeps it short and in the GSM alphabet.
      expect(en.sms).not.toContain('corroded');
      expect(smsLength(en.sms).encoding).toBe('GSM-7');
    });

    it('ADDED_WORK_READY in Chinese', () => {
      const zh = render('ADDED_WORK_READY', 'zh');
      expect(zh.subject).toBe(`工单 ${ORDER_NO} 的增修项目：¥140.00`);
      expect(zh.text).toContain('需要增修的项目，合计 ¥140.00，明细如下。');
      expect(zh.text).toContain('- Copper pipe: 2 × ¥70.00 = ¥140.00');
      expect(zh.text).toContain('原因：The old pipe is corroded and leaks');
      expect(zh.text).toContain('请在2030年3月6日周三 12:15前在工单页面确认或拒绝');
      expect(zh.sms).toContain(`工单${ORDER_NO}增修¥140.00，请于3月6日 12:15前确认或拒绝。`);
    });

    it('leaves out the answer-by time and the reason when there is none', () => {
      const quote = render('QUOTE_READY', 'en', { quoteDueAt: null });
      expect(quote.text).not.toContain('Without an answer');
      expect(quote.sms).toContain('Please approve or decline it. Track');
      const added = render('ADDED_WORK_READY', 'zh', {
        addedWork: { ...facts.addedWork!, reason: ' ', dueAt: null },
      });
      expect(added.text).not.toContain('原因');
      expect(added.text).not.toContain('逾期');
      expect(added.sms).toContain('增修¥140.00，请确认或拒绝。');
    });

    it('falls back to the plain request when the facts carry no amounts', () => {
      expect(render('QUOTE_READY', 'en', { quote: null }).sms).toContain('your quote is ready');
      expect(render('ADDED_WORK_READY', 'zh', { addedWork: undefined }).sms).toContain('有增修项目');
    });

    it('formats the amounts in the configured currency', () => {
      const usd = render('QUOTE_READY', 'en', {}, { timeZone: 'Asia/Shanghai', currency: 'USD' });
      expect(usd.subject).toContain('US$12,345.50');
      const jpy = render('ADDED_WORK_READY', 'en', {}, { timeZone: 'Asia/Tokyo', currency: 'JPY' });
      expect(jpy.subject).toContain('JP¥14,000');
    });

    it('SETTLEMENT_DUE of a priced order shows its ledger, not the intake total', () => {
      const ledger = {
        amountDueMinor: 50518,
        dueLines: [
          { description: 'Main PCB', quantity: 1, unitPrice: 32000, amount: 32000 },
          { description: 'Labour (hours)', quantity: 1.5, unitPrice: 12345, amount: 18518 },
        ],
      };
      const en = render('SETTLEMENT_DUE', 'en', ledger);
      expect(en.subject).toBe(`Settlement of order ${ORDER_NO}: CN¥505.18 due`);
      expect(en.text).toContain('- Labour (hours): 1.5 × CN¥123.45 = CN¥185.18');
      expect(en.text).not.toContain('CN¥380.50');
      expect(en.text).not.toContain('Compressor relay');
      expect(en.sms).toContain(`Order ${ORDER_NO}: CN¥505.18 due.`);
      const zh = render('SETTLEMENT_DUE', 'zh', ledger);
      expect(zh.text).toContain('应付金额为 ¥505.18');
      expect(zh.sms).toContain(`工单${ORDER_NO}应付¥505.18，`);
    });

    it('SETTLEMENT_DUE of a covered priced order says nothing is due', () => {
      const message = render('SETTLEMENT_DUE', 'en', { amountDueMinor: 0, dueLines: [] });
      expect(message.text).toContain('there is nothing to pay');
      expect(message.text).not.toContain('Itemised');
      expect(render('SETTLEMENT_DUE', 'zh', { amountDueMinor: 0, dueLines: [] }).sms).toContain('无需付费');
    });
  });

  describe('contents per kind', () => {
    it.each([
      ['RECEIVED', 'en', 'we review your request, then schedule a technician'],
      ['RECEIVED', 'zh', '审核您的申请后安排技师'],
      ['TECHNICIAN_ASSIGNED', 'en', 'Wang Fang will carry out your order'],
      ['TECHNICIAN_ASSIGNED', 'zh', '技师Wang Fang将为您处理工单'],
      ['CHECKED_IN', 'en', 'Wang Fang has checked in at your address'],
      ['CHECKED_IN', 'zh', '技师Wang Fang已到达您的地址'],
      ['WORK_DONE', 'en', 'Please accept it, or tell us what is still wrong'],
      ['WORK_DONE', 'zh', '确认验收'],
      ['FEEDBACK_REQUEST', 'en', 'How did we do on your order'],
      ['FEEDBACK_REQUEST', 'zh', '为服务评分'],
      ['REJECTED', 'en', 'Reason: Outside our service area'],
      ['REJECTED', 'zh', '原因：Outside our service area'],
      ['CANCELLED', 'en', 'has been cancelled'],
      ['CANCELLED', 'zh', '已取消'],
      ['LINK', 'en', 'Here is your new link'],
      ['LINK', 'zh', '新链接'],
    ] as const)('%s in %s says "%s"', (kind, language, words) => {
      expect(render(kind, language).text).toContain(words);
    });

    it('gives no reason when none was recorded', () => {
      expect(render('CANCELLED', 'en', { reason: null }).text).not.toContain('Reason');
      expect(render('REJECTED', 'zh', { reason: '  ' }).text).not.toContain('原因');
    });

    it('cuts a long reason in the SMS, not in the e-mail', () => {
      const reason =
        'The model is no longer supported and no spare parts are available anywhere in the region';
      const message = render('REJECTED', 'en', { reason });
      expect(message.text).toContain(reason);
      expect(message.sms).not.toContain(reason);
      expect(message.sms).toContain('…');
    });

    it('ends a reason with one full stop in the SMS', () => {
      expect(render('CANCELLED', 'en', { reason: 'Customer request' }).sms).toContain(
        'Reason: Customer request. ',
      );
      expect(render('CANCELLED', 'en', { reason: 'Duplicate.' }).sms).toContain('Reason: Duplicate. ');
      expect(render('CANCELLED', 'zh', { reason: '客户要求' }).sms).toContain('原因：客户要求。链接');
    });

    it('greets the customer by name in the e-mail', () => {
      expect(render('RECEIVED', 'en').text.startsWith('Dear Li Wei,')).toBe(true);
      expect(render('RECEIVED', 'zh').text.startsWith('Li Wei您好：')).toBe(true);
    });
  });
});

function lastLine(text: string): string {
  return text.slice(text.lastIndexOf('\n') + 1);
}
