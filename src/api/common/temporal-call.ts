import type { Client } from '@temporalio/client';

/**
 * Runs a Temporal call that must answer within `ms` (config TEMPORAL_CALL_TIMEOUT_MS); past it the request
 * answers 503 instead of letting the SDK retry for a minute.
 */
export function withinDeadline<T>(client: Client, fn: () => Promise<T>, ms: number): Promise<T> {
  return client.withDeadline(Date.now() + ms, fn);
}
