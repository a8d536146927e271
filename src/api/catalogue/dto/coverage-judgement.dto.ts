import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { COVERAGES } from '../../../domain';
import { CALENDAR_DATE_PATTERN, IsCalendarDate } from './calendar-date';

const DATE = { type: String, format: 'date', pattern: CALENDAR_DATE_PATTERN, example: '2024-03-15' };

export class CoverageEquipmentDto {
  @ApiPropertyOptional({ maxLength: 200, example: 'KFR-35GW' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  readonly model?: string;

  @ApiPropertyOptional({ maxLength: 100, example: 'SN-123456' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  readonly serialNumber?: string;

  @ApiPropertyOptional(DATE)
  @IsOptional()
  @IsCalendarDate()
  readonly purchaseDate?: string;

  @ApiPropertyOptional({
    maxLength: 200,
    example: 'INV-2024-0315',
    description: 'Where the proof of purchase is (invoice number, scan reference); the warranty needs one',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  readonly proofRef?: string;
}

export class ServiceContractDto {
  @ApiProperty({ minLength: 1, maxLength: 100, example: 'SC-2025-0042' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(/\S/, { message: 'number must not be blank' })
  readonly number: string;

  @ApiProperty({ ...DATE, example: '2025-12-31', description: 'The last day the contract covers' })
  @IsCalendarDate()
  readonly validUntil: string;
}

export class CoverageJudgementRequestDto {
  @ApiProperty({ type: CoverageEquipmentDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => CoverageEquipmentDto)
  readonly equipment: CoverageEquipmentDto;

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
