import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { ACCEPTANCE_EXPIRY_ACTIONS, ORDER_TYPES, PRIORITIES, WEEKDAYS } from '../../domain';

const DURATION = {
  type: String,
  example: '4h',
  description:
    'Duration: whole numbers with units d, h, m, s (`90s`, `30m`, `4h`, `3d`, `1h30m`). A day is always 24 hours. ' +
    'Under a business calendar the target counts working time only, so `1d` is 24 working hours (three 8-hour ' +
    'working days), not one working day: write one working day as its hours (`8h`).',
};

export const REASON_MAX_LENGTH = 500;

/**
 * `reason`: required with `applyToRunning: true` (it is what each running order's timeline records for
 * the re-projection), checked whenever it is sent.
 */
const ReasonForRunningOrders = () =>
  applyDecorators(
    ApiPropertyOptional({
      maxLength: REASON_MAX_LENGTH,
      example: 'Holiday added after the schedule was published',
      description:
        'Why running orders are re-projected; required (non-blank) when `applyToRunning` is true. Each signalled order records it on its timeline (`POLICY_CHANGED`).',
    }),
    ValidateIf(
      (dto: { applyToRunning?: boolean }, value: unknown) =>
        dto.applyToRunning === true || value !== undefined,
    ),
    IsDefined({ message: 'reason is required when applyToRunning is true' }),
    IsString(),
    Matches(/\S/, { message: 'reason must not be blank' }),
    MaxLength(REASON_MAX_LENGTH),
  );

// Documentation shapes: the deep checks are the domain's validatePolicy / validateCalendar, whose
// answers become 400 details naming each field.
export class DispatchTargetsDoc {
  @ApiProperty(DURATION) URGENT: string;
  @ApiProperty(DURATION) HIGH: string;
  @ApiProperty(DURATION) NORMAL: string;
  @ApiProperty(DURATION) LOW: string;
}

export class CompletionTargetsDoc {
  @ApiProperty(DURATION) IN_CITY: string;
  @ApiProperty(DURATION) OUT_OF_CITY: string;
}

export class SlaTargetsDoc {
  @ApiProperty(DURATION) infoCompletion: string;
  @ApiProperty(DURATION) review: string;
  @ApiProperty(DURATION) approval: string;
  @ApiProperty({ type: DispatchTargetsDoc }) dispatch: DispatchTargetsDoc;
  @ApiProperty(DURATION) technicianAcceptance: string;
  @ApiProperty(DURATION) firstContact: string;
  @ApiProperty(DURATION) progressReply: string;
  @ApiProperty({ type: CompletionTargetsDoc }) completion: CompletionTargetsDoc;
  @ApiProperty(DURATION) chaseResponse: string;
  @ApiProperty({
    ...DURATION,
    description: `${DURATION.description}. Also times the supervisor's rework decision past maxReworks.`,
  })
  qc: string;
  @ApiProperty(DURATION) customerAcceptanceWindow: string;
  @ApiProperty(DURATION) callback: string;
  @ApiProperty(DURATION) feedbackClosure: string;
  @ApiProperty(DURATION) closureReminderEvery: string;
  @ApiProperty(DURATION) settlement: string;
  @ApiProperty(DURATION) warranty: string;
}

export class ApprovalRuleDoc {
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'Orders with a total strictly above need approval',
  })
  amountOver?: number | null;
  @ApiProperty({ enum: PRIORITIES, isArray: true }) priorities: string[];
  @ApiProperty({ enum: ORDER_TYPES, isArray: true }) types: string[];
  @ApiProperty() vipCustomer: boolean;
}

export class PutPolicyDto {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description:
      'Name of a business calendar; targets then count working time only (a `d` stays 24 hours of it, not a working day)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  readonly calendar?: string | null;

  @ApiProperty({ type: SlaTargetsDoc })
  @IsObject()
  readonly targets: Record<string, unknown>;

  @ApiProperty({ enum: ACCEPTANCE_EXPIRY_ACTIONS })
  @IsIn(ACCEPTANCE_EXPIRY_ACTIONS)
  readonly onAcceptanceWindowExpiry: string;

  @ApiProperty({ minimum: 0 })
  @IsInt()
  @Min(0)
  readonly maxReworks: number;

  @ApiProperty()
  @IsBoolean()
  readonly pauseWhileWaitingParts: boolean;

