// The README's steps to read encrypted payloads in the Temporal Web UI (the dev server's UI 2.42.1 that
// `npm start` runs), followed as written from `localhost` and from `127.0.0.1`: trade the admin's token for
// the codec session cookie, point the UI's browser codec setting at the API with credentials, and the
// order's input shows the customer's name in clear.
import { expect, test } from '@playwright/test';
import { call, demoOrder } from '../../scripts/demo-data';
import { E2E_PORT, E2E_UI_PORT } from './playwright.config';
import { ensureCrew, tokenOf, API_URL } from './support';

let orderNo = '';
let customerName = '';

test.beforeAll(async () => {
  await ensureCrew();
  const body = demoOrder(7_000, 'simple');
  customerName = (body.customer as { name: string }).name;
  const created = await call(API_URL, 'POST', '/api/orders', await tokenOf('agent'), body);
  expect(created.status).toBe(201);
  orderNo = ((await created.json()) as { orderNo: string }).orderNo;
});

for (const host of ['localhost', '127.0.0.1']) {
  test(`an admin reads an order's encrypted input in the Temporal Web UI on ${host}`, async ({ page }) => {
    const ui = `http://${host}:${E2E_UI_PORT}`;
    const codec = `http://${host}:${E2E_PORT}/api/codec`;
    const decodes: number[] = [];
    page.on('response', (response) => {
      if (response.url() === `${codec}/decode`) decodes.push(response.status());
    });
    await page.goto(`${ui}/namespaces/default/workflows`);
    // Step 1: in the UI's page, trade the admin's token for the codec session cookie.
    const session = await page.evaluate(
      async ({ url, token }) =>
        (
          await fetch(`${url}/session`, {
            method: 'POST',
            credentials: 'include',
            headers: { Authorization: `Bearer ${token}` },
          })
        ).status,
      { url: codec, token: await tokenOf('admin') },
    );
    expect(session).toBe(200);

    // Step 2: the UI's codec settings: the browser endpoint, with cross-origin credentials.
    await page.getByTestId('data-encoder-status-configured').click();
    await page.getByRole('button', { name: /Use Cluster-level setting/ }).click();
    await page.getByTestId('use-local-endpoint-input').check({ force: true });
    await page.getByTestId('data-encoder-endpoint-input').fill(codec);
    // The switch is a visually hidden checkbox under its label.
    await page
      .locator('#pass-access-credentials')
      .evaluate((element: { click: () => void }) => element.click());
    await expect(page.locator('#pass-access-credentials')).toBeChecked();
    await page.getByTestId('confirm-data-encoder-button').click();

    await page.goto(`${ui}/namespaces/default/workflows/order-${orderNo}`);
    await expect(page.getByText(`"${customerName}"`).first()).toBeVisible();
    expect(decodes.length).toBeGreaterThan(0);
    expect(decodes.every((status) => status === 200)).toBe(true);
  });
}
