import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { ORDER_NO_PATTERN } from '../../domain';
import { ApiProtected } from '../common/api-errors.decorator';
import { CurrentStaff, Roles } from '../common/auth.decorators';
import { errorBody } from '../common/error-body';
import { ApiIdempotencyKey, IdempotencyKey } from '../common/idempotency';
import { OrderNoPipe } from '../common/order-no.pipe';
import type { StaffPrincipal } from '../common/principal';
import { StockLevelDto, StockQueryDto } from './dto/stock-level.dto';
import { CreateStockLocationDto, StockLocationDto } from './dto/stock-location.dto';
import { StockReceiptDto, StockReceiptResultDto } from './dto/stock-receipt.dto';
import {
  ReleasedReservationDto,
  ReleaseReservationDto,
  ReserveStockDto,
  ShortfallErrorBodyDto,
  StockReservationDto,
} from './dto/stock-reservation.dto';
import { StockService } from './stock.service';

/** Who draws parts for orders (领用) and gives them back. */
const DRAWS_PARTS = ['technician', 'dispatcher', 'supervisor'] as const;

@ApiTags('stock')
@Controller('stock')
export class StockController {
  constructor(private readonly stock: StockService) {}

  @Get()
  @ApiOperation({
    summary: 'Stock levels (查询备品库存): on hand, reserved and available per location and part',
    description: 'Any staff member. Filter by part (where is it?) and/or location (what is in this van?).',
  })
  @ApiOkResponse({ type: [StockLevelDto] })
  @ApiProtected(400)
  levels(@Query() query: StockQueryDto): Promise<StockLevelDto[]> {
    return this.stock.levels(query);
  }

  @Get('locations')
  @ApiOperation({ summary: 'Stock locations: warehouses and technicians’ vans' })
  @ApiOkResponse({ type: [StockLocationDto] })
  @ApiProtected()
  locations(): Promise<StockLocationDto[]> {
    return this.stock.locations();
  }

  @Post('locations')
  @Roles('admin')
  @ApiOperation({
    summary: 'Add a warehouse or a technician’s van',
    description:
      'A VAN names its technician (one van each); a WAREHOUSE names none. Sending the same location again answers it again; ' +
      'the code taken by a different location is 409.',
  })
  @ApiCreatedResponse({ type: StockLocationDto })
  @ApiProtected(400, 409, 422)
  createLocation(@Body() dto: CreateStockLocationDto): Promise<StockLocationDto> {
    return this.stock.createLocation(dto);
  }

  @Post('receipts')
  @Roles('admin', 'supervisor')
  @ApiIdempotencyKey()
  @ApiOperation({
    summary: 'Book parts in at a location (a delivery), optionally for a purchase request',
    description:
      'Adds to on hand. Naming a purchase request (same part and location, OPEN) counts the units against it; once its ' +
      'receipts cover it, it becomes RECEIVED. The same Idempotency-Key again books nothing twice and answers the first receipt.',
  })
  @ApiCreatedResponse({ type: StockReceiptResultDto })
  @ApiProtected(400, 404, 409, 422)
  receive(
    @Body() dto: StockReceiptDto,
    @CurrentStaff() staff: StaffPrincipal,
    @IdempotencyKey() key: string | null,
  ): Promise<StockReceiptResultDto> {
    return this.stock.receive(dto, staff, key);
  }

  @Post('reservations')
  @Roles(...DRAWS_PARTS)
  @ApiIdempotencyKey()
  @ApiOperation({
    summary: 'Reserve parts for an order (领用): every line or none',
    description:
      'Each line takes units from what is available at the location; stock never goes below zero, however many orders ask at ' +
      'once. When any line is short nothing is reserved and the answer is 409 naming every short part (`details.shortfall`): ' +
      'open a purchase request for what is missing (POST /api/purchase-requests). A technician reserves only for an order ' +
      'assigned to him, from a warehouse or his own van. The same Idempotency-Key again answers the first reservation.',
  })
  @ApiCreatedResponse({ type: StockReservationDto })
  @ApiConflictResponse({
    description:
      'Not enough stock (`details.shortfall`), the order is finished, or the location is no longer in use',
    type: ShortfallErrorBodyDto,
    example: errorBody(
      409,
      'Not enough stock at MAIN: COMPRESSOR-X (2 asked, 1 available); nothing was reserved',
      {
        shortfall: [{ partCode: 'COMPRESSOR-X', requested: 2, available: 1 }],
      },
    ),
  })
  @ApiProtected(400, 404, 422)
  reserve(
    @Body() dto: ReserveStockDto,
    @CurrentStaff() staff: StaffPrincipal,
    @IdempotencyKey() key: string | null,
  ): Promise<StockReservationDto> {
    return this.stock.reserve(dto, staff, key);
  }

  @Post('reservations/:orderNo/release')
  @Roles(...DRAWS_PARTS)
  @HttpCode(200)
  @ApiIdempotencyKey()
  @ApiOperation({
    summary: 'Give back what an order still holds reserved',
    description:
      'At one location or everywhere; allowed on a finished order too (it only frees stock). The same Idempotency-Key again ' +
      'answers what the first call released.',
  })
  @ApiParam({ name: 'orderNo', schema: { type: 'string', pattern: ORDER_NO_PATTERN.source } })
  @ApiOkResponse({ type: ReleasedReservationDto })
  @ApiProtected(400, 404, 422)
  release(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @Body() dto: ReleaseReservationDto,
    @CurrentStaff() staff: StaffPrincipal,
    @IdempotencyKey() key: string | null,
  ): Promise<ReleasedReservationDto> {
    return this.stock.release(orderNo, dto, staff, key);
  }
}
