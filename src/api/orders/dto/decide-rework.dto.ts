import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNumber, IsString, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';

const DECISIONS = ['ANOTHER_ROUND', 'REFUND_AND_CLOSE'] as const;

/** The supervisor's decision on an order past its rework limit (it waits in REWORK). */
export class DecideReworkDto {
  @ApiProperty({
    enum: DECISIONS,
    description:
      'ANOTHER_ROUND: the same technician once more; REFUND_AND_CLOSE: refund the customer and close. A new technician is a reassignment (POST /assignment).',
  })
  @IsIn(DECISIONS)
  readonly decision: (typeof DECISIONS)[number];

  @ApiProperty({ maxLength: 2000, description: 'Why; recorded on the timeline' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  readonly note: string;

  @ApiPropertyOptional({
    minimum: 0,
    description: 'Required for REFUND_AND_CLOSE: what the customer gets back',
  })
  @ValidateIf((dto: DecideReworkDto) => dto.decision === 'REFUND_AND_CLOSE')
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  readonly refundAmount?: number;
}
