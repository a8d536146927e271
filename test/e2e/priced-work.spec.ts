// Priced work (issue 11) end to end: a paid repair with no price agreed at intake is taken to the
// customer's door through the API; the technician prices the job on the order page (a part from the
// catalogue and an hour of labour) and puts the quote to the customer; the customer opens the link of
// the quote's SMS on a phone, reads the lines and the total, and approves; the staff page then shows the
// work in progress at the approved total.
import { expect, test, type Page } from '@playwright/test';
import { call, demoOrder } from '../../scripts/demo-data';
import { formatMoney } from '../../src/domain/money';
import {
  apiCommand,
  apiGet,
  customerLinkIn,
  ensureCrew,
  expectNoSidewaysScroll,
  phonePage,
  readOrder,
  screenshotFor,
  signInAs,
  smsTo,
  staffPage,
  tokenOf,
  API_URL,
} from './support';

/** This spec's customer, so it reads only its own messages. */
const CUSTOMER_PHONE = '+8613900000151';
const PART = 'AC-CAP-35UF';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  await ensureCrew();
});

interface PricedLine {
  code: string;
  kind: string;
  quantity: number;
  unitPrice: number;
  amount: number;
}
interface Quote {
  id: string;
  status: string;
  estimate: { total: number; approvalLimit: number; lines: PricedLine[] };
}
interface StaffOrder {
  status: string;
  pricing: { basis: { currency: string } | null; quotes: Quote[]; approvedTotal: number } | null;
}
interface CustomerOrder {
  status: string;
  pricing: { currency: string; quote: Quote | null; quoteDueAt: string | null } | null;
}

async function staffOrder(orderNo: string): Promise<StaffOrder> {
  return (await readOrder('supervisor', orderNo)) as unknown as StaffOrder;
}

async function statusOf(orderNo: string): Promise<string> {
  return (await staffOrder(orderNo)).status;
}

/** The digits of a shown amount, which are its minor units whatever the symbol and grouping. */
function digitsOf(text: string | null): string {
  return (text ?? '').replace(/\D/g, '');
}

/** A screenshot kept with the test's results, to look at the layout after a run. */
async function keepScreenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

let orderNo = '';

test('a paid repair with no price agreed is taken on site through the API', async () => {
  const order = demoOrder(151, 'simple');
  const created = await call(API_URL, 'POST', '/api/orders', await tokenOf('agent'), {
    ...order,
    type: 'REPAIR',
    customer: {
      ...(order.customer as Record<string, unknown>),
      name: 'Hu Jun',
      phone: CUSTOMER_PHONE,
      language: 'en',
      messageConsent: true,
      messageChannels: ['SMS'],
    },
    // No proof of purchase: the warranty cannot be judged, so the customer pays.
    equipment: { model: 'KFR-35GW', serialNumber: 'SN-PRICED-1', purchaseDate: '2025-06-01' },
    faultDescription: 'The outdoor unit hums but the fan does not turn',
    serviceItems: [],
    totalAmount: 0,
  });
  expect(created.status, await created.clone().text()).toBe(201);
  orderNo = ((await created.json()) as { orderNo: string }).orderNo;

  await expect.poll(() => statusOf(orderNo)).toBe('PENDING_REVIEW');
  await apiCommand('agent', `/api/orders/${orderNo}/review`, { decision: 'APPROVE' });
  await expect.poll(() => statusOf(orderNo)).toBe('PENDING_DISPATCH');
  const technicians = await apiGet<{ username: string; technicianId: string }[]>(
    'dispatcher',
    '/api/technicians/workload',
  );
  const li = technicians.find((technician) => technician.username === 'tech.li');
  await apiCommand('dispatcher', `/api/orders/${orderNo}/assignment`, { technicianId: li?.technicianId });
  await expect.poll(() => statusOf(orderNo)).toBe('ASSIGNED');
  await apiCommand('tech.li', `/api/orders/${orderNo}/technician-response`, { decision: 'ACCEPT' });
  await expect.poll(() => statusOf(orderNo)).toBe('ACCEPTED');
  await apiCommand('tech.li', `/api/orders/${orderNo}/check-in`, { lat: 31.23, lng: 121.47 });
  await expect.poll(() => statusOf(orderNo)).toBe('ON_SITE');

  // No price agreed: the work cannot go on before a quote is approved.
  const progress = await call(API_URL, 'POST', `/api/orders/${orderNo}/progress`, await tokenOf('tech.li'), {
    milestone: 'IN_PROGRESS',
    note: 'Starting',
  });
  expect(progress.status, await progress.clone().text()).toBe(409);
});

