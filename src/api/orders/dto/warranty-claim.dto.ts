import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

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
}
