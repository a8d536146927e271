import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

export class PartUsedDto {
  @ApiProperty({ maxLength: 50, example: 'COMPRESSOR-X' })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  readonly code: string;

  @ApiProperty({ minimum: 1 })
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
  @Matches(/^(?:\d+d)?(?:\d+h)?(?:\d+m)?(?:\d+s)?$/, { message: 'warranty must be a duration such as 180d' })
  @MinLength(2)
  @MaxLength(20)
  readonly warranty?: string;
}

export class CompletionDto {
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
