import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

export class SettleDto {
  @ApiProperty({ minimum: 0, example: 300 })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(9_999_999_999.99)
  readonly amount: number;

  @ApiProperty({ maxLength: 50, example: 'CARD' })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  readonly paymentMethod: string;

  @ApiPropertyOptional({
    maxLength: 100,
    example: 'INV-2025-0001',
    description:
      'Required when anything is due, except after a payment the technician took on site: its invoice may follow (POST …/invoice)',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  readonly invoiceNo?: string;
}
