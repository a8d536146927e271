import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsLatitude, IsLongitude, IsNumber, IsOptional } from 'class-validator';

export class CheckInDto {
  @ApiPropertyOptional({ example: 31.23 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsLatitude()
  readonly lat?: number;

  @ApiPropertyOptional({ example: 121.47 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsLongitude()
  readonly lng?: number;
}
