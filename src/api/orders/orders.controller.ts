import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { UpdateDefinition } from '@temporalio/common';
import { commandRoles, STAFF_ROLES, type OrderDetails, type PartDisposal } from '../../domain';
import {
  approval,
  assign,
  callback,
  cancel,
  chase,
  checkIn,
  complete,
  customerAcceptance,
  customerFeedback,
  decideRework,
  logContact,
  overrideCoverage,
  qc,
  receiveParts,
  reportProgress,
  requestParts,
  resolveFeedback,
  respondToAssignment,
  review,
  settle,
  supplyInfo,
  type Actor,
  type OrderView,
} from '../../workflows/service-order/service-order.messages';
import { ApiProtected } from '../common/api-errors.decorator';
import { CurrentPrincipal, CurrentStaff, CustomerAccess, Roles } from '../common/auth.decorators';
import { ApiIdempotencyKey, IdempotencyKey } from '../common/idempotency';
import { OrderNoPipe } from '../common/order-no.pipe';
import type { Principal, StaffPrincipal } from '../common/principal';
import { ApprovalDto } from './dto/approval.dto';
import { AssignDto } from './dto/assign.dto';
import { CallbackDto } from './dto/callback.dto';
import { CancelDto } from './dto/cancel.dto';
import { ChaseDto } from './dto/chase.dto';
import { CheckInDto } from './dto/check-in.dto';
import { CompleteDto } from './dto/completion.dto';
import { LogContactDto } from './dto/log-contact.dto';
import { CustomerAcceptanceDto } from './dto/customer-acceptance.dto';
import { CoverageOverrideDto } from './dto/coverage-override.dto';
import { CustomerFeedbackDto } from './dto/customer-feedback.dto';
import { DecideReworkDto } from './dto/decide-rework.dto';
import { ResolveFeedbackDto } from './dto/resolve-feedback.dto';
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
import { RequestPartsDto } from './dto/parts-request.dto';
import { ReportProgressDto } from './dto/report-progress.dto';
import { QcDto } from './dto/qc.dto';
import { ReviewDto } from './dto/review.dto';
import { SettleDto } from './dto/settle.dto';
import { SupplyInfoDto } from './dto/supply-info.dto';
import { RespondToAssignmentDto } from './dto/respond-to-assignment.dto';
import { WarrantyClaimDto } from './dto/warranty-claim.dto';
import { CoverageService } from './coverage.service';
import { IntakeService } from './intake.service';
import { OrderAccessService } from './order-access.service';
import { COMMAND_ERRORS, OrderCommand } from './order-command.decorator';
import { OrderPricingService } from './order-pricing.service';
import { OrdersService } from './orders.service';
import { WarrantyClaimService } from './warranty-claim.service';

