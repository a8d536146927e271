import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { AppointmentDto } from './intake-order.dto';

export class WarrantyClaimDto {
  @ApiProperty({ maxLength: 5000 })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  readonly faultDescription: string;

  @ApiPropertyOptional({
    maxLength: 50,
    description: "A part used on the order; the claim is then judged by that part's warranty",
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  readonly partCode?: string;

  @ApiPropertyOptional({
    type: AppointmentDto,
    description:
      'The visit agreed with the customer when the claim was taken; the new order keeps it and starts in PENDING_REVIEW. Without it the order asks for one (INFO_REQUIRED).',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AppointmentDto)
  readonly appointment?: AppointmentDto;
}
