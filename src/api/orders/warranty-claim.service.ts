import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  commandRoles,
  decide,
  defaultPolicy,
  judgeWarrantyClaim,
  type OrderDetails,
  type SlaPolicy,
  type StaffRole,
} from '../../domain';
import { SlaPolicyEntity } from '../../persistence/entities';
import type { Actor, OrderView } from '../../workflows/service-order/service-order.messages';
import { ApiErrorCode, ApiException } from '../common/api-error';
import { actorFor, type StaffPrincipal } from '../common/principal';
import type { IntakeResponseDto } from './dto/intake-order.dto';
import type { WarrantyClaimDto } from './dto/warranty-claim.dto';
import { IntakeService } from './intake.service';
import { OrderAccessService } from './order-access.service';

/** SPEC §2 stage 13: a claim within the warranty opens a new linked order (same type, amount 0). */
@Injectable()
export class WarrantyClaimService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly access: OrderAccessService,
    private readonly intakes: IntakeService,
  ) {}

  async claim(
    staff: StaffPrincipal,
    orderNo: string,
    dto: WarrantyClaimDto,
    idempotencyKey: string | null,
  ): Promise<IntakeResponseDto & { parentOrderNo: string }> {
    const loaded = await this.access.loadCurrent(orderNo);
    this.access.assertCanSee(staff, loaded);
    const original = loaded.view;
    const actor = actorFor(staff, commandRoles('warrantyClaim')) as Actor & { id: string; role: StaffRole };
    // The claim is no Update (the closed workflow takes none), so the API asks the transition table
    // itself and refuses the way the workflow does: 403 for the role, 409 with the order's status.
    const decision = decide(original.status, 'WARRANTY_CLAIM', actor.role);
    if (!decision.allowed) {
      if (decision.reason === 'ROLE') throw ApiException.forbidden(decision.message);
      throw new ApiException(ApiErrorCode.ACTION_NOT_ALLOWED, decision.message, {
        status: original.status,
        allowedActions: this.access.allowedFor(staff, original.status),
      });
    }
    // A CLOSED order always has its closing time; the warranty runs from it.
    if (!original.closedAt) throw new Error(`Order ${orderNo} is CLOSED without closedAt`);
    const policy = await this.policySnapshot(original);
    const judgement = judgeWarrantyClaim(
      {
        closedAt: Date.parse(original.closedAt),
        orderWarranty: policy.targets.warranty,
        parts: original.partsUsed,
      },
      { now: Date.now(), partCode: dto.partCode },
    );
    if (!judgement.allowed) {
      throw new ApiException(ApiErrorCode.UNPROCESSABLE, `Warranty claim refused: ${judgement.reason}`, {
        field: dto.partCode ? 'partCode' : 'orderNo',
        expiresAt: new Date(judgement.expiresAt).toISOString(),
      });
    }
    // The original visit is over; the claim's own appointment (when agreed) is the new order's.
    const { appointment: _pastAppointment, ...rest } = original.details;
    const details: OrderDetails = {
      ...rest,
      ...(dto.appointment ? { appointment: { start: dto.appointment.start, end: dto.appointment.end } } : {}),
      faultDescription: dto.faultDescription,
      serviceItems: [],
      totalAmount: 0,
      isWarranty: true,
      parentOrderNo: orderNo,
    };
    const created = await this.intakes.intake(details, actor, idempotencyKey, {
      warrantyClaimOf: orderNo,
      ...dto,
    });
    return { ...created, parentOrderNo: orderNo };
  }

  /** The policy version the order ran under: its warranty is the one the customer was given. */
  private async policySnapshot(view: OrderView): Promise<SlaPolicy> {
    const row = await this.dataSource
      .getRepository(SlaPolicyEntity)
      .findOne({ where: { orderType: view.details.type, version: view.policyVersion } });
    return row ? (row.definition as unknown as SlaPolicy) : defaultPolicy(view.details.type);
  }
}
