// Every activity the worker registers (`workerActivities`): the order's read model and technicians, its
// parts, and its notifications.
import { createNotificationActivities } from './notification.activities';
import type { NotificationActivitiesDeps } from './notification.activities';
import { createServiceOrderActivities } from './service-order.activities';
import { createStockActivities } from './stock.activities';

export function workerActivities(deps: NotificationActivitiesDeps) {
  return {
    ...createServiceOrderActivities(deps),
    ...createStockActivities(deps),
    ...createNotificationActivities(deps),
  };
}

export { createServiceOrderActivities } from './service-order.activities';
export type {
  FeedbackOwner,
  FeedbackOwnerInput,
  ProjectOrderInput,
  ReleaseTechnicianInput,
  ReservationResult,
  ReserveTechnicianInput,
  ServiceOrderActivities,
  ServiceOrderActivitiesDeps,
} from './service-order.activities';
export { createNotificationActivities } from './notification.activities';
export type { NotificationActivities } from './notification.contract';
export { createStockActivities } from './stock.activities';
export type { OrderPartsInput, OrderPartsReservation, StockActivities } from './stock.activities';
