import type { Client } from '@temporalio/client';

/** How long a request waits on Temporal before answering 503 (the SDK would otherwise retry for a minute). */
export const TEMPORAL_CALL_TIMEOUT_MS = 10_000;

export function withinDeadline<T>(
  client: Client,
  fn: () => Promise<T>,
  ms = TEMPORAL_CALL_TIMEOUT_MS,
): Promise<T> {
  return client.withDeadline(Date.now() + ms, fn);
}