test('the technician prices the job on the order page and puts the quote to the customer', async ({
  browser,
}) => {
  const page = await phonePage(browser);
  await signInAs(page, 'tech.li');
  await page.goto(`/orders/${orderNo}`);
  await expect(page.getByRole('heading', { name: new RegExp(orderNo) })).toBeVisible();

  const form = page.getByRole('form', { name: 'Propose a quote' });
  await expect(form).toBeVisible();
  const first = form.getByRole('group', { name: 'Line 1' });
  await first.getByLabel('Item').selectOption(PART);
  await first.getByLabel('Quantity').fill('1');
  await form.getByRole('button', { name: 'Add a line' }).click();
  const second = form.getByRole('group', { name: 'Line 2' });
  await second.getByLabel('Item').selectOption('LABOUR_HOURS');
  await second.getByLabel('Hours').fill('1');
  await expectNoSidewaysScroll(page);
  await keepScreenshot(page, 'technician-quote-form');
  await screenshotFor(page, 'quote-form-phone');
  const before = (await smsTo(CUSTOMER_PHONE)).length;
  await form.getByRole('button', { name: 'Propose quote' }).click();

  await expect.poll(() => statusOf(orderNo)).toBe('PENDING_QUOTE');
  const { pricing } = await staffOrder(orderNo);
  const quote = pricing?.quotes.at(-1);
  expect(quote?.status).toBe('PENDING');
  expect(quote?.estimate.lines.map((line) => line.code)).toEqual([PART, 'LABOUR_HOURS']);
  // The "your quote is ready" SMS, with the link to the order.
  await expect.poll(async () => (await smsTo(CUSTOMER_PHONE)).length).toBeGreaterThan(before);
});

test('the customer opens the quote’s link on a phone, reads the lines and approves', async ({ browser }) => {
  const { pricing } = await staffOrder(orderNo);
  const quote = pricing?.quotes.at(-1) as Quote;
  const currency = pricing?.basis?.currency ?? 'CNY';
  const [newest] = await smsTo(CUSTOMER_PHONE);
  expect(newest.text).toContain(orderNo);
  const link = customerLinkIn(newest.text);
  const token = new URLSearchParams(link.hash.slice(1)).get('t') ?? '';
  const response = await call(API_URL, 'GET', `/api/orders/${orderNo}`, token);
  expect(response.status).toBe(200);
  const view = (await response.json()) as CustomerOrder;
  expect(view.pricing?.quote?.id).toBe(quote.id);

  const page = await phonePage(browser);
  await page.goto(`${link.pathname}${link.hash}`);
  await expect(page.getByRole('heading', { name: `Your order ${orderNo}` })).toBeVisible();
  await expect(page.getByText('Your quote is ready: please approve or decline it')).toBeVisible();

  const card = page.getByRole('region', { name: 'Your quote', exact: true });
  const lines = card.getByRole('table', { name: 'Your quote', exact: true });
  await expect(lines.locator(`tr[data-code="${PART}"]`)).toContainText('Compressor run capacitor 35 µF');
  await expect(lines.locator('tr[data-code="LABOUR_HOURS"]')).toContainText('Labour, by the hour');
  const total = formatMoney(quote.estimate.total, currency, 'en-GB');
  await expect(lines.getByTestId('price-total')).toHaveText(total);
  await expect(card).toContainText(formatMoney(quote.estimate.approvalLimit, currency, 'en-GB'));
  await expect(card.getByTestId('quote-countdown')).toContainText('left to answer');
  await expect(card.getByTestId('quote-countdown')).toHaveAttribute(
    'data-due-at',
    view.pricing?.quoteDueAt ?? '',
  );
  const timeline = page.getByRole('region', { name: 'What has happened' });
  await expect(timeline).toContainText('The technician sent you a quote');
  await expectNoSidewaysScroll(page);
  await keepScreenshot(page, 'customer-quote-en');
  await screenshotFor(page, 'customer-quote-phone');

  // In Chinese too, with the amounts as Chinese readers write them.
  await page.getByRole('button', { name: '中文' }).click();
  const zhCard = page.getByRole('region', { name: '您的报价', exact: true });
  await expect(zhCard.getByTestId('price-total')).toHaveText(
    formatMoney(quote.estimate.total, currency, 'zh-CN'),
  );
  await expect(zhCard.locator('tr[data-code="LABOUR_HOURS"]')).toContainText('工时费');
  await expectNoSidewaysScroll(page);
  await keepScreenshot(page, 'customer-quote-zh');
  await page.getByRole('button', { name: 'English' }).click();

  // Declining asks for a reason first; going back leaves the quote as it was.
  const answer = page.getByRole('form', { name: 'Your quote', exact: true });
  await answer.getByRole('button', { name: 'Decline' }).click();
  await expect(answer.getByLabel('Why you decline (optional)')).toBeVisible();
  await expect(answer.getByRole('button', { name: 'Decline the quote' })).toBeVisible();
  await keepScreenshot(page, 'customer-quote-declining');
  await answer.getByRole('button', { name: 'Back' }).click();
  await expect(answer.getByLabel('Why you decline (optional)')).toHaveCount(0);

  await answer.getByRole('button', { name: 'Approve the quote' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'you approved the quote' })).toBeVisible();
  await expect.poll(() => statusOf(orderNo)).toBe('IN_PROGRESS');
  await expect(page.getByText('The work is in progress')).toBeVisible();
  // What was agreed stays on the page, and the step in the timeline.
  const agreed = page.getByTestId('agreed-price');
  await expect(agreed).toContainText('Approved');
  await expect(agreed).toContainText(total);
  await expect(timeline).toContainText('The quote was approved');
  await expect(page.getByRole('form', { name: 'Your quote', exact: true })).toHaveCount(0);
  await expectNoSidewaysScroll(page);
  await keepScreenshot(page, 'customer-quote-approved');
});

