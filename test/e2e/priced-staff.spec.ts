// Priced work (issue 11) on the staff side: a paid repair with no price agreed at intake is taken on site
// through the API; the technician builds the quote on the order page from the catalogue (a refused line
// first, the server's reason at that line) and sees the order wait for the customer; the agent records
// the customer's approval given by phone; the technician completes on a phone with the part used and the
// old part replaced; the supervisor inspects the old part, finds it faultless, and sees the technician
// flagged on the timeline.
import { expect, test, type Page } from '@playwright/test';
import { call, demoOrder } from '../../scripts/demo-data';
import { apiGet, ensureCrew, readOrder, signInAs, staffPage, tokenOf, API_URL } from './support';

/** This spec's customer: nobody else's messages or orders mix in. */
const CUSTOMER_PHONE = '+8613900000161';
const PART = 'AC-CAP-35UF';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  await ensureCrew();
});

interface Catalogue {
  items: { code: string; unitPrice: number }[];
  labourRates: { orderType: string; zone: string; hourlyRate: number }[];
}
interface StaffOrder {
  status: string;
  pricing: {
    approvedTotal: number;
    quotes: { id: string; status: string; estimate: { total: number; lines: { code: string }[] } }[];
    replacedParts: { code: string; disposal: string; inspection: { result: string } | null }[];
  } | null;
}

async function staffOrder(orderNo: string): Promise<StaffOrder> {
  return (await readOrder('supervisor', orderNo)) as unknown as StaffOrder;
}

async function statusOf(orderNo: string): Promise<string> {
  return (await staffOrder(orderNo)).status;
}

/** A POST on the API as `username` that must answer 200 (an order command). */
async function command(username: string, path: string, body: unknown): Promise<void> {
  const response = await call(API_URL, 'POST', path, await tokenOf(username), body);
  expect(response.status, `${path}: ${await response.clone().text()}`).toBe(200);
}

/** The digits of a shown amount: its minor units, whatever the currency symbol and grouping. */
function digitsOf(text: string | null): string {
  return (text ?? '').replace(/\D/g, '');
}

/** A screenshot kept with the test's results, to look at the layout after a run. */
async function keepScreenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

async function openOrder(page: Page, orderNo: string): Promise<void> {
  await page.goto(`/orders/${orderNo}`);
  await expect(page.getByRole('heading', { name: new RegExp(orderNo) })).toBeVisible();
}

let orderNo = '';
/** The quote: one capacitor and one hour of repair labour in the city, at the catalogue's prices. */
let expectedTotal = 0;

test('a paid repair with no price agreed is taken on site through the API', async () => {
  const catalogue = await apiGet<Catalogue>('agent', '/api/price-catalogue');
  const part = catalogue.items.find((item) => item.code === PART);
  const rate = catalogue.labourRates.find(
    (entry) => entry.orderType === 'REPAIR' && entry.zone === 'IN_CITY',
  );
  expect(part && rate).toBeTruthy();
  expectedTotal = (part?.unitPrice ?? 0) + (rate?.hourlyRate ?? 0);

  const order = demoOrder(161, 'simple');
  const created = await call(API_URL, 'POST', '/api/orders', await tokenOf('agent'), {
    ...order,
    type: 'REPAIR',
    customer: { ...(order.customer as Record<string, unknown>), name: 'Ma Lin', phone: CUSTOMER_PHONE },
    // No proof of purchase: the warranty cannot be judged, so the customer pays.
    equipment: { model: 'KFR-26GW', serialNumber: 'SN-PRICED-STAFF-1', purchaseDate: '2025-05-01' },
    faultDescription: 'The indoor fan starts only after a push',
    serviceItems: [],
    totalAmount: 0,
  });
  expect(created.status, await created.clone().text()).toBe(201);
  orderNo = ((await created.json()) as { orderNo: string }).orderNo;

  await expect.poll(() => statusOf(orderNo)).toBe('PENDING_REVIEW');
  await command('agent', `/api/orders/${orderNo}/review`, { decision: 'APPROVE' });
  await expect.poll(() => statusOf(orderNo)).toBe('PENDING_DISPATCH');
  const technicians = await apiGet<{ username: string; technicianId: string }[]>(
    'dispatcher',
    '/api/technicians/workload',
  );
  const li = technicians.find((technician) => technician.username === 'tech.li');
  await command('dispatcher', `/api/orders/${orderNo}/assignment`, { technicianId: li?.technicianId });
  await expect.poll(() => statusOf(orderNo)).toBe('ASSIGNED');
  await command('tech.li', `/api/orders/${orderNo}/technician-response`, { decision: 'ACCEPT' });
  await expect.poll(() => statusOf(orderNo)).toBe('ACCEPTED');
  await command('tech.li', `/api/orders/${orderNo}/check-in`, { lat: 31.23, lng: 121.47 });
  await expect.poll(() => statusOf(orderNo)).toBe('ON_SITE');
});

