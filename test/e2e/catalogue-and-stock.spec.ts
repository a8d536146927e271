// Issue 11's staff pages: an admin edits the price catalogue (a new version with the new price; a negative
// price refused at its own field), and a supervisor books parts in on the stock page and sees the level.
import { expect, test } from '@playwright/test';
import { apiGet, ensureCrew, staffPage } from './support';

test.describe.configure({ mode: 'serial' });

interface Catalogue {
  version: number;
  currency: string;
  items: { code: string; unitPrice: number }[];
}

test.beforeAll(async () => {
  await ensureCrew();
});

test('an admin changes a price: the catalogue is saved as the next version with it', async ({ browser }) => {
  const before = await apiGet<Catalogue>('admin', '/api/price-catalogue');
  const item = before.items[0];
  const page = await staffPage(browser, 'admin');
  await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Catalogue' }).click();
  await expect(page.getByText(`Version ${before.version}`, { exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Edit catalogue' }).click();
  // Major units typed, minor units saved: 0.1 + 0.2 style rounding cannot happen on the way.
  await page.getByLabel(`Unit price, ${item.code}`).fill('234.56');
  await page.getByRole('button', { name: 'Save catalogue' }).click();

  await expect(page.getByRole('status')).toHaveText(`Saved as version ${before.version + 1}.`);
  await expect(page.getByText(`Version ${before.version + 1}`, { exact: true })).toBeVisible();
  const row = page.getByRole('table', { name: 'Items' }).locator(`tr[data-code="${item.code}"]`);
  await expect(row.locator('[data-column="unitPrice"]')).toHaveText(/234\.56/);
  const after = await apiGet<Catalogue>('admin', '/api/price-catalogue');
  expect(after.version).toBe(before.version + 1);
  expect(after.items.find((entry) => entry.code === item.code)?.unitPrice).toBe(23456);

  // The older version stays readable, with its own price.
  await page.getByLabel('Version').selectOption(String(before.version));
  await expect(page.getByText(`Version ${before.version}`, { exact: true })).toBeVisible();
  await expect(row.locator('[data-column="unitPrice"]')).not.toHaveText(/234\.56/);
  await expect(page.getByRole('button', { name: 'Edit catalogue' })).toHaveCount(0);
  await page.getByLabel('Version').selectOption(String(after.version));

  // A negative price: the server's reason at that row's price, and nothing saved.
  await page.getByRole('button', { name: 'Edit catalogue' }).click();
  const price = page.getByLabel(`Unit price, ${item.code}`);
  await price.fill('-5.00');
  await page.getByRole('button', { name: 'Save catalogue' }).click();
  const field = page.locator('[data-field="items[0].unitPrice"]');
  await expect(field.locator('.field-error').first()).toBeVisible();
  await expect(price).toHaveAttribute('aria-invalid', 'true');
  expect((await apiGet<Catalogue>('admin', '/api/price-catalogue')).version).toBe(after.version);
});

test('a supervisor books five parts in at MAIN and sees the level', async ({ browser }) => {
  const partCode = 'AC-CAP-35UF';
  const levels = await apiGet<{ onHand: number; reserved: number }[]>(
    'supervisor',
    `/api/stock?partCode=${partCode}&locationCode=MAIN`,
  );
  const onHand = levels[0]?.onHand ?? 0;
  const reserved = levels[0]?.reserved ?? 0;
  const page = await staffPage(browser, 'supervisor');
  await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Stock' }).click();

  const form = page.getByRole('form', { name: 'Book in parts' });
  await expect(form.getByLabel('Location')).toHaveValue('MAIN');
  // Refused first: the server's reason at the quantity.
  await form.getByLabel('Part code').fill(partCode);
  await form.getByLabel('Quantity').fill('0');
  await form.getByRole('button', { name: 'Book in' }).click();
  await expect(form.locator('[data-field="quantity"] .field-error').first()).toBeVisible();

  await form.getByLabel('Quantity').fill('5');
  await form.getByRole('button', { name: 'Book in' }).click();
  await expect(form.getByRole('status')).toContainText(
    `Booked in 5 × ${partCode} at MAIN: ${onHand + 5} on hand`,
  );

  const row = page
    .getByRole('table', { name: 'Stock levels' })
    .locator(`tr[data-location="MAIN"][data-part="${partCode}"]`);
  await expect(row.locator('[data-column="onHand"]')).toHaveText(String(onHand + 5));
  await expect(row.locator('[data-column="available"]')).toHaveText(String(onHand + 5 - reserved));

  // Filtered by the part, the level is still there.
  await page.getByRole('form', { name: 'Filter stock' }).getByLabel('Part code').fill(partCode);
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(row.locator('[data-column="onHand"]')).toHaveText(String(onHand + 5));
});
