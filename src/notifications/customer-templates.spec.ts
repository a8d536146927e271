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
