import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';

export class KpiQueryDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'Orders created at or after' })
  @IsOptional()
  @IsISO8601({ strict: true })
  readonly from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Orders created before' })
  @IsOptional()
  @IsISO8601({ strict: true })
  readonly to?: string;
}

export class StageEscalationsDto {
  @ApiProperty() readonly stage: string;
  @ApiProperty({ type: 'integer', description: '80% warnings' }) readonly warnings: number;
  @ApiProperty({ type: 'integer' }) readonly level1: number;
  @ApiProperty({ type: 'integer' }) readonly level2: number;
  @ApiProperty({ type: 'integer' }) readonly level3: number;
  @ApiProperty({ type: 'integer', description: 'Not acknowledged yet (levels 1–3)' }) readonly open: number;
}

export class TechnicianKpiDto {
  @ApiProperty({ format: 'uuid' }) readonly technicianId: string;
  @ApiProperty({ type: String, nullable: true }) readonly username: string | null;
  @ApiProperty({ type: 'integer' }) readonly assigned: number;
  @ApiProperty({ type: 'integer' }) readonly completed: number;
  @ApiProperty({ type: Number, nullable: true }) readonly avgHandlingHours: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Share of completed orders without a level ≥1 completion escalation',
  })
  readonly onTimeRate: number | null;
  @ApiProperty({ type: Number, nullable: true }) readonly reworkRate: number | null;
  @ApiProperty({ type: Number, nullable: true }) readonly avgRating: number | null;
  @ApiProperty({ type: 'integer', description: 'Escalations (levels 1–3) on their orders' })
  readonly escalations: number;
  @ApiProperty({
    type: 'integer',
    description:
      'Replaced parts the supervisor found faultless, flagging this technician (orders in the window)',
  })
  readonly faultlessReturns: number;
}

export class KpisDto {
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readonly from: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readonly to: string | null;
  @ApiProperty({ type: 'integer' }) readonly orders: number;
  @ApiProperty({ type: 'integer', description: 'Orders that reached COMPLETED (or CLOSED)' })
  readonly completed: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean hours from intake to completion' })
  readonly avgHandlingHours: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Completed orders with no level ≥1 escalation of the completion deadline, over completed orders',
  })
  readonly onTimeRate: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Completed orders that needed at least one rework round, over completed orders',
  })
  readonly reworkRate: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean customer rating 1–5' }) readonly avgRating:
    number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Share of ratings of 4 or 5' })
  readonly satisfactionRate: number | null;
  @ApiProperty({ type: 'integer' }) readonly ratings: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Quotes the customer approved, over quotes approved, declined or expired unanswered',
  })
  readonly quoteAcceptanceRate: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Mean signed deviation of the final price from the approved total, (final − approved) / approved, ' +
      "over priced orders' last completion (0.05: 5 % above)",
  })
  readonly avgEstimateDeviation: number | null;
  @ApiProperty({ type: 'integer', description: 'Parts requests the stock could not cover' })
  readonly partsStockOuts: number;
  @ApiProperty({ type: [StageEscalationsDto] }) readonly escalationsPerStage: StageEscalationsDto[];
  @ApiProperty({ type: [TechnicianKpiDto] }) readonly perTechnician: TechnicianKpiDto[];
}
