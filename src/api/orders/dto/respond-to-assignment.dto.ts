import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';

export const TECHNICIAN_DECISIONS = ['ACCEPT', 'DECLINE'] as const;

export class RespondToAssignmentDto {
  @ApiProperty({ enum: TECHNICIAN_DECISIONS })
  @IsIn(TECHNICIAN_DECISIONS)
  readonly decision: (typeof TECHNICIAN_DECISIONS)[number];

  @ApiPropertyOptional({ maxLength: 2000, description: 'Required when declining' })
  @ValidateIf((dto: RespondToAssignmentDto) => dto.decision === 'DECLINE' || dto.reason !== undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  readonly reason?: string;
}
