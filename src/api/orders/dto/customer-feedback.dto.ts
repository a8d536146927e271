import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** The customer's answer to the feedback request sent after completion. */
export class CustomerFeedbackDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5, description: 'How satisfied, 1 (not at all) to 5' })
  @IsInt()
  @Min(1)
  @Max(5)
  readonly score: number;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  readonly comment?: string;
}
