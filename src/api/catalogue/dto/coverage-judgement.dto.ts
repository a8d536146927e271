import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsObject, IsOptional, Min, ValidateNested } from 'class-validator';
import { COVERAGES } from '../../../domain';
import { EquipmentDto, ServiceContractDto } from '../../orders/dto/intake-order.dto';
import { CALENDAR_DATE_PATTERN } from './calendar-date';

const DATE = { type: String, format: 'date', pattern: CALENDAR_DATE_PATTERN, example: '2024-03-15' };

export class CoverageJudgementRequestDto {
  @ApiProperty({ type: EquipmentDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => EquipmentDto)
  readonly equipment: EquipmentDto;

  @ApiPropertyOptional({ type: ServiceContractDto, description: "The customer's service contract, if any" })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ServiceContractDto)
  readonly contract?: ServiceContractDto;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    description: 'The catalogue version whose product models apply; the current one when left out',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  readonly version?: number;
}

export class CoverageJudgementDto {
  @ApiProperty({ enum: COVERAGES }) coverage: string;
  @ApiProperty({
    example:
      "In warranty: KFR-35GW's 24-month warranty from the purchase on 2024-03-15 (proof INV-2024-0315) covers through 2026-03-14.",
    description: 'One sentence naming the rule that decided',
  })
  reason: string;
  @ApiProperty({
    ...DATE,
    nullable: true,
    example: '2026-03-14',
    description: "The warranty's last day, when the model and purchase date allow computing it",
  })
  warrantyEndsOn: string | null;
  @ApiProperty({ ...DATE, description: "Today's date in the customer's time zone (CUSTOMER_TIME_ZONE)" })
  today: string;
  @ApiProperty({ type: 'integer', description: 'The catalogue version whose product models were used' })
  catalogueVersion: number;
}
