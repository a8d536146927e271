// A tiny workflow that uses the notification activities the way the order workflow does: store each
// ladder step, then deliver its outbox rows in the background with their own retry policy.
import type { Duration } from '@temporalio/common';
import { proxyActivities } from '@temporalio/workflow';
import type { EscalationStep, NotificationActivities } from '../../src/activities/notification.contract';
import { DELIVERY_MAX_ATTEMPTS } from '../../src/activities/notification.contract';

export interface LadderInput {
  steps: EscalationStep[];
  /** Short intervals for tests; the budget is the product's DELIVERY_MAX_ATTEMPTS. */
  initialInterval: Duration;
  maximumInterval: Duration;
}

export interface LadderResult {
  escalationIds: string[];
  sent: string[];
  failed: string[];
}

export async function escalationLadderWorkflow(input: LadderInput): Promise<LadderResult> {
  const { fireEscalation } = proxyActivities<NotificationActivities>({
    startToCloseTimeout: '30s',
    retry: { initialInterval: '200ms', maximumAttempts: 5 },
  });
  const { deliver } = proxyActivities<NotificationActivities>({
    startToCloseTimeout: '30s',
    retry: {
      initialInterval: input.initialInterval,
      backoffCoefficient: 2,
      maximumInterval: input.maximumInterval,
      maximumAttempts: DELIVERY_MAX_ATTEMPTS,
    },
  });
  const escalationIds: string[] = [];
  const sent: string[] = [];
  const failed: string[] = [];
  const deliveries: Promise<void>[] = [];
  for (const step of input.steps) {
    const result = await fireEscalation(step);
    escalationIds.push(result.escalationId);
    for (const id of result.deliveryIds) {
      deliveries.push(
        deliver(id).then(
          () => void sent.push(id),
          () => void failed.push(id),
        ),
      );
    }
  }
  await Promise.all(deliveries);
  return { escalationIds, sent, failed };
}
