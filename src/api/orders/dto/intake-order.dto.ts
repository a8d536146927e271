import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsISO8601,
  IsLatitude,
  IsLongitude,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Omittable } from '../../common/validation';
import {
  CHANNELS,
  CUSTOMER_CHANNELS,
  CUSTOMER_LANGUAGES,
  DEFAULT_DISPATCH_MODE,
  DISPATCH_MODES,
  ORDER_TYPES,
  PRIORITIES,
  ZONES,
} from '../../../domain';
import type {
  Channel,
  CustomerChannel,
  CustomerLanguage,
  DispatchMode,
  OrderType,
  Priority,
  Zone,
} from '../../../domain';

const FINITE = { allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 };
const MAX_AMOUNT = 9_999_999_999.99;

export class CustomerDto {
  @ApiProperty({ maxLength: 200, example: 'Zhang San' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  readonly name: string;

  @ApiProperty({
    maxLength: 50,
    pattern: '^\\+?[0-9 ()-]{3,50}$',
    example: '+86 138 0000 0001',
    description:
      'A valid phone number, international (+country code) or national in DEFAULT_PHONE_COUNTRY; stored in E.164 (+8613800000001)',
  })
  @IsString()
  @Matches(/^\+?[0-9 ()-]{3,50}$/, {
    message: 'phone must be 3–50 digits, spaces, ( ) - with an optional leading +',
  })
  readonly phone: string;

  @ApiProperty({ maxLength: 500, example: '1 Century Avenue, Pudong' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  readonly address: string;

  @ApiProperty({ enum: ZONES })
  @IsIn(ZONES)
  readonly zone: Zone;

  @ApiPropertyOptional({ example: 'zhang@example.com' })
  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  readonly email?: string;

  @ApiPropertyOptional({ maxLength: 100, example: 'north' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  readonly region?: string;

  @ApiPropertyOptional({ example: 31.23 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsLatitude()
  readonly lat?: number;

  @ApiPropertyOptional({ example: 121.47 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsLongitude()
  readonly lng?: number;

  @ApiPropertyOptional({ description: 'VIP customers may need supervisor approval (policy rule)' })
  @IsOptional()
  @IsBoolean()
  readonly vip?: boolean;

  @ApiPropertyOptional({
    enum: CUSTOMER_LANGUAGES,
    description: 'Language of the customer messages and page (default zh)',
  })
  @IsOptional()
  @IsIn(CUSTOMER_LANGUAGES)
  readonly language?: CustomerLanguage;

  @ApiPropertyOptional({
    description: 'The customer agreed to service messages (SMS / e-mail); without it nothing is sent to them',
  })
  @IsOptional()
  @IsBoolean()
  readonly messageConsent?: boolean;

  @ApiPropertyOptional({
    enum: CUSTOMER_CHANNELS,
    isArray: true,
    description: 'Channels the customer prefers; empty or absent: every channel with an address on file',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CUSTOMER_CHANNELS.length)
  @ArrayUnique()
  @IsIn(CUSTOMER_CHANNELS, { each: true })
  readonly messageChannels?: CustomerChannel[];
}

export class EquipmentDto {
  @ApiPropertyOptional({ maxLength: 200, example: 'AC-9000' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  readonly model?: string;

  @ApiPropertyOptional({ maxLength: 100, example: 'SN-123456' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  readonly serialNumber?: string;

  @ApiPropertyOptional({ format: 'date', example: '2024-03-01' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'purchaseDate must be an ISO date such as 2024-03-01' })
  @MaxLength(40)
  readonly purchaseDate?: string;

  @ApiPropertyOptional({
    maxLength: 200,
    example: 'INV-2024-0301-17',
    description: 'Where the proof of purchase is (invoice number, scan reference); the warranty needs one',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  readonly proofRef?: string;
}

/** The customer's service contract (合同服务): while it runs, the work is covered by it. */
export class ServiceContractDto {
  @ApiProperty({ minLength: 1, maxLength: 100, example: 'SC-2026-0042' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(/\S/, { message: 'number must not be blank' })
  readonly number: string;

  @ApiProperty({ format: 'date', example: '2027-06-30', description: 'The last day the contract covers' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'validUntil must be a date such as 2027-06-30' })
  @IsISO8601({ strict: true }, { message: 'validUntil must be a date such as 2027-06-30' })
  readonly validUntil: string;
}

export class ServiceItemDto {
  @ApiProperty({ maxLength: 50, example: 'INSTALL-AC' })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  readonly code: string;

  @ApiProperty({ maxLength: 500, example: 'Install split air conditioner' })
  @IsString()
  @MaxLength(500)
  readonly description: string;

  @ApiProperty({ minimum: 0, example: 1 })
  @IsNumber(FINITE)
  @Min(0)
  @Max(1_000_000)
  readonly quantity: number;

  @ApiProperty({ minimum: 0, example: 300 })
  @IsNumber(FINITE)
  @Min(0)
  @Max(MAX_AMOUNT)
  readonly unitPrice: number;
}

export class AppointmentDto {
  @ApiProperty({ format: 'date-time', example: '2030-05-01T09:00:00Z' })
  @IsISO8601({ strict: true }, { message: 'start must be an ISO date-time' })
  @MaxLength(40)
  readonly start: string;

  @ApiProperty({ format: 'date-time', example: '2030-05-01T12:00:00Z' })
  @IsISO8601({ strict: true }, { message: 'end must be an ISO date-time' })
  @MaxLength(40)
  readonly end: string;
}

/**
 * Intake: what a clerk enters. Malformed input is a 400; well-formed but incomplete input (a repair
 * without serial number, a total that is not the sum of the items, no appointment) creates the order
 * in INFO_REQUIRED with the problems listed.
 */
export class IntakeOrderDto {
  @ApiProperty({ enum: ORDER_TYPES })
  @IsIn(ORDER_TYPES)
  readonly type: OrderType;

  @ApiProperty({ enum: PRIORITIES })
  @IsIn(PRIORITIES)
  readonly priority: Priority;

  @ApiProperty({ enum: CHANNELS })
  @IsIn(CHANNELS)
  readonly channel: Channel;

  @ApiProperty({ type: CustomerDto })
  @IsObject()
  @ValidateNested()
  @Type(() => CustomerDto)
  readonly customer: CustomerDto;

  @ApiPropertyOptional({ type: EquipmentDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => EquipmentDto)
  readonly equipment?: EquipmentDto;

  @ApiPropertyOptional({ type: ServiceContractDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ServiceContractDto)
  readonly serviceContract?: ServiceContractDto;

  @ApiProperty({ maxLength: 5000, example: 'Unit does not cool' })
  @IsString()
  @MaxLength(5000)
  readonly faultDescription: string;

  @ApiProperty({ type: [ServiceItemDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ServiceItemDto)
  readonly serviceItems: ServiceItemDto[];

  @ApiProperty({
    minimum: 0,
    example: 300,
    description: 'Must equal the sum of quantity × unitPrice, else INFO_REQUIRED',
  })
  @IsNumber(FINITE)
  @Min(0)
  @Max(MAX_AMOUNT)
  readonly totalAmount: number;

  @ApiPropertyOptional({ maxLength: 50, example: 'CASH' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  readonly paymentMethod?: string;

  @ApiPropertyOptional({ type: AppointmentDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AppointmentDto)
  readonly appointment?: AppointmentDto;

  @ApiPropertyOptional({
    type: [String],
    pattern: '^[A-Za-z0-9_.-]{1,50}$',
    maxItems: 20,
    uniqueItems: true,
    example: ['hvac'],
  })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(/^[A-Za-z0-9_.-]{1,50}$/, {
    each: true,
    message: 'each required skill must be 1–50 letters, digits, _ . or -',
  })
  readonly requiredSkills?: string[];

  @ApiPropertyOptional({ enum: DISPATCH_MODES, default: DEFAULT_DISPATCH_MODE })
  @Omittable()
  @IsIn(DISPATCH_MODES)
  readonly dispatchMode?: DispatchMode;

  @ApiPropertyOptional({ format: 'uuid', description: 'DIRECT dispatch: the technician named at intake' })
  @IsOptional()
  @IsUUID()
  readonly directTechnicianId?: string;
}

export class IntakeProblemDto {
  @ApiProperty({ example: 'equipment.serialNumber' })
  readonly field: string;

  @ApiProperty({ example: 'required for a REPAIR order' })
  readonly problem: string;
}

export class IntakeResponseDto {
  @ApiProperty({ example: 'SO-20250101-000001' })
  readonly orderNo: string;

  @ApiProperty({ enum: ['INFO_REQUIRED', 'PENDING_REVIEW'] })
  readonly status: string;

  @ApiProperty({ example: 'order-SO-20250101-000001' })
  readonly workflowId: string;

  @ApiProperty({
    description: "Shown once: the customer's bearer token for this order (view, accept or reject the work)",
  })
  readonly customerToken: string;

  @ApiProperty({ type: [IntakeProblemDto] })
  readonly problems: IntakeProblemDto[];
}
