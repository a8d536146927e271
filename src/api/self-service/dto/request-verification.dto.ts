import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { CUSTOMER_LANGUAGES, type CustomerLanguage } from '../../../domain';

/** Ask for a one-time code by SMS, the first step of a self-service request. */
export class RequestVerificationDto {
  @ApiProperty({
    maxLength: 50,
    pattern: '^\\+?[0-9 ()-]{3,50}$',
    example: '+86 138 0000 0001',
    description:
      'The phone the code goes to: international (+country code) or national in DEFAULT_PHONE_COUNTRY. The request later made with the code must give the same number.',
  })
  @IsString()
  @Matches(/^\+?[0-9 ()-]{3,50}$/, {
    message: 'phone must be 3–50 digits, spaces, ( ) - with an optional leading +',
  })
  readonly phone: string;

  @ApiPropertyOptional({
    enum: CUSTOMER_LANGUAGES,
    description: 'Language of the SMS; absent: one message in Chinese and English',
  })
  @IsOptional()
  @IsIn(CUSTOMER_LANGUAGES)
  readonly language?: CustomerLanguage;
}
