// `npm run seed:demo`: a crew and a few orders on a running product (npm start), through the public API,
// so the web app has something to show. Staff sign in with the password DEMO_PASSWORD (default
// `demo-password`). Safe to run twice: existing users are kept, and each run adds three new orders.
import { loadConfig } from '../src/config/app-config';
import { call, demoOrder, seedCrew, signIn } from './demo-data';

const apiUrl = process.env.API_URL ?? `http://localhost:${loadConfig().PORT}`;
const password = process.env.DEMO_PASSWORD ?? 'demo-password';

async function main(): Promise<void> {
  const config = loadConfig();
  const admin = await signIn(apiUrl, config.ADMIN_USERNAME, config.ADMIN_PASSWORD);
  for (const line of await seedCrew(apiUrl, admin, password)) process.stdout.write(`${line}\n`);
  const agent = await signIn(apiUrl, 'agent', password);
  const base = Date.now() % 10_000;
  for (const [offset, kind] of (['simple', 'complex', 'missingSerial'] as const).entries()) {
    const response = await call(apiUrl, 'POST', '/api/orders', agent, demoOrder(base + offset, kind));
    if (!response.ok) throw new Error(`intake failed: ${response.status} ${await response.text()}`);
    const order = (await response.json()) as { orderNo: string; status: string };
    process.stdout.write(`order ${order.orderNo}: ${order.status} (${kind})\n`);
  }
  process.stdout.write(`staff sign in at ${apiUrl}/ with password "${password}"\n`);
}

if (require.main === module)
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
