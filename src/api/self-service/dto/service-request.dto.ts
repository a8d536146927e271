import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { VERIFICATION_CODE_DIGITS } from '../../../domain/self-service';
import { AppointmentDto, CustomerDto, IntakeOrderDto } from '../../orders/dto/intake-order.dto';

/** What a customer tells about themselves: the clerk's fields without the staff-only ones (VIP, position). */
export class SelfServiceCustomerDto extends PickType(CustomerDto, [
  'name',
  'phone',
  'address',
  'zone',
  'email',
  'region',
  'language',
  'messageChannels',
] as const) {
  @ApiProperty({
    description:
      'The customer agrees to service messages (SMS / e-mail) about this order; false: the order is created but nothing is sent',
  })
  @IsBoolean()
  readonly messageConsent: boolean;
}

const CODE_PATTERN = new RegExp(`^\\d{${VERIFICATION_CODE_DIGITS}}$`);

/**
 * A customer's own service request, after the one-time code. Created like a clerk's intake (channel ONLINE,
 * no priced items yet), so the same check decides INFO_REQUIRED or PENDING_REVIEW.
 */
export class ServiceRequestDto extends PickType(IntakeOrderDto, ['type', 'equipment'] as const) {
  // Unlike a clerk's intake (which may fill it in later), a customer's request must say what is wrong.
  @ApiProperty({ minLength: 1, maxLength: 5000, example: 'Unit does not cool' })
  @IsString()
  @MinLength(1, { message: 'faultDescription must describe the fault' })
  @MaxLength(5000)
  readonly faultDescription: string;

  @ApiProperty({ format: 'uuid', description: 'From POST /api/public/service-requests/verification' })
  @IsUUID()
  readonly verificationId: string;

  @ApiProperty({ pattern: CODE_PATTERN.source, example: '042917', description: 'The code from the SMS' })
  @Matches(CODE_PATTERN, { message: `code must be the ${VERIFICATION_CODE_DIGITS} digits from the SMS` })
  readonly code: string;

  @ApiProperty({
    type: SelfServiceCustomerDto,
    description: 'customer.phone must be the number the code went to',
  })
  @IsObject()
  @ValidateNested()
  @Type(() => SelfServiceCustomerDto)
  readonly customer: SelfServiceCustomerDto;

  @ApiPropertyOptional({ type: AppointmentDto, description: 'When the customer would like the visit' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AppointmentDto)
  readonly preferredAppointment?: AppointmentDto;
}
