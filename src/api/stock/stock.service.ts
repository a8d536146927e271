import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { orderWorkflowId, partsArrived } from '../../workflows/service-order/service-order.messages';
import { withinDeadline } from '../common/temporal-call';
import { APP_CONFIG, TEMPORAL_CLIENT } from '../common/tokens';
import type { OrderStatus } from '../../domain';
import { stockAccessRefusal, type Shortfall, type StockAccessRefusal } from '../../domain/stock';
import {
  createLocation,
  findLocation,
  listLocations,
  listPurchaseRequests,
  openPurchaseRequests,
  receiveStock,
  releaseReservation,
  reserveParts,
  stockLevels,
  StockRefusal,
  type ReceiveOutcome,
  type ReleaseOutcome,
  type StockLevelRow,
  type StockLocationRow,
  type PurchaseRequestRow,
} from '../../persistence/stock';
import { ApiErrorCode, ApiException } from '../common/api-error';
import { assertUnreachable } from '../common/assert-unreachable';
import type { StaffPrincipal } from '../common/principal';
import type { PurchaseRequestQueryDto, OpenPurchaseRequestsDto } from './dto/purchase-request.dto';
import type { StockQueryDto } from './dto/stock-level.dto';
import type { CreateStockLocationDto } from './dto/stock-location.dto';
import type { StockReceiptDto } from './dto/stock-receipt.dto';
import type {
  ReleaseReservationDto,
  ReserveStockDto,
  StockReservationDto,
} from './dto/stock-reservation.dto';

/** The stock commands that honour an Idempotency-Key; each caller's keys are its own per command. */
type StockCommand = 'receipt' | 'reserve' | 'release';

function scopedKey(command: StockCommand, staff: StaffPrincipal, key: string | null): string {
  // Without a key every call is its own: nothing to deduplicate against.
  return key === null ? `api:${command}:${randomUUID()}` : `api:${command}:${staff.userId}:${key}`;
}

/** Translates a refusal of the stock tables into the API's status and body. */
function refused(error: unknown): never {
  if (!(error instanceof StockRefusal)) throw error;
  switch (error.reason) {
    case 'INVALID_INPUT':
      throw ApiException.validation(
        error.problems.map((p) => ({
          field: p.field === 'idempotencyKey' ? 'Idempotency-Key' : p.field,
          reasons: [p.problem],
        })),
        error.message,
      );
    case 'UNKNOWN_LOCATION':
    case 'UNKNOWN_PURCHASE_REQUEST':
      throw ApiException.notFound(error.message);
    case 'LOCATION_INACTIVE':
    case 'LOCATION_EXISTS':
    case 'TECHNICIAN_HAS_VAN':
    case 'PURCHASE_REQUEST_CLOSED':
      throw new ApiException(ApiErrorCode.CONFLICT, error.message);
    case 'TECHNICIAN_NOT_FOUND':
      throw new ApiException(ApiErrorCode.UNPROCESSABLE, error.message, { field: 'technicianId' });
    case 'PURCHASE_REQUEST_MISMATCH':
      throw new ApiException(ApiErrorCode.UNPROCESSABLE, error.message, { field: 'purchaseRequestId' });
    case 'KEY_REUSED':
      throw new ApiException(
        ApiErrorCode.IDEMPOTENCY_KEY_REUSED,
        'This Idempotency-Key was used with a different request body',
      );
    default:
      return assertUnreachable(error.reason);
  }
}

function accessRefused(refusal: { reason: StockAccessRefusal; message: string }): never {
  switch (refusal.reason) {
    case 'NOT_YOUR_ORDER':
    case 'NOT_YOUR_VAN':
      throw ApiException.forbidden(refusal.message);
    case 'ORDER_FINISHED':
      throw new ApiException(ApiErrorCode.CONFLICT, refusal.message);
    default:
      return assertUnreachable(refusal.reason);
  }
}

function shortfallMessage(locationCode: string, shortfall: Shortfall[]): string {
  const parts = shortfall.map((s) => `${s.partCode} (${s.requested} asked, ${s.available} available)`);
  return `Not enough stock at ${locationCode}: ${parts.join(', ')}; nothing was reserved`;
}

@Injectable()
export class StockService {
  private readonly logger = new Logger(StockService.name);

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  levels(query: StockQueryDto): Promise<StockLevelRow[]> {
    return stockLevels(this.dataSource.manager, query);
  }

