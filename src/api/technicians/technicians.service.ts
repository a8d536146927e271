import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { overdueSql, sameRegionSql, TERMINAL_STATUSES, type OrderStatus } from '../../domain';
import { hasRole, type StaffPrincipal } from '../common/principal';
import type { TechnicianWorkloadDto, WorkloadQueryDto } from './workload.dto';

// A technician's work ends at COMPLETED: what follows (acceptance, callback, settlement) is office work.
const CLOSED_FOR_TECHNICIAN: readonly OrderStatus[] = ['COMPLETED', ...TERMINAL_STATUSES];

@Injectable()
export class TechniciansService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async workload(staff: StaffPrincipal, query: WorkloadQueryDto): Promise<TechnicianWorkloadDto[]> {
    const regional = !hasRole(staff, 'supervisor', 'admin') && staff.region ? staff.region : null;
    const region = regional ?? query.region ?? null;
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT u.id, u.username, u.display_name, u.region, u.skills, u.active, u.capacity,
              count(o.id) AS open_orders,
              count(o.id) FILTER (WHERE ${overdueSql('o.next_deadline')}) AS overdue_orders
         FROM users u
         LEFT JOIN orders o ON o.technician_id = u.id AND NOT (o.status = ANY($1))
        WHERE 'technician' = ANY(u.roles) AND ($2::varchar IS NULL OR ${sameRegionSql('u.region', '$2')})
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
