import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { calendarDateIn, judgeCoverage, type OrderCoverage, type OrderDetails } from '../../domain';
import { CatalogueCache } from '../../persistence/catalogue-cache';
import { APP_CONFIG } from '../common/tokens';

/**
 * Who pays for an order, judged at intake (and again when the clerk supplies the equipment facts) by the
 * domain rule, against the product warranties of the price catalogue in force (cached, CatalogueCache) and today's date where the
 * customers are.
 */
@Injectable()
export class CoverageService {
  constructor(
    @Inject(CatalogueCache) private readonly catalogues: CatalogueCache,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async judge(details: Pick<OrderDetails, 'equipment' | 'serviceContract'>): Promise<OrderCoverage> {
    const catalogue = await this.catalogues.current();
    const models = catalogue?.productModels ?? [];
    const today = calendarDateIn(new Date(), this.config.CUSTOMER_TIME_ZONE);
    const judgement = judgeCoverage(
      details.equipment ?? {},
      { contract: details.serviceContract },
      models,
      today,
    );
    return { ...judgement, catalogueVersion: catalogue?.version ?? null };
  }
}
