import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { commandRoles, type InspectionResult } from '../../domain';
import {
  approveSelfBoughtParts,
  collectPayment,
  decideAddedWork,
  decideQuote,
  inspectParts,
  proposeAddedWork,
  proposeQuote,
  recordInvoice,
  type OrderView,
} from '../../workflows/service-order/service-order.messages';
import { CurrentPrincipal, CustomerAccess, Roles } from '../common/auth.decorators';
import { IdempotencyKey } from '../common/idempotency';
import { OrderNoPipe } from '../common/order-no.pipe';
import type { Principal } from '../common/principal';
import { CustomerOrderViewDto, OrderViewDto } from './dto/order-view.dto';
import {
  AddedWorkDecisionDto,
  CollectPaymentDto,
  InvoiceDto,
  PartsInspectionDto,
  ProposeAddedWorkDto,
  ProposeQuoteDto,
  QuoteDecisionDto,
  SelfBoughtApprovalDto,
} from './dto/priced-work.dto';
import { OrderAccessService } from './order-access.service';
import { OrderCommand } from './order-command.decorator';
import { OrderPricingService } from './order-pricing.service';
import { OrdersService } from './orders.service';

/**
 * Priced work on an order (issue 11, docs/money.md): the quote and added work the customer answers, payment
 * on site, inspection of replaced parts, self-bought parts, the invoice sent later. Estimates are priced
 * here from the order's catalogue version; the workflow decides.
 */
@ApiTags('orders')
@Controller('orders')
export class PricedWorkController {
  constructor(
    private readonly orders: OrdersService,
    private readonly access: OrderAccessService,
    private readonly pricing: OrderPricingService,
  ) {}

  @Post(':orderNo/quotes')
  @OrderCommand()
  @Roles(...commandRoles('proposeQuote'))
  @ApiOperation({
    summary: 'Price the job from the catalogue and put the quote to the customer (→ PENDING_QUOTE)',
    description:
      'Paid work, and covered work above the catalogue threshold, waits for the customer’s answer within the policy’s quoteApproval window; other work goes on at once (the quote is NOT_NEEDED).',
  })
  @ApiOkResponse({ type: OrderViewDto })
  async proposeQuote(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Body() dto: ProposeQuoteDto,
    @CurrentPrincipal() p: Principal,
    @IdempotencyKey() key: string | null,
  ): Promise<OrderView> {
    const { view } = await this.access.load(orderNo);
    const priced = await this.pricing.estimate(view, dto.lines);
    return this.orders.send(
      p,
      orderNo,
      proposeQuote,
      { ...priced, ...(dto.note ? { note: dto.note } : {}) },
      key,
    );
  }

  @Post(':orderNo/quote-decision')
  @OrderCommand()
  @Roles(...commandRoles('decideQuote'))
  @CustomerAccess()
  @ApiOperation({
    summary:
      'The customer (customer token), or the agent they told, approves (→ IN_PROGRESS) or declines the quote',
    description:
      'A decline ends the order: the catalogue’s diagnosis fee is due for paid work, nothing for covered work.',
  })
  @ApiOkResponse({ type: CustomerOrderViewDto })
  async decideQuote(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Body() dto: QuoteDecisionDto,
    @CurrentPrincipal() p: Principal,
    @IdempotencyKey() key: string | null,
  ) {
    const body = { quoteId: dto.quoteId, decision: dto.decision as 'APPROVE' | 'DECLINE', note: dto.note };
    return this.orders.customerView(await this.orders.send(p, orderNo, decideQuote, body, key));
  }

