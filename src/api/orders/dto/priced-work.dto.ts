// Request bodies of priced work (docs/money.md). Amounts are integer minor units of CURRENCY, as in the
// price catalogue; estimates are lines the server prices from the order's catalogue version.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { INSPECTION_RESULTS, MAX_ESTIMATE_LINES } from '../../../domain';
import { MINOR_UNITS_DESCRIPTION } from '../../catalogue/dto/catalogue-parts.dto';
import { EstimateLineDto } from '../../catalogue/dto/estimate-request.dto';

const DECISIONS = ['APPROVE', 'DECLINE'] as const;

class EstimateLinesDto {
  @ApiProperty({
    type: [EstimateLineDto],
    minItems: 1,
    maxItems: MAX_ESTIMATE_LINES,
    description: "Catalogue items and labour hours; priced from the order's catalogue version",
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ESTIMATE_LINES)
  @ValidateNested({ each: true })
  @Type(() => EstimateLineDto)
  readonly lines: EstimateLineDto[];
}

export class ProposeQuoteDto extends EstimateLinesDto {
  @ApiPropertyOptional({ maxLength: 1000, example: 'Compressor capacitor failed; replace it' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  readonly note?: string;
}

export class QuoteDecisionDto {
  @ApiProperty({ example: 'Q-1', description: 'The quote waiting for an answer' })
  @IsString()
  @MinLength(1)
  @MaxLength(20)
  readonly quoteId: string;

  @ApiProperty({ enum: DECISIONS })
  @IsIn(DECISIONS)
  readonly decision: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  readonly note?: string;
}

export class ProposeAddedWorkDto extends EstimateLinesDto {
  @ApiProperty({ maxLength: 1000, example: 'The drain pipe is cracked too', description: 'What was found' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  readonly reason: string;
}

export class AddedWorkDecisionDto {
  @ApiProperty({ enum: DECISIONS })
  @IsIn(DECISIONS)
  readonly decision: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  readonly note?: string;
}

export class CollectPaymentDto {
  @ApiProperty({ type: 'integer', minimum: 1, description: MINOR_UNITS_DESCRIPTION })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  readonly amount: number;

  @ApiProperty({ maxLength: 50, example: 'CASH' })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  readonly paymentMethod: string;

  @ApiPropertyOptional({ maxLength: 100, description: 'The receipt given to the customer' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  readonly receiptNo?: string;
}

export class PartInspectionDto {
  @ApiProperty({ maxLength: 50 })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  readonly code: string;

  @ApiProperty({ enum: INSPECTION_RESULTS, description: 'FAULTLESS flags the technician who replaced it' })
  @IsIn(INSPECTION_RESULTS)
  readonly result: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  readonly note?: string;
}

export class PartsInspectionDto {
  @ApiProperty({ type: [PartInspectionDto], minItems: 1, maxItems: 100 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PartInspectionDto)
  readonly results: PartInspectionDto[];
}

export class SelfBoughtApprovalDto {
  @ApiProperty({ type: [String], minItems: 1, maxItems: 100, description: 'Codes of the self-bought parts' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  readonly codes: string[];

  @ApiProperty({ maxLength: 1000, description: 'Why the invoice is accepted' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  readonly note: string;
}

export class InvoiceDto {
  @ApiProperty({ maxLength: 100, example: 'INV-2026-0001' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  readonly invoiceNo: string;
}
