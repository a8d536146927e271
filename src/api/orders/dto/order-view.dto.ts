import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  COVERAGES,
  CUSTOMER_EVENTS,
  CUSTOMER_LANGUAGES,
  MILESTONES,
  ORDER_ACTIONS,
  ORDER_NO_PATTERN,
  ORDER_STATUSES,
  ROLES,
  SLA_STAGES,
} from '../../../domain';
import { PageMetaDto } from '../../common/pagination.dto';
import { AppointmentDto, IntakeOrderDto, IntakeProblemDto } from './intake-order.dto';
import { PartQuantityDto } from './parts-request.dto';
import { PartUsedDto } from './completion.dto';
import { CustomerPricingDto, PricingViewDto } from './pricing-view.dto';

export class CoverageOverrideByDto {
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) readonly id: string | null;
  @ApiProperty() readonly name: string;
  @ApiProperty({ format: 'date-time' }) readonly at: string;
}

export class OrderCoverageDto {
  @ApiProperty({ enum: COVERAGES }) readonly coverage: string;
  @ApiProperty({ description: 'The rule that decided, or the supervisor’s reason' }) readonly reason: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) readonly warrantyEndsOn: string | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'The price catalogue whose warranties were used',
  })
  readonly catalogueVersion: number | null;
  @ApiPropertyOptional({ type: CoverageOverrideByDto, nullable: true })
  readonly overriddenBy?: CoverageOverrideByDto | null;
}

export class OrderDetailsDto extends IntakeOrderDto {
  @ApiPropertyOptional() readonly isWarranty?: boolean;
  @ApiPropertyOptional() readonly parentOrderNo?: string;
  @ApiPropertyOptional({ type: OrderCoverageDto, description: 'Who pays, judged at intake' })
  readonly coverage?: OrderCoverageDto;
}

export class ActorDto {
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) readonly id: string | null;
  @ApiProperty({ enum: [...ROLES, 'system'] }) readonly role: string;
  @ApiPropertyOptional({ type: String, nullable: true }) readonly region?: string | null;
  @ApiPropertyOptional() readonly name?: string;
}

export class DeadlineViewDto {
  @ApiProperty({ enum: SLA_STAGES }) readonly stage: string;
  @ApiProperty({ example: 'COMPLETION#1' }) readonly stageKey: string;
  @ApiProperty({ enum: ROLES }) readonly responsibleRole: string;
  @ApiProperty({ type: String, nullable: true }) readonly responsibleUserId: string | null;
  @ApiProperty({ format: 'date-time' }) readonly startedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Null while paused' })
  readonly dueAt: string | null;
  @ApiProperty() readonly paused: boolean;
  @ApiProperty({ type: 'integer', description: '-1 none, 0 warning, 1–3 ladder levels' })
  readonly escalationLevel: number;
}

export class EscalationViewDto {
  @ApiProperty({ enum: SLA_STAGES }) readonly stage: string;
  @ApiProperty() readonly stageKey: string;
  @ApiProperty({ type: 'integer' }) readonly level: number;
  @ApiProperty({ format: 'date-time' }) readonly dueAt: string;
  @ApiProperty({ format: 'date-time' }) readonly firedAt: string;
}

export class PartsRequestViewDto {
  @ApiProperty() readonly id: string;
  @ApiProperty({ type: [PartQuantityDto] }) readonly items: PartQuantityDto[];
  @ApiProperty({ format: 'date-time' }) readonly requestedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readonly receivedAt: string | null;
}

export class FeedbackCaseViewDto {
  @ApiProperty({ enum: ['OPEN', 'RESOLVED'] }) readonly status: string;
  @ApiProperty({ enum: ['LOW_RATING', 'COMPLAINT', 'CALLBACK_UNSATISFIED'] }) readonly category: string;
  @ApiProperty({ type: String, nullable: true }) readonly ownerId: string | null;
  @ApiProperty({ format: 'date-time' }) readonly openedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readonly resolvedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly resolution: string | null;
}

export class TracksDto {
  @ApiProperty({ enum: ['NOT_STARTED', 'PENDING', 'DONE', 'NOT_NEEDED'] }) readonly callback: string;
  @ApiProperty({ enum: ['NOT_STARTED', 'NOT_NEEDED', 'OPEN', 'RESOLVED'] }) readonly feedback: string;
  @ApiProperty({
    enum: ['NOT_STARTED', 'PENDING', 'DONE', 'INVOICE_PENDING'],
    description: 'INVOICE_PENDING: settled from a payment taken on site, the invoice still to be sent',
  })
  readonly settlement: string;
}

