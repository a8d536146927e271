// What the browser specs share: the crew (through the public API, as scripts/seed-demo.ts makes it),
// signing in through the login page, and API calls for the facts a spec checks against the server.
import { expect, type Browser, type Page } from '@playwright/test';
import { seedCrew, signIn as apiSignIn } from '../../scripts/demo-data';
import { E2E_PORT } from './playwright.config';

export const API_URL = `http://127.0.0.1:${E2E_PORT}`;
export const CREW_PASSWORD = 'demo-password';

let crewReady: Promise<unknown> | null = null;

/** Creates the demo crew once per worker process (kept when it exists). */
export function ensureCrew(): Promise<unknown> {
  crewReady ??= apiSignIn(API_URL, 'admin', 'admin-password').then((admin) =>
    seedCrew(API_URL, admin, CREW_PASSWORD),
  );
  return crewReady;
}

/** A bearer token for `username`, for the API calls a spec makes beside the browser. */
export function tokenOf(username: string): Promise<string> {
  return apiSignIn(API_URL, username, username === 'admin' ? 'admin-password' : CREW_PASSWORD);
}

/** Signs in through the login page and waits until the console shows who is signed in. */
export async function signInAs(page: Page, username: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(username === 'admin' ? 'admin-password' : CREW_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

/** A GET on the API as `username`, which must answer 200: the facts a spec checks the screens against. */
export async function apiGet<T>(username: string, path: string): Promise<T> {
  const response = await fetch(`${API_URL}${path}`, {
    headers: { Authorization: `Bearer ${await tokenOf(username)}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

/** The order as the API reads it, for `username`. */
export function readOrder(username: string, orderNo: string): Promise<Record<string, unknown>> {
  return apiGet(username, `/api/orders/${orderNo}`);
}

/** A desktop browser context signed in as `username`. */
export async function staffPage(browser: Browser, username: string, viewport = { width: 1280, height: 900 }) {
  const page = await (await browser.newContext({ viewport })).newPage();
  await signInAs(page, username);
  return page;
}

/** Screenshots for docs/ and README, written only when SCREENSHOTS=1 (npm run docs:screenshots). */
export async function screenshotFor(page: Page, name: string): Promise<void> {
  if (process.env.SCREENSHOTS !== '1') return;
  await page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage: true });
}

/** A POST on the API as `username` that must answer 200 (an order command); answers the body. */
export async function apiCommand<T = unknown>(username: string, path: string, body: unknown): Promise<T> {
  const response = await fetch(`${API_URL}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', Authorization: `Bearer ${await tokenOf(username)}` },
    body: JSON.stringify(body),
  });
  expect(response.status, `${path}: ${await response.clone().text()}`).toBe(200);
  return (await response.json()) as T;
}

export interface SinkMessage {
  id: string;
  to: string;
  text: string;
  createdAt: string;
}

/** The SMS the sink kept for `phone` (E.164), newest first (GET /api/dev/sms-sink, as the admin). */
export async function smsTo(phone: string): Promise<SinkMessage[]> {
  const { items } = await apiGet<{ items: SinkMessage[] }>(
    'admin',
    `/api/dev/sms-sink?to=${encodeURIComponent(phone)}&limit=50`,
  );
  return items;
}

/** The customer link in a message: `<base>/c/<orderNo>#t=<token>`. */
export function customerLinkIn(text: string): URL {
  const match = /https?:\/\/\S+\/c\/SO-[\d-]+#t=[\w.-]+/.exec(text);
  expect(match, `a customer link in: ${text}`).not.toBeNull();
  return new URL(match?.[0] ?? '');
}

/** A 390 px phone, touch and all, signed in as nobody. */
export async function phonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  return context.newPage();
}

/** Nothing on the page is wider than the window. */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
  expect(overflow).toBeLessThanOrEqual(0);
}
