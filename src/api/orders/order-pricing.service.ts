import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import {
  parseAmount,
  priceEstimate,
  type MinorUnits,
  type PricedEstimate,
  type PricedLine,
} from '../../domain';
import { CatalogueCache } from '../../persistence/catalogue-cache';
import type { StoredCatalogue } from '../../persistence/price-catalogues';
import type { OrderView, PriceBasis } from '../../workflows/service-order/service-order.messages';
import { priceOrFail } from '../catalogue/catalogue.service';
import type { EstimateLineDto } from '../catalogue/dto/estimate-request.dto';
import { ApiErrorCode, ApiException } from '../common/api-error';
import { APP_CONFIG } from '../common/tokens';

/**
 * Prices an order's work from its catalogue version (docs/money.md): the one its first estimate pinned, else
 * the one its coverage was judged with, else the one in force. The workflow checks the version again.
 */
@Injectable()
export class OrderPricingService {
  constructor(
    @Inject(CatalogueCache) private readonly catalogues: CatalogueCache,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** An estimate of `lines` for the order, with the basis it was priced on; 422 naming a line it cannot price. */
  async estimate(
    view: OrderView,
    lines: readonly EstimateLineDto[],
  ): Promise<{ estimate: PricedEstimate; basis: PriceBasis }> {
    const catalogue = await this.catalogueOf(view);
    const estimate = priceOrFail(lines, catalogue, {
      orderType: view.details.type,
      zone: view.details.customer.zone,
    });
    return { estimate, basis: this.basisOf(catalogue) };
  }

  /**
   * Each part used at the order's catalogue price, for the final-price check and the self-bought invoices;
   * a code the catalogue does not hold is left out (the workflow names it). Undefined for an order with
   * nothing priced yet.
   */
  async priceParts(
    view: OrderView,
    parts: readonly { code: string; quantity: number }[],
  ): Promise<PricedLine[] | undefined> {
    if (!view.pricing?.basis) return undefined;
    const catalogue = await this.catalogueOf(view);
    const job = { orderType: view.details.type, zone: view.details.customer.zone };
    return parts.flatMap((part) => {
      const priced = priceEstimate([{ code: part.code, quantity: part.quantity }], catalogue, job);
      return priced.ok ? priced.estimate.lines : [];
    });
  }

  /** An amount the API received in major units (`300.5`), in minor units of the configured currency. */
  minor(amount: number, field: string): MinorUnits {
    const parsed = parseAmount(amount, this.config.CURRENCY);
    if (!parsed.ok) throw ApiException.validation([{ field, reasons: [parsed.problem] }]);
    return parsed.minor;
  }

  private async catalogueOf(view: OrderView): Promise<StoredCatalogue> {
    const version = view.pricing?.basis?.catalogueVersion ?? view.details.coverage?.catalogueVersion ?? null;
    const catalogue =
      version === null ? await this.catalogues.current() : await this.catalogues.version(version);
    if (!catalogue) {
      throw new ApiException(
        ApiErrorCode.CONFLICT,
        version === null ? 'No price catalogue is in force' : `Catalogue version ${version} does not exist`,
      );
    }
    return catalogue;
  }

  private basisOf(catalogue: StoredCatalogue): PriceBasis {
    return {
      catalogueVersion: catalogue.version,
      quoteSettings: { ...catalogue.quoteSettings },
      currency: this.config.CURRENCY,
    };
  }
}
