import { ApiProperty } from '@nestjs/swagger';
import { CATALOGUE_ITEM_KINDS, LABOUR_HOURS_CODE, ORDER_TYPES, ZONES } from '../../../domain';
import { MINOR_UNITS_DESCRIPTION } from './catalogue-parts.dto';

const MINOR = { type: 'integer', description: MINOR_UNITS_DESCRIPTION } as const;

export class PricedLineDto {
  @ApiProperty({
    example: 'AC-CAP-35UF',
    description: `The item code; ${LABOUR_HOURS_CODE} for labour hours`,
  })
  code: string;
  @ApiProperty({ enum: CATALOGUE_ITEM_KINDS }) kind: string;
  @ApiProperty() description: string;
  @ApiProperty({ example: 'pc' }) unit: string;
  @ApiProperty({ example: 1 }) quantity: number;
  @ApiProperty(MINOR) unitPrice: number;
  @ApiProperty({ ...MINOR, description: `quantity × unitPrice rounded half-up. ${MINOR_UNITS_DESCRIPTION}` })
  amount: number;
}

/** An itemised estimate: each line rounded, the totals summed from the rounded lines. */
export class PricedEstimateDto {
  @ApiProperty({ type: 'integer', description: 'The catalogue version the estimate was priced with' })
  catalogueVersion: number;
  @ApiProperty({ example: 'CNY' }) currency: string;
  @ApiProperty({ enum: ORDER_TYPES }) orderType: string;
  @ApiProperty({ enum: ZONES }) zone: string;
  @ApiProperty({ type: [PricedLineDto] }) lines: PricedLineDto[];
  @ApiProperty({ ...MINOR, description: `LABOUR items and labour hours. ${MINOR_UNITS_DESCRIPTION}` })
  labour: number;
  @ApiProperty(MINOR) parts: number;
  @ApiProperty(MINOR) materials: number;
  @ApiProperty(MINOR) services: number;
  @ApiProperty(MINOR) total: number;
  @ApiProperty({
    ...MINOR,
    description: `The highest final price an approval of this estimate covers (total + estimateTolerancePercent, rounded half-up). ${MINOR_UNITS_DESCRIPTION}`,
  })
  approvalLimit: number;
  @ApiProperty({
    description: "Above quoteRequiredAbove: the customer's approval is needed whatever the coverage",
  })
  aboveQuoteThreshold: boolean;
}
