// The raw baselines: the least a Temporal application can do for each measured path, on the same server
// and with the same payload codec as the product. Nothing here is product logic.
import {
  condition,
  defineSignal,
  defineUpdate,
  proxyActivities,
  setHandler,
  sleep,
} from '@temporalio/workflow';
import type { RawActivities } from './raw.activities';

export const touch = defineUpdate<{ revision: number }, [unknown]>('touch');
export const finish = defineSignal('finish');

/** Started with the order's input, holds a live timer like an open order, answers an Update at once. */
export async function rawOrder(_input: unknown): Promise<void> {
  let revision = 0;
  let finished = false;
  setHandler(touch, () => ({ revision: ++revision }));
  setHandler(finish, () => {
    finished = true;
  });
  await condition(() => finished, '1 hour');
}

const { recordFiring } = proxyActivities<RawActivities>({ startToCloseTimeout: '1 minute' });

/** One timer per step, each followed by one activity that records when the step fired. */
export async function rawTimer(input: { id: string; dueAtMs: number[] }): Promise<void> {
  for (const [level, dueAtMs] of input.dueAtMs.entries()) {
    await sleep(Math.max(1, dueAtMs - Date.now()));
    await recordFiring({ id: input.id, level, dueAtMs, firedAtMs: Date.now() });
  }
}
