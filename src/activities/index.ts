// Every activity the worker registers: `{ ...createServiceOrderActivities(deps), ...createNotificationActivities(deps) }`.
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
