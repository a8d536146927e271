import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { COVERAGES, type Coverage } from '../../../domain';

/** A supervisor corrects who pays for the work, with the reason (kept on the timeline). */
export class CoverageOverrideDto {
  @ApiProperty({ enum: COVERAGES })
  @IsIn(COVERAGES)
  readonly coverage: Coverage;

  @ApiProperty({ minLength: 1, maxLength: 1000, example: 'Service contract SC-2026-0042 found after intake' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  readonly reason: string;
}
