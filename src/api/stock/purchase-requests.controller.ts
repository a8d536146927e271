import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiProtected } from '../common/api-errors.decorator';
import { CurrentStaff, Roles } from '../common/auth.decorators';
import { errorBody, ErrorBodyDto } from '../common/error-body';
import type { StaffPrincipal } from '../common/principal';
import {
  OpenPurchaseRequestsDto,
  PurchaseRequestDto,
  PurchaseRequestQueryDto,
} from './dto/purchase-request.dto';
import { StockService } from './stock.service';

@ApiTags('stock')
@Controller('purchase-requests')
export class PurchaseRequestsController {
  constructor(private readonly stock: StockService) {}

  @Get()
  @ApiOperation({ summary: 'Purchase requests (申请配件), newest first', description: 'Any staff member.' })
  @ApiOkResponse({ type: [PurchaseRequestDto] })
  @ApiProtected(400)
  list(@Query() query: PurchaseRequestQueryDto): Promise<PurchaseRequestDto[]> {
    return this.stock.purchaseRequests(query);
  }

  @Post()
  @Roles('technician', 'dispatcher', 'supervisor')
  @ApiOperation({
    summary: 'Ask for parts an order is missing (申请配件)',
    description:
      'One OPEN request per order, part and location: asking again raises its quantity to the larger of the two and never ' +
      'adds, so a retry asks for nothing twice. Answers the requests in part order. A technician asks only for an order ' +
      'assigned to him.',
  })
  @ApiCreatedResponse({ type: [PurchaseRequestDto] })
  @ApiConflictResponse({
    type: ErrorBodyDto,
    example: errorBody(409, 'The order is CLOSED; it takes no more parts'),
  })
  @ApiProtected(400, 404)
  open(
    @Body() dto: OpenPurchaseRequestsDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<PurchaseRequestDto[]> {
    return this.stock.openPurchaseRequests(dto, staff);
  }
}
