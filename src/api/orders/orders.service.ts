import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  Client,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type WorkflowHandle,
} from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { DataSource } from 'typeorm';
import {
  allowedActions,
  isOverdue,
  notOverdueSql,
  overdueSql,
  sameRegionSql,
  visibleOrdersSql,
  type OrderVisibilityColumns,
  type StaffRole,
} from '../../domain';
import { OrderEntity, TimelineEntryEntity } from '../../persistence/entities';
import {
  orderWorkflowId,
  type Actor,
  type OrderView,
} from '../../workflows/service-order/service-order.messages';
import { ApiErrorCode, ApiException } from '../common/api-error';
import { actorFor, type Principal, type StaffPrincipal } from '../common/principal';
import type { AppConfig } from '../../config/app-config';
import { isUnreachable } from '../common/api-exception.filter';
import { APP_CONFIG, sha256Hex, TEMPORAL_CLIENT } from '../common/tokens';
import { sendWithinDeadline } from '../common/temporal-call';
import { commandUnavailable, fromCommandError } from '../common/temporal-errors';
import { canonicalJson } from './canonical-json';
import { commandUpdateId, findOutcome, recordOutcome, type StoredOutcome } from './command-outcomes';
import type {
  CustomerOrderViewDto,
  OrderPageDto,
  OrderReadDto,
  OrderSummaryDto,
  TimelineEntryDto,
} from './dto/order-view.dto';
import type { ListOrdersQueryDto } from './dto/list-orders.query';
import { OrderAccessService } from './order-access.service';

// The row's copies of what visibility reads; writeOrderRow fills them from the same view `canSee` reads.
const ORDER_VISIBILITY_COLUMNS: OrderVisibilityColumns = {
  region: 'o.region',
  technicianId: 'o.technician_id',
  feedbackOwnerId: "o.snapshot->'feedbackCase'->>'ownerId'",
};

