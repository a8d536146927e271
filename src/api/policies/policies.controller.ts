import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ORDER_TYPES, type BusinessCalendar, type OrderType, type SlaPolicy } from '../../domain';
import { ApiException } from '../common/api-error';
import { ApiProtected } from '../common/api-errors.decorator';
import { CurrentStaff, Roles } from '../common/auth.decorators';
import { actorFor, type StaffPrincipal } from '../common/principal';
import {
  BusinessCalendarDto,
  PutCalendarDto,
  PutCalendarResponseDto,
  PutPolicyDto,
  PutPolicyResponseDto,
  SlaPolicyDto,
} from './policy.dto';
import { isOrderType, PoliciesService } from './policies.service';

@ApiTags('sla-policies')
@Controller()
@Roles('admin')
export class PoliciesController {
  constructor(private readonly policies: PoliciesService) {}

  @Get('sla-policies')
  @ApiOperation({ summary: 'The policy in force for each order type' })
  @ApiOkResponse({ type: [SlaPolicyDto] })
  @ApiProtected()
  list(): Promise<SlaPolicy[]> {
    return this.policies.listPolicies();
  }

  @Put('sla-policies/:orderType')
  @ApiOperation({
    summary: "Save a new version of an order type's policy",
    description:
      'New orders snapshot it; with `applyToRunning: true` running orders of the type re-project their deadlines (the answer says how many were signalled).',
  })
  @ApiParam({ name: 'orderType', enum: ORDER_TYPES })
  @ApiOkResponse({ type: PutPolicyResponseDto })
  @ApiProtected(400)
  put(
    @Param('orderType') orderType: string,
    @Body() dto: PutPolicyDto,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    if (!isOrderType(orderType)) {
      throw ApiException.validation([
        { field: 'orderType', reasons: [`must be one of ${ORDER_TYPES.join(', ')}`] },
      ]);
    }
    return this.policies.putPolicy(orderType as OrderType, dto, actorFor(staff, ['admin']));
  }

  @Get('calendars')
  @ApiOperation({ summary: 'Business calendars (time zone, working hours, holidays)' })
  @ApiOkResponse({ type: [BusinessCalendarDto] })
  @ApiProtected()
  listCalendars(): Promise<BusinessCalendar[]> {
    return this.policies.listCalendars();
  }

  @Put('calendars/:name')
  @ApiOperation({
    summary: 'Create or replace a business calendar',
    description:
      'With `applyToRunning: true`, running orders whose policy uses it re-project their deadlines.',
  })
  @ApiOkResponse({ type: PutCalendarResponseDto })
  @ApiProtected(400)
  putCalendar(
    @Param('name') name: string,
    @Body() dto: PutCalendarDto,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    if (!/^[A-Za-z0-9_.-]{1,100}$/.test(name)) {
      throw ApiException.validation([
        { field: 'name', reasons: ['must be 1–100 letters, digits, _ . or -'] },
      ]);
    }
    return this.policies.putCalendar(name, dto, actorFor(staff, ['admin']));
  }
}
