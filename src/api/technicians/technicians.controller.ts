import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { ApiProtected } from '../common/api-errors.decorator';
import { CurrentStaff, Roles } from '../common/auth.decorators';
import { hasRole, type StaffPrincipal } from '../common/principal';
import { TechnicianWorkloadDto, WorkloadQueryDto } from './workload.dto';

// Orders a technician is still carrying (COMPLETED waits only on office tracks).
const CLOSED_FOR_TECHNICIAN = ['COMPLETED', 'CLOSED', 'CANCELLED', 'REJECTED'];

@ApiTags('technicians')
@Controller('technicians')
export class TechniciansController {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @Get('workload')
  @Roles('dispatcher', 'supervisor', 'admin')
  @ApiOperation({
    summary: 'Open orders, overdue orders and capacity per technician',
    description: 'From the read model. Regional dispatchers see their region only.',
  })
  @ApiOkResponse({ type: [TechnicianWorkloadDto] })
  @ApiProtected(400)
  async workload(
    @Query() query: WorkloadQueryDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<TechnicianWorkloadDto[]> {
    const regional = !hasRole(staff, 'supervisor', 'admin') && staff.region ? staff.region : null;
    const region = regional ?? query.region ?? null;
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT u.id, u.username, u.display_name, u.region, u.skills, u.active, u.capacity,
              count(o.id) AS open_orders,
              count(o.id) FILTER (WHERE o.next_deadline < now()) AS overdue_orders
         FROM users u
         LEFT JOIN orders o ON o.technician_id = u.id AND NOT (o.status = ANY($1))
        WHERE 'technician' = ANY(u.roles) AND ($2::varchar IS NULL OR u.region = $2)
        GROUP BY u.id
        ORDER BY u.region NULLS LAST, u.username`,
      [CLOSED_FOR_TECHNICIAN, region],
    );
    return rows.map((r) => ({
      technicianId: r.id as string,
      username: r.username as string,
      displayName: r.display_name as string,
      region: r.region as string | null,
      skills: r.skills as string[],
      active: r.active as boolean,
      capacity: Number(r.capacity),
      openOrders: Number(r.open_orders),
      overdueOrders: Number(r.overdue_orders),
      freeCapacity: Math.max(0, Number(r.capacity) - Number(r.open_orders)),
    }));
  }
}
