// In a real browser (Chromium): the OpenAPI UI renders over plain HTTP on a host name other than localhost,
// and a page on the Temporal Web UI's origin — http://localhost:<ui> or http://127.0.0.1:<ui> — gets the
// codec session cookie and decodes through the API on the same host name, with the requests the Web UI
// makes (credentials: 'include', Content-Type and X-Namespace, so a CORS preflight first).
import { chromium, type Browser } from '@playwright/test';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiStack, bearer, login, startApiStack } from './api-harness';

const CHROMIUM = '/usr/bin/chromium';
/** A host name that is not localhost; Chromium resolves it to 127.0.0.1 (--host-resolver-rules). */
const OTHER_HOST = 'service-orders.test';

interface Seen {
  method: string;
  path: string;
  origin?: string;
  cookie: boolean;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '0.0.0.0', () => resolve((server.address() as AddressInfo).port)),
  );
}

function close(server: Server | undefined): Promise<void> {
  return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
}

describe('docs and codec in a browser', () => {
  let stack: ApiStack;
  let browser: Browser;
  let api: Server;
  let ui: Server;
  let apiPort: number;
  let uiPort: number;
  let admin: string;
  const seen: Seen[] = [];

  beforeAll(async () => {
    // Stands in for the Temporal Web UI's origin: a blank page the test runs the UI's fetches in.
    ui = createServer((_req, res) => {
      res.setHeader('Content-Type', 'text/html');
      res.end('<!doctype html><title>Temporal Web UI stand-in</title>');
    });
    uiPort = await listen(ui);
    stack = await startApiStack({
      prefix: 'api-browser',
      // CODEC_CORS_ORIGINS unset: the default allows the dev server's UI port on both host names.
      env: {
        PAYLOAD_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
        TEMPORAL_UI_PORT: String(uiPort),
      },
    });
    const express = stack.app.getHttpAdapter().getInstance() as (
      req: IncomingMessage,
      res: ServerResponse,
    ) => void;
    api = createServer((req, res) => {
      seen.push({
        method: req.method ?? '',
        path: (req.url ?? '').split('?')[0],
        origin: req.headers.origin,
        cookie: /(^|;\s*)codec_session=/.test(req.headers.cookie ?? ''),
      });
      express(req, res);
    });
    apiPort = await listen(api);
    admin = await login(stack, 'admin', 'admin-password');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        `--host-resolver-rules=MAP ${OTHER_HOST} 127.0.0.1`,
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await close(api);
    await close(ui);
    await stack?.close();
  });

  it(`renders /api/docs over plain HTTP at http://${OTHER_HOST}, with its operations`, async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const failed: string[] = [];
    page.on('requestfailed', (request) => failed.push(request.url()));
    page.on('console', (message) => {
      // Over plain HTTP on a host other than localhost Chromium ignores helmet's Cross-Origin-Opener-Policy
      // and says so; it takes effect over HTTPS and on localhost, so the header stays.
      if (
        message.type() === 'error' &&
        !message.text().includes('Cross-Origin-Opener-Policy header has been ignored')
      )
        failed.push(message.text());
    });
    const response = await page.goto(`http://${OTHER_HOST}:${apiPort}/api/docs`);
    expect(response?.status()).toBe(200);
    await page.locator('.opblock').first().waitFor({ timeout: 20_000 });
    expect(await page.locator('.opblock').count()).toBeGreaterThan(30);
    expect(
      await page.locator('.opblock-summary-path', { hasText: '/api/orders/{orderNo}/review' }).count(),
    ).toBe(1);
    // Every asset came over http from this host (no upgrade to https, nothing blocked by the CSP).
    expect(failed).toEqual([]);
    await context.close();
  });

  /** Plaintext payloads encrypted by the codec itself (bearer token: what the CLI sends). */
  async function encryptedPayloads(): Promise<{
    payloads: { metadata: Record<string, string>; data: string }[];
  }> {
    const plain = {
      payloads: [
        {
          metadata: { encoding: Buffer.from('json/plain').toString('base64') },
          data: Buffer.from('{"customer":"Zhang San"}').toString('base64'),
        },
      ],
    };
    const encoded = await stack.http().post('/api/codec/encode').set(bearer(admin)).send(plain).expect(200);
    expect(Buffer.from(encoded.body.payloads[0].metadata.encoding, 'base64').toString()).toBe(
      'binary/encrypted',
    );
    return encoded.body;
  }

  for (const host of ['localhost', '127.0.0.1']) {
    it(`decodes from a page on http://${host}:<ui port> through http://${host}:<api port>/api/codec with the session cookie`, async () => {
      const body = await encryptedPayloads();
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`http://${host}:${uiPort}/`);
      const endpoint = `http://${host}:${apiPort}/api/codec`;
      seen.length = 0;
      const result = await page.evaluate(
        async ({ endpoint, token, body }) => {
          // README step 1: trade the bearer token for the cookie, in the browser that runs the UI.
          const session = await fetch(`${endpoint}/session`, {
            method: 'POST',
            credentials: 'include',
            headers: { Authorization: `Bearer ${token}` },
          });
          // What the Web UI sends with "Include cross-origin credentials" on (and with it off).
          const decode = (credentials: 'include' | 'same-origin') =>
            fetch(`${endpoint}/decode`, {
              method: 'POST',
              credentials,
              headers: { 'Content-Type': 'application/json', 'X-Namespace': 'default' },
              body: JSON.stringify(body),
            });
          const withCookie = await decode('include');
          const without = await decode('same-origin');
          const check = await fetch(`${endpoint}/session`, { credentials: 'include' });
          return {
            session: session.status,
            decoded: withCookie.status,
            payloads: withCookie.ok ? ((await withCookie.json()) as typeof body).payloads : [],
            withoutCredentials: without.status,
            check: check.status,
          };
        },
        { endpoint, token: admin, body },
      );
      expect(result).toMatchObject({ session: 200, decoded: 200, withoutCredentials: 401, check: 204 });
      expect(Buffer.from(result.payloads[0].data, 'base64').toString()).toBe('{"customer":"Zhang San"}');
      const origin = `http://${host}:${uiPort}`;
      // The preflight (no cookie on it, as browsers do), then the POST carrying the cookie.
      expect(seen).toEqual(
        expect.arrayContaining([
          { method: 'OPTIONS', path: '/api/codec/decode', origin, cookie: false },
          { method: 'POST', path: '/api/codec/decode', origin, cookie: true },
        ]),
      );
      const cookies = await context.cookies(endpoint);
      expect(cookies).toEqual([
        expect.objectContaining({
          name: 'codec_session',
          httpOnly: true,
          sameSite: 'Lax',
          path: '/api/codec',
        }),
      ]);
      await context.close();
    });
  }

  it('does not carry the cookie across host names (UI on 127.0.0.1, API on localhost): why the README pairs them', async () => {
    const body = await encryptedPayloads();
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${uiPort}/`);
    const result = await page.evaluate(
      async ({ endpoint, token, body }) => {
        const session = await fetch(`${endpoint}/session`, {
          method: 'POST',
          credentials: 'include',
          headers: { Authorization: `Bearer ${token}` },
        });
        const decode = await fetch(`${endpoint}/decode`, {
          method: 'POST',
          credentials: 'include',
          headers: { 'Content-Type': 'application/json', 'X-Namespace': 'default' },
          body: JSON.stringify(body),
        });
        return { session: session.status, decode: decode.status };
      },
      { endpoint: `http://localhost:${apiPort}/api/codec`, token: admin, body },
    );
    // The session is made, but a SameSite=Lax cookie is neither stored from nor sent to another site.
    expect(result).toEqual({ session: 200, decode: 401 });
    await context.close();
  });
});
