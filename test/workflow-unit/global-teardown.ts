import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const state = globalThis.workflowUnitState;
  if (!state) return;
  globalThis.workflowUnitState = undefined;
  await state.temporal.teardown();
  if (state.ownBundlePath) rmSync(state.ownBundlePath, { force: true });
}