@ApiTags('orders')
@ApiExtraModels(OrderReadDto, CustomerOrderViewDto)
@Controller('orders')
export class OrdersController {
  constructor(
    private readonly orders: OrdersService,
    private readonly intake: IntakeService,
    private readonly warrantyClaims: WarrantyClaimService,
    private readonly access: OrderAccessService,
    private readonly coverage: CoverageService,
    private readonly pricing: OrderPricingService,
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
  @Roles(...commandRoles('supplyInfo'))
  @ApiOperation({ summary: 'Supply missing information (INFO_REQUIRED → PENDING_REVIEW once complete)' })
  @ApiOkResponse({ type: OrderViewDto })
  async supplyInfo(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Body() dto: SupplyInfoDto,
    @CurrentPrincipal() p: Principal,
    @IdempotencyKey() key: string | null,
  ): Promise<OrderView> {
    const { customer } = dto.details;
    const details: Partial<OrderDetails> = {
      ...(dto.details as Partial<OrderDetails>),
      ...(customer
        ? { customer: { ...customer, phone: this.intake.e164(customer.phone, 'details.customer.phone') } }
        : {}),
      ...(await this.coverageAfterSupply(orderNo, dto.details as Partial<OrderDetails>)),
    };
    return this.send(p, orderNo, supplyInfo, { details }, key);
  }

  /**
   * Supplied equipment facts or a contract judge who pays again (a repair taken without its serial number
   * was judged PAID for lack of it), unless a supervisor has overridden the judgement.
   */
  private async coverageAfterSupply(
    orderNo: string,
    patch: Partial<OrderDetails>,
  ): Promise<Pick<OrderDetails, 'coverage'>> {
    if (patch.equipment === undefined && patch.serviceContract === undefined) return {};
    const { view } = await this.access.load(orderNo);
    const current = view.details;
    if (current.isWarranty || current.coverage?.overriddenBy) return {};
    return {
      coverage: await this.coverage.judge({
        equipment: patch.equipment ?? current.equipment,
        serviceContract: patch.serviceContract ?? current.serviceContract,
      }),
    };
  }

  @Post(':orderNo/review')
  @OrderCommand()
  @Roles(...commandRoles('review'))
  @ApiOperation({ summary: 'Review: approve, return for information, or reject' })
  @ApiOkResponse({ type: OrderViewDto })
  review(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Body() dto: ReviewDto,
    @CurrentPrincipal() p: Principal,
    @IdempotencyKey() key: string | null,
  ): Promise<OrderView> {
    return this.send(p, orderNo, review, { ...dto }, key);
  }

  @Post(':orderNo/approval')
  @OrderCommand()
  @Roles(...commandRoles('approval'))
  @ApiOperation({ summary: 'Supervisor approval of a complex order' })
  @ApiOkResponse({ type: OrderViewDto })
  approval(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Body() dto: ApprovalDto,
    @CurrentPrincipal() p: Principal,
    @IdempotencyKey() key: string | null,
  ): Promise<OrderView> {
    return this.send(p, orderNo, approval, { ...dto }, key);
  }

  @Post(':orderNo/assignment')
  @OrderCommand()
  @Roles(...commandRoles('assign'))
  @ApiOperation({ summary: 'Assign or reassign a technician; without technicianId the system chooses' })
  @ApiOkResponse({ type: OrderViewDto })
  assign(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Body() dto: AssignDto,
    @CurrentPrincipal() p: Principal,
    @IdempotencyKey() key: string | null,
  ): Promise<OrderView> {
    return this.send(p, orderNo, assign, { ...dto }, key);
  }

  @Post(':orderNo/technician-response')
  @OrderCommand()
  @Roles(...commandRoles('respondToAssignment'))
  @ApiOperation({ summary: 'The assigned technician accepts or declines (reason required)' })
  @ApiOkResponse({ type: OrderViewDto })
  respondToAssignment(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Body() dto: RespondToAssignmentDto,
    @CurrentPrincipal() p: Principal,
    @IdempotencyKey() key: string | null,
  ): Promise<OrderView> {
    return this.send(
      p,
      orderNo,
      respondToAssignment,
      {
        ...dto,
      },
      key,
    );
  }

  @Post(':orderNo/contact')
  @OrderCommand()
  @Roles(...commandRoles('logContact'))
  @ApiOperation({ summary: 'Log contact with the customer (optionally a rescheduled appointment)' })
  @ApiOkResponse({ type: OrderViewDto })
  logContact(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Body() dto: LogContactDto,
    @CurrentPrincipal() p: Principal,
    @IdempotencyKey() key: string | null,
  ): Promise<OrderView> {
    return this.send(p, orderNo, logContact, { ...dto }, key);
  }

  @Post(':orderNo/check-in')
  @OrderCommand()
  @Roles(...commandRoles('checkIn'))
  @ApiOperation({ summary: 'Check in on site (position outside the policy radius is flagged)' })
  @ApiOkResponse({ type: OrderViewDto })
  checkIn(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Body() dto: CheckInDto,
    @CurrentPrincipal() p: Principal,
    @IdempotencyKey() key: string | null,
  ): Promise<OrderView> {
    return this.send(p, orderNo, checkIn, { ...dto }, key);
  }

  @Post(':orderNo/progress')
  @OrderCommand()
  @Roles(...commandRoles('reportProgress'))
  @ApiOperation({ summary: 'Report progress with a milestone' })
  @ApiOkResponse({ type: OrderViewDto })
  reportProgress(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Body() dto: ReportProgressDto,
    @CurrentPrincipal() p: Principal,
    @IdempotencyKey() key: string | null,
  ): Promise<OrderView> {
    return this.send(p, orderNo, reportProgress, { ...dto }, key);
  }

  @Post(':orderNo/parts-requests')
  @OrderCommand()
  @Roles(...commandRoles('requestParts'))
  @ApiOperation({ summary: 'Request parts (milestone WAITING_PARTS; the completion clock may pause)' })
  @ApiOkResponse({ type: OrderViewDto })
  requestParts(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Body() dto: RequestPartsDto,
    @CurrentPrincipal() p: Principal,
    @IdempotencyKey() key: string | null,
  ): Promise<OrderView> {
    return this.send(
      p,
      orderNo,
      requestParts,
      {
        items: dto.items.map((i) => ({ ...i })),
      },
      key,
    );
  }

  @Post(':orderNo/parts-requests/:requestId/received')
  @OrderCommand()
  @Roles(...commandRoles('receiveParts'))
  @ApiOperation({ summary: 'Record requested parts as received (the completion clock resumes)' })
  @ApiOkResponse({ type: OrderViewDto })
  receiveParts(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Param('requestId') requestId: string,
    @CurrentPrincipal() p: Principal,
    @IdempotencyKey() key: string | null,
  ): Promise<OrderView> {
    return this.send(
      p,
      orderNo,
      receiveParts,
      {
        requestId: requestId.slice(0, 100),
      },
      key,
    );
  }

  @Post(':orderNo/completion')
  @OrderCommand()
  @Roles(...commandRoles('complete'))
  @ApiOperation({ summary: 'Complete the work (→ PENDING_QC)' })
  @ApiOkResponse({ type: OrderViewDto })
  async complete(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Body() dto: CompleteDto,
    @CurrentPrincipal() p: Principal,
    @IdempotencyKey() key: string | null,
  ): Promise<OrderView> {
    const partsUsed = dto.partsUsed.map((part) => ({
      ...part,
      ...(part.selfBought ? { selfBought: { ...part.selfBought } } : {}),
    }));
    // A priced order's parts at its catalogue price: the workflow checks the final price and self-bought invoices.
    const { view } = await this.access.load(orderNo);
    const pricedParts = await this.pricing.priceParts(view, partsUsed);
    return this.send(
      p,
      orderNo,
      complete,
      {
        ...dto,
        partsUsed,
        replacedParts: dto.replacedParts?.map((part) => ({
          ...part,
          disposal: part.disposal as PartDisposal,
        })),
        ...(pricedParts ? { pricedParts } : {}),
      },
      key,
    );
  }

  @Post(':orderNo/qc')
  @OrderCommand()
  @Roles(...commandRoles('qc'))
  @ApiOperation({ summary: 'Internal quality check: pass (→ PENDING_ACCEPTANCE) or fail (→ IN_PROGRESS)' })
  @ApiOkResponse({ type: OrderViewDto })
  qc(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Body() dto: QcDto,
    @CurrentPrincipal() p: Principal,
    @IdempotencyKey() key: string | null,
  ): Promise<OrderView> {
    return this.send(p, orderNo, qc, { ...dto }, key);
  }

  @Post(':orderNo/chase')
  @OrderCommand()
  @Roles(...commandRoles('chase'))
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
    return this.send(p, orderNo, chase, { ...dto }, key);
  }

