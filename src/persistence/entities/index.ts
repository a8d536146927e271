import { BusinessCalendarEntity } from './business-calendar.entity';
import { EscalationEntity } from './escalation.entity';
import { NotificationEntity } from './notification.entity';
import { OrderNumberCounterEntity } from './order-number-counter.entity';
import { OrderEntity } from './order.entity';
import { SlaPolicyEntity } from './sla-policy.entity';
import { TimelineEntryEntity } from './timeline-entry.entity';
import { UserEntity } from './user.entity';

export {
  BusinessCalendarEntity,
  EscalationEntity,
  NotificationEntity,
  OrderEntity,
  OrderNumberCounterEntity,
  SlaPolicyEntity,
  TimelineEntryEntity,
  UserEntity,
};

/** Every entity; a new entity is added here and gets a migration (`npm run migration:generate`). */
export const ENTITIES = [
  UserEntity,
  SlaPolicyEntity,
  BusinessCalendarEntity,
  OrderEntity,
  TimelineEntryEntity,
  EscalationEntity,
  NotificationEntity,
  OrderNumberCounterEntity,
];
