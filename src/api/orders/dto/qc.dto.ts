import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export const QC_RESULTS = ['PASS', 'FAIL'] as const;

export class QcDto {
  @ApiProperty({ enum: QC_RESULTS })
  @IsIn(QC_RESULTS)
  readonly result: (typeof QC_RESULTS)[number];

  @ApiPropertyOptional({ maxLength: 2000, description: 'The reasons when failing' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  readonly note?: string;
}
