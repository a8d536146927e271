import { InitialSchema1795434881477 } from './1795434881477-initial-schema';
import { ApiIntakeAndAccessLog1795435246769 } from './1795435246769-api-intake-and-access-log';
import { NotificationDeliveries1795435297207 } from './1795435297207-notification-deliveries';
import { TechnicianAssignments1795435669416 } from './1795435669416-technician-assignments';
import { SeedDefaultPolicies1795435669417 } from './1795435669417-seed-default-policies';
import { EscalationRecipientsIndex1795436000000 } from './1795436000000-escalation-recipients-index';
import { DeliveryLastAttempt1795436100000 } from './1795436100000-delivery-last-attempt';
import { OrderCommands1795436200000 } from './1795436200000-order-commands';
import { DropOrdersOverdue1795436300000 } from './1795436300000-drop-orders-overdue';
import { OrderListIndexes1795436500000 } from './1795436500000-order-list-indexes';
import { SmsSinkMessages1795436600000 } from './1795436600000-sms-sink-messages';
import { VerificationCodes1795436700000 } from './1795436700000-verification-codes';
import { PriceCatalogues1795436800000 } from './1795436800000-price-catalogues';
import { Stock1795436900000 } from './1795436900000-stock';

/** Every migration in order; a new one is appended here. */
export const MIGRATIONS = [
  InitialSchema1795434881477,
  ApiIntakeAndAccessLog1795435246769,
  NotificationDeliveries1795435297207,
  TechnicianAssignments1795435669416,
  SeedDefaultPolicies1795435669417,
  EscalationRecipientsIndex1795436000000,
  DeliveryLastAttempt1795436100000,
  OrderCommands1795436200000,
  DropOrdersOverdue1795436300000,
  OrderListIndexes1795436500000,
  SmsSinkMessages1795436600000,
  VerificationCodes1795436700000,
  PriceCatalogues1795436800000,
  Stock1795436900000,
];
