import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { allowedActions, maySeeOrder, type OrderAction, type OrderStatus, type Role } from '../../domain';
import { OrderAccessLogEntity, OrderEntity } from '../../persistence/entities';
import { orderWorkflowId, type OrderView } from '../../workflows/service-order/service-order.messages';
import { ORDER_STATUS } from '../../workflows/search-attributes';
import { ApiErrorCode, ApiException } from '../common/api-error';
import { isUnreachable } from '../common/api-exception.filter';
import type { Principal, StaffPrincipal } from '../common/principal';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG, TEMPORAL_CLIENT } from '../common/tokens';
import { withinDeadline } from '../common/temporal-call';

export interface LoadedOrder {
  view: OrderView;
  source: 'read-model';
}

/** Who may see which order, and the order's current state (live query, else the read model). */
@Injectable()
export class OrderAccessService {
  private readonly logger = new Logger(OrderAccessService.name);

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The customer token reaches its own order; staff as `maySeeOrder` says, the rule the list filters by. */
  canSee(
    principal: Principal,
    view: Pick<OrderView, 'orderNo' | 'technicianId' | 'details' | 'feedbackCase'>,
  ): boolean {
    if (principal.kind === 'customer') return principal.orderNo === view.orderNo;
    return maySeeOrder(principal, {
      region: view.details.customer.region,
      technicianId: view.technicianId,
      feedbackOwnerId: view.feedbackCase?.ownerId,
    });
  }

  assertCanSee(principal: Principal, loaded: LoadedOrder): void {
    if (!this.canSee(principal, loaded.view)) {
      throw ApiException.forbidden(
        principal.kind === 'staff' && principal.roles.includes('technician')
          ? 'Technicians see only the orders assigned to them'
          : 'This order is outside your region',
      );
    }
  }

  /**
   * The order as the workflow last projected it (milliseconds behind a command's answer, which is the
   * workflow's own view). Reads never query a running workflow: a query task can carry new history
   * events, which the SDK applies to the cached run outside any workflow task, and the commands that
   * follow land in history in an order no replay reproduces (docs/durability.md). The intake writes the
   * copy before the workflow starts, so 404 only when neither the copy nor the workflow exists.
   */
  async load(orderNo: string): Promise<LoadedOrder> {
    let row: Pick<OrderEntity, 'snapshot'> | null;
    try {
      row = await this.dataSource
        .getRepository(OrderEntity)
        .findOne({ where: { orderNo }, select: ['id', 'snapshot'] });
    } catch (error) {
      if (!isUnreachable(error)) throw error;
      throw new ApiException(ApiErrorCode.UNAVAILABLE, 'The database could not answer; retry');
    }
    if (row) return { view: row.snapshot as unknown as OrderView, source: 'read-model' };
    try {
      // Describe is answered by the server alone (no worker, no query task).
      await withinDeadline(
        this.client,
        () => this.client.workflow.getHandle(orderWorkflowId(orderNo)).describe(),
        this.config.TEMPORAL_CALL_TIMEOUT_MS / 2,
      );
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw ApiException.notFound(`No order ${orderNo}`);
      this.logger.warn(
        `describe ${orderNo} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    throw new ApiException(ApiErrorCode.UNAVAILABLE, 'The order has no stored copy yet; retry');
  }

  /**
   * The stored copy once it shows the status the workflow already has, for decisions that must not rest
   * on a copy a projection behind (a warranty claim right after the order closed). Describe carries the
   * workflow's current `OrderStatus` (answered by the server, no query task); the wait is bounded, then
   * 503 so that the client retries.
   */
  async loadCurrent(orderNo: string): Promise<LoadedOrder> {
    const loaded = await this.load(orderNo);
    const current = await this.workflowStatus(orderNo);
    if (current === null || current === loaded.view.status) return loaded;
    return this.loadUntil(orderNo, (view) => view.status === current, `status ${current}`);
  }

  /** The stored copy once `until` holds (polled, bounded by the call timeout), else 503 so the client retries. */
  async loadUntil(orderNo: string, until: (view: OrderView) => boolean, what: string): Promise<LoadedOrder> {
    const deadline = Date.now() + this.config.TEMPORAL_CALL_TIMEOUT_MS;
    let loaded = await this.load(orderNo);
    while (!until(loaded.view)) {
      if (Date.now() >= deadline) {
        throw new ApiException(
          ApiErrorCode.UNAVAILABLE,
          `The order's stored copy has not caught up with its workflow yet (${what}); retry`,
        );
      }
      await sleep(100);
      loaded = await this.load(orderNo);
    }
    return loaded;
  }

  /** The workflow's own status search attribute, or null when Temporal cannot say. */
  private async workflowStatus(orderNo: string): Promise<OrderStatus | null> {
    try {
      const description = await withinDeadline(
        this.client,
        () => this.client.workflow.getHandle(orderWorkflowId(orderNo)).describe(),
        this.config.TEMPORAL_CALL_TIMEOUT_MS / 2,
      );
      return (description.typedSearchAttributes.get(ORDER_STATUS) as OrderStatus | undefined) ?? null;
    } catch {
      return null;
    }
  }

  allowedFor(principal: Principal, status: OrderStatus): OrderAction[] {
    const roles: Role[] = principal.kind === 'customer' ? ['customer'] : principal.roles;
    return [...new Set(roles.flatMap((role) => allowedActions(status, role)))];
  }

  async logRead(
    staff: StaffPrincipal,
    orderNo: string,
    action: 'VIEW_ORDER' | 'VIEW_TIMELINE',
  ): Promise<void> {
    await this.dataSource.getRepository(OrderAccessLogEntity).insert({
      orderNo,
      userId: staff.userId,
      username: staff.username,
      roles: staff.roles.join(','),
      action,
    });
  }
}
