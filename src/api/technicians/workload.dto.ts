import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class WorkloadQueryDto {
  @ApiPropertyOptional({
    maxLength: 100,
    description: 'Only technicians of this region (regional dispatchers always see their own)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  readonly region?: string;
}

export class TechnicianWorkloadDto {
  @ApiProperty({ format: 'uuid' }) readonly technicianId: string;
  @ApiProperty() readonly username: string;
  @ApiProperty() readonly displayName: string;
  @ApiProperty({ type: String, nullable: true }) readonly region: string | null;
  @ApiProperty({ type: [String] }) readonly skills: string[];
  @ApiProperty({ description: 'False while away: never dispatched' }) readonly active: boolean;
  @ApiProperty({ type: 'integer' }) readonly capacity: number;
  @ApiProperty({ type: 'integer', description: 'Assigned orders not yet completed, cancelled or rejected' })
  readonly openOrders: number;
  @ApiProperty({ type: 'integer', description: 'Open orders whose next deadline has passed' })
  readonly overdueOrders: number;
  @ApiProperty({ type: 'integer', description: 'capacity − openOrders (never below 0)' })
  readonly freeCapacity: number;
}
