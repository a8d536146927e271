import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { MAX_STOCK_QUANTITY, PART_CODE_PATTERN } from '../../../domain/stock';

export const PART_CODE_MESSAGE = 'must be 1–50 letters, digits or . _ / - (starting with a letter or digit)';

/** So many units of one part. */
export class StockLineDto {
  @ApiProperty({ pattern: PART_CODE_PATTERN.source, maxLength: 50, example: 'COMPRESSOR-X' })
  @IsString()
  @Matches(PART_CODE_PATTERN, { message: `partCode ${PART_CODE_MESSAGE}` })
  readonly partCode: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_STOCK_QUANTITY, example: 2 })
  @IsInt()
  @Min(1)
  @Max(MAX_STOCK_QUANTITY)
  readonly quantity: number;
}