/** The live state of an order (the workflow's answer to every command and to `getOrder`). */
export class OrderViewDto {
  @ApiProperty({ pattern: ORDER_NO_PATTERN.source, example: 'SO-20250101-000001' }) readonly orderNo: string;
  @ApiProperty() readonly workflowId: string;
  @ApiProperty({ enum: ORDER_STATUSES }) readonly status: string;
  @ApiProperty({ type: 'integer' }) readonly revision: number;
  @ApiProperty({ type: OrderDetailsDto }) readonly details: OrderDetailsDto;
  @ApiProperty({ type: [IntakeProblemDto] }) readonly problems: IntakeProblemDto[];
  @ApiProperty({ type: 'integer' }) readonly policyVersion: number;
  @ApiProperty() readonly requiresApproval: boolean;
  @ApiProperty({ type: [String] }) readonly approvalReasons: string[];
  @ApiProperty({ type: String, nullable: true }) readonly technicianId: string | null;
  @ApiProperty({ type: [String] }) readonly excludedTechnicianIds: string[];
  @ApiProperty({ enum: MILESTONES, nullable: true }) readonly milestone: string | null;
  @ApiProperty({ type: 'integer' }) readonly reworkRound: number;
  @ApiProperty({ type: 'integer' }) readonly chaseCount: number;
  @ApiProperty({ type: [DeadlineViewDto], description: 'Every running deadline with its due time' })
  readonly deadlines: DeadlineViewDto[];
  @ApiProperty({ type: [EscalationViewDto] }) readonly escalations: EscalationViewDto[];
  @ApiProperty({ type: [PartsRequestViewDto] }) readonly partsRequests: PartsRequestViewDto[];
  @ApiProperty({ type: [PartUsedDto] }) readonly partsUsed: PartUsedDto[];
  @ApiProperty({ type: 'integer', nullable: true }) readonly rating: number | null;
  @ApiProperty({ type: TracksDto }) readonly tracks: TracksDto;
  @ApiProperty({ type: FeedbackCaseViewDto, nullable: true })
  readonly feedbackCase: FeedbackCaseViewDto | null;
  @ApiProperty({ type: ActorDto }) readonly createdBy: ActorDto;
  @ApiProperty({ format: 'date-time' }) readonly createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readonly completedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readonly closedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly cancelReason: string | null;
  @ApiPropertyOptional({
    type: () => PricingViewDto,
    description: 'Quotes, added work, parts and the ledger (orders taken since priced work)',
  })
  readonly pricing?: PricingViewDto;
}

export class OrderReadDto extends OrderViewDto {
  @ApiProperty({
    enum: ['read-model'],
    description:
      "the stored copy the workflow projects after every change: milliseconds behind a command's answer, which is the workflow's own view",
  })
  readonly source: 'read-model';

  @ApiProperty({ enum: ORDER_ACTIONS, isArray: true, description: 'What the caller may do now' })
  readonly allowedActions: string[];
}

/** What the customer token holder sees. */
export class CustomerTimelineEntryDto {
  @ApiProperty({ type: 'integer' }) readonly seq: number;
  @ApiProperty({ type: String, format: 'date-time' }) readonly at: string;
  @ApiProperty({ enum: CUSTOMER_EVENTS }) readonly event: string;
  @ApiProperty({ enum: MILESTONES, nullable: true, type: String }) readonly milestone: string | null;
}

export class CustomerFeedbackStateDto {
  @ApiProperty({ description: 'A feedback request was sent (after completion)' }) readonly requested: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readonly answeredAt: string | null;
  @ApiProperty({ type: 'integer', nullable: true, minimum: 1, maximum: 5 }) readonly score: number | null;
}

