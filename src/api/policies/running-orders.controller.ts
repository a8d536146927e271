import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { ORDER_STATUSES, ORDER_TYPES } from '../../domain';
import { ApiException } from '../common/api-error';
import { ApiProtected } from '../common/api-errors.decorator';
import { Roles } from '../common/auth.decorators';
import { isOrderType } from './policies.service';
import { CALENDAR_NAME_PATTERN } from './policy.dto';
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
  ofPolicy(@Param('orderType') orderType: string): Promise<RunningOrdersDto> {
    if (!isOrderType(orderType))
      throw ApiException.validation([
        { field: 'orderType', reasons: [`must be one of ${ORDER_TYPES.join(', ')}`] },
      ]);
    return runningOrdersOfType(this.dataSource, orderType, PREVIEW_LIMIT);
  }

  @Get('calendars/:name/running-orders')
  @ApiOperation({ summary: 'The running orders a calendar edit with applyToRunning would re-project' })
  @ApiOkResponse({ type: RunningOrdersDto })
  @ApiProtected(400)
  ofCalendar(@Param('name') name: string): Promise<RunningOrdersDto> {
    if (!CALENDAR_NAME_PATTERN.test(name))
      throw ApiException.validation([
        { field: 'name', reasons: ['must be 1–100 letters, digits, _ . or -'] },
      ]);
    return runningOrdersOnCalendar(this.dataSource, name, PREVIEW_LIMIT);
  }
}