test('the staff page shows the work in progress at the approved total', async ({ browser }) => {
  const order = await staffOrder(orderNo);
  expect(order.status).toBe('IN_PROGRESS');
  const quote = order.pricing?.quotes.at(-1) as Quote;
  expect(quote.status).toBe('APPROVED');
  expect(order.pricing?.approvedTotal).toBe(quote.estimate.total);

  const page = await staffPage(browser, 'supervisor');
  await page.goto(`/orders/${orderNo}`);
  await expect(page.getByRole('heading', { name: new RegExp(orderNo) })).toBeVisible();
  await expect(page.locator('[data-status="IN_PROGRESS"]').first()).toBeVisible();
  await expect
    .poll(async () => digitsOf(await page.getByTestId('approved-total').textContent()))
    .toBe(String(quote.estimate.total));
  await expect(page.getByRole('article', { name: `Quote ${quote.id}` })).toContainText(/approved/i);
  await keepScreenshot(page, 'staff-order-approved');
  await screenshotFor(page, 'order-priced');
});

test('the customer declines added work with a reason, and reads the amount due once the work is done', async ({
  browser,
}) => {
  const proposed = await apiCommand<StaffOrder & { pricing: { addedWork: { id: string }[] } }>(
    'tech.li',
    `/api/orders/${orderNo}/added-work`,
    { lines: [{ code: 'AC-R32', quantity: 1 }], reason: 'The refrigerant is low' },
  );
  const addedWorkId = proposed.pricing.addedWork.at(-1)?.id ?? '';
  const [newest] = await smsTo(CUSTOMER_PHONE);
  const link = customerLinkIn(newest.text);

  const page = await phonePage(browser);
  await page.goto(`${link.pathname}${link.hash}`);
  const card = page.locator(`[data-added-work-id="${addedWorkId}"]`);
  await expect(card).toContainText('The refrigerant is low');
  await expect(card.getByRole('table', { name: 'More work proposed' })).toContainText('R32');
  await expect(card.getByTestId(`added-work-countdown-${addedWorkId}`)).toContainText('left to answer');
  await expectNoSidewaysScroll(page);
  await keepScreenshot(page, 'customer-added-work');
  const answer = card.getByRole('form', { name: 'More work proposed' });
  await answer.getByRole('button', { name: 'Decline' }).click();
  await answer.getByLabel('Why you decline (optional)').fill('Not this time');
  await answer.getByRole('button', { name: 'Decline the added work' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'You declined the added work' })).toBeVisible();
  await expect(card).toHaveCount(0);
  const decided = (await staffOrder(orderNo)) as unknown as {
    pricing: { addedWork: { id: string; status: string }[] };
  };
  expect(decided.pricing.addedWork.find((work) => work.id === addedWorkId)?.status).toBe('DECLINED');

  // The work done without the part: only the approved labour is billed.
  await apiCommand('tech.li', `/api/orders/${orderNo}/completion`, {
    summary: 'Fan capacitor checked, fan freed and tested',
    partsUsed: [],
    laborHours: 1,
  });
  await expect.poll(() => statusOf(orderNo)).toBe('PENDING_QC');
  const done = (await readOrder('supervisor', orderNo)) as unknown as {
    pricing: { basis: { currency: string }; amountDue: { due: { total: number } } | null };
  };
  const due = done.pricing.amountDue?.due.total ?? -1;
  expect(due).toBeGreaterThan(0);
  await page.reload();
  const bill = page.getByTestId('amount-due');
  await expect(bill.getByTestId('amount-due-total')).toContainText(
    formatMoney(due, done.pricing.basis.currency, 'en-GB'),
  );
  await expect(page.getByTestId('agreed-price')).toHaveCount(0);
  await expectNoSidewaysScroll(page);
  await keepScreenshot(page, 'customer-amount-due');
});
