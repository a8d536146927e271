// Idempotency keys: one per (order, stage or kind, level, recipient, channel), stable across retries.
import { createHash } from 'node:crypto';

export type NotificationChannel = 'INBOX' | 'EMAIL' | 'WEBHOOK' | 'SMS';

/** The webhook is one event per step, not per person. */
export const WEBHOOK_RECIPIENT = 'all';

const MAX_KEY_LENGTH = 300;

/** `${orderNo}:${stageKey}:${level}`: the step an escalation's rows belong to. */
export function escalationSourceKey(orderNo: string, stageKey: string, level: number): string {
  return boundedKey(`${orderNo}:${stageKey}:${level}`);
}

/** `${source}:${recipient}:${channel}`; for escalations `${orderNo}:${stageKey}:${level}:${userId}:${channel}`. */
export function deliveryKey(sourceKey: string, recipient: string, channel: NotificationChannel): string {
  return boundedKey(`${sourceKey}:${recipient}:${channel}`);
}

/** Keys longer than the column keep a readable prefix and end in a hash of the whole key. */
export function boundedKey(key: string): string {
  if (key.length <= MAX_KEY_LENGTH) return key;
  const hash = createHash('sha256').update(key).digest('hex');
  return `${key.slice(0, MAX_KEY_LENGTH - hash.length - 1)}#${hash}`;
}

/** A Message-ID derived from the idempotency key: a re-sent e-mail carries the same id, so receivers can dedupe. */
export function messageIdFor(idempotencyKey: string, domain = 'service-orders.local'): string {
  const hash = createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40);
  return `<${hash}@${domain}>`;
}