test('the technician builds the quote from the catalogue and sees the order wait for the customer', async ({
  browser,
}) => {
  const page = await staffPage(browser, 'tech.li');
  await openOrder(page, orderNo);
  const pricing = page.getByRole('region', { name: 'Price and parts' });
  await expect(pricing).toContainText('Nothing priced yet');
  // Paid work without a price: progress and completion wait for the approval, so they are not offered.
  await expect(page.getByRole('form', { name: 'Complete the work' })).toHaveCount(0);
  await expect(page.getByRole('form', { name: 'Report progress' })).toHaveCount(0);

  const form = page.getByRole('form', { name: 'Propose a quote' });
  // A line without an item: the server's reason at that line's item.
  await form.getByRole('button', { name: 'Propose quote' }).click();
  const firstItem = form.locator('[data-field="lines[0].code"]');
  await expect(firstItem.locator('.field-error').first()).toBeVisible();
  await expect(form.getByRole('group', { name: 'Line 1' }).getByLabel('Item')).toHaveAttribute(
    'aria-invalid',
    'true',
  );

  await form.getByRole('group', { name: 'Line 1' }).getByLabel('Item').selectOption(PART);
  await form.getByRole('group', { name: 'Line 1' }).getByLabel('Quantity').fill('1');
  await form.getByRole('button', { name: 'Add a line' }).click();
  const second = form.getByRole('group', { name: 'Line 2' });
  await second.getByLabel('Item').selectOption('LABOUR_HOURS');
  await second.getByLabel('Hours').fill('1');
  // The running estimate, priced by the same rules as the server's.
  await expect(form.getByTestId('estimate-total')).toHaveText(/\d/);
  expect(digitsOf(await form.getByTestId('estimate-total').textContent())).toBe(String(expectedTotal));
  await keepScreenshot(page, 'technician-quote-form');
  await form.getByRole('button', { name: 'Propose quote' }).click();

  await expect(page.getByRole('status').filter({ hasText: 'Quote sent' })).toBeVisible();
  await expect(page.locator('.order-header [data-status]')).toHaveAttribute('data-status', 'PENDING_QUOTE');
  await expect(page.locator('.order-header [data-status]')).toHaveText('Waiting for the quote answer');
  const { pricing: priced } = await staffOrder(orderNo);
  const quote = priced?.quotes.at(-1);
  expect(quote?.status).toBe('PENDING');
  expect(quote?.estimate.total).toBe(expectedTotal);
  expect(quote?.estimate.lines.map((line) => line.code)).toEqual([PART, 'LABOUR_HOURS']);

  // The quote under Price and parts: its lines, its total, waiting for the customer.
  const card = pricing.getByRole('article', { name: `Quote ${quote?.id}` });
  await expect(card.locator('[data-status="PENDING"]')).toBeVisible();
  await expect(card.locator(`tr[data-code="${PART}"]`)).toBeVisible();
  await expect(card.locator('tr[data-code="LABOUR_HOURS"]')).toBeVisible();
  expect(digitsOf(await card.getByTestId('estimate-table-total').textContent())).toBe(String(expectedTotal));
  // The timeline shows the quote's amount as money (minor units in the entry).
  const entry = page.getByRole('list', { name: 'Timeline' }).locator('li[data-action="PROPOSE_QUOTE"]');
  await expect(entry).toContainText('Quote proposed');
  await expect(entry).toContainText(/[¥$€]/);
  await keepScreenshot(page, 'technician-quote-pending');
});

