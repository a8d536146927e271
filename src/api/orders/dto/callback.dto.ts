import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';

export class CallbackDto {
  @ApiProperty({ description: 'The customer was reached' })
  @IsBoolean()
  readonly reached: boolean;

  @ApiProperty({ description: 'The customer is satisfied; false opens a feedback case' })
  @IsBoolean()
  readonly satisfied: boolean;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  readonly note?: string;
}
