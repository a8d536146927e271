import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ORDER_NO_PATTERN, SLA_STAGES, type SlaStage } from '../../domain';
import { PageMetaDto, PageQueryDto } from '../common/pagination.dto';
import { QueryBoolean, QueryInteger } from '../common/query-boolean';

export class InboxQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ type: Boolean, description: 'Only unread notifications: `true` or `false`' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  readonly unreadOnly?: boolean;
}

export class NotificationDto {
  @ApiProperty({ format: 'uuid' }) readonly id: string;
  @ApiProperty({ type: String, nullable: true }) readonly orderNo: string | null;
  @ApiProperty({ example: 'ESCALATION' }) readonly kind: string;
  @ApiProperty() readonly title: string;
  @ApiProperty() readonly body: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readonly readAt: string | null;
  @ApiProperty({ format: 'date-time' }) readonly createdAt: string;
}

export class InboxPageDto extends PageMetaDto {
  @ApiProperty({ type: [NotificationDto], description: 'Unread first, then newest first' })
  readonly items: NotificationDto[];
  @ApiProperty({ type: 'integer', description: 'Unread notifications in the whole inbox' })
  readonly unread: number;
}

export const ESCALATION_STATES = ['open', 'acknowledged'] as const;

export class EscalationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ESCALATION_STATES })
  @IsOptional()
  @IsIn(ESCALATION_STATES)
  readonly state?: (typeof ESCALATION_STATES)[number];

  @ApiPropertyOptional({ enum: SLA_STAGES })
  @IsOptional()
  @IsIn(SLA_STAGES)
  readonly stage?: SlaStage;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: 3,
    description: '0 warning (80%), 1–3 ladder levels',
  })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(0)
  @Max(3)
  readonly level?: number;

  @ApiPropertyOptional({ pattern: ORDER_NO_PATTERN.source, example: 'SO-20250101-000001' })
  @IsOptional()
  @Matches(ORDER_NO_PATTERN, { message: 'orderNo must look like SO-YYYYMMDD-NNNNNN' })
  readonly orderNo?: string;
}

export class RecipientDto {
  @ApiProperty() readonly userId: string;
  @ApiProperty() readonly username: string;
  @ApiProperty() readonly role: string;
  @ApiProperty({ type: String, nullable: true }) readonly region: string | null;
  @ApiProperty({ description: 'No one with the role in the region: the role without region was used' })
  readonly viaFallback: boolean;
}

export class EscalationDto {
  @ApiProperty({ format: 'uuid' }) readonly id: string;
  @ApiProperty() readonly orderNo: string;
  @ApiProperty({ enum: SLA_STAGES }) readonly stage: string;
  @ApiProperty() readonly stageKey: string;
  @ApiProperty({ type: 'integer' }) readonly level: number;
  @ApiProperty({ format: 'date-time' }) readonly dueAt: string;
  @ApiProperty({ format: 'date-time' }) readonly firedAt: string;
  @ApiProperty({ type: [RecipientDto] }) readonly recipients: Record<string, unknown>[];
  @ApiProperty({ type: String, nullable: true }) readonly acknowledgedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readonly acknowledgedAt: string | null;
}

export class EscalationPageDto extends PageMetaDto {
  @ApiProperty({ type: [EscalationDto] }) readonly items: EscalationDto[];
}
