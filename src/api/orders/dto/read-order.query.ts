import { ApiPropertyOptional } from '@nestjs/swagger';
import { QueryInteger } from '../../common/query-boolean';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class ReadOrderQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    description:
      "Read your own writes: answer once the stored copy has at least this revision (the `revision` of a command's answer). Waits up to the call timeout, then 503 with Retry-After.",
  })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  readonly minRevision?: number;
}
