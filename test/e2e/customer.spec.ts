// The customer's side, on a 390 px phone with nothing but the messages: staff take an order to the point
// where it waits for the customer (through the API: the screens are order-to-customer.spec.ts's), the
// customer opens the link of the newest SMS in the SMS sink, accepts with a rating and answers the
// feedback request; and a customer requests service on their own, after the one-time code by SMS.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { call, demoOrder } from '../../scripts/demo-data';
import { mintCustomerLink } from '../../src/notifications/customer-link';
import { E2E_CUSTOMER_LINK_SECRET } from './playwright.config';
import { apiGet, ensureCrew, readOrder, screenshotFor, signInAs, tokenOf, API_URL } from './support';

const PHONE = { width: 390, height: 844 };
/** E.164 numbers of this spec's customers, one each, so each reads only its own messages. */
const FOLLOWING_CUSTOMER = '+8613900000141';
const SELF_SERVICE_CUSTOMER = '+8613900000142';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  await ensureCrew();
});

interface SinkMessage {
  id: string;
  to: string;
  text: string;
  createdAt: string;
}

/** The SMS the sink kept for `phone`, newest first (GET /api/dev/sms-sink, as the admin). */
async function smsTo(phone: string): Promise<SinkMessage[]> {
  const { items } = await apiGet<{ items: SinkMessage[] }>(
    'admin',
    `/api/dev/sms-sink?to=${encodeURIComponent(phone)}&limit=50`,
  );
  return items;
}

/** A GET on the API with the customer's link token as the bearer, which must answer 200. */
async function apiGetAs<T>(token: string, path: string): Promise<T> {
  const response = await call(API_URL, 'GET', path, token);
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

/** The customer link in an SMS: `<base>/c/<orderNo>#t=<token>`. */
function linkIn(text: string): URL {
  const match = /https?:\/\/\S+\/c\/SO-[\d-]+#t=[\w.-]+/.exec(text);
  expect(match, `a customer link in: ${text}`).not.toBeNull();
  return new URL(match?.[0] ?? '');
}

/** A POST on the API as `username` that must answer 200 (an order command). */
async function command(username: string, path: string, body: unknown): Promise<void> {
  const response = await call(API_URL, 'POST', path, await tokenOf(username), body);
  expect(response.status, `${path}: ${await response.clone().text()}`).toBe(200);
}

async function statusOf(orderNo: string): Promise<unknown> {
  return (await readOrder('supervisor', orderNo)).status;
}

async function phonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  return context.newPage();
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
  expect(overflow).toBeLessThanOrEqual(0);
}

let orderNo = '';

