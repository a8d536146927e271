import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { isDuration, PART_DISPOSALS } from '../../../domain';
import { MINOR_UNITS_DESCRIPTION } from '../../catalogue/dto/catalogue-parts.dto';

// The domain's own reading of durations: a warranty it cannot parse (`0d`, too long) would break the claim later.
const IsDuration = () =>
  ValidateBy({
    name: 'isDuration',
    validator: {
      validate: (value: unknown) => isDuration(value),
      defaultMessage: () => 'warranty must be a duration longer than zero such as 180d',
    },
  });

/** 自购配件: a part the technician bought himself, with its invoice. */
export class SelfBoughtDto {
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description: `The invoice's amount for the quantity. ${MINOR_UNITS_DESCRIPTION}`,
  })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  readonly invoiceAmount: number;

  @ApiProperty({ maxLength: 100, example: 'FP-2026-001234' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  readonly invoiceRef: string;
}

/** A part taken out of the customer's unit, and what the customer chose to do with it (旧件处理方式). */
export class ReplacedPartDto {
  @ApiProperty({ maxLength: 50 })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  readonly code: string;

  @ApiProperty({ type: 'integer', minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(10000)
  readonly quantity: number;

  @ApiProperty({ enum: PART_DISPOSALS })
  @IsIn(PART_DISPOSALS)
  readonly disposal: string;
}

export class PartUsedDto {
  @ApiProperty({ maxLength: 50, example: 'COMPRESSOR-X' })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  readonly code: string;

  @ApiProperty({ type: 'integer', minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(10000)
  readonly quantity: number;

  @ApiPropertyOptional({
    example: '180d',
    description: "The part's own warranty period; a claim naming the part is judged by it",
  })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  @IsDuration()
  readonly warranty?: string;

  @ApiPropertyOptional({
    type: SelfBoughtDto,
    description: 'Bought by the technician: checked against the catalogue price',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => SelfBoughtDto)
  readonly selfBought?: SelfBoughtDto;
}

export class CompleteDto {
  @ApiProperty({ maxLength: 5000 })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  readonly summary: string;

  @ApiProperty({ type: [PartUsedDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PartUsedDto)
  readonly partsUsed: PartUsedDto[];

  @ApiProperty({ minimum: 0, example: 2.5 })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(1000)
  readonly laborHours: number;

  @ApiPropertyOptional({
    type: [ReplacedPartDto],
    description: 'Parts taken out, for the supervisor to inspect',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ReplacedPartDto)
  readonly replacedParts?: ReplacedPartDto[];
}
