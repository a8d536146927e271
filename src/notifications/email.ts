// E-mail channel: nodemailer over SMTP_URL (smtp:// or smtps://, credentials in the URL).
import nodemailer, { type Transporter } from 'nodemailer';

export interface EmailPayload {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Derived from the idempotency key: a re-sent message carries the same Message-ID. */
  messageId: string;
}

export interface EmailSender {
  send(payload: EmailPayload, idempotencyKey: string): Promise<void>;
}

/** One transport per worker; short timeouts so a dead server fails the attempt instead of hanging it. */
export function createEmailSender(smtpUrl: string, from: string): EmailSender {
  const transport: Transporter = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as nodemailer.TransportOptions);
  return {
    async send(payload, idempotencyKey) {
      const info = (await transport.sendMail({
        from,
        to: payload.to,
        subject: payload.subject,
        text: payload.text,
        html: payload.html,
        messageId: payload.messageId,
        headers: { 'X-Idempotency-Key': idempotencyKey },
      })) as { rejected?: unknown[] };
      if (info.rejected && info.rejected.length > 0) throw new Error(`SMTP server rejected ${payload.to}`);
    },
  };
}

/** The domain part of SMTP_FROM, for Message-IDs (`Service Orders <no-reply@example.com>` → `example.com`). */
export function domainOf(from: string): string {
  const match = /@([A-Za-z0-9.-]+)/.exec(from);
  return match ? match[1] : 'service-orders.local';
}
