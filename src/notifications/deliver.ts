// Sends one outbox row. The attempt is counted first, in its own commit, so one cut off by a crash still
// shows. The row is then locked while it is sent, so two overlapping attempts never both send; a SENT row
// is never sent again. The wire itself is at-least-once: a crash between the server's answer and the
// commit re-sends with the same Message-ID / X-Idempotency-Key, which receivers dedupe on.
import type { DataSource } from 'typeorm';
import type { DeliveryChannel, DeliveryStatus } from '../persistence/entities/notification-delivery.entity';
import type { EmailPayload, EmailSender } from './email';
import type { SmsPayload, SmsSender } from './sms';
import { postWebhook, type WebhookEvent } from './webhook';

export interface DeliveryRow {
  id: string;
  idempotencyKey: string;
  channel: DeliveryChannel;
  recipient: string;
  payload: Record<string, unknown>;
  status: DeliveryStatus;
  attempts: number;
}

export interface Channels {
  email: EmailSender | null;
  sms: SmsSender | null;
  webhook: { url: string; secret: string | undefined } | null;
}

export type DeliveryOutcome =
  | { kind: 'SENT'; row: DeliveryRow }
  | { kind: 'ALREADY_SENT'; row: DeliveryRow }
  | { kind: 'MISSING' }
  | { kind: 'FAILED'; row: DeliveryRow; error: string; final: boolean };

/** A failure that no retry can fix (the channel is no longer configured). */
export class PermanentDeliveryError extends Error {}

/**
 * One attempt. `final` says this attempt is the last of the retry budget: a failure then leaves the row
 * FAILED with its last error.
 */
export async function attemptDelivery(
  dataSource: DataSource,
  channels: Channels,
  deliveryId: string,
  final: boolean,
  hooks: { beforeMarkSent?: (row: DeliveryRow) => void | Promise<void> } = {},
): Promise<DeliveryOutcome> {
  // Autocommit, before the lock below: a crash mid-send must not roll the count back. It waits for an
  // overlapping attempt's lock and then skips a row that attempt sent.
  await dataSource.query(
    `UPDATE notification_deliveries SET attempts = attempts + 1, last_attempt_at = now()
     WHERE id = $1 AND status <> 'SENT'`,
    [deliveryId],
  );
  return dataSource.transaction(async (manager) => {
    const rows = (await manager.query(
      `SELECT id, idempotency_key AS "idempotencyKey", channel, recipient, payload, status, attempts
       FROM notification_deliveries WHERE id = $1 FOR UPDATE`,
      [deliveryId],
    )) as DeliveryRow[];
    const row = rows[0];
    if (!row) return { kind: 'MISSING' } as const;
    if (row.status === 'SENT') return { kind: 'ALREADY_SENT', row } as const;
    try {
      await send(channels, row);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const giveUp = final || error instanceof PermanentDeliveryError;
      await manager.query(
        `UPDATE notification_deliveries
         SET last_error = $2, status = CASE WHEN $3 THEN 'FAILED' ELSE status END
         WHERE id = $1`,
        [row.id, message.slice(0, 2000), giveUp],
      );
      return { kind: 'FAILED', row, error: message, final: giveUp } as const;
    }
    // Test-only: a throw here is a crash between the receiver's answer and our commit (the row stays unsent).
    await hooks.beforeMarkSent?.(row);
    await manager.query(`UPDATE notification_deliveries SET status = 'SENT', sent_at = now() WHERE id = $1`, [
      row.id,
    ]);
    return { kind: 'SENT', row: { ...row, status: 'SENT' } } as const;
  });
}

async function send(channels: Channels, row: DeliveryRow): Promise<void> {
  if (row.channel === 'EMAIL') {
    if (!channels.email) throw new PermanentDeliveryError('SMTP_URL is not set; the e-mail cannot be sent');
    await channels.email.send(row.payload as unknown as EmailPayload, row.idempotencyKey);
    return;
  }
  if (row.channel === 'SMS') {
    if (!channels.sms) throw new PermanentDeliveryError('SMS_PROVIDER is none; the SMS cannot be sent');
    await channels.sms.send(row.payload as unknown as SmsPayload, row.idempotencyKey);
    return;
  }
  if (!channels.webhook)
    throw new PermanentDeliveryError('WEBHOOK_URL is not set; the webhook cannot be sent');
  // The row keeps the URL it was written for; a changed WEBHOOK_URL applies to new rows.
  await postWebhook({
    url: row.recipient,
    secret: channels.webhook.secret,
    idempotencyKey: row.idempotencyKey,
    event: row.payload as unknown as WebhookEvent,
  });
}
