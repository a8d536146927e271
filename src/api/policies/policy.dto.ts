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
import {
  ACCEPTANCE_EXPIRY_ACTIONS,
  OPTIONAL_TARGET_DEFAULTS,
  ORDER_TYPES,
  PRIORITIES,
  WEEKDAYS,
} from '../../domain';

/** Calendar names (the `{name}` of PUT /api/calendars/{name}). */
export const CALENDAR_NAME_PATTERN = /^[A-Za-z0-9_.-]{1,100}$/;

const DURATION = {
  type: String,
  // domain/duration.ts: d h m s in that order, at least one, each whole (`0m` is refused as zero).
  pattern: '^(?=\\d)(?:\\d+d)?(?:\\d+h)?(?:\\d+m)?(?:\\d+s)?$',
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
  @ApiPropertyOptional({
    ...DURATION,
    description: `${DURATION.description}. How long the customer has to answer a quote; ${OPTIONAL_TARGET_DEFAULTS.quoteApproval} when left out.`,
  })
  quoteApproval?: string;
  @ApiPropertyOptional({
    ...DURATION,
    description: `${DURATION.description}. How long the customer has to answer added work; ${OPTIONAL_TARGET_DEFAULTS.addedWorkApproval} when left out.`,
  })
  addedWorkApproval?: string;
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

/**
 * PUT /api/sla-policies/{orderType}. A policy read by GET /api/sla-policies goes back unchanged: its
 * read-only fields are accepted — `orderType` must name the type of the path (400 otherwise) and `version`
 * is ignored (the server numbers versions: each save is the type's newest version + 1).
 */
export class PutPolicyDto {
  @ApiPropertyOptional({
    enum: ORDER_TYPES,
    description:
      'Read-only, accepted so a GET answer can be sent back: must equal the `{orderType}` of the path',
  })
  @IsOptional()
  @IsIn(ORDER_TYPES)
  readonly orderType?: string;

  @ApiPropertyOptional({
    type: 'integer',
    description: 'Read-only, accepted and ignored: the saved policy gets the next version number',
  })
  @IsOptional()
  @IsInt()
  readonly version?: number;

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

  @ApiProperty({ type: 'integer', minimum: 0 })
  @IsInt()
  @Min(0)
  readonly maxReworks: number;

  @ApiProperty()
  @IsBoolean()
  readonly pauseWhileWaitingParts: boolean;

  @ApiProperty({ minimum: 1, example: 500 })
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
  @ApiProperty({
    type: 'integer',
    description: 'Increases with every saved edit; orders keep the version they started with',
  })
  version: number;
  @ApiProperty({ type: String, nullable: true }) calendar: string | null;
  @ApiProperty({ type: SlaTargetsDoc }) targets: SlaTargetsDoc;
  @ApiProperty({ enum: ACCEPTANCE_EXPIRY_ACTIONS }) onAcceptanceWindowExpiry: string;
  @ApiProperty({ type: 'integer' }) maxReworks: number;
  @ApiProperty() pauseWhileWaitingParts: boolean;
  @ApiProperty() checkInRadiusMeters: number;
  @ApiProperty({ type: ApprovalRuleDoc }) approvalRequired: ApprovalRuleDoc;
}

export class PutPolicyResponseDto {
  @ApiProperty({ type: SlaPolicyDto }) policy: SlaPolicyDto;
  @ApiProperty({
    type: 'integer',
    description: 'Running orders of the type sent `policyChanged` (0 unless applyToRunning)',
  })
  signalledOrders: number;
}

// domain/business-calendar.ts: local wall-clock `HH:MM`, `24:00` allowed as an end.
const HH_MM = { type: String, pattern: '^(?:[01]\\d|2[0-3]):[0-5]\\d$|^24:00$' };

export class WorkingIntervalDoc {
  @ApiProperty({ ...HH_MM, example: '09:00' }) start: string;
  @ApiProperty({ ...HH_MM, example: '18:00', description: 'After start; `24:00` ends at midnight' })
  end: string;
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

const HOLIDAYS = {
  type: 'array',
  items: { type: 'string', format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
  example: ['2025-10-01'],
} as const;

/**
 * PUT /api/calendars/{name}. A calendar read by GET /api/calendars goes back unchanged: its `name` is accepted
 * and must equal the `{name}` of the path (400 otherwise).
 */
export class PutCalendarDto {
  @ApiPropertyOptional({
    pattern: CALENDAR_NAME_PATTERN.source,
    description: 'Read-only, accepted so a GET answer can be sent back: must equal the `{name}` of the path',
  })
  @IsOptional()
  @IsString()
  readonly name?: string;

  @ApiProperty({
    maxLength: 100,
    example: 'Asia/Shanghai',
    description: 'IANA time zone name, as the runtime knows it (`Intl.DateTimeFormat`)',
  })
  @IsString()
  @MaxLength(100)
  readonly timeZone: string;

  @ApiProperty({ type: WorkingHoursDoc, description: `Keyed by ${WEEKDAYS.join(', ')}` })
  @IsObject()
  readonly workingHours: Record<string, unknown>;

  @ApiProperty({ ...HOLIDAYS, description: 'Dates without working time, `YYYY-MM-DD` in the time zone' })
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
  @ApiProperty({ pattern: CALENDAR_NAME_PATTERN.source }) name: string;
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone: string;
  @ApiProperty({ type: WorkingHoursDoc }) workingHours: WorkingHoursDoc;
  @ApiProperty(HOLIDAYS) holidays: string[];
}

export class PutCalendarResponseDto {
  @ApiProperty({ type: BusinessCalendarDto }) calendar: BusinessCalendarDto;
  @ApiProperty({
    type: 'integer',
    description:
      'Running orders whose snapshotted policy uses the calendar, sent `policyChanged` (0 unless applyToRunning)',
  })
  signalledOrders: number;
}
