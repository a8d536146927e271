import { useRef } from 'react';
import { asApiError, idempotencyKey } from '../../api/client';

/** No answer, or a 503 that may have been applied: the command may or may not have taken effect. */
export function isOutcomeUnknown(error: unknown): boolean {
  if (!error) return false;
  const status = asApiError(error).status;
  return status === 0 || status === 503;
}

/**
 * The Idempotency-Key of one submission attempt. Pressing submit again while the outcome is unknown
 * re-sends the same key, so the server applies the command once; after any definite answer (success or
 * refusal) the next submission gets a fresh key.
 */
export function useSubmissionKey() {
  const pending = useRef<string | null>(null);
  return {
    /** The key for this press of submit (call in the event handler). */
    take(): string {
      pending.current ??= idempotencyKey();
      return pending.current;
    },
    /** Records the command's outcome: keeps the key only while it is unknown. */
    settle(error?: unknown): void {
      if (!isOutcomeUnknown(error)) pending.current = null;
    },
  };
}
