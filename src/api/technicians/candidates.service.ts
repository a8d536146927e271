import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { dispatchFactsOf, excludedFromAutomaticChoice, scoreTechnicians } from '../../domain';
import {
  TECHNICIAN_COLUMNS,
  withOpenOrders,
  type TechnicianRow,
} from '../../persistence/technician-profiles';
import type { Principal } from '../common/principal';
import { OrderAccessService } from '../orders/order-access.service';
import type { DispatchCandidatesDto } from './candidates.dto';

/**
 * The dispatch board's preview: the technicians automatic assignment would weigh for an order now, ranked
 * by the same scoring the workflow's reservation uses (src/domain/assignment-scoring.ts), without
 * reserving anyone. Loads can change before the dispatcher clicks; the reservation decides again.
 */
@Injectable()
export class CandidatesService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly access: OrderAccessService,
  ) {}

  async candidates(principal: Principal, orderNo: string): Promise<DispatchCandidatesDto> {
    const loaded = await this.access.load(orderNo);
    this.access.assertCanSee(principal, loaded);
    const { view } = loaded;
    const rows = (await this.dataSource.query(
      `SELECT ${TECHNICIAN_COLUMNS} FROM users WHERE 'technician' = ANY(roles) ORDER BY id`,
    )) as TechnicianRow[];
    const profiles = await withOpenOrders(this.dataSource.manager, rows);
    // As the workflow's automatic choice: on a reassignment the current technician is passed over.
    const replacing = view.status !== 'PENDING_DISPATCH' ? view.technicianId : null;
    const excluded = excludedFromAutomaticChoice(view.excludedTechnicianIds ?? [], replacing);
    const result = scoreTechnicians(dispatchFactsOf(view.details), profiles, excluded);
    return { orderNo, explanation: result.explanation, candidates: result.candidates };
  }
}
