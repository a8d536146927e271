import { ApiProperty } from '@nestjs/swagger';
import { IntakeProblemDto } from '../../orders/dto/intake-order.dto';

export class ServiceRequestCreatedDto {
  @ApiProperty({ example: 'SO-20250101-000001' })
  readonly orderNo: string;

  @ApiProperty({
    enum: ['INFO_REQUIRED', 'PENDING_REVIEW'],
    description: 'Where the order started (a repeat of the request answers the same)',
  })
  readonly status: 'INFO_REQUIRED' | 'PENDING_REVIEW';

  @ApiProperty({
    example: 'https://service.example.com/c/SO-20250101-000001#t=eyJ…',
    description: 'The customer page of the order, signed for this order (a fresh link on every answer)',
  })
  readonly link: string;

  @ApiProperty({ format: 'date-time', description: 'The link works until then' })
  readonly linkExpiresAt: string;

  @ApiProperty({ type: [IntakeProblemDto], description: 'What is still missing (INFO_REQUIRED)' })
  readonly problems: IntakeProblemDto[];
}
