import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProtected } from '../common/api-errors.decorator';
import { CurrentStaff, Roles } from '../common/auth.decorators';
import type { StaffPrincipal } from '../common/principal';
import { TechniciansService } from './technicians.service';
import { TechnicianWorkloadDto, WorkloadQueryDto } from './workload.dto';

@ApiTags('technicians')
@Controller('technicians')
export class TechniciansController {
  constructor(private readonly technicians: TechniciansService) {}

  @Get('workload')
  // Agents too: a DIRECT order names its technician at intake.
  @Roles('dispatcher', 'supervisor', 'admin', 'agent')
  @ApiOperation({
    summary: 'Open orders, overdue orders and capacity per technician',
    description:
      'From the read model. Regional dispatchers (and agents with a region) see their region only. Agents use it ' +
      'to pick the technician of a DIRECT order.',
  })
  @ApiOkResponse({ type: [TechnicianWorkloadDto] })
  @ApiProtected(400)
  workload(
    @Query() query: WorkloadQueryDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<TechnicianWorkloadDto[]> {
    return this.technicians.workload(staff, query);
  }
}
