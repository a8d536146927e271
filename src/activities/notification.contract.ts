// What the order workflow asks of the notification side. Implemented by createNotificationActivities.
import type { CustomerContact, CustomerMessageKind, Role, SlaStage } from '../domain';
import type { CustomerMessageFacts } from '../notifications/customer-templates';

export interface EscalationStep {
  orderNo: string;
  stage: SlaStage;
  /** Same key as DeadlineView.stageKey; with `level` it identifies the step (fires once). */
  stageKey: string;
  /** 0 warning (80%), 1–3 ladder levels (100/150/200%). */
  level: number;
  dueAt: string;
  firedAt: string;
  /** The person the stage waits on, when one is known (technician, intake clerk, feedback owner). */
  responsibleUserId: string | null;
  responsibleRole: Role;
  /** The order's region, for region-scoped roles (dispatchers). */
  region: string | null;
}

export interface RecipientView {
  userId: string;
  username: string;
  role: Role;
  region: string | null;
  /** True when no one with the role was found in the region and the role without region was used. */
  viaFallback: boolean;
}

export interface NotifyInput {
  orderNo: string;
  /** e.g. INTAKE_INCOMPLETE, ASSIGNED, REASSIGNED_AWAY, TECHNICIAN_DECLINED, CHECK_IN_OUTSIDE_RADIUS, NO_ELIGIBLE_TECHNICIAN */
  kind: string;
  /** Explicit people, and/or roles (region-scoped when `region` is given, with fallback). */
  userIds?: string[];
  roles?: Role[];
  region?: string | null;
  title: string;
  body: string;
  /** Stable per logical notification (e.g. `${orderNo}:${kind}:${revision}`), so retries never duplicate. */
  idempotencyKey: string;
}

export interface NotificationResult {
  recipients: RecipientView[];
  /** Outbox rows for e-mail / webhook (none when those channels are not configured). */
  deliveryIds: string[];
  /** In-app inbox rows, one per recipient (the same ids again when the step was already stored). */
  notificationIds?: string[];
}

/** A message to the order's customer, over the channels they agreed to (src/domain/customer-messages.ts). */
export interface CustomerMessageInput {
  orderNo: string;
  kind: CustomerMessageKind;
  /** `${orderNo}:customer:${kind}:${key}`, key naming the message within the order (a timeline seq). */
  idempotencyKey: string;
  customer: CustomerContact & { name: string };
  facts: Omit<CustomerMessageFacts, 'orderNo' | 'customerName'>;
}

export interface CustomerMessageResult {
  /** Outbox rows, one per channel (none without consent, address or configured channel). */
  deliveryIds: string[];
  /** Where they go, masked (`+86 •••• 0001`). */
  sentTo: string[];
}

export interface NotificationActivities {
  /**
   * Stores the escalation record once per (orderNo, stageKey, level), the in-app notifications of every
   * recipient and the outbox rows of the other channels, in one transaction. Sends nothing itself.
   */
  fireEscalation(step: EscalationStep): Promise<NotificationResult & { escalationId: string }>;
  /** Same for a plain notification (no escalation record). */
  notify(input: NotifyInput): Promise<NotificationResult>;
  /** Stores the customer's message as outbox rows (SMS / e-mail), each with a fresh signed link. Sends nothing itself. */
  notifyCustomer(input: CustomerMessageInput): Promise<CustomerMessageResult>;
  /**
   * Sends one outbox row (e-mail, SMS or webhook) unless already sent. The workflow runs these in the
   * background with their own retry policy so a failing channel never blocks the order or other
   * channels; the last failed attempt records the failure on the row.
   */
  deliver(deliveryId: string): Promise<void>;
}

/**
 * Retry budget of one `deliver` (e-mail or webhook outbox row). The workflow schedules `deliver` with
 * DELIVERY_RETRY_POLICY; the activity marks the row FAILED on the attempt that reaches this number.
 */
export const DELIVERY_MAX_ATTEMPTS = 8;

/** Backoff of `deliver`: 5s, 10s, 20s … capped at 10m, about 10 minutes of outage before giving up. */
export const DELIVERY_RETRY_POLICY = {
  initialInterval: '5s',
  backoffCoefficient: 2,
  maximumInterval: '10m',
  maximumAttempts: DELIVERY_MAX_ATTEMPTS,
} as const;
