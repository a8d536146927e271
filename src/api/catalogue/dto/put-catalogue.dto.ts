import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CatalogueItemDto, LabourRateDto, ProductModelDto, QuoteSettingsDto } from './catalogue-parts.dto';

export const MAX_CATALOGUE_ITEMS = 5000;
export const MAX_PRODUCT_MODELS = 5000;
export const MAX_LABOUR_RATES = 200;

/**
 * PUT /api/price-catalogue: the whole next version. A catalogue read by GET goes back unchanged: its
 * read-only fields are accepted — `version`, `createdBy` and `createdAt` are ignored (the server numbers
 * versions), `currency` must be the configured one.
 */
export class PutCatalogueDto {
  @ApiPropertyOptional({
    type: 'integer',
    description: 'Read-only, accepted and ignored: the saved catalogue gets the next version number',
  })
  @IsOptional()
  @IsInt()
  readonly version?: number;

  @ApiPropertyOptional({
    example: 'CNY',
    description: 'Read-only, accepted so a GET answer can be sent back: must be the configured CURRENCY',
  })
  @IsOptional()
  @IsString()
  @MaxLength(3)
  readonly currency?: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Read-only, accepted and ignored' })
  @IsOptional()
  @IsString()
  readonly createdBy?: string | null;

  @ApiPropertyOptional({ format: 'date-time', description: 'Read-only, accepted and ignored' })
  @IsOptional()
  @IsString()
  readonly createdAt?: string;

  @ApiProperty({ type: [CatalogueItemDto], maxItems: MAX_CATALOGUE_ITEMS })
  @IsArray()
  @ArrayMaxSize(MAX_CATALOGUE_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => CatalogueItemDto)
  readonly items: CatalogueItemDto[];

  @ApiProperty({
    type: [LabourRateDto],
    maxItems: MAX_LABOUR_RATES,
    description: 'The hourly rate table (工时价格表): exactly one rate for every order type × zone',
  })
  @IsArray()
  @ArrayMaxSize(MAX_LABOUR_RATES)
  @ValidateNested({ each: true })
  @Type(() => LabourRateDto)
  readonly labourRates: LabourRateDto[];

  @ApiProperty({ type: [ProductModelDto], maxItems: MAX_PRODUCT_MODELS })
  @IsArray()
  @ArrayMaxSize(MAX_PRODUCT_MODELS)
  @ValidateNested({ each: true })
  @Type(() => ProductModelDto)
  readonly productModels: ProductModelDto[];

  @ApiProperty({ type: QuoteSettingsDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => QuoteSettingsDto)
  readonly quoteSettings: QuoteSettingsDto;
}
