import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
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
import { isDuration } from '../../../domain';

// The domain's own reading of durations: a warranty it cannot parse (`0d`, too long) would break the claim later.
const IsDuration = () =>
  ValidateBy({
    name: 'isDuration',
    validator: {
      validate: (value: unknown) => isDuration(value),
      defaultMessage: () => 'warranty must be a duration longer than zero such as 180d',
    },
  });

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
}