  @Post(':orderNo/customer-acceptance')
  @OrderCommand()
  @Roles(...commandRoles('customerAcceptance'))
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
    const view = await this.send(p, orderNo, customerAcceptance, { ...dto }, key);
    return this.orders.customerView(view);
  }

  @Post(':orderNo/customer-feedback')
  @OrderCommand()
  @Roles(...commandRoles('customerFeedback'))
  @CustomerAccess()
  @ApiOperation({
    summary: "The customer's answer to the feedback request sent after completion (a low score opens a case)",
  })
  @ApiOkResponse({ type: CustomerOrderViewDto })
  async customerFeedback(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Body() dto: CustomerFeedbackDto,
    @CurrentPrincipal() p: Principal,
    @IdempotencyKey() key: string | null,
  ) {
    const view = await this.send(p, orderNo, customerFeedback, { ...dto }, key);
    return this.orders.customerView(view);
  }

  @Post(':orderNo/coverage-override')
  @OrderCommand()
  @Roles(...commandRoles('overrideCoverage'))
  @ApiOperation({
    summary:
      'A supervisor corrects who pays (IN_WARRANTY, CONTRACT, PAID) with a reason, until the order is settled',
  })
  @ApiOkResponse({ type: OrderViewDto })
  overrideCoverage(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Body() dto: CoverageOverrideDto,
    @CurrentPrincipal() p: Principal,
    @IdempotencyKey() key: string | null,
  ): Promise<OrderView> {
    return this.send(p, orderNo, overrideCoverage, { ...dto }, key);
  }

  @Post(':orderNo/callback')
  @OrderCommand()
  @Roles(...commandRoles('callback'))
  @ApiOperation({ summary: 'Return visit call after completion' })
  @ApiOkResponse({ type: OrderViewDto })
  callback(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Body() dto: CallbackDto,
    @CurrentPrincipal() p: Principal,
    @IdempotencyKey() key: string | null,
  ): Promise<OrderView> {
    return this.send(p, orderNo, callback, { ...dto }, key);
  }

  @Post(':orderNo/feedback-resolution')
  @OrderCommand()
  @Roles(...commandRoles('resolveFeedback'))
  @ApiOperation({ summary: 'Resolve the feedback case (its owner or a supervisor)' })
  @ApiOkResponse({ type: OrderViewDto })
  resolveFeedback(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Body() dto: ResolveFeedbackDto,
    @CurrentPrincipal() p: Principal,
    @IdempotencyKey() key: string | null,
  ): Promise<OrderView> {
    return this.send(
      p,
      orderNo,
      resolveFeedback,
      {
        ...dto,
      },
      key,
    );
  }

  @Post(':orderNo/settlement')
  @OrderCommand()
  @Roles(...commandRoles('settle'))
  @ApiOperation({
    summary: 'Settle: verified amount, payment method, invoice number',
    description:
      "A priced order's amount must equal its ledger's amount due (`pricing.amountDue.due.total`, here in major units).",
  })
  @ApiOkResponse({ type: OrderViewDto })
  settle(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Body() dto: SettleDto,
    @CurrentPrincipal() p: Principal,
    @IdempotencyKey() key: string | null,
  ): Promise<OrderView> {
    const body = {
      amount: dto.amount,
      amountMinor: this.pricing.minor(dto.amount, 'amount'),
      paymentMethod: dto.paymentMethod,
      invoiceNo: dto.invoiceNo ?? null,
    };
    return this.send(p, orderNo, settle, body, key);
  }

  @Post(':orderNo/cancel')
  @OrderCommand()
  @Roles(...commandRoles('cancel'))
  @ApiOperation({
    summary:
      'Cancel: agents before the technician is on site, supervisors until the work is done (never after)',
  })
  @ApiOkResponse({ type: OrderViewDto })
  cancel(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Body() dto: CancelDto,
    @CurrentPrincipal() p: Principal,
    @IdempotencyKey() key: string | null,
  ): Promise<OrderView> {
    return this.send(p, orderNo, cancel, { ...dto }, key);
  }

  @Post(':orderNo/rework-decision')
  @OrderCommand()
  @Roles(...commandRoles('decideRework'))
  @ApiOperation({
    summary: 'Past the rework limit (REWORK): another round with the same technician, or refund and close',
  })
  @ApiOkResponse({ type: OrderViewDto })
  decideRework(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Body() dto: DecideReworkDto,
    @CurrentPrincipal() p: Principal,
    @IdempotencyKey() key: string | null,
  ): Promise<OrderView> {
    return this.send(p, orderNo, decideRework, { ...dto }, key);
  }

  @Post(':orderNo/warranty-claims')
  @Roles(...commandRoles('warrantyClaim'))
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
    return this.warrantyClaims.claim(staff, orderNo, dto, key);
  }

  /**
   * An order command as its Update: the Update's name is the command's name, so the actor's role comes
   * from the same `commandRoles` list as the route's `@Roles` guard.
   */
  private send<I extends { actor: Actor }>(
    p: Principal,
    orderNo: string,
    update: UpdateDefinition<OrderView, [I]>,
    body: Omit<I, 'actor'>,
    key: string | null,
  ): Promise<OrderView> {
    return this.orders.send(p, orderNo, update, body, key);
  }
}
