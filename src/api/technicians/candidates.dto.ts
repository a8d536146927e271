import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PRIORITIES } from '../../domain';

export class ScoreBreakdownDto {
  @ApiProperty({ description: 'Points for being in the order’s region' }) readonly region: number;
  @ApiProperty({ description: 'Points for being close to the customer' }) readonly distance: number;
  @ApiProperty({ description: 'Points for having room (open orders against capacity)' })
  readonly load: number;
  @ApiProperty({ enum: PRIORITIES, description: 'The priority whose weights were used' })
  readonly priority: string;
}

export class CandidateDto {
  @ApiProperty({ format: 'uuid' }) readonly id: string;
  @ApiProperty() readonly name: string;
  @ApiProperty({ description: 'False when a rule rules the technician out (`rejectedBecause` says which)' })
  readonly eligible: boolean;
  @ApiPropertyOptional({ example: 'missing skills: hvac' }) readonly rejectedBecause?: string;
  @ApiPropertyOptional({ minimum: 0, maximum: 100, description: 'Points out of 100 (eligible only)' })
  readonly score?: number;
  @ApiPropertyOptional({ type: ScoreBreakdownDto }) readonly breakdown?: ScoreBreakdownDto;
  @ApiPropertyOptional({ description: 'Distance to the customer in km, when both positions are known' })
  readonly distanceKm?: number;
}

export class DispatchCandidatesDto {
  @ApiProperty({ example: 'SO-20261201-000001' }) readonly orderNo: string;
  @ApiProperty({ description: 'What automatic assignment would do now, in words' })
  readonly explanation: string;
  @ApiProperty({
    type: [CandidateDto],
    description: 'Eligible technicians best first, then the rejected ones',
  })
  readonly candidates: CandidateDto[];
}
