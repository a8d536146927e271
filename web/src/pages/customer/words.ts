// What the customer's pages say, in Chinese and English: the order's status and timeline steps in plain
// words, and the pages' own labels. One table per language with the same keys, so a missing word fails
// the build instead of showing an English gap on a Chinese page.
import {
  CUSTOMER_EVENTS,
  CUSTOMER_LANGUAGES,
  DEFAULT_CUSTOMER_LANGUAGE,
  type CustomerEvent,
  type CustomerLanguage,
} from '../../../../src/domain/customer-messages';
import type { Coverage } from '../../../../src/domain/coverage';
import type { OrderStatus, OrderType } from '../../../../src/domain/order';
import type { CatalogueItemKind } from '../../../../src/domain/pricing';

export { CUSTOMER_EVENTS, CUSTOMER_LANGUAGES, DEFAULT_CUSTOMER_LANGUAGE };
export type { CustomerEvent, CustomerLanguage };

type Milestone = 'MATERIALS_READY' | 'IN_PROGRESS' | 'WAITING_PARTS' | 'CARRY_BACK';

const en = {
  locale: 'en-GB',
  languageName: 'English',
  switchTo: '中文',
  title: (orderNo: string) => `Your order ${orderNo}`,
  loading: 'Loading your order…',
  status: {
    INFO_REQUIRED: 'We need a few more details; we will contact you',
    PENDING_REVIEW: 'Received, we are checking your request',
    PENDING_APPROVAL: 'Received, we are checking your request',
    PENDING_DISPATCH: 'Confirmed, we are finding a technician',
    ASSIGNED: 'Confirmed, we are finding a technician',
    ACCEPTED: 'A technician is scheduled',
    ON_SITE: 'The technician is with you',
    PENDING_QUOTE: 'Your quote is ready: please approve or decline it',
    IN_PROGRESS: 'The work is in progress',
    PENDING_QC: 'The work is done; we are checking it',
    PENDING_ACCEPTANCE: 'The work is done: please accept it or tell us what is wrong',
    REWORK: 'We are coming back to put it right',
    COMPLETED: 'Completed, thank you',
    CLOSED: 'Closed',
    CANCELLED: 'Cancelled',
    REJECTED: 'We cannot take this request',
  } satisfies Record<OrderStatus, string>,
  event: {
    RECEIVED: 'We received your request',
    CONFIRMED: 'Your request was confirmed',
    TECHNICIAN_ASSIGNED: 'A technician took the job',
    APPOINTMENT_CONFIRMED: 'The technician contacted you about the appointment',
    CHECKED_IN: 'The technician arrived',
    QUOTE_PROPOSED: 'The technician sent you a quote',
    QUOTE_APPROVED: 'The quote was approved',
    QUOTE_DECLINED: 'The quote was declined',
    QUOTE_EXPIRED: 'No answer to the quote in time: the work stopped',
    WORK_STARTED: 'Work under way',
    ADDED_WORK_PROPOSED: 'The technician proposed more work',
    ADDED_WORK_APPROVED: 'The added work was approved',
    ADDED_WORK_DECLINED: 'The added work was declined',
    ADDED_WORK_LAPSED: 'No answer to the added work in time: it was not done',
    WAITING_PARTS: 'Waiting for parts',
    PARTS_ARRIVED: 'The parts arrived',
    WORK_FINISHED: 'The technician finished the work',
    READY_FOR_ACCEPTANCE: 'Checked and ready for your acceptance',
    ACCEPTED: 'You accepted the work',
    ACCEPTED_AUTOMATICALLY: 'Accepted automatically: no answer within the time',
    REWORK_REQUESTED: 'You asked us to put it right',
    TECHNICIAN_RETURNING: 'A technician is coming back',
    FEEDBACK_GIVEN: 'You answered our feedback request',
    PAID: 'Payment recorded',
    CLOSED: 'Order closed',
    REJECTED: 'Request declined',
    CANCELLED: 'Order cancelled',
  } satisfies Record<CustomerEvent, string>,
  milestone: {
    MATERIALS_READY: 'materials ready',
    IN_PROGRESS: 'in progress',
    WAITING_PARTS: 'waiting for parts',
    CARRY_BACK: 'taken to the workshop',
  } satisfies Record<Milestone, string>,
  orderType: {
    INSTALLATION: 'Installation',
    REPAIR: 'Repair',
    MAINTENANCE: 'Maintenance',
    INSPECTION: 'Inspection',
    UPGRADE: 'Upgrade',
    TESTING: 'Testing',
    TRAINING: 'Training',
    COMPLAINT: 'Complaint',
  } satisfies Record<OrderType, string>,
  facts: {
    order: 'Order',
    work: 'Service',
    appointment: 'Appointment',
    technician: 'Technician',
    notSetYet: 'not set yet',
    reworkRound: (round: number) => `return visit ${round}`,
  },
  timeline: 'What has happened',
  timelineEmpty: 'Nothing yet.',
  acceptance: {
    heading: 'Accept the work',
    intro:
      'Please check the work. If it is right, accept it; if not, tell us what is wrong and we come back.',
    timeLeft: (left: string) => `${left} left to answer`,
    overdue: 'The time to answer has passed',
    dueAt: (at: string) => `Answer by ${at}; after that the work counts as accepted.`,
    rating: 'Your rating',
    stars: (score: number) => `${score} of 5`,
    comment: 'Comment',
    commentHint: 'Optional when you accept; when you reject, what is wrong.',
    accept: 'Accept the work',
    reject: 'Something is wrong',
    sending: 'Sending…',
    accepted: 'Thank you: you accepted the work.',
    rejected: 'Thank you: we will come back to put it right.',
    needRating: 'Choose a rating from 1 to 5 stars.',
    needComment: 'Tell us what is wrong.',
  },
  feedback: {
    heading: 'How did we do?',
    intro: 'Your answer helps us improve.',
    score: 'Score',
    comment: 'Comment',
    send: 'Send my answer',
    sent: 'Thank you for your answer.',
    answered: (at: string) => `You answered on ${at}.`,
    needScore: 'Choose a score from 1 to 5.',
  },
  rating: (score: number) => `Your rating: ${score} of 5`,
  price: {
    item: 'Item',
    amount: 'Amount',
    each: (quantity: string, unit: string, price: string) => `${quantity} ${unit} × ${price}`,
    labourHours: 'Labour, by the hour',
    units: { pc: 'pc', job: 'job', h: 'h', m: 'm', kg: 'kg' } as Record<string, string>,
    total: 'Total',
    approvedInAll: 'Approved in all',
    kind: {
      LABOUR: 'Labour',
      PART: 'Parts',
      MATERIAL: 'Materials',
      SERVICE: 'Services',
    } satisfies Record<CatalogueItemKind, string>,
    approve: 'Approve',
    decline: 'Decline',
    reason: 'Why you decline (optional)',
    back: 'Back',
    sending: 'Sending…',
  },
  quote: {
    heading: 'Your quote',
    intro:
      'The technician has found what is wrong. This is what the work costs; nothing is done until you approve it.',
    note: 'From the technician',
    limit: (limit: string) => `The final price will not be more than ${limit} without asking you again.`,
    dueAt: (at: string) => `Answer by ${at}; without an answer the quote counts as declined.`,
    approve: 'Approve the quote',
    confirmDecline: 'Decline the quote',
    declineHint: (fee: string | null) =>
      fee
        ? `The technician stops here; the diagnosis fee of ${fee} is due.`
        : 'The technician stops here; nothing is due.',
    declineKeepsWork: 'The work goes on within the quote you approved before.',
    approved: 'Thank you: you approved the quote. The work goes on.',
    declined: 'You declined the quote: the technician stops here.',
    status: {
      PENDING: 'Waiting for your answer',
      APPROVED: 'Approved',
      NOT_NEEDED: 'No approval needed',
      DECLINED: 'Declined',
      EXPIRED: 'Not answered in time',
      WITHDRAWN: 'Withdrawn',
    },
    agreed: 'The agreed price',
    row: 'Quote',
  },
  addedWork: {
    heading: 'More work proposed',
    intro:
      'While working, the technician found more to do. None of it is done or charged unless you approve it.',
    reason: 'Why',
    dueAt: (at: string) => `Answer by ${at}; without an answer it is not done.`,
    approve: 'Approve the added work',
    confirmDecline: 'Decline the added work',
    approved: 'Thank you: you approved the added work.',
    declined: 'You declined the added work: it will not be done.',
  },
  due: {
    heading: 'Amount due',
    declinedIntro: 'The quote was not approved: only the diagnosis is charged.',
    worth: 'The work is worth',
    youPay: 'You pay',
    covered: {
      IN_WARRANTY: 'Covered by the warranty',
      CONTRACT: 'Covered by your service contract',
      PAID: 'Paid work',
    } satisfies Record<Coverage, string>,
    nothing: 'Nothing to pay.',
  },
  link: {
    invalid: 'This link is not valid',
    invalidHint: 'Please open the latest link from our messages, or call us.',
    missing: 'This page needs the link from our message',
    expired: 'This link has expired',
    expiredHint: 'Links in our messages work for a few days. We can send you a fresh one.',
    resend: 'Send me a new link',
    sending: 'Sending…',
    sentTo: 'A new link was sent to:',
    closed: 'This order is finished; there is nothing left to follow.',
    noChannel: 'We have no number or address on file to send a link to. Please call us.',
    tooMany: 'Too many requests. Please try again later.',
  },
  duration: { day: 'd', hour: 'h', minute: 'min', second: 's' },
  request: {
    title: 'Request service',
    intro: 'Tell us what needs doing; a technician will be scheduled after we check your request.',
    phoneStep: 'Your mobile number',
    phone: 'Mobile number',
    phoneHint: 'We send you a 6-digit code by SMS, to make sure it is you.',
    sendCode: 'Send me the code',
    sendingCode: 'Sending…',
    codeStep: 'The code from the SMS',
    codeSentTo: (to: string, at: string) => `We sent a code to ${to}. It works until ${at}.`,
    code: 'Code',
    codeHint: '6 digits',
    codeNeeded: 'Enter the 6 digits from the SMS.',
    next: 'Next',
    otherNumber: 'Use another number',
    formStep: 'Your request',
    name: 'Your name',
    address: 'Address',
    zone: 'Where',
    zones: { IN_CITY: 'In the city', OUT_OF_CITY: 'Outside the city' },
    email: 'E-mail (optional)',
    type: 'What you need',
    model: 'Product model',
    serialNumber: 'Serial number (optional)',
    serialHint: 'On the product’s label; a repair needs it.',
    purchaseDate: 'Purchase date (optional)',
    fault: 'What is wrong, or what needs doing',
    preferredStart: 'Preferred time: from (optional)',
    preferredEnd: 'Preferred time: until (optional)',
    channels: 'Send me updates by',
    sms: 'SMS',
    emailChannel: 'E-mail',
    consent: 'I agree to receive messages about this order',
    consentHint: 'Without it we cannot send you the link to follow your order.',
    submit: 'Send my request',
    submitting: 'Sending…',
    created: 'Request received',
    createdNumber: (orderNo: string) => `Your order number is ${orderNo}.`,
    follow: 'Follow your order',
    problems: 'We will contact you about:',
    another: 'Make another request',
  },
};

