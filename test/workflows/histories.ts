// Recording of finished orders' histories for the replay test (RECORD_HISTORIES=1 writes them).
// The files are Temporal's standard JSON history, the same as `temporal workflow show --output json`
// writes, so a history exported from production can be dropped into test/histories/ as it is.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';

export const HISTORIES_DIR = join(__dirname, '..', 'histories');

/**
 * What today's code records: the phases with lifecycle rules v2, quiet turns, customer messages and priced
 * work. Older recordings keep their prefix: `legacy-v1-` (before the single command issuer, frozen code),
 * `single-issuer-rules-v1-` (the single command issuer with the first lifecycle rules), `rules-v2-`
 * (before quiet turns), `quiet-turns-` (before customer messages) and `customer-messages-` (before priced
 * work).
 */
export const RECORDED_PREFIX = 'priced-work-';

export async function recordHistory(handle: WorkflowHandle, name: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const history = await handle.fetchHistory();
  mkdirSync(HISTORIES_DIR, { recursive: true });
  writeFileSync(join(HISTORIES_DIR, `${RECORDED_PREFIX}${name}.json`), `${historyToJSON(history)}\n`);
}

export function loadHistory(file: string): temporal.api.history.v1.IHistory {
  return historyFromJSON(JSON.parse(readFileSync(file, 'utf8')));
}
