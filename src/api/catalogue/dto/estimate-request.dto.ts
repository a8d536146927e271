import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CATALOGUE_CODE_MAX_LENGTH, MAX_ESTIMATE_LINES, ORDER_TYPES, ZONES } from '../../../domain';

/**
 * One line: a catalogue item (`code` and `quantity`) or labour by the hour (`labourHours`, priced at the
 * order type × zone rate). Exactly one of the two forms; the service names a line that mixes or lacks them.
 */
export class EstimateLineDto {
  @ApiPropertyOptional({
    maxLength: CATALOGUE_CODE_MAX_LENGTH,
    example: 'AC-CAP-35UF',
    description: 'A catalogue item code',
  })
  @IsOptional()
  @IsString()
  @MaxLength(CATALOGUE_CODE_MAX_LENGTH)
  readonly code?: string;

  @ApiPropertyOptional({
    exclusiveMinimum: true,
    minimum: 0,
    maximum: 10000,
    example: 1,
    description: 'With `code`: how many units (whole for a PART; up to 3 decimals, e.g. 2.5 m of pipe)',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 3 })
  @IsPositive()
  @Max(10000)
  readonly quantity?: number;

  @ApiPropertyOptional({
    exclusiveMinimum: true,
    minimum: 0,
    maximum: 1000,
    example: 1.5,
    description: 'Hours of labour (up to 2 decimals), instead of `code`',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @IsPositive()
  @Max(1000)
  readonly labourHours?: number;
}

export class EstimateRequestDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    description: 'The catalogue version to price with; the current one when left out',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  readonly version?: number;

  @ApiProperty({ enum: ORDER_TYPES, description: 'Chooses the hourly rate' })
  @IsIn(ORDER_TYPES)
  readonly orderType: string;

  @ApiProperty({ enum: ZONES, description: 'Chooses the hourly rate' })
  @IsIn(ZONES)
  readonly zone: string;

  @ApiProperty({ type: [EstimateLineDto], minItems: 1, maxItems: MAX_ESTIMATE_LINES })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ESTIMATE_LINES)
  @ValidateNested({ each: true })
  @Type(() => EstimateLineDto)
  readonly lines: EstimateLineDto[];
}
