import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { QueryInteger } from './query-boolean';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class PageQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, default: 1 })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(1)
  @Max(100000)
  readonly page: number = 1;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(1)
  @Max(100)
  readonly pageSize: number = 20;
}

export class PageMetaDto {
  @ApiProperty({ type: 'integer' })
  readonly page: number;

  @ApiProperty({ type: 'integer' })
  readonly pageSize: number;

  @ApiProperty({ type: 'integer', description: 'How many items match; exact unless totalCapped' })
  readonly total: number;

  @ApiProperty({
    description:
      'True when `total` is a lower bound: the list stopped counting at its cap (uncapped lists: false)',
  })
  readonly totalCapped: boolean;
}
