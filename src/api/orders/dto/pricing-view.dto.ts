// The money and parts of a priced order as the API shows them (OrderView.pricing, docs/money.md). Every
// amount is an integer count of the currency's minor unit.
import { ApiProperty, OmitType } from '@nestjs/swagger';
import {
  ADDED_WORK_STATUSES,
  COVERAGES,
  INSPECTION_RESULTS,
  PART_DISPOSALS,
  QUOTE_STATUSES,
} from '../../../domain';
import { MINOR_UNITS_DESCRIPTION } from '../../catalogue/dto/catalogue-parts.dto';
import { PricedEstimateDto, PricedLineDto } from '../../catalogue/dto/priced-estimate.dto';
import { ActorDto } from './order-view.dto';

const MINOR = { type: 'integer', description: MINOR_UNITS_DESCRIPTION } as const;

/** An estimate as the order keeps it; its currency is the order's (`basis.currency`). */
export class OrderEstimateDto extends OmitType(PricedEstimateDto, ['currency'] as const) {}

export class QuoteSettingsViewDto {
  @ApiProperty(MINOR) readonly quoteRequiredAbove: number;
  @ApiProperty() readonly estimateTolerancePercent: number;
  @ApiProperty() readonly selfBoughtTolerancePercent: number;
  @ApiProperty(MINOR) readonly diagnosisFee: number;
}

export class PriceBasisDto {
  @ApiProperty({
    type: 'integer',
    description: 'The catalogue version every estimate of the order is priced from',
  })
  readonly catalogueVersion: number;
  @ApiProperty({ type: QuoteSettingsViewDto }) readonly quoteSettings: QuoteSettingsViewDto;
  @ApiProperty({ example: 'CNY' }) readonly currency: string;
}

export class QuoteViewDto {
  @ApiProperty({ example: 'Q-1' }) readonly id: string;
  @ApiProperty({ enum: QUOTE_STATUSES }) readonly status: string;
  @ApiProperty({ type: OrderEstimateDto }) readonly estimate: OrderEstimateDto;
  @ApiProperty({ type: String, nullable: true }) readonly note: string | null;
  @ApiProperty({ type: () => ActorDto }) readonly proposedBy: ActorDto;
  @ApiProperty({ format: 'date-time' }) readonly proposedAt: string;
  @ApiProperty({ type: () => ActorDto, nullable: true }) readonly decidedBy: ActorDto | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readonly decidedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly decisionNote: string | null;
}

export class AddedWorkViewDto {
  @ApiProperty({ example: 'AW-1' }) readonly id: string;
  @ApiProperty({ enum: ADDED_WORK_STATUSES }) readonly status: string;
  @ApiProperty({ type: OrderEstimateDto }) readonly estimate: OrderEstimateDto;
  @ApiProperty() readonly reason: string;
  @ApiProperty({ example: 'ADDED_WORK_APPROVAL#1', description: 'The deadline it waits on' })
  readonly stageKey: string;
  @ApiProperty({ type: () => ActorDto }) readonly proposedBy: ActorDto;
  @ApiProperty({ format: 'date-time' }) readonly proposedAt: string;
  @ApiProperty({ type: () => ActorDto, nullable: true }) readonly decidedBy: ActorDto | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readonly decidedAt: string | null;
}

export class ShortfallDto {
  @ApiProperty() readonly partCode: string;
  @ApiProperty({ type: 'integer' }) readonly requested: number;
  @ApiProperty({ type: 'integer' }) readonly available: number;
}

export class PartsReservationViewDto {
  @ApiProperty({ example: 'PR-1' }) readonly requestId: string;
  @ApiProperty({ enum: ['RESERVING', 'RESERVED', 'WAITING_STOCK'] }) readonly status: string;
  @ApiProperty({ example: 'MAIN' }) readonly locationCode: string;
  @ApiProperty({ type: [ShortfallDto] }) readonly shortfall: ShortfallDto[];
  @ApiProperty({ type: [String], description: 'The purchase requests opened for what was missing' })
  readonly purchaseRequestIds: string[];
}

export class CategoryTotalsDto {
  @ApiProperty(MINOR) readonly labour: number;
  @ApiProperty(MINOR) readonly parts: number;
  @ApiProperty(MINOR) readonly materials: number;
  @ApiProperty(MINOR) readonly services: number;
  @ApiProperty(MINOR) readonly total: number;
}

export class BookedOutPartDto {
  @ApiProperty() readonly code: string;
  @ApiProperty({ type: 'integer' }) readonly quantity: number;
}

export class AmountDueDto {
  @ApiProperty({ enum: ['WORK', 'QUOTE_DECLINED'] }) readonly reason: string;
  @ApiProperty({ enum: COVERAGES }) readonly coverage: string;
  @ApiProperty({ type: [PricedLineDto], description: 'The billable lines' }) readonly lines: PricedLineDto[];
  @ApiProperty({ type: CategoryTotalsDto, description: 'What the work is worth at the order’s prices' })
  readonly worth: CategoryTotalsDto;
  @ApiProperty({ type: CategoryTotalsDto, description: 'What the customer pays (zero for covered work)' })
  readonly due: CategoryTotalsDto;
  @ApiProperty({ type: [BookedOutPartDto], description: 'Parts used beyond the approval: not billed' })
  readonly unapprovedParts: BookedOutPartDto[];
}

