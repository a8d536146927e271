import { applyDecorators, Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { STAFF_ROLES, type OrderDetails, type StaffRole } from '../../domain';
import {
  approval,
  assign,
  callback,
  cancel,
  chase,
  checkIn,
  complete,
  customerAcceptance,
  logContact,
  qc,
  receiveParts,
  reportProgress,
  requestParts,
  resolveFeedback,
  respondToAssignment,
  review,
  settle,
  supplyInfo,
  type OrderView,
} from '../../workflows/service-order/service-order.messages';
import { ApiProtected } from '../common/api-errors.decorator';
import { CurrentPrincipal, CurrentStaff, CustomerAccess, Roles } from '../common/auth.decorators';
import { ApiIdempotencyKey, IdempotencyKey } from '../common/idempotency';
import { OrderNoPipe } from '../common/order-no.pipe';
import type { Principal, StaffPrincipal } from '../common/principal';
import { ApprovalDto } from './dto/approval.dto';
import { AssignmentDto } from './dto/assignment.dto';
import { CallbackDto } from './dto/callback.dto';
import { CancelDto } from './dto/cancel.dto';
import { ChaseDto } from './dto/chase.dto';
import { CheckInDto } from './dto/check-in.dto';
import { CompletionDto } from './dto/completion.dto';
import { ContactDto } from './dto/contact.dto';
import { CustomerAcceptanceDto } from './dto/customer-acceptance.dto';
import { FeedbackResolutionDto } from './dto/feedback-resolution.dto';
import { IntakeOrderDto, IntakeResponseDto } from './dto/intake-order.dto';
import { ListOrdersQueryDto } from './dto/list-orders.query';
import { ReadOrderQueryDto } from './dto/read-order.query';
import {
  CustomerOrderViewDto,
  OrderPageDto,
  OrderReadDto,
  OrderViewDto,
  TimelineEntryDto,
} from './dto/order-view.dto';
import { PartsRequestDto } from './dto/parts-request.dto';
import { ProgressDto } from './dto/progress.dto';
import { QcDto } from './dto/qc.dto';
import { ReviewDto } from './dto/review.dto';
import { SettlementDto } from './dto/settlement.dto';
import { SupplyInfoDto } from './dto/supply-info.dto';
import { TechnicianResponseDto } from './dto/technician-response.dto';
import { WarrantyClaimDto } from './dto/warranty-claim.dto';
import { IntakeService } from './intake.service';
import { OrdersService } from './orders.service';

/** SPEC §5: who may call each order command. The first listed role is the one a multi-role user acts in. */
export const COMMAND_ROLES = {
  info: ['agent'],
  review: ['agent'],
  approval: ['supervisor'],
  assignment: ['dispatcher', 'supervisor'],
  technicianResponse: ['technician'],
  contact: ['technician'],
  checkIn: ['technician'],
  progress: ['technician'],
  parts: ['technician'],
  completion: ['technician'],
  qc: ['supervisor'],
  chase: ['agent'],
  // Only the customer token: no staff role.
  customerAcceptance: [],
  callback: ['agent'],
  // The feedback case owner may hold any staff role; the workflow checks it is them.
  feedbackResolution: ['supervisor', 'agent', 'dispatcher', 'technician', 'finance'],
  settlement: ['finance'],
  cancel: ['agent', 'supervisor'],
  warrantyClaim: ['agent'],
} as const satisfies Record<string, readonly StaffRole[]>;

const COMMAND_ERRORS = [400, 404, 409, 422] as const;

/** An order command route: 200 with the new state, `Idempotency-Key` honoured, the command errors. */
const OrderCommand = () =>
  applyDecorators(HttpCode(200), ApiIdempotencyKey(), ApiProtected(...COMMAND_ERRORS));

@ApiTags('orders')
@ApiExtraModels(OrderReadDto, CustomerOrderViewDto)
@Controller('orders')
export class OrdersController {
  constructor(
    private readonly orders: OrdersService,
    private readonly intake: IntakeService,
  ) {}

  @Post()
  @Roles('agent')
  @ApiOperation({
    summary: 'Intake a new order',
    description:
      'Starts the order workflow. Incomplete orders start in INFO_REQUIRED with `problems`. The customer token is shown only here.',
  })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: IntakeResponseDto })
  @ApiProtected(400, 409, 422)
  create(
    @Body() dto: IntakeOrderDto,
    @CurrentStaff() staff: StaffPrincipal,
    @IdempotencyKey() key: string | null,
  ): Promise<IntakeResponseDto> {
    return this.intake.intakeRequest(dto, staff, key);
  }

  @Get()
  @Roles(...STAFF_ROLES)
  @ApiOperation({
    summary: 'Search orders (read model)',
    description:
      'Technicians see their own orders, regional dispatchers their region. Newest first, ties by order number.',
  })
  @ApiOkResponse({ type: OrderPageDto })
  @ApiProtected(400)
  list(@Query() query: ListOrdersQueryDto, @CurrentStaff() staff: StaffPrincipal): Promise<OrderPageDto> {
    return this.orders.list(staff, query);
  }

  @Get(':orderNo')
  @Roles(...STAFF_ROLES)
  @CustomerAccess()
  @ApiOperation({
    summary:
      'The order as last projected: status, assignee, every running deadline, rework round, escalations',
    description: 'Staff get the full view (each read is audited); the customer token gets the customer view.',
  })
  @ApiOkResponse({
    schema: { oneOf: [{ $ref: getSchemaPath(OrderReadDto) }, { $ref: getSchemaPath(CustomerOrderViewDto) }] },
  })
  @ApiProtected(400, 404)
  get(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Query() query: ReadOrderQueryDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.orders.get(principal, orderNo, query.minRevision);
  }

  @Get(':orderNo/timeline')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'Recorded transitions of the order' })
  @ApiOkResponse({ type: [TimelineEntryDto] })
  @ApiProtected(400, 404)
  timeline(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Query() query: ReadOrderQueryDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<TimelineEntryDto[]> {
    return this.orders.timeline(staff, orderNo, query.minRevision);
  }

  @Post(':orderNo/info')
  @OrderCommand()
  @Roles(...COMMAND_ROLES.info)
  @ApiOperation({ summary: 'Supply missing information (INFO_REQUIRED → PENDING_REVIEW once complete)' })
  @ApiOkResponse({ type: OrderViewDto })
  info(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Body() dto: SupplyInfoDto,
    @CurrentPrincipal() p: Principal,
    @IdempotencyKey() key: string | null,
  ): Promise<OrderView> {
    return this.orders.command(
      p,
      orderNo,
      COMMAND_ROLES.info,
      supplyInfo,
      {
        details: dto.details as Partial<OrderDetails>,
      },
      key,
    );
  }

  @Post(':orderNo/review')
  @OrderCommand()
  @Roles(...COMMAND_ROLES.review)
  @ApiOperation({ summary: 'Review: approve, return for information, or reject' })
  @ApiOkResponse({ type: OrderViewDto })
  review(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Body() dto: ReviewDto,
    @CurrentPrincipal() p: Principal,
    @IdempotencyKey() key: string | null,
  ): Promise<OrderView> {
    return this.orders.command(p, orderNo, COMMAND_ROLES.review, review, { ...dto }, key);
  }

  @Post(':orderNo/approval')
  @OrderCommand()
  @Roles(...COMMAND_ROLES.approval)
  @ApiOperation({ summary: 'Supervisor approval of a complex order' })
  @ApiOkResponse({ type: OrderViewDto })
  approval(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Body() dto: ApprovalDto,
    @CurrentPrincipal() p: Principal,
    @IdempotencyKey() key: string | null,
  ): Promise<OrderView> {
    return this.orders.command(p, orderNo, COMMAND_ROLES.approval, approval, { ...dto }, key);
  }

  @Post(':orderNo/assignment')
  @OrderCommand()
  @Roles(...COMMAND_ROLES.assignment)
  @ApiOperation({ summary: 'Assign or reassign a technician; without technicianId the system chooses' })
  @ApiOkResponse({ type: OrderViewDto })
  assignment(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Body() dto: AssignmentDto,
    @CurrentPrincipal() p: Principal,
    @IdempotencyKey() key: string | null,
  ): Promise<OrderView> {
    return this.orders.command(p, orderNo, COMMAND_ROLES.assignment, assign, { ...dto }, key);
  }

  @Post(':orderNo/technician-response')
  @OrderCommand()
  @Roles(...COMMAND_ROLES.technicianResponse)
  @ApiOperation({ summary: 'The assigned technician accepts or declines (reason required)' })
  @ApiOkResponse({ type: OrderViewDto })
  technicianResponse(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Body() dto: TechnicianResponseDto,
    @CurrentPrincipal() p: Principal,
    @IdempotencyKey() key: string | null,
  ): Promise<OrderView> {
    return this.orders.command(
      p,
      orderNo,
      COMMAND_ROLES.technicianResponse,
      respondToAssignment,
      {
        ...dto,
      },
      key,
    );
  }

  @Post(':orderNo/contact')
  @OrderCommand()
  @Roles(...COMMAND_ROLES.contact)
  @ApiOperation({ summary: 'Log contact with the customer (optionally a rescheduled appointment)' })
  @ApiOkResponse({ type: OrderViewDto })
  contact(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Body() dto: ContactDto,
    @CurrentPrincipal() p: Principal,
    @IdempotencyKey() key: string | null,
  ): Promise<OrderView> {
    return this.orders.command(p, orderNo, COMMAND_ROLES.contact, logContact, { ...dto }, key);
  }

  @Post(':orderNo/check-in')
  @OrderCommand()
  @Roles(...COMMAND_ROLES.checkIn)
  @ApiOperation({ summary: 'Check in on site (position outside the policy radius is flagged)' })
  @ApiOkResponse({ type: OrderViewDto })
  checkIn(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Body() dto: CheckInDto,
    @CurrentPrincipal() p: Principal,
    @IdempotencyKey() key: string | null,
  ): Promise<OrderView> {
    return this.orders.command(p, orderNo, COMMAND_ROLES.checkIn, checkIn, { ...dto }, key);
  }

  @Post(':orderNo/progress')
  @OrderCommand()
  @Roles(...COMMAND_ROLES.progress)
  @ApiOperation({ summary: 'Report progress with a milestone' })
  @ApiOkResponse({ type: OrderViewDto })
  progress(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Body() dto: ProgressDto,
    @CurrentPrincipal() p: Principal,
    @IdempotencyKey() key: string | null,
  ): Promise<OrderView> {
    return this.orders.command(p, orderNo, COMMAND_ROLES.progress, reportProgress, { ...dto }, key);
  }

  @Post(':orderNo/parts-requests')
  @OrderCommand()
  @Roles(...COMMAND_ROLES.parts)
  @ApiOperation({ summary: 'Request parts (milestone WAITING_PARTS; the completion clock may pause)' })
  @ApiOkResponse({ type: OrderViewDto })
  requestParts(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Body() dto: PartsRequestDto,
    @CurrentPrincipal() p: Principal,
    @IdempotencyKey() key: string | null,
  ): Promise<OrderView> {
    return this.orders.command(
      p,
      orderNo,
      COMMAND_ROLES.parts,
      requestParts,
      {
        items: dto.items.map((i) => ({ ...i })),
      },
      key,
    );
  }

  @Post(':orderNo/parts-requests/:requestId/received')
  @OrderCommand()
  @Roles(...COMMAND_ROLES.parts)
  @ApiOperation({ summary: 'Record requested parts as received (the completion clock resumes)' })
  @ApiOkResponse({ type: OrderViewDto })
  receiveParts(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Param('requestId') requestId: string,
    @CurrentPrincipal() p: Principal,
    @IdempotencyKey() key: string | null,
  ): Promise<OrderView> {
    return this.orders.command(
      p,
      orderNo,
      COMMAND_ROLES.parts,
      receiveParts,
      {
        requestId: requestId.slice(0, 100),
      },
      key,
    );
  }

  @Post(':orderNo/completion')
  @OrderCommand()
  @Roles(...COMMAND_ROLES.completion)
  @ApiOperation({ summary: 'Complete the work (→ PENDING_QC)' })
  @ApiOkResponse({ type: OrderViewDto })
  completion(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Body() dto: CompletionDto,
    @CurrentPrincipal() p: Principal,
    @IdempotencyKey() key: string | null,
  ): Promise<OrderView> {
    return this.orders.command(
      p,
      orderNo,
      COMMAND_ROLES.completion,
      complete,
      {
        ...dto,
        partsUsed: dto.partsUsed.map((part) => ({ ...part })),
      },
      key,
    );
  }

  @Post(':orderNo/qc')
  @OrderCommand()
  @Roles(...COMMAND_ROLES.qc)
  @ApiOperation({ summary: 'Internal quality check: pass (→ PENDING_ACCEPTANCE) or fail (→ IN_PROGRESS)' })
  @ApiOkResponse({ type: OrderViewDto })
  qc(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Body() dto: QcDto,
    @CurrentPrincipal() p: Principal,
    @IdempotencyKey() key: string | null,
  ): Promise<OrderView> {
    return this.orders.command(p, orderNo, COMMAND_ROLES.qc, qc, { ...dto }, key);
  }

  @Post(':orderNo/chase')
  @OrderCommand()
  @Roles(...COMMAND_ROLES.chase)
  @ApiOperation({
    summary: 'Log that the customer is chasing; the technician must answer within chaseResponse',
  })
  @ApiOkResponse({ type: OrderViewDto })
  chase(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Body() dto: ChaseDto,
    @CurrentPrincipal() p: Principal,
    @IdempotencyKey() key: string | null,
  ): Promise<OrderView> {
    return this.orders.command(p, orderNo, COMMAND_ROLES.chase, chase, { ...dto }, key);
  }

  @Post(':orderNo/customer-acceptance')
  @OrderCommand()
  @Roles(...COMMAND_ROLES.customerAcceptance)
  @CustomerAccess()
  @ApiOperation({
    summary: 'The customer (customer token) accepts with a rating or rejects with reasons (→ REWORK)',
  })
  @ApiOkResponse({ type: CustomerOrderViewDto })
  async customerAcceptance(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Body() dto: CustomerAcceptanceDto,
    @CurrentPrincipal() p: Principal,
    @IdempotencyKey() key: string | null,
  ) {
    const view = await this.orders.command(
      p,
      orderNo,
      COMMAND_ROLES.customerAcceptance,
      customerAcceptance,
      { ...dto },
      key,
    );
    return this.orders.customerView(view);
  }

  @Post(':orderNo/callback')
  @OrderCommand()
  @Roles(...COMMAND_ROLES.callback)
  @ApiOperation({ summary: 'Return visit call after completion' })
  @ApiOkResponse({ type: OrderViewDto })
  callback(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Body() dto: CallbackDto,
    @CurrentPrincipal() p: Principal,
    @IdempotencyKey() key: string | null,
  ): Promise<OrderView> {
    return this.orders.command(p, orderNo, COMMAND_ROLES.callback, callback, { ...dto }, key);
  }

  @Post(':orderNo/feedback-resolution')
  @OrderCommand()
  @Roles(...COMMAND_ROLES.feedbackResolution)
  @ApiOperation({ summary: 'Resolve the feedback case (its owner or a supervisor)' })
  @ApiOkResponse({ type: OrderViewDto })
  feedbackResolution(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Body() dto: FeedbackResolutionDto,
    @CurrentPrincipal() p: Principal,
    @IdempotencyKey() key: string | null,
  ): Promise<OrderView> {
    return this.orders.command(
      p,
      orderNo,
      COMMAND_ROLES.feedbackResolution,
      resolveFeedback,
      {
        ...dto,
      },
      key,
    );
  }

  @Post(':orderNo/settlement')
  @OrderCommand()
  @Roles(...COMMAND_ROLES.settlement)
  @ApiOperation({ summary: 'Settle: verified amount, payment method, invoice number' })
  @ApiOkResponse({ type: OrderViewDto })
  settlement(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Body() dto: SettlementDto,
    @CurrentPrincipal() p: Principal,
    @IdempotencyKey() key: string | null,
  ): Promise<OrderView> {
    return this.orders.command(p, orderNo, COMMAND_ROLES.settlement, settle, { ...dto }, key);
  }

  @Post(':orderNo/cancel')
  @OrderCommand()
  @Roles(...COMMAND_ROLES.cancel)
  @ApiOperation({ summary: 'Cancel before the technician is on site' })
  @ApiOkResponse({ type: OrderViewDto })
  cancel(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Body() dto: CancelDto,
    @CurrentPrincipal() p: Principal,
    @IdempotencyKey() key: string | null,
  ): Promise<OrderView> {
    return this.orders.command(p, orderNo, COMMAND_ROLES.cancel, cancel, { ...dto }, key);
  }

  @Post(':orderNo/warranty-claims')
  @Roles(...COMMAND_ROLES.warrantyClaim)
  @ApiOperation({
    summary:
      'After-sales claim on a closed order: opens a new linked warranty order (amount 0) while the warranty runs',
  })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: IntakeResponseDto })
  @ApiProtected(...COMMAND_ERRORS)
  warrantyClaim(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Body() dto: WarrantyClaimDto,
    @CurrentStaff() staff: StaffPrincipal,
    @IdempotencyKey() key: string | null,
  ) {
    return this.orders.warrantyClaim(staff, orderNo, dto, key);
  }
}
