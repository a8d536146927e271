import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

export class AssignDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Omit for the automatic choice' })
  @IsOptional()
  @IsUUID()
  readonly technicianId?: string;
}
