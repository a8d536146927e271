import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { MILESTONES, type Milestone } from '../../../domain';

export class ReportProgressDto {
  @ApiProperty({ enum: MILESTONES })
  @IsIn(MILESTONES)
  readonly milestone: Milestone;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @MaxLength(2000)
  readonly note: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'References (URLs or storage keys) of photos and documents',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  readonly attachments?: string[];
}
