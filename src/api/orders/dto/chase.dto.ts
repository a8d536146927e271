import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

/** A customer chase logged by an agent. */
export class ChaseDto {
  @ApiProperty({ maxLength: 2000, example: 'Customer called asking when the technician comes' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  readonly note: string;
}
