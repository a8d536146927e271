import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { LOCATION_CODE_PATTERN, STOCK_LOCATION_KINDS, type StockLocationKind } from '../../../domain/stock';
import { LOCATION_CODE_MESSAGE } from './stock-level.dto';

/** A new warehouse, or a technician's van. */
export class CreateStockLocationDto {
  @ApiProperty({ pattern: LOCATION_CODE_PATTERN.source, maxLength: 32, example: 'VAN-ZHANG' })
  @IsString()
  @Matches(LOCATION_CODE_PATTERN, { message: `code ${LOCATION_CODE_MESSAGE}` })
  readonly code: string;

  @ApiProperty({ enum: STOCK_LOCATION_KINDS })
  @IsIn(STOCK_LOCATION_KINDS)
  readonly kind: StockLocationKind;

  @ApiProperty({ minLength: 1, maxLength: 200, example: "Zhang's van" })
  @IsString()
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(200)
  readonly name: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The technician the van belongs to: required for a VAN, absent for a WAREHOUSE. One van per technician.',
  })
  @IsOptional()
  @IsUUID()
  readonly technicianId?: string;
}

export class StockLocationDto {
  @ApiProperty({ example: 'MAIN' }) readonly code: string;
  @ApiProperty({ enum: STOCK_LOCATION_KINDS }) readonly kind: StockLocationKind;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: "The van's technician; null for a warehouse",
  })
  readonly technicianId: string | null;
  @ApiProperty({ example: 'Main warehouse' }) readonly name: string;
  @ApiProperty({ description: 'False: takes no receipts or reservations' }) readonly active: boolean;
  @ApiProperty({ format: 'date-time' }) readonly createdAt: string;
}
