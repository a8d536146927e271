import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import {
  CATALOGUE_CODE_MAX_LENGTH,
  CATALOGUE_CODE_PATTERN,
  CATALOGUE_ITEM_KINDS,
  DEFAULT_ESTIMATE_TOLERANCE_PERCENT,
  DEFAULT_SELF_BOUGHT_TOLERANCE_PERCENT,
  LABOUR_HOURS_CODE,
  MAX_WARRANTY_MONTHS,
  ORDER_TYPES,
  ZONES,
} from '../../../domain';

// The parts of a price catalogue, in requests (PUT) and answers (GET) alike. The DTOs check types and sizes;
// the rules (duplicates, negative prices, a rate for every order type × zone…) are the domain's
// catalogueProblems, whose answers become 400 details naming each field.

export const MINOR_UNITS_DESCRIPTION =
  'Integer minor units of the configured currency (CURRENCY; for CNY fen: 12345 is 123.45)';

const minorUnits = (example: number, description = MINOR_UNITS_DESCRIPTION) => ({
  type: 'integer' as const,
  minimum: 0,
  maximum: Number.MAX_SAFE_INTEGER,
  example,
  description,
});

export class CatalogueItemDto {
  @ApiProperty({
    pattern: CATALOGUE_CODE_PATTERN.source,
    maxLength: CATALOGUE_CODE_MAX_LENGTH,
    example: 'AC-CAP-35UF',
    description: `Unique in the catalogue, case-insensitively; ${LABOUR_HOURS_CODE} is reserved`,
  })
  @IsString()
  @MaxLength(CATALOGUE_CODE_MAX_LENGTH)
  readonly code: string;

  @ApiProperty({
    enum: CATALOGUE_ITEM_KINDS,
    description:
      'LABOUR a fixed-price job, PART a spare part (whole units, booked out of stock), MATERIAL consumables by length or count, SERVICE any other fee',
  })
  @IsIn(CATALOGUE_ITEM_KINDS)
  readonly kind: string;

  @ApiProperty({ minLength: 1, maxLength: 500, example: 'Compressor run capacitor 35 µF' })
  @IsString()
  @MaxLength(500)
  readonly description: string;

  @ApiProperty(minorUnits(4500, `Price of one unit. ${MINOR_UNITS_DESCRIPTION}`))
  @IsInt()
  readonly unitPrice: number;

  @ApiProperty({
    minLength: 1,
    maxLength: 20,
    example: 'pc',
    description: 'What a quantity of 1 is: pc, m, kg, job',
  })
  @IsString()
  @MaxLength(20)
  readonly unit: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '180d',
    description:
      "A PART's own warranty as a duration (d h m s); a warranty claim naming the part is judged by it",
  })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  readonly warranty?: string | null;
}

export class LabourRateDto {
  @ApiProperty({ enum: ORDER_TYPES })
  @IsIn(ORDER_TYPES)
  readonly orderType: string;

  @ApiProperty({ enum: ZONES })
  @IsIn(ZONES)
  readonly zone: string;

  @ApiProperty(minorUnits(10000, `Price of one hour of labour. ${MINOR_UNITS_DESCRIPTION}`))
  @IsInt()
  readonly hourlyRate: number;
}

export class ProductModelDto {
  @ApiProperty({
    minLength: 1,
    maxLength: 200,
    example: 'KFR-35GW',
    description: 'Matched case-insensitively against the equipment model',
  })
  @IsString()
  @MaxLength(200)
  readonly model: string;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: MAX_WARRANTY_MONTHS,
    example: 24,
    description: 'Warranty from the purchase date, in months; 0: none',
  })
  @IsInt()
  readonly warrantyMonths: number;
}

export class QuoteSettingsDto {
  @ApiProperty(
    minorUnits(
      50000,
      `An estimate above this needs the customer's approval even for covered work (paid work always does). ${MINOR_UNITS_DESCRIPTION}`,
    ),
  )
  @IsInt()
  readonly quoteRequiredAbove: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 100,
    default: DEFAULT_ESTIMATE_TOLERANCE_PERCENT,
    description: 'Percent the final price may exceed the approved estimate without a new approval',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  readonly estimateTolerancePercent?: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 100,
    default: DEFAULT_SELF_BOUGHT_TOLERANCE_PERCENT,
    description:
      "Percent a self-bought part's invoice may differ from the catalogue price, either way, without a supervisor",
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  readonly selfBoughtTolerancePercent?: number;

  @ApiProperty(
    minorUnits(5000, `Charged when the customer declines a quote; 0: none. ${MINOR_UNITS_DESCRIPTION}`),
  )
  @IsInt()
  readonly diagnosisFee: number;
}
