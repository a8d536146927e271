import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { ORDER_NO_PATTERN } from '../../../domain';
import { PURCHASE_REQUEST_STATUSES, type PurchaseRequestStatus } from '../../../domain/stock';
import { PURCHASE_REQUESTS_MAX_LIMIT } from '../../../persistence/stock';
import { QueryInteger } from '../../common/query-boolean';
import { OrderStockLinesDto } from './stock-reservation.dto';

/** 申请配件: the parts an order is missing, to arrive at `locationCode`. */
export class OpenPurchaseRequestsDto extends OrderStockLinesDto {}

export class PurchaseRequestQueryDto {
  @ApiPropertyOptional({ enum: PURCHASE_REQUEST_STATUSES })
  @IsOptional()
  @IsIn(PURCHASE_REQUEST_STATUSES)
  readonly status?: PurchaseRequestStatus;

  @ApiPropertyOptional({ pattern: ORDER_NO_PATTERN.source, example: 'SO-20250101-000001' })
  @IsOptional()
  @IsString()
  @Matches(ORDER_NO_PATTERN, { message: 'orderNo must look like SO-YYYYMMDD-NNNNNN' })
  readonly orderNo?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: PURCHASE_REQUESTS_MAX_LIMIT,
    default: 100,
    description: 'Newest first, at most this many',
  })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(1)
  @Max(PURCHASE_REQUESTS_MAX_LIMIT)
  readonly limit: number = 100;
}

export class PurchaseRequestDto {
  @ApiProperty({ format: 'uuid' }) readonly id: string;
  @ApiProperty({ example: 'SO-20250101-000001' }) readonly orderNo: string;
  @ApiProperty({ example: 'COMPRESSOR-X' }) readonly partCode: string;
  @ApiProperty({ type: 'integer', minimum: 1, description: 'Units asked for' }) readonly quantity: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Units booked in against it so far' })
  readonly receivedQuantity: number;
  @ApiProperty({ example: 'MAIN', description: 'Where the parts should arrive' })
  readonly locationCode: string;
  @ApiProperty({
    enum: PURCHASE_REQUEST_STATUSES,
    description: 'OPEN until receipts naming it cover the quantity (RECEIVED), or CANCELLED',
  })
  readonly status: PurchaseRequestStatus;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) readonly requestedBy: string | null;
  @ApiProperty({ format: 'date-time' }) readonly createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) readonly receivedAt: string | null;
}
