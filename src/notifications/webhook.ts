// Webhook channel: a JSON event POSTed to WEBHOOK_URL, signed with HMAC-SHA256 over the raw body.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const WEBHOOK_TIMEOUT_MS = 10_000;

export interface WebhookEvent {
  /** The delivery's idempotency key: the same on every retry, so receivers can dedupe. */
  id: string;
  type: string;
  occurredAt: string;
  data: Record<string, unknown>;
}

/** `sha256=<hex>`, the value of the X-Signature header. */
export function signWebhookBody(rawBody: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex')}`;
}

/** For receivers (and tests): constant-time check of an X-Signature header against the raw body. */
export function verifyWebhookSignature(rawBody: string, secret: string, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signWebhookBody(rawBody, secret));
  const actual = Buffer.from(header);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export interface WebhookRequest {
  url: string;
  secret: string | undefined;
  idempotencyKey: string;
  event: WebhookEvent;
}

/** Sends once; anything but a 2xx answer (or no answer in time) throws. */
export async function postWebhook({ url, secret, idempotencyKey, event }: WebhookRequest): Promise<void> {
  const body = JSON.stringify(event);
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'X-Idempotency-Key': idempotencyKey,
    'X-Event-Type': event.type,
  };
  // Without WEBHOOK_SECRET the event goes unsigned; configure a secret for any real receiver.
  if (secret) headers['X-Signature'] = signWebhookBody(body, secret);
  const response = await fetch(url, {
    method: 'POST',
    headers,
    body,
    signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
  });
  if (!response.ok) {
    const text = await response.text().catch(() => '');
    throw new Error(`webhook ${url} answered ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`);
  }
  // Drain the body so the connection can be reused.
  await response.arrayBuffer().catch(() => undefined);
}