export type Words = typeof en;

const zh: Words = {
  locale: 'zh-CN',
  languageName: '中文',
  switchTo: 'English',
  title: (orderNo) => `您的工单 ${orderNo}`,
  loading: '正在加载您的工单…',
  status: {
    INFO_REQUIRED: '还需要补充一些信息，我们会联系您',
    PENDING_REVIEW: '已收到，正在审核您的报修',
    PENDING_APPROVAL: '已收到，正在审核您的报修',
    PENDING_DISPATCH: '已确认，正在为您安排技术员',
    ASSIGNED: '已确认，正在为您安排技术员',
    ACCEPTED: '技术员已接单',
    ON_SITE: '技术员已到达现场',
    PENDING_QUOTE: '报价已出：请确认或拒绝',
    IN_PROGRESS: '正在服务中',
    PENDING_QC: '服务已完成，正在质检',
    PENDING_ACCEPTANCE: '服务已完成：请验收，或告诉我们哪里有问题',
    REWORK: '我们将再次上门处理',
    COMPLETED: '已完成，谢谢您',
    CLOSED: '已关闭',
    CANCELLED: '已取消',
    REJECTED: '很抱歉，无法受理此报修',
  },
  event: {
    RECEIVED: '已收到您的报修',
    CONFIRMED: '您的报修已确认受理',
    TECHNICIAN_ASSIGNED: '技术员已接单',
    APPOINTMENT_CONFIRMED: '技术员已与您联系预约',
    CHECKED_IN: '技术员已到达',
    QUOTE_PROPOSED: '技术员已向您发送报价',
    QUOTE_APPROVED: '报价已确认',
    QUOTE_DECLINED: '报价已拒绝',
    QUOTE_EXPIRED: '报价未在期限内回复，服务已停止',
    WORK_STARTED: '服务进行中',
    ADDED_WORK_PROPOSED: '技术员提出了增项',
    ADDED_WORK_APPROVED: '增项已确认',
    ADDED_WORK_DECLINED: '增项已拒绝',
    ADDED_WORK_LAPSED: '增项未在期限内回复，未予施工',
    WAITING_PARTS: '等待配件',
    PARTS_ARRIVED: '配件已到',
    WORK_FINISHED: '技术员已完成服务',
    READY_FOR_ACCEPTANCE: '质检通过，等待您验收',
    ACCEPTED: '您已验收',
    ACCEPTED_AUTOMATICALLY: '验收期已过，系统自动验收',
    REWORK_REQUESTED: '您要求返修',
    TECHNICIAN_RETURNING: '技术员将再次上门',
    FEEDBACK_GIVEN: '您已回复满意度回访',
    PAID: '已记录付款',
    CLOSED: '工单已关闭',
    REJECTED: '报修未受理',
    CANCELLED: '工单已取消',
  },
  milestone: {
    MATERIALS_READY: '材料已备齐',
    IN_PROGRESS: '施工中',
    WAITING_PARTS: '等待配件',
    CARRY_BACK: '已带回维修',
  },
  orderType: {
    INSTALLATION: '安装',
    REPAIR: '维修',
    MAINTENANCE: '保养',
    INSPECTION: '检测',
    UPGRADE: '升级',
    TESTING: '测试',
    TRAINING: '培训',
    COMPLAINT: '投诉',
  },
  facts: {
    order: '工单',
    work: '服务',
    appointment: '预约时间',
    technician: '技术员',
    notSetYet: '尚未确定',
    reworkRound: (round) => `第 ${round} 次返修`,
  },
  timeline: '进度',
  timelineEmpty: '暂无记录。',
  acceptance: {
    heading: '验收',
    intro: '请检查服务结果。满意请确认验收；如有问题，请告诉我们，我们会再次上门。',
    timeLeft: (left) => `剩余 ${left} 可回复`,
    overdue: '回复时间已过',
    dueAt: (at) => `请在 ${at} 前回复；逾期视为验收通过。`,
    rating: '您的评分',
    stars: (score) => `${score} 星（满分 5 星）`,
    comment: '留言',
    commentHint: '验收时可不填；有问题时请说明哪里不对。',
    accept: '确认验收',
    reject: '有问题',
    sending: '正在提交…',
    accepted: '谢谢：您已确认验收。',
    rejected: '谢谢：我们会再次上门处理。',
    needRating: '请选择 1 到 5 星评分。',
    needComment: '请说明哪里有问题。',
  },
  feedback: {
    heading: '您对这次服务满意吗？',
    intro: '您的回复帮助我们改进服务。',
    score: '评分',
    comment: '留言',
    send: '提交回复',
    sent: '感谢您的回复。',
    answered: (at) => `您已于 ${at} 回复。`,
    needScore: '请选择 1 到 5 分。',
  },
  rating: (score) => `您的评分：${score} 星（满分 5 星）`,
  price: {
    item: '项目',
    amount: '金额',
    each: (quantity, unit, price) => `${quantity} ${unit} × ${price}`,
    labourHours: '工时费（按小时）',
    units: { pc: '个', job: '项', h: '小时', m: '米', kg: '千克' },
    total: '合计',
    approvedInAll: '已确认合计',
    kind: {
      LABOUR: '人工',
      PART: '配件',
      MATERIAL: '材料',
      SERVICE: '服务',
    },
    approve: '确认',
    decline: '拒绝',
    reason: '拒绝原因（选填）',
    back: '返回',
    sending: '正在提交…',
  },
  quote: {
    heading: '您的报价',
    intro: '技术员已查明故障。以下是维修费用；您确认之前不会施工。',
    note: '技术员说明',
    limit: (limit) => `未经您再次确认，最终价格不会超过 ${limit}。`,
    dueAt: (at) => `请在 ${at} 前回复；逾期视为拒绝报价。`,
    approve: '确认报价',
    confirmDecline: '拒绝报价',
    declineHint: (fee: string | null) =>
      fee ? `技术员将停止服务；需支付检测费 ${fee}。` : '技术员将停止服务；无需付费。',
    declineKeepsWork: '将按您此前确认的报价继续施工。',
    approved: '谢谢：您已确认报价，服务继续进行。',
    declined: '您已拒绝报价：技术员将停止服务。',
    status: {
      PENDING: '等待您的回复',
      APPROVED: '已确认',
      NOT_NEEDED: '无需确认',
      WITHDRAWN: '已撤回',
      DECLINED: '已拒绝',
      EXPIRED: '未在期限内回复',
    },
    agreed: '已确认的费用',
    row: '报价',
  },
  addedWork: {
    heading: '增项待确认',
    intro: '技术员在施工中发现还需要其他维修。您确认之前，这些项目不会施工，也不会收费。',
    reason: '原因',
    dueAt: (at) => `请在 ${at} 前回复；逾期视为不施工。`,
    approve: '确认增项',
    confirmDecline: '拒绝增项',
    approved: '谢谢：您已确认增项。',
    declined: '您已拒绝增项：这些项目不会施工。',
  },
  due: {
    heading: '应付金额',
    declinedIntro: '报价未获确认：仅收取检测费。',
    worth: '服务价值',
    youPay: '您需支付',
    covered: {
      IN_WARRANTY: '保修范围内',
      CONTRACT: '服务合同范围内',
      PAID: '付费服务',
    },
    nothing: '无需付费。',
  },
  link: {
    invalid: '此链接无效',
    invalidHint: '请打开我们最新消息中的链接，或致电我们。',
    missing: '请通过我们消息中的链接打开此页面',
    expired: '此链接已过期',
    expiredHint: '消息中的链接有效期为几天。我们可以为您发送新的链接。',
    resend: '给我发送新链接',
    sending: '正在发送…',
    sentTo: '新链接已发送至：',
    closed: '此工单已结束，无需再跟进。',
    noChannel: '我们没有可发送链接的号码或邮箱，请致电我们。',
    tooMany: '请求过于频繁，请稍后再试。',
  },
  duration: { day: '天', hour: '小时', minute: '分', second: '秒' },
  request: {
    title: '报修',
    intro: '请告诉我们需要做什么；审核后我们会为您安排技术员。',
    phoneStep: '您的手机号',
    phone: '手机号',
    phoneHint: '我们会通过短信发送 6 位验证码，以确认是您本人。',
    sendCode: '发送验证码',
    sendingCode: '正在发送…',
    codeStep: '短信验证码',
    codeSentTo: (to, at) => `验证码已发送至 ${to}，${at} 前有效。`,
    code: '验证码',
    codeHint: '6 位数字',
    codeNeeded: '请输入短信中的 6 位数字。',
    next: '下一步',
    otherNumber: '换一个号码',
    formStep: '报修信息',
    name: '您的姓名',
    address: '地址',
    zone: '区域',
    zones: { IN_CITY: '市内', OUT_OF_CITY: '市外' },
    email: '电子邮箱（选填）',
    type: '服务类型',
    model: '产品型号',
    serialNumber: '序列号（选填）',
    serialHint: '见产品铭牌；维修需要序列号。',
    purchaseDate: '购买日期（选填）',
    fault: '故障描述或服务需求',
    preferredStart: '期望时间：从（选填）',
    preferredEnd: '期望时间：到（选填）',
    channels: '通知方式',
    sms: '短信',
    emailChannel: '电子邮件',
    consent: '我同意接收关于此工单的消息',
    consentHint: '不同意的话，我们无法向您发送跟进工单的链接。',
    submit: '提交报修',
    submitting: '正在提交…',
    created: '报修已收到',
    createdNumber: (orderNo) => `您的工单号是 ${orderNo}。`,
    follow: '跟进您的工单',
    problems: '我们会就以下事项联系您：',
    another: '再报修一次',
  },
};