  @ApiProperty({ example: 500 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  readonly checkInRadiusMeters: number;

  @ApiProperty({ type: ApprovalRuleDoc })
  @IsObject()
  readonly approvalRequired: Record<string, unknown>;

  @ApiPropertyOptional({
    default: false,
    description:
      'Re-project the deadlines of every running order of this type onto this new policy version (the order then runs under it); needs `reason`',
  })
  @IsOptional()
  @IsBoolean()
  readonly applyToRunning?: boolean;

  @ReasonForRunningOrders()
  readonly reason?: string;
}

export class SlaPolicyDto {
  @ApiProperty({ enum: ORDER_TYPES }) orderType: string;
  @ApiProperty({ description: 'Increases with every saved edit; orders keep the version they started with' })
  version: number;
  @ApiProperty({ type: String, nullable: true }) calendar: string | null;
  @ApiProperty({ type: SlaTargetsDoc }) targets: SlaTargetsDoc;
  @ApiProperty({ enum: ACCEPTANCE_EXPIRY_ACTIONS }) onAcceptanceWindowExpiry: string;
  @ApiProperty() maxReworks: number;
  @ApiProperty() pauseWhileWaitingParts: boolean;
  @ApiProperty() checkInRadiusMeters: number;
  @ApiProperty({ type: ApprovalRuleDoc }) approvalRequired: ApprovalRuleDoc;
}

export class PutPolicyResponseDto {
  @ApiProperty({ type: SlaPolicyDto }) policy: SlaPolicyDto;
  @ApiProperty({ description: 'Running orders of the type sent `policyChanged` (0 unless applyToRunning)' })
  signalledOrders: number;
}

export class WorkingIntervalDoc {
  @ApiProperty({ example: '09:00' }) start: string;
  @ApiProperty({ example: '18:00' }) end: string;
}

export class WorkingHoursDoc {
  @ApiPropertyOptional({ type: [WorkingIntervalDoc] }) mon?: WorkingIntervalDoc[];
  @ApiPropertyOptional({ type: [WorkingIntervalDoc] }) tue?: WorkingIntervalDoc[];
  @ApiPropertyOptional({ type: [WorkingIntervalDoc] }) wed?: WorkingIntervalDoc[];
  @ApiPropertyOptional({ type: [WorkingIntervalDoc] }) thu?: WorkingIntervalDoc[];
  @ApiPropertyOptional({ type: [WorkingIntervalDoc] }) fri?: WorkingIntervalDoc[];
  @ApiPropertyOptional({ type: [WorkingIntervalDoc] }) sat?: WorkingIntervalDoc[];
  @ApiPropertyOptional({ type: [WorkingIntervalDoc] }) sun?: WorkingIntervalDoc[];
}

export class PutCalendarDto {
  @ApiProperty({ example: 'Asia/Shanghai', description: 'IANA time zone' })
  @IsString()
  @MaxLength(100)
  readonly timeZone: string;

  @ApiProperty({ type: WorkingHoursDoc, description: `Keyed by ${WEEKDAYS.join(', ')}` })
  @IsObject()
  readonly workingHours: Record<string, unknown>;

  @ApiProperty({ type: [String], example: ['2025-10-01'] })
  @IsArray()
  readonly holidays: unknown[];

  @ApiPropertyOptional({
    default: false,
    description:
      'Re-project the deadlines of running orders whose own policy version (the one they snapshotted) uses this calendar; they keep that policy version, only the calendar changes. Needs `reason`',
  })
  @IsOptional()
  @IsBoolean()
  readonly applyToRunning?: boolean;

  @ReasonForRunningOrders()
  readonly reason?: string;
}

export class BusinessCalendarDto {
  @ApiProperty() name: string;
  @ApiProperty() timeZone: string;
  @ApiProperty({ type: WorkingHoursDoc }) workingHours: WorkingHoursDoc;
  @ApiProperty({ type: [String] }) holidays: string[];
}

export class PutCalendarResponseDto {
  @ApiProperty({ type: BusinessCalendarDto }) calendar: BusinessCalendarDto;
  @ApiProperty({
    description:
      'Running orders whose snapshotted policy uses the calendar, sent `policyChanged` (0 unless applyToRunning)',
  })
  signalledOrders: number;
}
