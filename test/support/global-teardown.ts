import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const state = globalThis.integrationTestState;
  if (!state) return;
  await state.temporal.teardown();
  if (!process.env.KEEP_TEST_DATABASE) await state.database.drop();
  if (process.env.TEST_WORKFLOW_BUNDLE) rmSync(process.env.TEST_WORKFLOW_BUNDLE, { force: true });
}