export const WORDS: Record<CustomerLanguage, Words> = { zh, en };

/** `2d 3h`, `3h 05min`, `12min`: what is left of a window, in the customer's language. */
export function durationIn(words: Words, ms: number): string {
  const units = words.duration;
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const join = (...parts: string[]) => parts.join(words.locale.startsWith('zh') ? '' : ' ');
  if (days > 0) return join(`${days}${units.day}`, `${hours}${units.hour}`);
  if (hours > 0) return join(`${hours}${units.hour}`, `${String(minutes).padStart(2, '0')}${units.minute}`);
  if (minutes > 0) return `${minutes}${units.minute}`;
  return `${total % 60}${units.second}`;
}

/** A date and time in the customer's language, in the device's own time zone. */
export function dateTimeIn(words: Words, iso: string): string {
  return new Date(iso).toLocaleString(words.locale, { dateStyle: 'medium', timeStyle: 'short' });
}

/** An appointment window: "Mon 1 Dec, 09:00–12:00", or both ends in full when it spans days. */
export function windowIn(words: Words, start: string, end: string): string {
  const from = new Date(start);
  const to = new Date(end);
  const day: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short' };
  const time: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };
  const at = (date: Date) =>
    `${date.toLocaleDateString(words.locale, day)} ${date.toLocaleTimeString(words.locale, time)}`;
  return from.toDateString() === to.toDateString()
    ? `${at(from)}–${to.toLocaleTimeString(words.locale, time)}`
    : `${at(from)} – ${at(to)}`;
}

export function isCustomerLanguage(value: unknown): value is CustomerLanguage {
  return (CUSTOMER_LANGUAGES as readonly unknown[]).includes(value);
}

/** The device's language when it is one the pages speak, else the default (before an order says which). */
export function deviceLanguage(): CustomerLanguage {
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isCustomerLanguage(base)) return base;
  }
  return DEFAULT_CUSTOMER_LANGUAGE;
}
