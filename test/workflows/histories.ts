// Recording of finished orders' histories for the replay test (RECORD_HISTORIES=1 writes them).
// The files hold the protobufjs object form of the history (longs, enums and bytes as strings). The
// SDK's historyToJSON/historyFromJSON cannot be used here: @temporalio/common bundles protobufjs 8 while
// @temporalio/proto is built on protobufjs 7, and protojson rejects the other copy's types.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

export const HISTORIES_DIR = join(__dirname, '..', 'histories');

const History = temporal.api.history.v1.History;

export async function recordHistory(handle: WorkflowHandle, name: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const history = await handle.fetchHistory();
  const object = History.toObject(History.fromObject(history), {
    longs: String,
    enums: String,
    bytes: String,
  });
  mkdirSync(HISTORIES_DIR, { recursive: true });
  writeFileSync(join(HISTORIES_DIR, `${name}.json`), `${JSON.stringify(object, null, 1)}\n`);
}

export function loadHistory(file: string): temporal.api.history.v1.History {
  return History.fromObject(JSON.parse(readFileSync(file, 'utf8')));
}
