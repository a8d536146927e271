import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  Matches,
  ValidateNested,
} from 'class-validator';
import { ORDER_NO_PATTERN } from '../../../domain';
import { LOCATION_CODE_PATTERN, MAX_STOCK_LINES } from '../../../domain/stock';
import { LOCATION_CODE_MESSAGE } from './stock-level.dto';
import { StockLineDto } from './stock-line.dto';

/** Parts for an order at one location: the reservation (领用), or the purchase request (申请配件). */
export class OrderStockLinesDto {
  @ApiProperty({ pattern: ORDER_NO_PATTERN.source, example: 'SO-20250101-000001' })
  @IsString()
  @Matches(ORDER_NO_PATTERN, { message: 'orderNo must look like SO-YYYYMMDD-NNNNNN' })
  readonly orderNo: string;

  @ApiProperty({ pattern: LOCATION_CODE_PATTERN.source, example: 'MAIN' })
  @IsString()
  @Matches(LOCATION_CODE_PATTERN, { message: `locationCode ${LOCATION_CODE_MESSAGE}` })
  readonly locationCode: string;

  @ApiProperty({
    type: [StockLineDto],
    minItems: 1,
    maxItems: MAX_STOCK_LINES,
    description: 'Lines naming the same part are added up',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_STOCK_LINES)
  @ValidateNested({ each: true })
  @Type(() => StockLineDto)
  readonly lines: StockLineDto[];
}

export class ReserveStockDto extends OrderStockLinesDto {}

export class StockReservationDto {
  @ApiProperty({ example: 'SO-20250101-000001' }) readonly orderNo: string;
  @ApiProperty({ example: 'MAIN' }) readonly locationCode: string;
  @ApiProperty({ type: [StockLineDto], description: 'What was reserved, one line per part' })
  readonly lines: StockLineDto[];
  @ApiProperty({
    description: 'True: the answer of an earlier call with this Idempotency-Key; nothing changed now',
  })
  readonly replayed: boolean;
}

export class ShortfallDto {
  @ApiProperty({ example: 'COMPRESSOR-X' }) readonly partCode: string;
  @ApiProperty({ type: 'integer', example: 2 }) readonly requested: number;
  @ApiProperty({ type: 'integer', minimum: 0, example: 1 }) readonly available: number;
}

export class ShortfallDetailsDto {
  @ApiProperty({ type: [ShortfallDto], description: 'Every part that cannot be had in the quantity asked' })
  readonly shortfall: ShortfallDto[];
}

/** The 409 of a reservation: nothing was reserved. */
export class ShortfallErrorBodyDto {
  @ApiProperty({ type: 'integer', enum: [409] }) readonly statusCode: number;
  @ApiProperty({ example: 'Conflict' }) readonly error: string;
  @ApiProperty({
    example: 'Not enough stock at MAIN: COMPRESSOR-X (2 asked, 1 available); nothing was reserved',
  })
  readonly message: string;
  @ApiPropertyOptional({
    type: ShortfallDetailsDto,
    description: 'On a shortfall; absent when the order is finished or the location is no longer in use',
  })
  readonly details?: ShortfallDetailsDto;
}

export class ReleaseReservationDto {
  @ApiPropertyOptional({
    pattern: LOCATION_CODE_PATTERN.source,
    description: 'Only what the order holds at this location; absent: everywhere',
  })
  @IsOptional()
  @IsString()
  @Matches(LOCATION_CODE_PATTERN, { message: `locationCode ${LOCATION_CODE_MESSAGE}` })
  readonly locationCode?: string;
}

export class ReleasedStockDto {
  @ApiProperty({ example: 'MAIN' }) readonly locationCode: string;
  @ApiProperty({ example: 'COMPRESSOR-X' }) readonly partCode: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) readonly quantity: number;
}

export class ReleasedReservationDto {
  @ApiProperty({ example: 'SO-20250101-000001' }) readonly orderNo: string;
  @ApiProperty({
    type: [ReleasedStockDto],
    description: 'What went back to free stock; empty when the order held nothing',
  })
  readonly released: ReleasedStockDto[];
  @ApiProperty({
    description: 'True: the answer of an earlier call with this Idempotency-Key; nothing changed now',
  })
  readonly replayed: boolean;
}