  @Post(':orderNo/added-work')
  @OrderCommand()
  @Roles(...commandRoles('proposeAddedWork'))
  @ApiOperation({
    summary:
      'Propose added work or materials found on site (增修, 加料); nothing of it is billed until the customer approves',
    description:
      'Without an answer within the policy’s addedWorkApproval window it lapses: not approved, and the agent is told.',
  })
  @ApiOkResponse({ type: OrderViewDto })
  async proposeAddedWork(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Body() dto: ProposeAddedWorkDto,
    @CurrentPrincipal() p: Principal,
    @IdempotencyKey() key: string | null,
  ): Promise<OrderView> {
    const { view } = await this.access.load(orderNo);
    const priced = await this.pricing.estimate(view, dto.lines);
    return this.orders.send(p, orderNo, proposeAddedWork, { ...priced, reason: dto.reason }, key);
  }

  @Post(':orderNo/added-work/:addedWorkId/decision')
  @OrderCommand()
  @Roles(...commandRoles('decideAddedWork'))
  @CustomerAccess()
  @ApiOperation({
    summary: 'The customer (customer token), or the agent they told, approves or declines added work',
  })
  @ApiOkResponse({ type: CustomerOrderViewDto })
  async decideAddedWork(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Param('addedWorkId') addedWorkId: string,
    @Body() dto: AddedWorkDecisionDto,
    @CurrentPrincipal() p: Principal,
    @IdempotencyKey() key: string | null,
  ) {
    const body = {
      addedWorkId: addedWorkId.slice(0, 20),
      decision: dto.decision as 'APPROVE' | 'DECLINE',
      note: dto.note,
    };
    return this.orders.customerView(await this.orders.send(p, orderNo, decideAddedWork, body, key));
  }

  @Post(':orderNo/payments')
  @OrderCommand()
  @Roles(...commandRoles('collectPayment'))
  @ApiOperation({
    summary: 'The technician records a payment taken on site (当场收费); the invoice may follow',
  })
  @ApiOkResponse({ type: OrderViewDto })
  collectPayment(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Body() dto: CollectPaymentDto,
    @CurrentPrincipal() p: Principal,
    @IdempotencyKey() key: string | null,
  ): Promise<OrderView> {
    return this.orders.send(p, orderNo, collectPayment, { ...dto }, key);
  }

  @Post(':orderNo/parts-inspection')
  @OrderCommand()
  @Roles(...commandRoles('inspectParts'))
  @ApiOperation({
    summary: 'The technical supervisor’s finding on replaced parts; a FAULTLESS part flags the technician',
  })
  @ApiOkResponse({ type: OrderViewDto })
  inspectParts(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Body() dto: PartsInspectionDto,
    @CurrentPrincipal() p: Principal,
    @IdempotencyKey() key: string | null,
  ): Promise<OrderView> {
    const results = dto.results.map((r) => ({ ...r, result: r.result as InspectionResult }));
    return this.orders.send(p, orderNo, inspectParts, { results }, key);
  }

  @Post(':orderNo/self-bought-approval')
  @OrderCommand()
  @Roles(...commandRoles('approveSelfBoughtParts'))
  @ApiOperation({
    summary: 'A supervisor accepts self-bought parts whose invoices are off the catalogue price',
  })
  @ApiOkResponse({ type: OrderViewDto })
  approveSelfBoughtParts(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Body() dto: SelfBoughtApprovalDto,
    @CurrentPrincipal() p: Principal,
    @IdempotencyKey() key: string | null,
  ): Promise<OrderView> {
    return this.orders.send(
      p,
      orderNo,
      approveSelfBoughtParts,
      { codes: [...dto.codes], note: dto.note },
      key,
    );
  }

  @Post(':orderNo/invoice')
  @OrderCommand()
  @Roles(...commandRoles('recordInvoice'))
  @ApiOperation({ summary: 'Finance records the invoice sent after a payment taken on site (补寄发票)' })
  @ApiOkResponse({ type: OrderViewDto })
  recordInvoice(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Body() dto: InvoiceDto,
    @CurrentPrincipal() p: Principal,
    @IdempotencyKey() key: string | null,
  ): Promise<OrderView> {
    return this.orders.send(p, orderNo, recordInvoice, { invoiceNo: dto.invoiceNo }, key);
  }
}
