import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';
import { IntakeOrderDto } from './intake-order.dto';

/**
 * Any intake field except the order type (which decides the policy), all optional. Omitted means
 * unchanged; `null` is refused: it would replace a required field of the order's details.
 */
export class SupplyInfoDetailsDto extends PartialType(OmitType(IntakeOrderDto, ['type'] as const), {
  skipNullProperties: false,
}) {}

export class SupplyInfoDto {
  @ApiProperty({ type: SupplyInfoDetailsDto, description: "Fields that replace the order's details" })
  @IsObject()
  @ValidateNested()
  @Type(() => SupplyInfoDetailsDto)
  readonly details: SupplyInfoDetailsDto;
}
