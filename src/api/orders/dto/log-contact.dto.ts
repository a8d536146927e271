import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { AppointmentDto } from './intake-order.dto';

export class LogContactDto {
  @ApiProperty({ maxLength: 2000, example: 'Called, confirmed 9–12 tomorrow' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  readonly note: string;

  @ApiPropertyOptional({ type: AppointmentDto, description: 'A new appointment agreed with the customer' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AppointmentDto)
  readonly appointment?: AppointmentDto;
}
