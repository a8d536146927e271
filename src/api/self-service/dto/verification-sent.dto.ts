import { ApiProperty } from '@nestjs/swagger';

export class VerificationSentDto {
  @ApiProperty({
    format: 'uuid',
    description: 'Send it back with the code in POST /api/public/service-requests',
  })
  readonly verificationId: string;

  @ApiProperty({ format: 'date-time', description: 'The code works until then' })
  readonly expiresAt: string;

  @ApiProperty({ example: '+86 •••• 0001', description: 'Where the code went, masked' })
  readonly sentTo: string;
}
