import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import { LOCATION_CODE_PATTERN, MAX_STOCK_QUANTITY, PART_CODE_PATTERN } from '../../../domain/stock';
import { PurchaseRequestDto } from './purchase-request.dto';
import { LOCATION_CODE_MESSAGE, StockLevelDto } from './stock-level.dto';
import { PART_CODE_MESSAGE } from './stock-line.dto';

/** Parts booked in at a location: a delivery, optionally for a purchase request. */
export class StockReceiptDto {
  @ApiProperty({ pattern: LOCATION_CODE_PATTERN.source, example: 'MAIN' })
  @IsString()
  @Matches(LOCATION_CODE_PATTERN, { message: `locationCode ${LOCATION_CODE_MESSAGE}` })
  readonly locationCode: string;

  @ApiProperty({ pattern: PART_CODE_PATTERN.source, maxLength: 50, example: 'COMPRESSOR-X' })
  @IsString()
  @Matches(PART_CODE_PATTERN, { message: `partCode ${PART_CODE_MESSAGE}` })
  readonly partCode: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_STOCK_QUANTITY, example: 5 })
  @IsInt()
  @Min(1)
  @Max(MAX_STOCK_QUANTITY)
  readonly quantity: number;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The purchase request the parts arrived for (same part and location, still OPEN); it becomes RECEIVED once its receipts cover it',
  })
  @IsOptional()
  @IsUUID()
  readonly purchaseRequestId?: string;
}

export class StockReceiptResultDto {
  @ApiProperty({ format: 'uuid', description: 'The RECEIPT movement' }) readonly movementId: string;
  @ApiProperty({ example: 'MAIN' }) readonly locationCode: string;
  @ApiProperty({ example: 'COMPRESSOR-X' }) readonly partCode: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) readonly quantity: number;
  @ApiProperty({ type: StockLevelDto, description: 'The level now, with this receipt in it once' })
  readonly level: StockLevelDto;
  @ApiProperty({ type: PurchaseRequestDto, nullable: true, description: 'The request it was booked against' })
  readonly purchaseRequest: PurchaseRequestDto | null;
  @ApiProperty({
    description: 'True: the answer of an earlier call with this Idempotency-Key; nothing changed now',
  })
  readonly replayed: boolean;
}
