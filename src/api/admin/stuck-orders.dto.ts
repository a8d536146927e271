import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { QueryInteger } from '../common/query-boolean';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Attempt 3 = the task failed (or timed out) twice in a row: one worker crash alone is not "stuck". */
export const DEFAULT_MIN_ATTEMPT = 3;

export class StuckOrdersQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 2,
    maximum: 10000,
    default: DEFAULT_MIN_ATTEMPT,
    description:
      'Lowest attempt of the pending workflow task that counts as stuck (2 = failed once and not completed since)',
  })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(2)
  @Max(10000)
  readonly minAttempt: number = DEFAULT_MIN_ATTEMPT;
}

export class StuckOrderDto {
  @ApiProperty({ example: 'SO-20261201-000076' }) readonly orderNo: string;
  @ApiProperty({ example: 'order-SO-20261201-000076' }) readonly workflowId: string;
  @ApiProperty({ format: 'uuid' }) readonly runId: string;
  @ApiProperty({ example: 'RUNNING', description: 'Workflow execution status' }) readonly status: string;
  @ApiProperty({ example: 'service-orders' }) readonly taskQueue: string;

  @ApiProperty({
    type: 'integer',
    example: 42,
    description: 'Attempt of the pending workflow task (1 = first try)',
  })
  readonly attempt: number;

  @ApiProperty({ enum: ['SCHEDULED', 'STARTED'], description: 'Waiting for a worker, or held by one' })
  readonly taskState: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'NON_DETERMINISTIC_ERROR',
    description:
      'Why the task failed: NON_DETERMINISTIC_ERROR (history does not replay on this code), WORKFLOW_WORKER_UNHANDLED_FAILURE (an error thrown in the workflow), TIMED_OUT, …',
  })
  readonly lastFailureCause: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '[TMPRL1100] Nondeterminism error: Activity machine does not handle this event: …',
    description:
      'Message of the last failure recorded in the history (Temporal records the first failure of a streak; retries are not written)',
  })
  readonly lastFailureMessage: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the workflow task started failing (first failure since its last completed task)',
  })
  readonly failingSince: string | null;
}

export class StuckOrdersDto {
  @ApiProperty({
    enum: ['TemporalReportedProblems', 'describe'],
    description:
      "How they were found: the server's TemporalReportedProblems search attribute where the namespace supports it, else a describe of every running order",
  })
  readonly detectedBy: 'TemporalReportedProblems' | 'describe';

  @ApiProperty({ type: 'integer', description: 'Running order workflows examined' })
  readonly checkedWorkflows: number;
  @ApiProperty({ type: [StuckOrderDto] }) readonly orders: StuckOrderDto[];
}

export interface StuckOrdersSummary {
  count: number;
  checkedAt: string;
}
