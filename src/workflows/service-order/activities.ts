// The activities an order starts, with their retry policies. Started only from the loop's turn
// (effects.ts).
import { proxyActivities } from '@temporalio/workflow';
import type { ServiceOrderActivities } from '../../activities/service-order.activities';
import type { StockActivities } from '../../activities/stock.activities';
import { DELIVERY_RETRY_POLICY, type NotificationActivities } from '../../activities/notification.contract';

// Database work: retried until it succeeds (a database outage delays the order, never loses a step).
const DATABASE_WORK = {
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
} as const;

export const orderActivities = proxyActivities<ServiceOrderActivities>(DATABASE_WORK);
export const stockActivities = proxyActivities<StockActivities>(DATABASE_WORK);
export const notificationActivities = proxyActivities<NotificationActivities>(DATABASE_WORK);
// Sending by e-mail / webhook: bounded attempts with backoff, in the background.
export const deliveryActivities = proxyActivities<NotificationActivities>({
  startToCloseTimeout: '1m',
  retry: { ...DELIVERY_RETRY_POLICY },
});
