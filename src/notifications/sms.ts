// SMS channel: one provider interface, chosen by SMS_PROVIDER. `http` POSTs each message to a gateway
// (SMS_GATEWAY_URL); `sink` keeps it in the sms_sink_messages table, where development, the browser tests
// and the demo read it (GET /api/dev/sms-sink); `none` sends nothing.
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';

export const SMS_GATEWAY_TIMEOUT_MS = 10_000;

export interface SmsPayload {
  /** E.164, e.g. `+8613800000001`. */
  to: string;
  text: string;
}

export interface SmsSender {
  /** Sends once; the same key on every retry, so the gateway (or the sink) can drop a repeat. */
  send(payload: SmsPayload, idempotencyKey: string): Promise<void>;
}

export type SmsConfig = Pick<
  AppConfig,
  'SMS_PROVIDER' | 'SMS_GATEWAY_URL' | 'SMS_GATEWAY_TOKEN' | 'SMS_SENDER'
>;

/** The channel SMS_PROVIDER names; null when it is `none`. */
export function createSmsSender(config: SmsConfig, dataSource: DataSource): SmsSender | null {
  switch (config.SMS_PROVIDER) {
    case 'none':
      return null;
    case 'sink':
      return createSinkSmsSender(dataSource, config.SMS_SENDER);
    case 'http':
      if (!config.SMS_GATEWAY_URL) throw new Error('SMS_GATEWAY_URL is required when SMS_PROVIDER is http');
      return createHttpSmsSender({
        url: config.SMS_GATEWAY_URL,
        token: config.SMS_GATEWAY_TOKEN,
        sender: config.SMS_SENDER,
      });
    default: {
      const unknown: never = config.SMS_PROVIDER;
      throw new Error(`unknown SMS_PROVIDER ${String(unknown)}`);
    }
  }
}

export interface SmsGateway {
  url: string;
  token: string | undefined;
  sender: string;
}

/** What the gateway receives; `reference` is the idempotency key, for gateways that dedupe on a body field. */
export interface SmsGatewayBody {
  from: string;
  to: string;
  text: string;
  reference: string;
}

/** The request for one message, built apart from sending it so its shape is tested without a server. */
export function smsGatewayRequest(
  gateway: SmsGateway,
  payload: SmsPayload,
  idempotencyKey: string,
): { url: string; headers: Record<string, string>; body: string } {
  const body: SmsGatewayBody = {
    from: gateway.sender,
    to: payload.to,
    text: payload.text,
    reference: idempotencyKey,
  };
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'X-Idempotency-Key': idempotencyKey,
  };
  if (gateway.token) headers.Authorization = `Bearer ${gateway.token}`;
  return { url: gateway.url, headers, body: JSON.stringify(body) };
}

/**
 * The gateway's address without its query string: error messages land in notification_deliveries.last_error,
 * and some gateways take a key in the query.
 */
function describeGateway(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return 'the SMS gateway';
  }
}

export function createHttpSmsSender(gateway: SmsGateway): SmsSender {
  const where = describeGateway(gateway.url);
  return {
    async send(payload, idempotencyKey) {
      const request = smsGatewayRequest(gateway, payload, idempotencyKey);
      let response: Response;
      try {
        response = await fetch(request.url, {
          method: 'POST',
          headers: request.headers,
          body: request.body,
          signal: AbortSignal.timeout(SMS_GATEWAY_TIMEOUT_MS),
        });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`SMS gateway ${where} gave no answer: ${reason}`);
      }
      if (!response.ok) {
        const text = await response.text().catch(() => '');
        throw new Error(
          `SMS gateway ${where} answered ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`,
        );
      }
      // Drain the body so the connection can be reused.
      await response.arrayBuffer().catch(() => undefined);
    },
  };
}

/** Keeps each message in sms_sink_messages; a repeated idempotency key adds no second row. */
export function createSinkSmsSender(dataSource: DataSource, sender: string): SmsSender {
  return {
    async send(payload, idempotencyKey) {
      await dataSource.query(
        `INSERT INTO sms_sink_messages (recipient, sender, text, idempotency_key) VALUES ($1, $2, $3, $4)
         ON CONFLICT (idempotency_key) DO NOTHING`,
        [payload.to, sender, payload.text, idempotencyKey],
      );
    },
  };
}

// ---- How long a text is on the air -------------------------------------------------------------------
// A text in the GSM 7-bit alphabet fits 160 characters in one SMS (153 per part once split); anything else
// (Chinese, emoji) is sent as UCS-2: 70 characters in one, 67 per part. Templates are kept to one or two.

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Characters that take two septets (an escape and the character). */
const GSM_EXTENDED = '^{}\\[~]|€\f';

export interface SmsLength {
  encoding: 'GSM-7' | 'UCS-2';
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  segments: number;
}

export function smsLength(text: string): SmsLength {
  let septets = 0;
  for (const char of text) {
    if (GSM_BASIC.includes(char)) septets += 1;
    else if (GSM_EXTENDED.includes(char)) septets += 2;
    else {
      const units = text.length;
      return { encoding: 'UCS-2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
    }
  }
  return { encoding: 'GSM-7', units: septets, segments: septets <= 160 ? 1 : Math.ceil(septets / 153) };
}