export class CustomerOrderViewDto {
  @ApiProperty({ pattern: ORDER_NO_PATTERN.source }) readonly orderNo: string;
  @ApiProperty({ enum: ORDER_STATUSES }) readonly status: string;
  @ApiProperty() readonly type: string;
  @ApiProperty({ type: AppointmentDto, nullable: true }) readonly appointment: AppointmentDto | null;
  @ApiProperty({ enum: MILESTONES, nullable: true }) readonly milestone: string | null;
  @ApiProperty({ type: 'integer' }) readonly reworkRound: number;
  @ApiProperty({ type: 'integer', nullable: true }) readonly rating: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readonly completedAt: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the customer must accept or reject by',
  })
  readonly acceptanceDueAt: string | null;
  @ApiProperty({ enum: ORDER_ACTIONS, isArray: true }) readonly allowedActions: string[];
  @ApiProperty({ type: String, nullable: true, description: 'The technician doing the work' })
  readonly technicianName: string | null;
  @ApiProperty({ enum: CUSTOMER_LANGUAGES, description: 'The language the customer is written to in' })
  readonly language: string;
  @ApiProperty({
    type: CustomerTimelineEntryDto,
    isArray: true,
    description: 'The steps a customer sees',
  })
  readonly timeline: CustomerTimelineEntryDto[];
  @ApiProperty({ type: CustomerFeedbackStateDto }) readonly feedback: CustomerFeedbackStateDto;
  @ApiProperty({
    type: () => CustomerPricingDto,
    nullable: true,
    description: 'The quote and added work to answer, and the amount due (priced orders)',
  })
  readonly pricing: CustomerPricingDto | null;
}

export class OrderSummaryDto {
  @ApiProperty({ pattern: ORDER_NO_PATTERN.source }) readonly orderNo: string;
  @ApiProperty({ enum: ORDER_STATUSES }) readonly status: string;
  @ApiProperty() readonly type: string;
  @ApiProperty() readonly priority: string;
  @ApiProperty() readonly channel: string;
  @ApiProperty() readonly zone: string;
  @ApiProperty({ type: String, nullable: true }) readonly region: string | null;
  @ApiProperty() readonly dispatchMode: string;
  @ApiProperty() readonly customerName: string;
  @ApiProperty() readonly customerPhone: string;
  @ApiProperty({ type: String, nullable: true }) readonly technicianId: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readonly nextDeadline: string | null;
  @ApiProperty() readonly overdue: boolean;
  @ApiProperty({ type: 'integer' }) readonly escalationLevel: number;
  @ApiProperty({ type: 'integer' }) readonly reworkRound: number;
  @ApiProperty() readonly totalAmount: number;
  @ApiProperty() readonly isWarranty: boolean;
  @ApiProperty({ type: String, nullable: true }) readonly parentOrderNo: string | null;
  @ApiProperty({ format: 'date-time' }) readonly createdAt: string;
  @ApiProperty({ format: 'date-time' }) readonly updatedAt: string;
}

/**
 * Past this many matches the order list stops counting: `total` is then the cap and `totalCapped` true.
 * A count of every match visits every matching row, and at a million orders a broad filter (a status, a
 * surname) matches hundreds of thousands.
 */
export const ORDER_LIST_COUNT_CAP = 1_000;

/**
 * A `text` without three letters or digits in a row gives the trigram indexes nothing to look up, so it
 * is matched among only the newest this-many orders that pass the other filters (before visibility, so
 * the window is as short for a technician as for an admin): a rare two-character string would otherwise
 * walk every order of the status. The matches listed are still the newest ones.
 */
export const SHORT_TEXT_WINDOW = 5_000;

export class OrderPageDto extends PageMetaDto {
  @ApiProperty({ type: [OrderSummaryDto] }) readonly items: OrderSummaryDto[];

  @ApiProperty({
    description:
      `True when \`total\` is a lower bound: more than ${ORDER_LIST_COUNT_CAP.toLocaleString('en')} orders match ` +
      `(total is then ${ORDER_LIST_COUNT_CAP.toLocaleString('en')}), or a \`text\` without three letters or digits ` +
      `in a row was matched only among the newest ${SHORT_TEXT_WINDOW.toLocaleString('en')} orders passing the ` +
      `other filters, which filled. Pages list the newest matches either way.`,
  })
  declare readonly totalCapped: boolean;
}

export class TimelineEntryDto {
  @ApiProperty({ type: 'integer' }) readonly seq: number;
  @ApiProperty({ format: 'date-time' }) readonly at: string;
  @ApiProperty({ type: String, nullable: true }) readonly actorId: string | null;
  @ApiProperty() readonly actorRole: string;
  @ApiProperty({ example: 'REVIEW_APPROVE' }) readonly action: string;
  @ApiProperty({ type: String, nullable: true }) readonly fromStatus: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly toStatus: string | null;
  @ApiProperty({ type: Object }) readonly details: Record<string, unknown>;
}
