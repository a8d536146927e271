// The release after the fix: replays the 'throw' histories (they hold no command), but its first command is an
// activity where the older 'wait' histories hold a timer, so those no longer replay (nondeterminism).
import { proxyActivities } from '@temporalio/workflow';
import type { StandInInput } from './broken-order.workflow';

const { noop } = proxyActivities<{ noop(): Promise<void> }>({ startToCloseTimeout: '1 minute' });

export async function serviceOrder(input: StandInInput): Promise<string> {
  await noop();
  return `done ${input.orderNo}`;
}
