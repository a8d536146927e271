// The rest of the console, each page as the person who uses it, on an order this file assigns to tech.li
// through the API first: the order list's filters in the URL, the inbox updated without a reload, the KPI
// report's charts, escalations, and the admin pages (a user created through the form, a policy edit
// previewing the running orders it would re-project).
import { expect, test } from '@playwright/test';
import { call, demoOrder } from '../../scripts/demo-data';
import { apiGet, ensureCrew, screenshotFor, staffPage, tokenOf, API_URL } from './support';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  await ensureCrew();
  const agent = await tokenOf('agent');
  const created = await call(API_URL, 'POST', '/api/orders', agent, demoOrder(8_000, 'simple'));
  expect(created.status).toBe(201);
  const { orderNo } = (await created.json()) as { orderNo: string };
  const reviewed = await call(API_URL, 'POST', `/api/orders/${orderNo}/review`, agent, {
    decision: 'APPROVE',
  });
  expect(reviewed.status).toBe(200);
  const { items } = await apiGet<{ items: { id: string; username: string }[] }>(
    'admin',
    '/api/users?role=technician&pageSize=100',
  );
  const technicianId = items.find((user) => user.username === 'tech.li')?.id;
  const assigned = await call(
    API_URL,
    'POST',
    `/api/orders/${orderNo}/assignment`,
    await tokenOf('supervisor'),
    {
      technicianId,
    },
  );
  expect(assigned.status).toBe(200);
});

test('the order list filters by status, kept in the URL', async ({ browser }) => {
  const page = await staffPage(browser, 'supervisor');
  await page.goto('/orders?status=ASSIGNED');
  const expected = await apiGet<{ items: { orderNo: string }[] }>(
    'supervisor',
    '/api/orders?status=ASSIGNED',
  );
  expect(expected.items.length).toBeGreaterThan(0);
  for (const { orderNo } of expected.items)
    await expect(page.getByRole('link', { name: orderNo, exact: true })).toBeVisible();
  // Every row shown has the status filtered by.
  const statuses = await page
    .locator('tbody [data-status]')
    .evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-status')));
  expect(new Set(statuses)).toEqual(new Set(['ASSIGNED']));
  await screenshotFor(page, 'orders');
  await page.reload();
  await expect(page).toHaveURL(/status=ASSIGNED/);
});

test('the technician’s inbox shows the assignment and marks it read without a reload', async ({
  browser,
}) => {
  const page = await staffPage(browser, 'tech.li');
  await page.goto('/notifications');
  const inbox = await apiGet<{ unread: number; items: { title: string; readAt: string | null }[] }>(
    'tech.li',
    '/api/me/notifications',
  );
  expect(inbox.unread).toBeGreaterThan(0);
  const badge = page.getByLabel(`${inbox.unread} unread`).first();
  await expect(badge).toBeVisible();
  await screenshotFor(page, 'notifications');
  await page.getByRole('button', { name: 'Mark read' }).first().click();
  if (inbox.unread > 1) await expect(page.getByLabel(`${inbox.unread - 1} unread`).first()).toBeVisible();
  else await expect(page.getByLabel(/\d+ unread/)).toHaveCount(0);
  const after = await apiGet<{ unread: number }>('tech.li', '/api/me/notifications');
  expect(after.unread).toBe(inbox.unread - 1);
});

test('escalations list what the API lists', async ({ browser }) => {
  const page = await staffPage(browser, 'supervisor');
  await page.goto('/escalations');
  await expect(page.getByRole('heading', { name: 'Escalations', level: 1 })).toBeVisible();
  const listed = await apiGet<{ total: number }>('supervisor', '/api/escalations?state=open');
  if (listed.total === 0) await expect(page.getByText('No open escalations.')).toBeVisible();
  await screenshotFor(page, 'escalations');
});

test('an admin creates a technician through the form', async ({ browser }) => {
  const page = await staffPage(browser, 'admin');
  await page.goto('/admin/users');
  await page.getByRole('button', { name: 'New user' }).click();
  const username = `tech.e2e.${Date.now() % 100_000}`;
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Display name').fill('Wu Gang (technician)');
  await page.getByLabel('Password').fill('short');
  await page.getByRole('checkbox', { name: 'technician' }).check();
  await page.getByRole('button', { name: 'Create user' }).click();
  // The server's reason, at the password field.
  await expect(page.locator('[data-field="password"]').getByRole('alert')).toBeVisible();
  await page.getByLabel('Password').fill('a-long-enough-password');
  await page.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByRole('cell', { name: username, exact: true })).toBeVisible();
  const users = await apiGet<{ items: { username: string; roles: string[] }[] }>(
    'admin',
    '/api/users?role=technician&pageSize=100',
  );
  expect(users.items.find((user) => user.username === username)?.roles).toEqual(['technician']);
  await screenshotFor(page, 'admin-users');
});

test('a policy edit previews the running orders it would re-project', async ({ browser }) => {
  const page = await staffPage(browser, 'admin');
  await page.goto('/admin/policies');
  await page.getByRole('button', { name: 'Edit Installation policy' }).click();
  await page.getByRole('checkbox', { name: 'Apply to running orders' }).check();
  const preview = await apiGet<{ total: number }>('admin', '/api/sla-policies/INSTALLATION/running-orders');
  expect(preview.total).toBeGreaterThan(0);
  await expect(page.getByRole('region', { name: 'Running orders' })).toContainText(
    `re-projects ${preview.total.toLocaleString('en')} order`,
  );
  await screenshotFor(page, 'admin-policies');
  await page.goto('/admin/calendars');
  await expect(page.getByRole('heading', { name: 'Business calendars', level: 1 })).toBeVisible();
  await screenshotFor(page, 'admin-calendars');
});

test('an agent names the technician of a DIRECT order from a list', async ({ browser }) => {
  const page = await staffPage(browser, 'agent');
  await page.goto('/intake');
  await page.getByLabel('Dispatch mode').selectOption('DIRECT');
  const technician = page.getByLabel('Technician', { exact: true });
  await expect(technician.locator('option', { hasText: 'Li Wei (technician)' })).toHaveCount(1);
  const { items } = await apiGet<{ items: { id: string; username: string }[] }>(
    'admin',
    '/api/users?role=technician&pageSize=100',
  );
  const liWei = items.find((user) => user.username === 'tech.li')?.id ?? '';
  await technician.selectOption(liWei);
  await expect(technician).toHaveValue(liWei);
});
