import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class QrCodeQueryDto {
  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 100,
    example: 'AC-9000',
    description: 'Product model the request page fills in (a poster per product)',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  readonly model?: string;
}

export class RequestPageLinkDto {
  @ApiProperty({ format: 'uri', example: 'https://service.example.com/request?model=AC-9000' })
  readonly url: string;
}
