// Stand-ins for order workflows as an older, broken release ran them (type `serviceOrder`, like the real one).
import { sleep } from '@temporalio/workflow';

export interface StandInInput {
  orderNo: string;
  /** 'throw': a bug in the workflow body; 'wait': healthy on this code, but its history holds a timer. */
  mode: 'throw' | 'wait';
}

export const BROKEN_MESSAGE = 'stand-in bug: the order workflow cannot go on';

export async function serviceOrder(input: StandInInput): Promise<string> {
  // A plain Error fails the workflow task (retried for ever), not the workflow.
  if (input.mode === 'throw') throw new Error(BROKEN_MESSAGE);
  await sleep('1 day');
  return 'woke up';
}
