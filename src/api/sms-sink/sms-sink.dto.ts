import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { QueryInteger } from '../common/query-boolean';

/** `+` then 7 to 15 digits, the first not 0 (ITU-T E.164). */
export const E164_PATTERN = /^\+[1-9]\d{6,14}$/;
export const SMS_SINK_MAX_LIMIT = 200;
export const SMS_SINK_DEFAULT_LIMIT = 50;

/**
 * A query string reads an unencoded `+` as a space (`?to=+86…` arrives as ` 86…`); a leading space before
 * the digits is taken for the `+` that was meant, so a pasted number works without writing `%2B`.
 */
const RestoreLeadingPlus = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^ \d+$/.test(value) ? `+${value.slice(1)}` : value,
  );

export class SmsSinkQueryDto {
  @ApiPropertyOptional({
    pattern: E164_PATTERN.source,
    example: '+8613800000001',
    description: 'Only messages to this number (E.164; write `+` as `%2B`). Absent: every recipient',
  })
  @IsOptional()
  @RestoreLeadingPlus()
  @Matches(E164_PATTERN, { message: 'to must be an E.164 phone number such as +8613800000001' })
  readonly to?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: SMS_SINK_MAX_LIMIT,
    default: SMS_SINK_DEFAULT_LIMIT,
    description: 'Newest messages first, at most this many',
  })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(1)
  @Max(SMS_SINK_MAX_LIMIT)
  readonly limit: number = SMS_SINK_DEFAULT_LIMIT;
}

export class SmsSinkMessageDto {
  @ApiProperty({ format: 'uuid' }) readonly id: string;
  @ApiProperty({ example: '+8613800000001', description: 'The recipient (E.164)' }) readonly to: string;
  @ApiProperty({ example: 'ServiceOrders', description: 'SMS_SENDER when it was sent' })
  readonly sender: string;
  @ApiProperty({ example: 'Order SO-20300101-000001 received. … https://…/c/SO-20300101-000001#t=…' })
  readonly text: string;
  @ApiProperty({ format: 'date-time' }) readonly createdAt: string;
}

export class SmsSinkPageDto {
  @ApiProperty({ type: [SmsSinkMessageDto], description: 'Newest first' })
  readonly items: SmsSinkMessageDto[];
}
