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
  @Roles('dispatcher', 'supervisor', 'admin')
  @ApiOperation({
    summary: 'Open orders, overdue orders and capacity per technician',
    description: 'From the read model. Regional dispatchers see their region only.',
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