test('the agent records the approval the customer gave by phone', async ({ browser }) => {
  const page = await staffPage(browser, 'agent');
  await openOrder(page, orderNo);
  const form = page.getByRole('form', { name: /^Customer's answer to quote/ });
  const total = page.getByTestId('quote-decision-total');
  await expect(total).toBeVisible();
  expect(digitsOf(await total.textContent())).toBe(String(expectedTotal));
  await keepScreenshot(page, 'agent-quote-decision');
  await form.getByLabel('Note').fill('Approved on the phone at 10:05');
  await form.getByRole('button', { name: 'Customer approves' }).click();

  await expect.poll(() => statusOf(orderNo)).toBe('IN_PROGRESS');
  await expect(page.locator('.order-header [data-status]')).toHaveAttribute('data-status', 'IN_PROGRESS');
  await expect(page.getByRole('form', { name: /^Customer's answer to quote/ })).toHaveCount(0);
  const approved = page.getByTestId('approved-total');
  await expect(approved).toHaveText(/\d/);
  expect(digitsOf(await approved.textContent())).toBe(String(expectedTotal));
  expect((await staffOrder(orderNo)).pricing?.approvedTotal).toBe(expectedTotal);
});

test('the technician completes on a phone with the part used and the old part replaced', async ({
  browser,
}) => {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  await signInAs(page, 'tech.li');
  await openOrder(page, orderNo);
  // The lines builder on a phone (a revised quote stays possible while the work is under way).
  const revised = page.getByRole('form', { name: 'Propose a revised quote' });
  await revised.getByRole('group', { name: 'Line 1' }).getByLabel('Item').selectOption(PART);
  await page
    .locator('section.order-action')
    .filter({ has: revised })
    .screenshot({ path: test.info().outputPath('revised-quote-form-phone.png') });
  const form = page.getByRole('form', { name: 'Complete the work' });
  await form.getByLabel('Summary').fill('Replaced the fan capacitor; the fan starts by itself');
  await form.getByLabel('Labour hours').fill('1');
  await form.getByRole('button', { name: 'Add a part' }).click();
  const used = form.getByRole('group', { name: 'Part 1', exact: true });
  await used.getByLabel('Part code').fill(PART);
  await used.getByLabel('Quantity').fill('1');
  await form.getByRole('button', { name: 'Add a replaced part' }).click();
  const replaced = form.getByRole('group', { name: 'Replaced part 1', exact: true });
  await replaced.getByLabel('Part code').fill(PART);
  await replaced.getByLabel('Old part').selectOption('COMPANY_DISPOSES');
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
  expect(overflow).toBeLessThanOrEqual(0);
  await keepScreenshot(page, 'technician-completion-phone');
  await page
    .locator('section.order-action')
    .filter({ has: form })
    .screenshot({ path: test.info().outputPath('technician-completion-form-phone.png') });
  await form.getByRole('button', { name: 'Complete' }).click();

  await expect.poll(() => statusOf(orderNo)).toBe('PENDING_QC');
  const { pricing } = await staffOrder(orderNo);
  expect(pricing?.replacedParts).toEqual([
    expect.objectContaining({ code: PART, disposal: 'COMPANY_DISPOSES', inspection: null }),
  ]);

  // Paid on the spot: the amount due is offered, typed in major units and recorded in minor units.
  const payment = page.getByRole('form', { name: 'Take payment on site' });
  const amount = payment.getByLabel(/^Amount/);
  await expect(amount).not.toHaveValue('');
  expect(digitsOf(await amount.inputValue())).toBe(String(expectedTotal));
  await amount.fill('12.345');
  await payment.getByRole('button', { name: 'Record payment' }).click();
  await expect(payment.locator('[data-field="amount"] .field-error').first()).toBeVisible();
  await amount.fill((expectedTotal / 100).toFixed(2));
  await payment.getByLabel('Receipt number').fill('R-161');
  await payment.getByRole('button', { name: 'Record payment' }).click();
  const payments = page.getByRole('region', { name: 'Payments taken on site' });
  await expect(payments).toContainText('R-161');
  const paid = (await staffOrder(orderNo)) as unknown as {
    pricing: { payments: { amount: number; receiptNo: string }[] };
  };
  expect(paid.pricing.payments).toEqual([
    expect.objectContaining({ amount: expectedTotal, receiptNo: 'R-161' }),
  ]);
  await page
    .getByRole('region', { name: 'Price and parts' })
    .screenshot({ path: test.info().outputPath('price-and-parts-phone.png') });
  await context.close();
});

test('the supervisor inspects the old part as faultless and sees the technician flagged', async ({
  browser,
}) => {
  const page = await staffPage(browser, 'supervisor');
  await openOrder(page, orderNo);
  const pricing = page.getByRole('region', { name: 'Price and parts' });
  await expect(pricing.getByTestId(`inspection-${PART}`)).toHaveText(/not inspected yet/);

  const form = page.getByRole('form', { name: 'Inspect replaced parts' });
  const line = form.getByRole('group', { name: new RegExp(PART) });
  await line.getByLabel('Finding').selectOption('FAULTLESS');
  await line.getByLabel('Note').fill('Capacitance within spec');
  await keepScreenshot(page, 'supervisor-inspection');
  await form.getByRole('button', { name: 'Record inspection' }).click();

  await expect(pricing.getByTestId(`inspection-${PART}`).locator('[data-status="FAULTLESS"]')).toBeVisible();
  await expect(page.getByRole('form', { name: 'Inspect replaced parts' })).toHaveCount(0);
  const flag = page.getByRole('list', { name: 'Timeline' }).locator('li[data-action="PART_FOUND_FAULTLESS"]');
  await expect(flag).toContainText('Replaced part found faultless: technician flagged');
  await expect(flag).toContainText('Li Wei (technician)');
  await expect(flag).toContainText(PART);
  const { pricing: after } = await staffOrder(orderNo);
  expect(after?.replacedParts[0]?.inspection?.result).toBe('FAULTLESS');
  await keepScreenshot(page, 'supervisor-inspected');
});
