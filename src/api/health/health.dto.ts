import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One dependency's check (terminus): `status` plus what the check adds. */
export class HealthIndicatorDto {
  @ApiProperty({ enum: ['up', 'down'] })
  readonly status: 'up' | 'down';

  @ApiPropertyOptional({ description: 'temporal: the namespace the API uses' })
  readonly namespace?: string;

  @ApiPropertyOptional({ description: 'down (or stuckOrders not counted): why' })
  readonly message?: string;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    description: 'stuckOrders: orders whose workflow task keeps failing (null: could not be counted)',
  })
  readonly count?: number | null;

  @ApiPropertyOptional({ format: 'date-time', description: 'stuckOrders: when they were counted' })
  readonly checkedAt?: string;

  @ApiPropertyOptional({ example: '/api/admin/stuck-orders', description: 'stuckOrders: where to list them' })
  readonly list?: string;
}

/** The checks keyed by name: `database`, `temporal`, `stuckOrders`. */
export class HealthChecksDto {
  @ApiPropertyOptional({ type: HealthIndicatorDto }) readonly database?: HealthIndicatorDto;
  @ApiPropertyOptional({ type: HealthIndicatorDto }) readonly temporal?: HealthIndicatorDto;
  @ApiPropertyOptional({
    type: HealthIndicatorDto,
    description: 'Information only: never fails the check',
  })
  readonly stuckOrders?: HealthIndicatorDto;
}

/** GET /api/health (terminus' result): 200 with `status: ok`, or in `details` of the 503. */
export class HealthDto {
  @ApiProperty({ enum: ['ok', 'error', 'shutting_down'] })
  readonly status: 'ok' | 'error' | 'shutting_down';

  @ApiPropertyOptional({ type: HealthChecksDto, nullable: true, description: 'The checks that are up' })
  readonly info?: HealthChecksDto | null;

  @ApiPropertyOptional({ type: HealthChecksDto, nullable: true, description: 'The checks that are down' })
  readonly error?: HealthChecksDto | null;

  @ApiProperty({ type: HealthChecksDto, description: 'Every check' })
  readonly details: HealthChecksDto;
}

/** The 503 of GET /api/health: the shared error body, `details` is the health result. */
export class HealthUnavailableDto {
  @ApiProperty({ type: 'integer', enum: [503] })
  readonly statusCode: number;

  @ApiProperty({ example: 'Service Unavailable' })
  readonly error: string;

  @ApiProperty({ example: 'A dependency is down' })
  readonly message: string;

  @ApiProperty({ type: HealthDto })
  readonly details: HealthDto;
}
