import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export const CUSTOMER_DECISIONS = ['ACCEPT', 'REJECT'] as const;

export class CustomerAcceptanceDto {
  @ApiProperty({ enum: CUSTOMER_DECISIONS })
  @IsIn(CUSTOMER_DECISIONS)
  readonly decision: (typeof CUSTOMER_DECISIONS)[number];

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 5 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  readonly rating?: number;

  @ApiPropertyOptional({ maxLength: 2000, description: 'The reasons when rejecting' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  readonly comment?: string;
}
