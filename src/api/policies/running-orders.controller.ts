import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { ORDER_STATUSES, ORDER_TYPES, type OrderType } from '../../domain';
import { ApiProtected } from '../common/api-errors.decorator';
import { Roles } from '../common/auth.decorators';
import { CalendarNamePipe, OrderTypePipe } from './policy-params.pipe';
import { runningOrdersOfType, runningOrdersOnCalendar } from './running-orders';

/** How many orders a preview lists; `total` counts them all. */
const PREVIEW_LIMIT = 100;

export class RunningOrderDto {
  @ApiProperty({ example: 'SO-20261201-000001' }) readonly orderNo: string;
  @ApiProperty({ enum: ORDER_STATUSES }) readonly status: string;
  @ApiProperty({ type: 'integer', description: 'The policy version the order runs under' })
  readonly policyVersion: number;
}

export class RunningOrdersDto {
  @ApiProperty({ type: 'integer', description: 'How many running orders the edit would re-project' })
  readonly total: number;
  @ApiProperty({ type: [RunningOrderDto], description: `The first ${PREVIEW_LIMIT} by order number` })
  readonly orders: RunningOrderDto[];
}

/** What an edit with `applyToRunning` would reach, before the admin saves it (the same statements). */
@ApiTags('sla-policies')
@Controller()
@Roles('admin')
export class RunningOrdersController {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @Get('sla-policies/:orderType/running-orders')
  @ApiOperation({ summary: 'The running orders a policy edit with applyToRunning would re-project' })
  @ApiParam({ name: 'orderType', enum: ORDER_TYPES })
  @ApiOkResponse({ type: RunningOrdersDto })
  @ApiProtected(400)
  ofPolicy(@Param('orderType', OrderTypePipe) orderType: OrderType): Promise<RunningOrdersDto> {
    return runningOrdersOfType(this.dataSource, orderType, PREVIEW_LIMIT);
  }

  @Get('calendars/:name/running-orders')
  @ApiOperation({ summary: 'The running orders a calendar edit with applyToRunning would re-project' })
  @ApiOkResponse({ type: RunningOrdersDto })
  @ApiProtected(400)
  ofCalendar(@Param('name', CalendarNamePipe) name: string): Promise<RunningOrdersDto> {
    return runningOrdersOnCalendar(this.dataSource, name, PREVIEW_LIMIT);
  }
}
