import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  Client,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type WorkflowHandle,
} from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { DataSource, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import {
  allowedActions,
  commandRoles,
  customerEventOf,
  isOrderCommand,
  customerLanguageOf,
  isOverdue,
  notOverdueSql,
  overdueSql,
  sameRegionSql,
  seesEveryOrder,
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
import {
  ORDER_LIST_COUNT_CAP,
  SHORT_TEXT_WINDOW,
  type CustomerOrderViewDto,
  type OrderPageDto,
  type OrderReadDto,
  type OrderSummaryDto,
  type TimelineEntryDto,
} from './dto/order-view.dto';
import type { ListOrdersQueryDto } from './dto/list-orders.query';
import type { CustomerPricingDto } from './dto/pricing-view.dto';
import { OrderAccessService } from './order-access.service';

// The row's copies of what visibility reads; writeOrderRow fills them from the same view `canSee` reads.
const ORDER_VISIBILITY_COLUMNS: OrderVisibilityColumns = {
  region: 'o.region',
  technicianId: 'o.technician_id',
  feedbackOwnerId: "o.snapshot->'feedbackCase'->>'ownerId'",
};

/** What pg_trgm extracts a trigram from (one word of three letters or digits; the text's edges are wildcards). */
const HAS_TRIGRAM = /[\p{L}\p{N}]{3}/u;

// Only what a summary shows: `snapshot`, the widest column, stays in the table.
const SUMMARY_COLUMNS = {
  orderNo: 'order_no',
  status: 'status',
  type: 'type',
  priority: 'priority',
  channel: 'channel',
  zone: 'zone',
  region: 'region',
  dispatchMode: 'dispatch_mode',
  customerName: 'customer_name',
  customerPhone: 'customer_phone',
  technicianId: 'technician_id',
  nextDeadline: 'next_deadline',
  escalationLevel: 'escalation_level',
  reworkRound: 'rework_round',
  totalAmount: 'total_amount',
  isWarranty: 'is_warranty',
  parentOrderNo: 'parent_order_no',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
} as const;

type SummaryRow = Pick<
  OrderEntity,
  Exclude<keyof typeof SUMMARY_COLUMNS, 'totalAmount' | 'escalationLevel' | 'reworkRound'>
> & { totalAmount: string; escalationLevel: number; reworkRound: number };

function toSummary(row: SummaryRow, nowMs: number): OrderSummaryDto {
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

export interface ListStatement {
  sql: string;
  parameters: unknown[];
}

/** The one statement behind a list request; the benchmark runs it directly as its baseline. */
export interface OrderListStatement extends ListStatement {
  /** SHORT_TEXT_WINDOW when the text is matched within the newest orders only, else null. */
  window: number | null;
}

/**
 * One row per summary of the page (none: one row of nulls), each with `matched`, the matches counted
 * (up to the cap + 1), and `seen`, the orders the short-text window examined (0 without one).
 */
type ListRow = { [K in keyof SummaryRow]: SummaryRow[K] | null } & { matched: number; seen: number };

/** The summary's columns of `alias`, named as OrderSummaryDto's properties. */
function selectSummary<T extends object>(qb: SelectQueryBuilder<T>, alias: string): SelectQueryBuilder<T> {
  qb.select([]);
  for (const [property, column] of Object.entries(SUMMARY_COLUMNS))
    qb.addSelect(`${alias}.${column}`, property);
  return qb;
}

// created_at then order_no: a stable order, so pages never repeat or skip rows that tie; served by
// ix_orders_status_created (with a status) or ix_orders_created, read backwards.
const NEWEST_FIRST = '"createdAt" DESC, "orderNo" DESC';

/** `ILIKE %text%` on the order number, customer name or phone expressions given, with `\`, `%`, `_` literal. */
function textSql(orderNo: string, name: string, phone: string): string {
  return `(${orderNo} ILIKE :like OR ${name} ILIKE :like OR ${phone} ILIKE :like)`;
}

/**
 * How many of the newest orders passing the other filters the list reads beyond the page's end, looking
 * for a page of many matches, before it sorts all the matches instead.
 */
const WALK_BUDGET = 5_000;

/**
 * The list request as one statement: the page and a count that stops at ORDER_LIST_COUNT_CAP + 1 matches.
 *
 * `capped` collects up to cap + 1 matches (their keys) in whatever order is cheapest: the trigram and
 * status indexes, or an index-only scan without a text. If that is all of them, the page is the newest of
 * them. Otherwise the matches are many, and `walked` reads the newest orders (up to the page's end plus
 * WALK_BUDGET) for the page's; if they are too few there (the matches are old, e.g. an order number's date), all matches are
 * sorted after all. Which way runs is decided by what the statement finds as it runs (one-time filters),
 * never by the planner's estimate of how common the text is, which pg_trgm gives only roughly. A text
 * without a trigram is matched within the newest SHORT_TEXT_WINDOW orders. The page's rows are read last,
 * by order number.
 */
export function orderListStatement(
  dataSource: DataSource,
  principal: StaffPrincipal,
  query: ListOrdersQueryDto,
  nowMs: number,
): OrderListStatement {
  // Every filter but the text, on `orders o`; visibility too unless told.
  const filtered = (visibility = true) => {
    const qb = dataSource.getRepository(OrderEntity).createQueryBuilder('o');
    if (query.status) qb.andWhere('o.status = :status', { status: query.status });
    if (query.type) qb.andWhere('o.type = :type', { type: query.type });
    if (query.priority) qb.andWhere('o.priority = :priority', { priority: query.priority });
    if (query.region) qb.andWhere(sameRegionSql('o.region', ':region'), { region: query.region });
    if (query.technician) qb.andWhere('o.technician_id = :technician', { technician: query.technician });
    if (query.overdue !== undefined) {
      const overdue = query.overdue ? overdueSql : notOverdueSql;
      qb.andWhere(overdue('o.next_deadline', ':now'), { now: new Date(nowMs) });
    }
    // The rule single reads check (OrderAccessService.canSee), as SQL.
    if (visibility) qb.andWhere(visibleSql(ORDER_VISIBILITY_COLUMNS), viewer);
    return qb;
  };
  const viewer = { me: principal.userId, myRegion: principal.region };
  const visibleSql = (columns: OrderVisibilityColumns) =>
    visibleOrdersSql(principal, columns, { userId: ':me', region: ':myRegion' });
  const keys = (qb: SelectQueryBuilder<OrderEntity>) =>
    qb.select('o.created_at', 'createdAt').addSelect('o.order_no', 'orderNo');
  const page = `LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`;
  const reach = query.page * query.pageSize;
  /** The page's summaries: the orders whose numbers `orderNos` (a subquery) gives. */
  const summaries = (orderNos: string) => {
    const qb = selectSummary(dataSource.getRepository(OrderEntity).createQueryBuilder('o'), 'o');
    return `${qb.getQuery()} WHERE o.order_no IN (${orderNos}) ORDER BY o.created_at DESC, o.order_no DESC`;
  };
  const like = query.text === undefined ? null : `%${query.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const finish = (sql: string, parameters: ObjectLiteral, window: number | null): OrderListStatement => {
    const [text, values] = dataSource.driver.escapeQueryWithParameters(sql, parameters, {});
    return { sql: text, parameters: values, window };
  };

  if (like !== null && !HAS_TRIGRAM.test(query.text ?? '')) {
    // The window is the newest orders whoever sees them, so that it is as short for a technician (who
    // sees a few) as for an admin; visibility is applied within it, from the facts it carries.
    const newest = keys(filtered(false))
      .addSelect('o.customer_name', 'customerName')
      .addSelect('o.customer_phone', 'customerPhone')
      .orderBy('o.created_at', 'DESC')
      .addOrderBy('o.order_no', 'DESC')
      .limit(SHORT_TEXT_WINDOW);
    if (!seesEveryOrder(principal)) {
      for (const [fact, column] of Object.entries(ORDER_VISIBILITY_COLUMNS)) newest.addSelect(column, fact);
    }
    const hit = textSql('w."orderNo"', 'w."customerName"', 'w."customerPhone"');
    const visible = visibleSql({
      region: 'w."region"',
      technicianId: 'w."technicianId"',
      feedbackOwnerId: 'w."feedbackOwnerId"',
    });
    return finish(
      `WITH w AS MATERIALIZED (${newest.getQuery()}),
            hits AS MATERIALIZED (SELECT "createdAt", "orderNo" FROM w WHERE ${hit} AND ${visible}),
            matched AS (SELECT (SELECT count(*) FROM hits)::int AS matched, (SELECT count(*) FROM w)::int AS seen)
       SELECT page.*, matched.* FROM matched
         LEFT JOIN LATERAL (${summaries(`SELECT "orderNo" FROM hits ORDER BY ${NEWEST_FIRST} ${page}`)}) page
           ON true`,
      { ...newest.getParameters(), ...viewer, like },
      SHORT_TEXT_WINDOW,
    );
  }

  const text = like === null ? 'TRUE' : textSql('o.order_no', 'o.customer_name', 'o.customer_phone');
  const capped = keys(filtered())
    .andWhere(text)
    .limit(ORDER_LIST_COUNT_CAP + 1);
  const newest = keys(filtered())
    .addSelect('o.customer_name', 'customerName')
    .addSelect('o.customer_phone', 'customerPhone')
    .orderBy('o.created_at', 'DESC')
    .addOrderBy('o.order_no', 'DESC')
    .limit(reach + WALK_BUDGET);
  // OFFSET 0 plans the matches alone: all of them, by the indexes, and no walk in the list order.
  const all = keys(filtered()).andWhere(text);
  const many = '(SELECT matched FROM matched) > :countCap';
  const filled = '(SELECT count(*) FROM walked) >= :reach';
  return finish(
    `WITH capped AS MATERIALIZED (${capped.getQuery()}),
          matched AS (SELECT count(*)::int AS matched, 0 AS seen FROM capped),
          walked AS MATERIALIZED (
            SELECT w."createdAt", w."orderNo" FROM (${newest.getQuery()}) w
             WHERE ${many} AND ${like === null ? 'TRUE' : textSql('w."orderNo"', 'w."customerName"', 'w."customerPhone"')}
             LIMIT :reach),
          chosen AS (
            (SELECT * FROM capped WHERE NOT ${many} ORDER BY ${NEWEST_FIRST} ${page})
            UNION ALL (SELECT * FROM walked WHERE ${filled} ORDER BY ${NEWEST_FIRST} ${page})
            UNION ALL (SELECT * FROM (${all.getQuery()} OFFSET 0) a
                        WHERE ${many} AND NOT ${filled} ORDER BY ${NEWEST_FIRST} ${page}))
     SELECT page.*, matched.* FROM matched
       LEFT JOIN LATERAL (${summaries('SELECT "orderNo" FROM chosen')}) page ON true`,
    {
      ...capped.getParameters(),
      ...(like === null ? {} : { like }),
      countCap: ORDER_LIST_COUNT_CAP,
      reach,
    },
    null,
  );
}

/** The money the customer's page shows: the latest quote, the added work, what is due; no staff names. */
function customerPricingOf(view: OrderView): CustomerPricingDto | null {
  const pricing = view.pricing;
  if (!pricing?.basis) return null;
  const latest = pricing.quotes.at(-1);
  const dueOf = (stageKey: string) => view.deadlines.find((d) => d.stageKey === stageKey)?.dueAt ?? null;
  return {
    currency: pricing.basis.currency,
    quote: latest ? withoutStaff(latest) : null,
    quoteDueAt: view.deadlines.find((d) => d.stage === 'QUOTE_APPROVAL')?.dueAt ?? null,
    addedWork: pricing.addedWork.map((addition) => ({
      ...withoutStaff(addition),
      dueAt: dueOf(addition.stageKey),
    })),
    amountDue: pricing.amountDue,
    paidOnSite: pricing.payments.reduce((sum, payment) => sum + payment.amount, 0),
    ifDeclined: pricing.ifDeclined,
  };
}

function withoutStaff<T extends { proposedBy: unknown; decidedBy: unknown }>(
  record: T,
): Omit<T, 'proposedBy' | 'decidedBy'> {
  const { proposedBy: _proposedBy, decidedBy: _decidedBy, ...rest } = record;
  return rest;
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
    const statement = orderListStatement(this.dataSource, principal, query, nowMs);
    const rows = (await this.dataSource.query(statement.sql, statement.parameters)) as ListRow[];
    const { matched, seen } = rows[0];
    return {
      items: rows
        .filter((row): row is ListRow & SummaryRow => row.orderNo !== null)
        .map((row) => toSummary(row, nowMs)),
      page: query.page,
      pageSize: query.pageSize,
      total: Math.min(matched, ORDER_LIST_COUNT_CAP),
      // A full window may have left older matches unexamined.
      totalCapped: matched > ORDER_LIST_COUNT_CAP || (statement.window !== null && seen >= statement.window),
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
    if (principal.kind === 'customer') return await this.customerView(view);
    await this.access.logRead(principal, orderNo, 'VIEW_ORDER');
    return { ...view, source, allowedActions: this.access.allowedFor(principal, view.status) };
  }

  /** The projection writes the row and its timeline entries in one transaction: one revision covers both. */
  private loadAtLeast(orderNo: string, minRevision: number | undefined) {
    if (minRevision === undefined) return this.access.load(orderNo);
    return this.access.loadUntil(orderNo, (view) => view.revision >= minRevision, `revision ${minRevision}`);
  }

  /**
   * What the customer sees: progress in customer steps (no internal notes, no staff but the technician's
   * name) and what they may decide now.
   */
  async customerView(view: OrderView): Promise<CustomerOrderViewDto> {
    const entries = await this.dataSource.getRepository(TimelineEntryEntity).find({
      where: { orderNo: view.orderNo },
      order: { seq: 'ASC' },
      select: ['seq', 'at', 'action', 'fromStatus', 'toStatus', 'details'],
    });
    const timeline = entries.flatMap((entry) => {
      const event = customerEventOf(entry);
      if (event === null) return [];
      const milestone = typeof entry.details?.milestone === 'string' ? entry.details.milestone : null;
      return [{ seq: entry.seq, at: entry.at.toISOString(), event, milestone }];
    });
    const feedback = view.customerFeedback ?? null;
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
      // Answered once: the request is no longer open after that.
      allowedActions: allowedActions(view.status, 'customer').filter(
        (action) =>
          action !== 'CUSTOMER_FEEDBACK' || (feedback === null && view.customerFeedback !== undefined),
      ),
      technicianName: view.technicianName ?? null,
      language: customerLanguageOf(view.details.customer),
      timeline,
      feedback: {
        requested: view.customerFeedback !== undefined && view.completedAt !== null,
        answeredAt: feedback?.answeredAt ?? null,
        score: feedback?.score ?? null,
      },
      pricing: customerPricingOf(view),
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

  /**
   * An order command as its Update: the Update's name is the command's name, so the actor's role comes
   * from the same `commandRoles` list as the route's `@Roles` guard.
   */
  send<I extends { actor: Actor }>(
    principal: Principal,
    orderNo: string,
    update: UpdateDefinition<OrderView, [I]>,
    body: Omit<I, 'actor'>,
    key: string | null,
  ): Promise<OrderView> {
    if (!isOrderCommand(update.name)) throw new Error(`Update ${update.name} is no order command`);
    return this.command(principal, orderNo, commandRoles(update.name), update, body, key);
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