test('staff take an order with SMS consent to the customer’s acceptance window', async () => {
  const order = demoOrder(141, 'simple');
  const created = await call(API_URL, 'POST', '/api/orders', await tokenOf('agent'), {
    ...order,
    customer: {
      ...(order.customer as Record<string, unknown>),
      name: 'Sun Li',
      phone: FOLLOWING_CUSTOMER,
      language: 'en',
      messageConsent: true,
      messageChannels: ['SMS'],
    },
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
  await command('tech.li', `/api/orders/${orderNo}/completion`, {
    summary: 'Installed and tested',
    partsUsed: [],
    laborHours: 2,
  });
  await expect.poll(() => statusOf(orderNo)).toBe('PENDING_QC');
  // Every message before the work is done has gone out (received, technician, check-in).
  await expect.poll(async () => (await smsTo(FOLLOWING_CUSTOMER)).length).toBeGreaterThanOrEqual(3);
  const before = (await smsTo(FOLLOWING_CUSTOMER)).length;
  await command('supervisor', `/api/orders/${orderNo}/qc`, { result: 'PASS' });
  await expect.poll(() => statusOf(orderNo)).toBe('PENDING_ACCEPTANCE');
  // The "work done, please accept" SMS.
  await expect.poll(async () => (await smsTo(FOLLOWING_CUSTOMER)).length).toBeGreaterThan(before);
});

test('the customer opens the SMS link on a phone, accepts with a rating and answers the feedback request', async ({
  browser,
}) => {
  const [newest] = await smsTo(FOLLOWING_CUSTOMER);
  expect(newest.text).toContain(orderNo);
  const link = linkIn(newest.text);
  const token = new URLSearchParams(link.hash.slice(1)).get('t') ?? '';

  const page = await phonePage(browser);
  // Someone on staff signed in on this phone earlier: the customer's page still shows the link's order,
  // as the customer sees it, without the staff navigation.
  await signInAs(page, 'agent');
  await page.goto(`${link.pathname}${link.hash}`);
  await expect(page.getByRole('heading', { name: `Your order ${orderNo}` })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  // The token left the address bar at once (kept for this tab only).
  await expect.poll(() => page.evaluate<string>('window.location.hash')).toBe('');
  expect(page.url()).not.toContain('#t=');

  await expect(page.getByText('The work is done: please accept it or tell us what is wrong')).toBeVisible();
  await expect(page.getByTestId('technician-name')).toHaveText('Li Wei (technician)');
  const timeline = page.getByRole('region', { name: 'What has happened' });
  await expect(timeline).toContainText('The technician arrived');
  await expect(timeline).toContainText('We received your request');
  await expect(page.getByTestId('acceptance-countdown')).toContainText('left to answer');
  // The countdown is the server's acceptance deadline.
  const view = await apiGetAs<{ acceptanceDueAt: string }>(token, `/api/orders/${orderNo}`);
  await expect(page.getByTestId('acceptance-countdown')).toHaveAttribute('data-due-at', view.acceptanceDueAt);
  await expectNoSidewaysScroll(page);

  // The order records English; the toggle switches to Chinese and back.
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('heading', { name: `您的工单 ${orderNo}` })).toBeVisible();
  await expect(page.getByText('服务已完成：请验收，或告诉我们哪里有问题')).toBeVisible();
  await expectNoSidewaysScroll(page);
  await screenshotFor(page, 'customer-phone-zh');
  await page.getByRole('button', { name: 'English' }).click();
  await screenshotFor(page, 'customer-phone');

  const acceptance = page.getByRole('form', { name: 'Accept the work' });
  await acceptance.getByRole('radio', { name: '5 of 5' }).check();
  await acceptance.getByLabel('Comment').fill('Quick and tidy, thank you');
  await acceptance.getByRole('button', { name: 'Accept the work' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'you accepted the work' })).toBeVisible();
  await expect.poll(() => statusOf(orderNo)).toBe('COMPLETED');
  expect((await readOrder('supervisor', orderNo)).rating).toBe(5);
  await expect(page.getByText('Completed, thank you')).toBeVisible();

  // The feedback request follows the acceptance; a reload keeps the page open (the token is kept in the
  // tab, the address bar no longer has it).
  await expect
    .poll(
      async () =>
        (await apiGetAs<{ allowedActions: string[] }>(token, `/api/orders/${orderNo}`)).allowedActions,
      {
        timeout: 60_000,
      },
    )
    .toContain('CUSTOMER_FEEDBACK');
  await page.reload();
  const feedback = page.getByRole('form', { name: 'How did we do?' });
  await feedback.getByRole('radio', { name: '4 of 5' }).check();
  await feedback.getByLabel('Comment').fill('Arrived a little late');
  await screenshotFor(page, 'customer-feedback');
  await feedback.getByRole('button', { name: 'Send my answer' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Thank you for your answer' })).toBeVisible();
  await expect
    .poll(
      async () =>
        (await apiGetAs<{ feedback: { score: number | null } }>(token, `/api/orders/${orderNo}`)).feedback
          .score,
    )
    .toBe(4);
  await expect(feedback).toHaveCount(0);

  // The staff session on this phone is untouched.
  await page.goto('/orders');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
});

test('an expired link offers a fresh one by SMS, and the fresh link opens the order', async ({ browser }) => {
  test.skip(process.env.E2E_USE_RUNNING === '1', 'signs a link with the key of the stack this config starts');
  // A link of this order that expired an hour ago, signed as the product signs its links.
  const settings = { publicBaseUrl: API_URL, secret: E2E_CUSTOMER_LINK_SECRET, ttlSeconds: 60 };
  const expired = mintCustomerLink(settings, orderNo, Date.now() - 3_600_000).token;
  const before = (await smsTo(FOLLOWING_CUSTOMER)).length;

  const page = await phonePage(browser);
  await page.goto(`/c/${orderNo}#t=${expired}`);
  await expect(page.getByRole('heading', { name: /This link has expired|此链接已过期/ })).toBeVisible();
  await page.getByRole('button', { name: /Send me a new link|给我发送新链接/ }).click();
  await expect(page.getByRole('status')).toContainText('+86 •••• 0141');
  await expectNoSidewaysScroll(page);

  const fresh = await expect
    .poll(async () => (await smsTo(FOLLOWING_CUSTOMER)).length, { timeout: 30_000 })
    .toBe(before + 1)
    .then(async () => linkIn((await smsTo(FOLLOWING_CUSTOMER))[0].text));
  await page.goto(`${fresh.pathname}${fresh.hash}`);
  await expect(page.getByRole('heading', { name: `Your order ${orderNo}` })).toBeVisible();
});

test('a link the server does not recognise says so', async ({ browser }) => {
  const page = await phonePage(browser);
  await page.goto(`/c/${orderNo}#t=not-a-real-token`);
  await expect(page.getByRole('alert')).toContainText('not valid');
});

test('a customer requests service on their own after the one-time code by SMS', async ({ browser }) => {
  const page = await phonePage(browser);
  await page.goto('/request?model=AC-9000');
  await expect(page.getByRole('heading', { name: 'Request service' })).toBeVisible();
  await page.getByLabel('Mobile number', { exact: true }).fill(SELF_SERVICE_CUSTOMER);
  await page.getByRole('button', { name: 'Send me the code' }).click();
  await expect(page.getByRole('heading', { name: 'The code from the SMS' })).toBeVisible();

  await expect.poll(async () => (await smsTo(SELF_SERVICE_CUSTOMER)).length).toBeGreaterThan(0);
  const [sms] = await smsTo(SELF_SERVICE_CUSTOMER);
  const code = /\b(\d{6})\b/.exec(sms.text)?.[1] ?? '';
  expect(code).toMatch(/^\d{6}$/);
  await page.getByLabel('Code', { exact: true }).fill(code);
  await page.getByRole('button', { name: 'Next' }).click();

  const form = page.getByRole('form', { name: 'Your request' });
  await expect(form.getByLabel('Product model')).toHaveValue('AC-9000');
  await form.getByLabel('Your name').fill('Qian Yu');
  await form.getByLabel('Address', { exact: true }).fill('9 Nanjing Road, Huangpu');
  await form.getByLabel('What you need').selectOption('REPAIR');
  await form.getByLabel('Serial number (optional)').fill('SN-SELF-1');
  await form.getByLabel('What is wrong, or what needs doing').fill('The air conditioner drips water');
  await form.getByLabel('I agree to receive messages about this order').check();
  await expectNoSidewaysScroll(page);
  await screenshotFor(page, 'request-phone');
  await form.getByRole('button', { name: 'Send my request' }).click();

  await expect(page.getByRole('heading', { name: 'Request received' })).toBeVisible();
  const number = await page.locator('[data-order-no]').getAttribute('data-order-no');
  expect(number).toMatch(/^SO-\d{8}-\d{6}$/);
  await expect(page.getByText(`Your order number is ${number}.`)).toBeVisible();
  const order = await readOrder('agent', number ?? '');
  expect(['PENDING_REVIEW', 'INFO_REQUIRED']).toContain(order.status);

  // The link on the page opens the new order's own page.
  await page.getByRole('link', { name: 'Follow your order' }).click();
  await expect(page.getByRole('heading', { name: `Your order ${number}` })).toBeVisible();
  await expect(page.getByRole('region', { name: 'What has happened' })).toContainText(
    'We received your request',
  );
});

test('an agent prints the QR poster of the request page', async ({ browser }) => {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await signInAs(page, 'agent');
  await page.getByRole('link', { name: 'QR poster' }).click();
  await page.getByLabel('Product model (optional)').fill('AC-9000');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(/\/request\/poster\?model=AC-9000$/);
  const poster = page.getByRole('article', { name: 'Service request poster' });
  await expect(poster).toContainText('/request?model=AC-9000');
  const qr = poster.getByRole('img');
  await expect(qr).toHaveAttribute('src', '/api/public/service-requests/qr.svg?model=AC-9000');
  // The API drew it: the image loaded.
  await expect
    .poll(() => page.evaluate<number>("document.querySelector('img.poster-qr').naturalWidth"))
    .toBeGreaterThan(0);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Areas' })).toBeHidden();
  await screenshotFor(page, 'request-poster');
});
