import { ApiProperty } from '@nestjs/swagger';
import {
  CatalogueItemDto,
  LabourRateDto,
  MINOR_UNITS_DESCRIPTION,
  ProductModelDto,
} from './catalogue-parts.dto';

export class QuoteSettingsViewDto {
  @ApiProperty({ type: 'integer', example: 50000, description: MINOR_UNITS_DESCRIPTION })
  quoteRequiredAbove: number;
  @ApiProperty({ example: 10 }) estimateTolerancePercent: number;
  @ApiProperty({ example: 5 }) selfBoughtTolerancePercent: number;
  @ApiProperty({ type: 'integer', example: 5000, description: MINOR_UNITS_DESCRIPTION })
  diagnosisFee: number;
}

/** One version of the price catalogue. */
export class PriceCatalogueDto {
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    description: 'Increases with every save; a priced order keeps the version it was priced with',
  })
  version: number;

  @ApiProperty({ example: 'CNY', description: 'ISO 4217 code of every amount (CURRENCY)' })
  currency: string;

  @ApiProperty({ type: String, nullable: true, description: 'Who saved this version (`seed` for version 1)' })
  createdBy: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: [CatalogueItemDto] }) items: CatalogueItemDto[];
  @ApiProperty({ type: [LabourRateDto] }) labourRates: LabourRateDto[];
  @ApiProperty({ type: [ProductModelDto] }) productModels: ProductModelDto[];
  @ApiProperty({ type: QuoteSettingsViewDto }) quoteSettings: QuoteSettingsViewDto;
}