  locations(): Promise<StockLocationRow[]> {
    return listLocations(this.dataSource.manager);
  }

  async createLocation(dto: CreateStockLocationDto): Promise<StockLocationRow> {
    const { location } = await createLocation(this.dataSource, dto).catch(refused);
    return location;
  }

  async receive(dto: StockReceiptDto, staff: StaffPrincipal, key: string | null): Promise<ReceiveOutcome> {
    const outcome = await receiveStock(this.dataSource, {
      ...dto,
      idempotencyKey: scopedKey('receipt', staff, key),
      actorId: staff.userId,
    }).catch(refused);
    const request = outcome.purchaseRequest;
    if (request?.status === 'RECEIVED') await this.tellOrder(request);
    return outcome;
  }

  /**
   * The order waiting for these parts reserves them again. Best effort after the receipt is stored: if the
   * signal is lost, the technician's "parts received" (POST …/parts-requests/{id}/received) does the same.
   */
  private async tellOrder(request: PurchaseRequestRow): Promise<void> {
    try {
      await withinDeadline(
        this.client,
        () =>
          this.client.workflow
            .getHandle(orderWorkflowId(request.orderNo))
            .signal(partsArrived, { purchaseRequestIds: [request.id] }),
        this.config.TEMPORAL_CALL_TIMEOUT_MS,
      );
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) {
        this.logger.warn(`partsArrived to ${request.orderNo} failed: ${String(error)}`);
      }
    }
  }

  async reserve(
    dto: ReserveStockDto,
    staff: StaffPrincipal,
    key: string | null,
  ): Promise<StockReservationDto> {
    await this.checkAccess(dto.orderNo, dto.locationCode, staff, 'reserve');
    const outcome = await reserveParts(this.dataSource, {
      orderNo: dto.orderNo,
      locationCode: dto.locationCode,
      lines: dto.lines,
      idempotencyKey: scopedKey('reserve', staff, key),
      actorId: staff.userId,
    }).catch(refused);
    if (outcome.kind === 'SHORTFALL') {
      throw new ApiException(
        ApiErrorCode.CONFLICT,
        shortfallMessage(outcome.locationCode, outcome.shortfall),
        {
          shortfall: outcome.shortfall,
        },
      );
    }
    return {
      orderNo: outcome.orderNo,
      locationCode: outcome.locationCode,
      lines: outcome.lines,
      replayed: outcome.replayed,
    };
  }

  async release(
    orderNo: string,
    dto: ReleaseReservationDto,
    staff: StaffPrincipal,
    key: string | null,
  ): Promise<ReleaseOutcome> {
    await this.checkAccess(orderNo, dto.locationCode ?? null, staff, 'release');
    return releaseReservation(this.dataSource, {
      orderNo,
      locationCode: dto.locationCode,
      idempotencyKey: scopedKey('release', staff, key),
      actorId: staff.userId,
    }).catch(refused);
  }

  purchaseRequests(query: PurchaseRequestQueryDto): Promise<PurchaseRequestRow[]> {
    return listPurchaseRequests(this.dataSource.manager, query);
  }

  async openPurchaseRequests(
    dto: OpenPurchaseRequestsDto,
    staff: StaffPrincipal,
  ): Promise<PurchaseRequestRow[]> {
    await this.checkAccess(dto.orderNo, dto.locationCode, staff, 'request');
    return openPurchaseRequests(this.dataSource, { ...dto, actorId: staff.userId }).catch(refused);
  }

  /** The order (from its read-model row) and the location exist, and this caller may use them. */
  private async checkAccess(
    orderNo: string,
    locationCode: string | null,
    staff: StaffPrincipal,
    action: 'reserve' | 'release' | 'request',
  ): Promise<void> {
    const [order] = (await this.dataSource.query(
      `SELECT status, technician_id FROM orders WHERE order_no = $1`,
      [orderNo],
    )) as { status: OrderStatus; technician_id: string | null }[];
    if (!order) throw ApiException.notFound(`No order ${orderNo}`);
    const location = locationCode === null ? null : await findLocation(this.dataSource.manager, locationCode);
    if (locationCode !== null && !location) throw ApiException.notFound(`No stock location ${locationCode}`);
    const refusal = stockAccessRefusal(
      { userId: staff.userId, roles: staff.roles },
      { status: order.status, technicianId: order.technician_id },
      location,
      action,
    );
    if (refusal) accessRefused(refusal);
  }
}