export class PaymentViewDto {
  @ApiProperty(MINOR) readonly amount: number;
  @ApiProperty() readonly paymentMethod: string;
  @ApiProperty({ type: String, nullable: true }) readonly receiptNo: string | null;
  @ApiProperty({ type: () => ActorDto }) readonly collectedBy: ActorDto;
  @ApiProperty({ format: 'date-time' }) readonly collectedAt: string;
}

export class SelfBoughtPartViewDto {
  @ApiProperty() readonly code: string;
  @ApiProperty({ type: 'integer' }) readonly quantity: number;
  @ApiProperty(MINOR) readonly invoiceAmount: number;
  @ApiProperty() readonly invoiceRef: string;
  @ApiProperty({ ...MINOR, description: `The catalogue unit price. ${MINOR_UNITS_DESCRIPTION}` })
  readonly cataloguePrice: number;
  @ApiProperty({ type: String, nullable: true, description: 'Why a supervisor must approve it' })
  readonly problem: string | null;
  @ApiProperty({ enum: ['OK', 'PENDING_APPROVAL', 'APPROVED'] }) readonly status: string;
  @ApiProperty({ type: () => ActorDto, nullable: true }) readonly approvedBy: ActorDto | null;
}

export class InspectionDto {
  @ApiProperty({ enum: INSPECTION_RESULTS }) readonly result: string;
  @ApiProperty({ type: String, nullable: true }) readonly note: string | null;
  @ApiProperty({ type: () => ActorDto }) readonly by: ActorDto;
  @ApiProperty({ format: 'date-time' }) readonly at: string;
}

export class ReplacedPartViewDto {
  @ApiProperty() readonly code: string;
  @ApiProperty({ type: 'integer' }) readonly quantity: number;
  @ApiProperty({ enum: PART_DISPOSALS, description: "The customer's choice" }) readonly disposal: string;
  @ApiProperty({ type: InspectionDto, nullable: true }) readonly inspection: InspectionDto | null;
}

export class QuoteDeclineOutcomeDto {
  @ApiProperty({
    description: 'An earlier approval (or the intake price) stands: the work goes on within it',
  })
  readonly workGoesOn: boolean;
  @ApiProperty({ ...MINOR, description: `Due when the work ends here. ${MINOR_UNITS_DESCRIPTION}` })
  readonly diagnosisFee: number;
}

export class PricingViewDto {
  @ApiProperty({ type: PriceBasisDto, nullable: true, description: 'Pinned by the first estimate' })
  readonly basis: PriceBasisDto | null;
  @ApiProperty({ type: [QuoteViewDto] }) readonly quotes: QuoteViewDto[];
  @ApiProperty({ type: [AddedWorkViewDto] }) readonly addedWork: AddedWorkViewDto[];
  @ApiProperty({ type: [PartsReservationViewDto] }) readonly reservations: PartsReservationViewDto[];
  @ApiProperty({
    ...MINOR,
    description: `The approved quote plus approved added work. ${MINOR_UNITS_DESCRIPTION}`,
  })
  readonly approvedTotal: number;
  @ApiProperty({
    type: AmountDueDto,
    nullable: true,
    description: 'Once the work is done or the quote declined',
  })
  readonly amountDue: AmountDueDto | null;
  @ApiProperty({ type: QuoteDeclineOutcomeDto, description: 'What declining the waiting quote leaves' })
  readonly ifDeclined: QuoteDeclineOutcomeDto;
  @ApiProperty({ type: [PaymentViewDto], description: 'Payments the technician took on site' })
  readonly payments: PaymentViewDto[];
  @ApiProperty({ type: [SelfBoughtPartViewDto] }) readonly selfBoughtParts: SelfBoughtPartViewDto[];
  @ApiProperty({ type: [ReplacedPartViewDto] }) readonly replacedParts: ReplacedPartViewDto[];
  @ApiProperty({ type: String, nullable: true }) readonly invoiceNo: string | null;
}

/** A quote as its customer sees it: no staff names. */
export class CustomerQuoteDto extends OmitType(QuoteViewDto, ['proposedBy', 'decidedBy'] as const) {}

export class CustomerAddedWorkDto extends OmitType(AddedWorkViewDto, ['proposedBy', 'decidedBy'] as const) {
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Answer it by' })
  readonly dueAt: string | null;
}

/** What the customer's page shows of the money: the quote or added work to answer, and what is due. */
export class CustomerPricingDto {
  @ApiProperty({ example: 'CNY' }) readonly currency: string;
  @ApiProperty({ type: CustomerQuoteDto, nullable: true, description: 'The latest quote' })
  readonly quote: CustomerQuoteDto | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Answer the quote by' })
  readonly quoteDueAt: string | null;
  @ApiProperty({ type: [CustomerAddedWorkDto] }) readonly addedWork: CustomerAddedWorkDto[];
  @ApiProperty({ type: AmountDueDto, nullable: true }) readonly amountDue: AmountDueDto | null;
  @ApiProperty({ ...MINOR, description: `Paid to the technician on site. ${MINOR_UNITS_DESCRIPTION}` })
  readonly paidOnSite: number;
  @ApiProperty({ type: QuoteDeclineOutcomeDto, description: 'What declining the waiting quote leaves' })
  readonly ifDeclined: QuoteDeclineOutcomeDto;
}
