import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { LOCATION_CODE_PATTERN, PART_CODE_PATTERN } from '../../../domain/stock';
import { PART_CODE_MESSAGE } from './stock-line.dto';

export const LOCATION_CODE_MESSAGE =
  'must be 1–32 upper-case letters, digits, _ or - (starting with a letter or digit)';

export class StockQueryDto {
  @ApiPropertyOptional({
    pattern: PART_CODE_PATTERN.source,
    description: 'Only this part, at every location',
  })
  @IsOptional()
  @IsString()
  @Matches(PART_CODE_PATTERN, { message: `partCode ${PART_CODE_MESSAGE}` })
  readonly partCode?: string;

  @ApiPropertyOptional({
    pattern: LOCATION_CODE_PATTERN.source,
    example: 'MAIN',
    description: 'Only this location',
  })
  @IsOptional()
  @IsString()
  @Matches(LOCATION_CODE_PATTERN, { message: `locationCode ${LOCATION_CODE_MESSAGE}` })
  readonly locationCode?: string;
}

/** 查询备品库存: one part at one location. */
export class StockLevelDto {
  @ApiProperty({ example: 'MAIN' }) readonly locationCode: string;
  @ApiProperty({ example: 'COMPRESSOR-X' }) readonly partCode: string;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Units on the shelf' }) readonly onHand: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Of those, units promised to orders' })
  readonly reserved: number;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description: 'onHand − reserved: what a new reservation can have',
  })
  readonly available: number;
}
