import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { StuckOrdersService } from '../admin/stuck-orders.service';
import { ApiErrorCode, ApiException } from '../common/api-error';
import { errorExample } from '../common/api-errors.decorator';
import { Public } from '../common/auth.decorators';
import { RETRY_AFTER_SECONDS } from '../common/error-body';
import { TEMPORAL_CLIENT } from '../common/tokens';
import { HealthDto, HealthUnavailableDto } from './health.dto';

const CHECK_TIMEOUT_MS = 3_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    private readonly stuckOrders: StuckOrdersService,
  ) {}

  @Get()
  @Public()
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({
    summary:
      'Database and Temporal reachability; 503 when either is down. `stuckOrders.count` (orders whose workflow task keeps failing) is information only and never fails the check',
  })
  @ApiOkResponse({ type: HealthDto, description: 'Every dependency is up' })
  @ApiServiceUnavailableResponse({
    type: HealthUnavailableDto,
    description: 'The database or Temporal is down; `details` says which',
    headers: {
      'Retry-After': {
        description: `Seconds to wait before retrying (${RETRY_AFTER_SECONDS})`,
        schema: { type: 'integer' },
      },
    },
    example: {
      ...errorExample(503, 'A dependency is down'),
      details: {
        status: 'error',
        info: { database: { status: 'up' } },
        error: { temporal: { status: 'down', message: 'no answer within 3000 ms' } },
        details: {
          database: { status: 'up' },
          temporal: { status: 'down', message: 'no answer within 3000 ms' },
        },
      },
    },
  })
  async check(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.database(),
        () => this.temporal(),
        () => this.stuckOrderCount(),
      ]);
    } catch (error) {
      if (error instanceof ServiceUnavailableException) {
        throw new ApiException(ApiErrorCode.UNAVAILABLE, 'A dependency is down', error.getResponse());
      }
      throw error;
    }
  }

  private async database() {
    const check = this.indicator.check('database');
    try {
      await withTimeout(this.dataSource.query('SELECT 1'), CHECK_TIMEOUT_MS);
      return check.up();
    } catch (error) {
      return check.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }

  private async temporal() {
    const check = this.indicator.check('temporal');
    try {
      await withTimeout(
        this.client.withDeadline(Date.now() + CHECK_TIMEOUT_MS, () =>
          this.client.workflowService.getSystemInfo({}),
        ),
        CHECK_TIMEOUT_MS,
      );
      return check.up({ namespace: this.client.options.namespace });
    } catch (error) {
      return check.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }

  // Always up: a stuck order needs an operator (README runbook), not a restart of the API by its probe.
  private async stuckOrderCount() {
    const check = this.indicator.check('stuckOrders');
    try {
      const { count, checkedAt } = await withTimeout(this.stuckOrders.summary(), CHECK_TIMEOUT_MS);
      return check.up({ count, checkedAt, list: '/api/admin/stuck-orders' });
    } catch (error) {
      return check.up({ count: null, message: error instanceof Error ? error.message : String(error) });
    }
  }
}
