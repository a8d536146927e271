// Notification activities: the database part (escalation, inbox, outbox) and the sending of outbox rows.
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { attemptDelivery, type Channels, type DeliveryRow } from '../notifications/deliver';
import { parseDuration } from '../domain';
import { customerLinkSecret } from '../notifications/customer-link';
import { recordCustomerMessage, type CustomerOutboxSettings } from '../notifications/customer-outbox';
import { createEmailSender, domainOf } from '../notifications/email';
import { recordEscalation, recordNotification, type OutboxSettings } from '../notifications/outbox';
import { createSmsSender } from '../notifications/sms';
import { DELIVERY_MAX_ATTEMPTS, type NotificationActivities } from './notification.contract';

type CustomerMessageSetting =
  | 'JWT_SECRET'
  | 'PUBLIC_BASE_URL'
  | 'CUSTOMER_LINK_SECRET'
  | 'CUSTOMER_LINK_TTL'
  | 'CUSTOMER_TIME_ZONE'
  | 'CURRENCY'
  | 'SMS_PROVIDER'
  | 'SMS_GATEWAY_URL'
  | 'SMS_GATEWAY_TOKEN'
  | 'SMS_SENDER';

export interface NotificationActivitiesDeps {
  dataSource: DataSource;
  /** The channel settings; the customer-message ones default as AppConfig does (tests set what they need). */
  config: Pick<AppConfig, 'SMTP_URL' | 'SMTP_FROM' | 'WEBHOOK_URL' | 'WEBHOOK_SECRET'> &
    Partial<Pick<AppConfig, CustomerMessageSetting>>;
  /** Test-only: runs after a row was sent and marked SENT (a throw here simulates a crash after sending). */
  afterSend?: (delivery: DeliveryRow) => void | Promise<void>;
  /** Test-only: runs after the receiver accepted a row, before it is marked SENT (a crash in that window). */
  beforeMarkSent?: (delivery: DeliveryRow) => void | Promise<void>;
}

export function createNotificationActivities(deps: NotificationActivitiesDeps): NotificationActivities {
  const { dataSource } = deps;
  const config = { ...new AppConfig(), ...deps.config };
  const settings: OutboxSettings = {
    emailEnabled: Boolean(config.SMTP_URL),
    webhookUrl: config.WEBHOOK_URL ?? null,
    messageIdDomain: domainOf(config.SMTP_FROM),
  };
  const channels: Channels = {
    email: config.SMTP_URL ? createEmailSender(config.SMTP_URL, config.SMTP_FROM) : null,
    sms: createSmsSender(config, dataSource),
    webhook: config.WEBHOOK_URL ? { url: config.WEBHOOK_URL, secret: config.WEBHOOK_SECRET } : null,
  };
  const customerSettings: CustomerOutboxSettings = {
    emailEnabled: settings.emailEnabled,
    smsEnabled: channels.sms !== null,
    messageIdDomain: settings.messageIdDomain,
    link: {
      publicBaseUrl: config.PUBLIC_BASE_URL,
      secret: customerLinkSecret(config),
      ttlSeconds: Math.floor(parseDuration(config.CUSTOMER_LINK_TTL) / 1000),
    },
    format: { timeZone: config.CUSTOMER_TIME_ZONE, currency: config.CURRENCY },
  };

  return {
    async fireEscalation(step) {
      return recordEscalation(dataSource, step, settings);
    },

    async notify(input) {
      return recordNotification(dataSource, input, settings);
    },

    async notifyCustomer(input) {
      return recordCustomerMessage(dataSource, input, customerSettings);
    },

    async deliver(deliveryId) {
      const { attempt, maxAttempts } = currentAttempt();
      const outcome = await attemptDelivery(dataSource, channels, deliveryId, attempt >= maxAttempts, {
        beforeMarkSent: deps.beforeMarkSent,
      });
      switch (outcome.kind) {
        case 'MISSING':
          throw ApplicationFailure.nonRetryable(`no notification delivery ${deliveryId}`, 'DeliveryNotFound');
        case 'ALREADY_SENT':
          return;
        case 'FAILED':
          throw ApplicationFailure.create({
            message: `${outcome.row.channel} delivery ${outcome.row.idempotencyKey} failed (attempt ${attempt}/${maxAttempts}): ${outcome.error}`,
            type: 'DeliveryFailed',
            nonRetryable: outcome.final,
          });
        case 'SENT':
          await deps.afterSend?.(outcome.row);
          return;
      }
    },
  };
}

/** The attempt number and the budget of the running activity (1 of DELIVERY_MAX_ATTEMPTS outside Temporal). */
function currentAttempt(): { attempt: number; maxAttempts: number } {
  let info: Context['info'];
  try {
    info = Context.current().info;
  } catch {
    return { attempt: 1, maxAttempts: DELIVERY_MAX_ATTEMPTS };
  }
  // The workflow's own policy wins; 0 (unlimited) or none falls back to the shared constant.
  const fromPolicy = info.retryPolicy?.maximumAttempts;
  return {
    attempt: info.attempt,
    maxAttempts: fromPolicy && fromPolicy > 0 ? fromPolicy : DELIVERY_MAX_ATTEMPTS,
  };
}
