import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import {
  ORDER_STATUSES,
  ORDER_TYPES,
  PRIORITIES,
  type OrderStatus,
  type OrderType,
  type Priority,
} from '../../../domain';
import { PageQueryDto } from '../../common/pagination.dto';
import { QueryBoolean } from '../../common/query-boolean';

export class ListOrdersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ORDER_STATUSES })
  @IsOptional()
  @IsIn(ORDER_STATUSES)
  readonly status?: OrderStatus;

  @ApiPropertyOptional({ enum: ORDER_TYPES })
  @IsOptional()
  @IsIn(ORDER_TYPES)
  readonly type?: OrderType;

  @ApiPropertyOptional({ enum: PRIORITIES })
  @IsOptional()
  @IsIn(PRIORITIES)
  readonly priority?: Priority;

  @ApiPropertyOptional({ minLength: 1, maxLength: 100 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  readonly region?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Assigned technician id' })
  @IsOptional()
  @IsUUID()
  readonly technician?: string;

  @ApiPropertyOptional({
    type: Boolean,
    description: '`true`: the next deadline has passed; `false`: it has not (or there is none)',
  })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  readonly overdue?: boolean;

  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 100,
    description: 'Matches order number, customer name or phone (case-insensitive, substring)',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  readonly text?: string;
}
