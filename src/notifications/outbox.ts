// The database side of notifications: escalation record, inbox rows and e-mail/webhook outbox rows,
// written in one transaction with unique idempotency keys so a retried activity adds nothing twice.
import type { DataSource, EntityManager } from 'typeorm';
import type { Role } from '../domain';
import type {
  EscalationStep,
  NotificationResult,
  NotifyInput,
  RecipientView,
} from '../activities/notification.contract';
import type { DeliveryChannel } from '../persistence/entities/notification-delivery.entity';
import type { EmailPayload } from './email';
import { deliveryKey, escalationSourceKey, boundedKey, messageIdFor, WEBHOOK_RECIPIENT } from './idempotency';
import {
  escalationRequest,
  notifyRequest,
  resolveRecipients,
  type CandidateUser,
  type RecipientRequest,
  type ResolvedRecipient,
} from './recipients';
import {
  escalationKind,
  levelLabel,
  renderEscalation,
  renderNotification,
  type RenderedMessage,
} from './templates';
import type { WebhookEvent } from './webhook';

/** Which channels besides the inbox are on. */
export interface OutboxSettings {
  emailEnabled: boolean;
  webhookUrl: string | null;
  /** Domain of the Message-IDs. */
  messageIdDomain: string;
}

interface OutgoingMessage {
  sourceKey: string;
  orderNo: string;
  kind: string;
  message: RenderedMessage;
  recipients: ResolvedRecipient[];
  event: Omit<WebhookEvent, 'id'>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function recordEscalation(
  dataSource: DataSource,
  step: EscalationStep,
  settings: OutboxSettings,
): Promise<NotificationResult & { escalationId: string }> {
  return dataSource.transaction(async (manager) => {
    const resolved = await resolve(manager, escalationRequest(step));
    const inserted = (await manager.query(
      `INSERT INTO escalations (order_no, stage, stage_key, level, due_at, fired_at, recipients)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
       ON CONFLICT (order_no, stage_key, level) DO NOTHING
       RETURNING id`,
      [
        step.orderNo,
        step.stage,
        step.stageKey,
        step.level,
        step.dueAt,
        step.firedAt,
        JSON.stringify(resolved.map(toView)),
      ],
    )) as { id: string }[];

    let escalationId: string;
    let recipients: ResolvedRecipient[];
    if (inserted.length > 0) {
      escalationId = inserted[0].id;
      recipients = resolved;
    } else {
      // The step fired before (a retried activity or a replayed workflow): keep its recipients.
      const [existing] = (await manager.query(
        `SELECT id, recipients FROM escalations WHERE order_no = $1 AND stage_key = $2 AND level = $3`,
        [step.orderNo, step.stageKey, step.level],
      )) as { id: string; recipients: RecipientView[] }[];
      escalationId = existing.id;
      recipients = await withEmails(manager, existing.recipients);
    }

    const sourceKey = escalationSourceKey(step.orderNo, step.stageKey, step.level);
    const views = recipients.map(toView);
    const ids = await writeMessage(manager, settings, {
      sourceKey,
      orderNo: step.orderNo,
      kind: escalationKind(step.level),
      message: renderEscalation(step, views),
      recipients,
      event: {
        type: 'escalation.fired',
        occurredAt: step.firedAt,
        data: {
          escalationId,
          orderNo: step.orderNo,
          stage: step.stage,
          stageKey: step.stageKey,
          level: step.level,
          levelLabel: levelLabel(step.level),
          dueAt: step.dueAt,
          firedAt: step.firedAt,
          recipients: views,
        },
      },
    });
    return { escalationId, recipients: views, ...ids };
  });
}

export async function recordNotification(
  dataSource: DataSource,
  input: NotifyInput,
  settings: OutboxSettings,
): Promise<NotificationResult> {
  return dataSource.transaction(async (manager) => {
    const recipients = await resolve(manager, notifyRequest(input));
    const message = renderNotification(input);
    const views = recipients.map(toView);
    const ids = await writeMessage(manager, settings, {
      sourceKey: boundedKey(input.idempotencyKey),
      orderNo: input.orderNo,
      kind: input.kind,
      message,
      recipients,
      event: {
        type: `notification.${input.kind}`,
        // The notify key is the stable identity; the time is when the row was first written.
        occurredAt: new Date().toISOString(),
        data: {
          orderNo: input.orderNo,
          kind: input.kind,
          title: input.title,
          body: input.body,
          recipients: views,
        },
      },
    });
    return { recipients: views, ...ids };
  });
}

async function resolve(manager: EntityManager, request: RecipientRequest): Promise<ResolvedRecipient[]> {
  const ids = request.people.map((person) => person.userId).filter((id) => UUID.test(id));
  const users = await loadUsers(manager, request.roles, ids);
  // A named person's role is loaded only when the person is gone and the role stands in for them, so a
  // warning to one technician does not read every technician.
  const found = new Set(users.map((user) => user.id));
  const standIns = request.people.flatMap((person) =>
    person.role && !found.has(person.userId) && !request.roles.includes(person.role) ? [person.role] : [],
  );
  if (standIns.length > 0) {
    for (const user of await loadUsers(manager, standIns, [])) if (!found.has(user.id)) users.push(user);
  }
  return resolveRecipients(request, users);
}

async function loadUsers(manager: EntityManager, roles: Role[], ids: string[]): Promise<CandidateUser[]> {
  if (roles.length === 0 && ids.length === 0) return [];
  return (await manager.query(
    `SELECT id, username, roles, region, email, active FROM users WHERE roles && $1::text[] OR id = ANY($2::uuid[])`,
    [roles, ids],
  )) as CandidateUser[];
}

async function withEmails(manager: EntityManager, views: RecipientView[]): Promise<ResolvedRecipient[]> {
  const ids = views.map((view) => view.userId).filter((id) => UUID.test(id));
  const rows = (await manager.query(`SELECT id, email FROM users WHERE id = ANY($1::uuid[])`, [ids])) as {
    id: string;
    email: string | null;
  }[];
  const emails = new Map(rows.map((row) => [row.id, row.email]));
  return views.map((view) => ({ ...view, email: emails.get(view.userId) ?? null }));
}

/**
 * Inbox rows, then outbox rows, one multi-row insert each; every insert is ON CONFLICT DO NOTHING and the
 * ids are read back by key.
 */
async function writeMessage(
  manager: EntityManager,
  settings: OutboxSettings,
  outgoing: OutgoingMessage,
): Promise<{ notificationIds: string[]; deliveryIds: string[] }> {
  const { sourceKey, orderNo, kind, message } = outgoing;
  const inboxKeys = outgoing.recipients.map((recipient) => deliveryKey(sourceKey, recipient.userId, 'INBOX'));
  if (inboxKeys.length > 0) {
    await manager.query(
      `INSERT INTO notifications (user_id, order_no, kind, title, body, idempotency_key)
       SELECT user_id, $3, $4, $5, $6, idempotency_key FROM unnest($1::uuid[], $2::text[]) AS t(user_id, idempotency_key)
       ON CONFLICT (idempotency_key) DO NOTHING`,
      [
        outgoing.recipients.map((recipient) => recipient.userId),
        inboxKeys,
        orderNo,
        kind.slice(0, 64),
        message.title,
        message.text,
      ],
    );
  }

  const deliveries: OutboxRow[] = [];
  if (settings.emailEnabled) {
    for (const recipient of outgoing.recipients) {
      if (!recipient.email) continue;
      const key = deliveryKey(sourceKey, recipient.userId, 'EMAIL');
      const payload: EmailPayload = {
        to: recipient.email,
        subject: message.title,
        text: message.text,
        html: message.html,
        messageId: messageIdFor(key, settings.messageIdDomain),
      };
      deliveries.push({ key, channel: 'EMAIL', recipient: recipient.email, payload });
    }
  }
  if (settings.webhookUrl) {
    const key = deliveryKey(sourceKey, WEBHOOK_RECIPIENT, 'WEBHOOK');
    const event: WebhookEvent = { id: key, ...outgoing.event };
    deliveries.push({ key, channel: 'WEBHOOK', recipient: settings.webhookUrl, payload: event });
  }
  return {
    notificationIds: await idsByKey(manager, 'notifications', inboxKeys),
    deliveryIds: await insertDeliveries(manager, sourceKey, orderNo, deliveries),
  };
}

/** One outbox row as it will be sent. */
export interface OutboxRow {
  key: string;
  channel: DeliveryChannel;
  /** E-mail address, phone number or webhook URL. */
  recipient: string;
  payload: object;
}

/**
 * Writes outbox rows in one multi-row insert, ON CONFLICT DO NOTHING, and reads their ids back by key: a
 * retry writes nothing and gets the ids of the rows the first attempt wrote.
 */
export async function insertDeliveries(
  manager: EntityManager,
  sourceKey: string,
  orderNo: string | null,
  deliveries: OutboxRow[],
): Promise<string[]> {
  if (deliveries.length > 0) {
    await manager.query(
      `INSERT INTO notification_deliveries (idempotency_key, source_key, order_no, channel, recipient, payload)
       SELECT idempotency_key, $5, $6, channel, recipient, payload::jsonb
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS t(idempotency_key, channel, recipient, payload)
       ON CONFLICT (idempotency_key) DO NOTHING`,
      [
        deliveries.map((d) => d.key),
        deliveries.map((d) => d.channel),
        deliveries.map((d) => d.recipient),
        deliveries.map((d) => JSON.stringify(d.payload)),
        sourceKey,
        orderNo,
      ],
    );
  }
  return idsByKey(
    manager,
    'notification_deliveries',
    deliveries.map((d) => d.key),
  );
}

async function idsByKey(
  manager: EntityManager,
  table: 'notifications' | 'notification_deliveries',
  keys: string[],
) {
  if (keys.length === 0) return [];
  const rows = (await manager.query(
    `SELECT id, idempotency_key FROM ${table} WHERE idempotency_key = ANY($1::text[])`,
    [keys],
  )) as { id: string; idempotency_key: string }[];
  const byKey = new Map(rows.map((row) => [row.idempotency_key, row.id]));
  return keys.flatMap((key) => {
    const id = byKey.get(key);
    return id ? [id] : [];
  });
}

function toView(recipient: ResolvedRecipient | RecipientView): RecipientView {
  const { userId, username, role, region, viaFallback } = recipient;
  return { userId, username, role, region, viaFallback };
}
