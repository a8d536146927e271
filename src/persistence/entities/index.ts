import { BusinessCalendarEntity } from './business-calendar.entity';
import { EscalationEntity } from './escalation.entity';
import { NotificationDeliveryEntity } from './notification-delivery.entity';
import { NotificationEntity } from './notification.entity';
import { OrderAccessLogEntity } from './order-access-log.entity';
import { OrderCommandEntity } from './order-command.entity';
import { OrderIntakeEntity } from './order-intake.entity';
import { OrderNumberCounterEntity } from './order-number-counter.entity';
import { OrderEntity } from './order.entity';
import { PriceCatalogueEntity } from './price-catalogue.entity';
import { PurchaseRequestEntity } from './purchase-request.entity';
import { SlaPolicyEntity } from './sla-policy.entity';
import { SmsSinkMessageEntity } from './sms-sink-message.entity';
import { StockLevelEntity } from './stock-level.entity';
import { StockLocationEntity } from './stock-location.entity';
import { StockMovementEntity } from './stock-movement.entity';
import { TechnicianAssignmentEntity } from './technician-assignment.entity';
import { TimelineEntryEntity } from './timeline-entry.entity';
import { UserEntity } from './user.entity';
import { VerificationCodeEntity } from './verification-code.entity';

export {
  BusinessCalendarEntity,
  EscalationEntity,
  NotificationDeliveryEntity,
  NotificationEntity,
  OrderAccessLogEntity,
  OrderCommandEntity,
  OrderEntity,
  OrderIntakeEntity,
  OrderNumberCounterEntity,
  PriceCatalogueEntity,
  PurchaseRequestEntity,
  SlaPolicyEntity,
  SmsSinkMessageEntity,
  StockLevelEntity,
  StockLocationEntity,
  StockMovementEntity,
  TechnicianAssignmentEntity,
  TimelineEntryEntity,
  UserEntity,
  VerificationCodeEntity,
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
  OrderIntakeEntity,
  OrderAccessLogEntity,
  NotificationDeliveryEntity,
  TechnicianAssignmentEntity,
  OrderCommandEntity,
  SmsSinkMessageEntity,
  VerificationCodeEntity,
  PriceCatalogueEntity,
  StockLocationEntity,
  StockLevelEntity,
  PurchaseRequestEntity,
  StockMovementEntity,
];
