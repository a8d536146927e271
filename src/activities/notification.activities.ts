// Notification activities: the database part (escalation, inbox, outbox) and the sending of outbox rows.
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { attemptDelivery, type Channels, type DeliveryRow } from '../notifications/deliver';
import { createEmailSender, domainOf } from '../notifications/email';
import { recordEscalation, recordNotification, type OutboxSettings } from '../notifications/outbox';
import { DELIVERY_MAX_ATTEMPTS, type NotificationActivities } from './notification.contract';

export interface NotificationActivitiesDeps {
  dataSource: DataSource;
  config: Pick<AppConfig, 'SMTP_URL' | 'SMTP_FROM' | 'WEBHOOK_URL' | 'WEBHOOK_SECRET'>;
  /** Test-only: runs after a row was sent and marked SENT (a throw here simulates a crash after sending). */
  afterSend?: (delivery: DeliveryRow) => void | Promise<void>;
  /** Test-only: runs after the receiver accepted a row, before it is marked SENT (a crash in that window). */
  beforeMarkSent?: (delivery: DeliveryRow) => void | Promise<void>;
}

export function createNotificationActivities(deps: NotificationActivitiesDeps): NotificationActivities {
  const { dataSource, config } = deps;
  const settings: OutboxSettings = {
    emailEnabled: Boolean(config.SMTP_URL),
    webhookUrl: config.WEBHOOK_URL ?? null,
    messageIdDomain: domainOf(config.SMTP_FROM),
  };
  const channels: Channels = {
    email: config.SMTP_URL ? createEmailSender(config.SMTP_URL, config.SMTP_FROM) : null,
    webhook: config.WEBHOOK_URL ? { url: config.WEBHOOK_URL, secret: config.WEBHOOK_SECRET } : null,
  };

  return {
    async fireEscalation(step) {
      return recordEscalation(dataSource, step, settings);
    },

    async notify(input) {
      return recordNotification(dataSource, input, settings);
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