function toSummary(row: OrderEntity, nowMs: number): OrderSummaryDto {
  return {
    orderNo: row.orderNo,
    status: row.status,
    type: row.type,
    priority: row.priority,
    channel: row.channel,
    zone: row.zone,
    region: row.region,
    dispatchMode: row.dispatchMode,
    customerName: row.customerName,
    customerPhone: row.customerPhone,
    technicianId: row.technicianId,
    nextDeadline: row.nextDeadline?.toISOString() ?? null,
    overdue: isOverdue(row.nextDeadline?.getTime() ?? null, nowMs),
    escalationLevel: row.escalationLevel,
    reworkRound: row.reworkRound,
    totalAmount: Number(row.totalAmount),
    isWarranty: row.isWarranty,
    parentOrderNo: row.parentOrderNo,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

@Injectable()
export class OrdersService {
  private readonly logger = new Logger(OrdersService.name);

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: OrderAccessService,
  ) {}

  async list(principal: StaffPrincipal, query: ListOrdersQueryDto): Promise<OrderPageDto> {
    // One instant for the overdue filter and the summaries' flag, so that they never disagree.
    const nowMs = Date.now();
    const qb = this.dataSource.getRepository(OrderEntity).createQueryBuilder('o');
    if (query.status) qb.andWhere('o.status = :status', { status: query.status });
    if (query.type) qb.andWhere('o.type = :type', { type: query.type });
    if (query.priority) qb.andWhere('o.priority = :priority', { priority: query.priority });
    if (query.region) qb.andWhere(sameRegionSql('o.region', ':region'), { region: query.region });
    if (query.technician) qb.andWhere('o.technician_id = :technician', { technician: query.technician });
    if (query.overdue !== undefined) {
      const overdue = query.overdue ? overdueSql : notOverdueSql;
      qb.andWhere(overdue('o.next_deadline', ':now'), { now: new Date(nowMs) });
    }
    if (query.text) {
      const like = `%${query.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere('(o.order_no ILIKE :like OR o.customer_name ILIKE :like OR o.customer_phone ILIKE :like)', {
        like,
      });
    }
    // The rule single reads check (OrderAccessService.canSee), as SQL.
    qb.andWhere(
      visibleOrdersSql(principal, ORDER_VISIBILITY_COLUMNS, { userId: ':me', region: ':myRegion' }),
      { me: principal.userId, myRegion: principal.region },
    );
    // created_at then order_no: a stable order, so pages never repeat or skip rows that tie.
    qb.orderBy('o.created_at', 'DESC')
      .addOrderBy('o.order_no', 'DESC')
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return {
      items: rows.map((row) => toSummary(row, nowMs)),
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  }

  async get(
    principal: Principal,
    orderNo: string,
    minRevision?: number,
  ): Promise<OrderReadDto | CustomerOrderViewDto> {
    const loaded = await this.loadAtLeast(orderNo, minRevision);
    this.access.assertCanSee(principal, loaded);
    const { view, source } = loaded;
    if (principal.kind === 'customer') return this.customerView(view);
    await this.access.logRead(principal, orderNo, 'VIEW_ORDER');
    return { ...view, source, allowedActions: this.access.allowedFor(principal, view.status) };
  }

  /** The projection writes the row and its timeline entries in one transaction: one revision covers both. */
  private loadAtLeast(orderNo: string, minRevision: number | undefined) {
    if (minRevision === undefined) return this.access.load(orderNo);
    return this.access.loadUntil(orderNo, (view) => view.revision >= minRevision, `revision ${minRevision}`);
  }

  /** What the customer token holder sees: progress and what to decide, no staff or internal data. */
  customerView(view: OrderView): CustomerOrderViewDto {
    return {
      orderNo: view.orderNo,
      status: view.status,
      type: view.details.type,
      appointment: view.details.appointment ?? null,
      milestone: view.milestone,
      reworkRound: view.reworkRound,
      rating: view.rating,
      completedAt: view.completedAt,
      acceptanceDueAt: view.deadlines.find((d) => d.stage === 'CUSTOMER_ACCEPTANCE')?.dueAt ?? null,
      allowedActions: allowedActions(view.status, 'customer'),
    };
  }

  async timeline(
    principal: StaffPrincipal,
    orderNo: string,
    minRevision?: number,
  ): Promise<TimelineEntryDto[]> {
    const loaded = await this.loadAtLeast(orderNo, minRevision);
    this.access.assertCanSee(principal, loaded);
    await this.access.logRead(principal, orderNo, 'VIEW_TIMELINE');
    const entries = await this.dataSource
      .getRepository(TimelineEntryEntity)
      .find({ where: { orderNo }, order: { seq: 'ASC' } });
    return entries.map((e) => ({
      seq: e.seq,
      at: e.at.toISOString(),
      actorId: e.actorId,
      actorRole: e.actorRole,
      action: e.action,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      details: e.details,
    }));
  }

  /**
   * A command of SPEC §5 as a Temporal Update; answers with the order's new state. Role is checked by
   * the route, ownership here for technicians and regional dispatchers, and both again by the workflow.
   * With an `Idempotency-Key` the key becomes the update id and the first outcome is kept, so a retry
   * answers the same and applies nothing twice.
   */
  async command<I extends { actor: Actor }>(
    principal: Principal,
    orderNo: string,
    endpointRoles: readonly StaffRole[],
    update: UpdateDefinition<OrderView, [I]>,
    body: Omit<I, 'actor'>,
    idempotencyKey: string | null = null,
  ): Promise<OrderView> {
    const keyed = idempotencyKey
      ? {
          updateId: commandUpdateId(update.name, principal, idempotencyKey),
          requestHash: sha256Hex(canonicalJson(body)),
        }
      : null;
    const stored = keyed ? await this.storedOutcome(orderNo, keyed) : null;
    if (stored && 'view' in stored) return stored.view;
    if (stored) throw stored.refusal;
    // Ownership (the assigned technician, the dispatcher's region, the feedback owner) is the workflow's
    // check: the stored copy may be a projection behind, and a keyed retry of a command that took the
    // order away must still reach Temporal's dedupe of its update id.
    const handle: WorkflowHandle = this.client.workflow.getHandle(orderWorkflowId(orderNo));
    const actor = actorFor(principal, endpointRoles);
    const sent = await sendWithinDeadline(
      this.client,
      () => handle.executeUpdate(update, { args: [{ actor, ...body } as I], updateId: keyed?.updateId }),
      this.config.TEMPORAL_CALL_TIMEOUT_MS,
    );
    if (sent.ok) {
      if (keyed) await this.keep(orderNo, keyed, { view: sent.value });
      return sent.value;
    }
    if (sent.error instanceof WorkflowNotFoundError) throw await this.closedOrMissing(principal, orderNo);
    const refusal = fromCommandError(sent.error, sent.mayHaveReachedServer);
    if (!refusal) throw sent.error;
    // Only the workflow's own refusals are outcomes; a 503 is retried with the same update id.
    if (keyed && sent.error instanceof WorkflowUpdateFailedError)
      await this.keep(orderNo, keyed, { refusal });
    throw refusal;
  }

  /** The first outcome of a keyed command already answered, or null (also when the database is down). */
  private async storedOutcome(
    orderNo: string,
    keyed: { updateId: string; requestHash: string },
  ): Promise<StoredOutcome | null> {
    try {
      return await findOutcome(this.dataSource, orderNo, keyed.updateId, keyed.requestHash);
    } catch (error) {
      // Without the database Temporal still dedupes the update id within the run.
      if (!isUnreachable(error)) throw error;
      this.logger.warn(`Stored outcome of ${keyed.updateId} unreadable: ${String(error)}`);
      return null;
    }
  }

  private async keep(
    orderNo: string,
    keyed: { updateId: string; requestHash: string },
    outcome: StoredOutcome,
  ): Promise<void> {
    // The answer stands even when it cannot be stored: Temporal still dedupes within the run.
    await recordOutcome(this.dataSource, orderNo, keyed.updateId, keyed.requestHash, outcome).catch(
      (error: unknown) => this.logger.warn(`Outcome of ${keyed.updateId} not stored: ${String(error)}`),
    );
  }

  /** A finished workflow takes no updates: 409 with its final status if it existed, else 404. */
  private async closedOrMissing(principal: Principal, orderNo: string): Promise<ApiException> {
    let row: Pick<OrderEntity, 'status' | 'revision'> | null;
    try {
      row = await this.dataSource
        .getRepository(OrderEntity)
        .findOne({ where: { orderNo }, select: ['id', 'status', 'revision'] });
    } catch (error) {
      if (!isUnreachable(error)) throw error;
      return commandUnavailable('The database is unreachable; the command was not applied', false);
    }
    if (!row) return ApiException.notFound(`No order ${orderNo}`);
    // Revision 0 is the copy written at intake: its workflow has not started yet (a retried intake resumes it).
    if (row.revision === 0)
      return commandUnavailable('The order is still being started; retry shortly', false);
    const status = row.status as OrderView['status'];
    return new ApiException(
      ApiErrorCode.ACTION_NOT_ALLOWED,
      `The order is ${status} and takes no more commands`,
      // What this caller may still do (an agent: a warranty claim on a CLOSED order).
      { status, allowedActions: this.access.allowedFor(principal, status) },
    );
  }
}
