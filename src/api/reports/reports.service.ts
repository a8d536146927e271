import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { lateCompletionSql } from '../../domain';
import {
  estimateDeviationSql,
  faultlessReturnOfSql,
  lastCompletionSql,
  partsStockOutSql,
  quoteApprovedSql,
  quoteOutcomeSql,
} from '../../domain/priced-kpis';
import type { KpiQueryDto, KpisDto } from './kpis.dto';

const num = (value: unknown): number | null =>
  value === null || value === undefined ? null : Math.round(Number(value) * 1000) / 1000;

// Orders in the window; $1/$2 are the optional bounds on created_at.
const WINDOW = `o.created_at >= coalesce($1::timestamptz, '-infinity') AND o.created_at < coalesce($2::timestamptz, 'infinity')`;
// Late: the completion target was missed (countsAsLateCompletion; the rework limit's record is not lateness).
const LATE = `EXISTS (SELECT 1 FROM escalations e WHERE e.order_no = o.order_no AND ${lateCompletionSql('e')})`;

@Injectable()
export class ReportsService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async kpis(query: KpiQueryDto): Promise<KpisDto> {
    const params = [query.from ?? null, query.to ?? null];
    const [totals]: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT count(*) AS orders,
              count(*) FILTER (WHERE o.completed_at IS NOT NULL) AS completed,
              avg(extract(epoch FROM o.completed_at - o.created_at) / 3600) FILTER (WHERE o.completed_at IS NOT NULL) AS avg_hours,
              avg(CASE WHEN ${LATE} THEN 0 ELSE 1 END) FILTER (WHERE o.completed_at IS NOT NULL) AS on_time,
              avg(CASE WHEN o.rework_round > 0 THEN 1 ELSE 0 END) FILTER (WHERE o.completed_at IS NOT NULL) AS rework,
              avg(o.rating) AS avg_rating,
              avg(CASE WHEN o.rating >= 4 THEN 1 ELSE 0 END) FILTER (WHERE o.rating IS NOT NULL) AS satisfied,
              count(o.rating) AS ratings
         FROM orders o WHERE ${WINDOW}`,
      params,
    );
    // Priced work, from the timeline of the orders in the window.
    const [priced]: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT avg(CASE WHEN ${quoteApprovedSql('t')} THEN 1 ELSE 0 END) FILTER (WHERE ${quoteOutcomeSql('t')}) AS quote_acceptance,
              avg(${estimateDeviationSql('t')}) FILTER (WHERE ${lastCompletionSql('t')}) AS estimate_deviation,
              count(*) FILTER (WHERE ${partsStockOutSql('t')}) AS stock_outs
         FROM order_timeline t JOIN orders o ON o.order_no = t.order_no
        WHERE ${WINDOW}`,
      params,
    );
    const stages: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT e.stage,
              count(*) FILTER (WHERE e.level = 0) AS warnings,
              count(*) FILTER (WHERE e.level = 1) AS level1,
              count(*) FILTER (WHERE e.level = 2) AS level2,
              count(*) FILTER (WHERE e.level = 3) AS level3,
              count(*) FILTER (WHERE e.level >= 1 AND e.acknowledged_at IS NULL) AS open
         FROM escalations e JOIN orders o ON o.order_no = e.order_no
        WHERE ${WINDOW}
        GROUP BY e.stage ORDER BY e.stage`,
      params,
    );
    const technicians: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT o.technician_id, u.username,
              count(*) AS assigned,
              count(*) FILTER (WHERE o.completed_at IS NOT NULL) AS completed,
              avg(extract(epoch FROM o.completed_at - o.created_at) / 3600) FILTER (WHERE o.completed_at IS NOT NULL) AS avg_hours,
              avg(CASE WHEN ${LATE} THEN 0 ELSE 1 END) FILTER (WHERE o.completed_at IS NOT NULL) AS on_time,
              avg(CASE WHEN o.rework_round > 0 THEN 1 ELSE 0 END) FILTER (WHERE o.completed_at IS NOT NULL) AS rework,
              avg(o.rating) AS avg_rating,
              (SELECT count(*) FROM escalations e JOIN orders o2 ON o2.order_no = e.order_no
                WHERE o2.technician_id = o.technician_id AND e.level >= 1 AND ${WINDOW.replace(/o\./g, 'o2.')}) AS escalations,
              (SELECT count(*) FROM order_timeline t JOIN orders o2 ON o2.order_no = t.order_no
                WHERE ${faultlessReturnOfSql('t', 'o.technician_id')} AND ${WINDOW.replace(/o\./g, 'o2.')}) AS faultless_returns
         FROM orders o LEFT JOIN users u ON u.id = o.technician_id
        WHERE o.technician_id IS NOT NULL AND ${WINDOW}
        GROUP BY o.technician_id, u.username
        ORDER BY u.username NULLS LAST`,
      params,
    );
    return {
      from: query.from ?? null,
      to: query.to ?? null,
      orders: Number(totals.orders),
      completed: Number(totals.completed),
      avgHandlingHours: num(totals.avg_hours),
      onTimeRate: num(totals.on_time),
      reworkRate: num(totals.rework),
      avgRating: num(totals.avg_rating),
      satisfactionRate: num(totals.satisfied),
      ratings: Number(totals.ratings),
      quoteAcceptanceRate: num(priced.quote_acceptance),
      avgEstimateDeviation: num(priced.estimate_deviation),
      partsStockOuts: Number(priced.stock_outs),
      escalationsPerStage: stages.map((s) => ({
        stage: s.stage as string,
        warnings: Number(s.warnings),
        level1: Number(s.level1),
        level2: Number(s.level2),
        level3: Number(s.level3),
        open: Number(s.open),
      })),
      perTechnician: technicians.map((t) => ({
        technicianId: t.technician_id as string,
        username: (t.username as string | null) ?? null,
        assigned: Number(t.assigned),
        completed: Number(t.completed),
        avgHandlingHours: num(t.avg_hours),
        onTimeRate: num(t.on_time),
        reworkRate: num(t.rework),
        avgRating: num(t.avg_rating),
        escalations: Number(t.escalations),
        faultlessReturns: Number(t.faultless_returns),
      })),
    };
  }
}
