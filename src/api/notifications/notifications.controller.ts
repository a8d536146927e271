import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { STAFF_ROLES } from '../../domain';
import { ApiProtected } from '../common/api-errors.decorator';
import { CurrentStaff, Roles } from '../common/auth.decorators';
import { UuidPipe } from '../common/order-no.pipe';
import type { StaffPrincipal } from '../common/principal';
import {
  EscalationDto,
  EscalationPageDto,
  EscalationQueryDto,
  InboxPageDto,
  InboxQueryDto,
  NotificationDto,
} from './notification.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@Controller()
@Roles(...STAFF_ROLES)
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('me/notifications')
  @ApiOperation({ summary: 'My in-app inbox, unread first' })
  @ApiOkResponse({ type: InboxPageDto })
  @ApiProtected(400)
  inbox(@Query() query: InboxQueryDto, @CurrentStaff() staff: StaffPrincipal): Promise<InboxPageDto> {
    return this.notifications.inbox(staff, query);
  }

  @Post('me/notifications/:id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of my notifications read' })
  @ApiOkResponse({ type: NotificationDto })
  @ApiProtected(400, 404)
  markRead(
    @Param('id', new UuidPipe()) id: string,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<NotificationDto> {
    return this.notifications.markRead(staff, id);
  }

  @Get('escalations')
  @ApiOperation({
    summary: 'Escalations (supervisors and admins: all; others: addressed to them)',
    description: 'Filter by state open/acknowledged, stage, level, order.',
  })
  @ApiOkResponse({ type: EscalationPageDto })
  @ApiProtected(400)
  escalations(
    @Query() query: EscalationQueryDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<EscalationPageDto> {
    return this.notifications.escalations(staff, query);
  }

  @Post('escalations/:id/ack')
  @HttpCode(200)
  @ApiOperation({ summary: 'Acknowledge an escalation (recorded: by whom, when); stops nothing else' })
  @ApiOkResponse({ type: EscalationDto })
  @ApiProtected(400, 404)
  acknowledge(
    @Param('id', new UuidPipe()) id: string,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<EscalationDto> {
    return this.notifications.acknowledge(staff, id);
  }
}
