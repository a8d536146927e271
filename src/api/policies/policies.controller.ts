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
import { PoliciesService } from './policies.service';
import { CalendarNamePipe, OrderTypePipe } from './policy-params.pipe';

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
      "New orders snapshot it. With `applyToRunning: true` (and a `reason`) every running order of the type moves onto this version and re-projects its deadlines; the reason is recorded on each order's timeline (`POLICY_CHANGED`) and the answer says how many orders were signalled.",
  })
  @ApiParam({ name: 'orderType', enum: ORDER_TYPES })
  @ApiOkResponse({ type: PutPolicyResponseDto })
  @ApiProtected(400)
  put(
    @Param('orderType', OrderTypePipe) orderType: OrderType,
    @Body() dto: PutPolicyDto,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    if (dto.orderType !== undefined && dto.orderType !== orderType) {
      throw ApiException.validation([
        { field: 'orderType', reasons: [`must be ${orderType}, the order type of the path, or left out`] },
      ]);
    }
    return this.policies.putPolicy(orderType, dto, actorFor(staff, ['admin']));
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
      "With `applyToRunning: true` (and a `reason`), running orders whose own snapshotted policy version uses this calendar re-project their deadlines onto it; they keep their policy version. The reason is recorded on each order's timeline (`POLICY_CHANGED`); the answer says how many orders were signalled.",
  })
  @ApiOkResponse({ type: PutCalendarResponseDto })
  @ApiProtected(400)
  putCalendar(
    @Param('name', CalendarNamePipe) name: string,
    @Body() dto: PutCalendarDto,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    if (dto.name !== undefined && dto.name !== name) {
      throw ApiException.validation([
        { field: 'name', reasons: [`must be ${name}, the name of the path, or left out`] },
      ]);
    }
    return this.policies.putCalendar(name, dto, actorFor(staff, ['admin']));
  }
}
