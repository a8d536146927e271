// What a priced order's money is counted in and priced from: its currency and catalogue version, and the
// conversions between the major units people type (123.45) and the integer minor units the API speaks
// (12345), made by the domain's own money rules (never through a floating-point product).
import { $api, ApiError, type Schemas } from '../../../api/client';
import { formatMinor, formatMoney, parseAmount } from '../../../../../src/domain/money';
import type { OrderRead } from './labels';

export type Pricing = Schemas['PricingViewDto'];
export type Estimate = Schemas['OrderEstimateDto'];
export type PricedLine = Schemas['PricedLineDto'];
export type Catalogue = Schemas['PriceCatalogueDto'];

/**
 * The catalogue the order is priced from: the version its first estimate pinned, else the one its coverage
 * was judged with, else the one in force (as the server chooses, src/api/orders/order-pricing.service.ts).
 */
export function useOrderCatalogue(order: OrderRead, enabled = true) {
  const version = order.pricing?.basis?.catalogueVersion ?? order.details.coverage?.catalogueVersion ?? null;
  // A saved version never changes: read once.
  const pinned = $api.useQuery(
    'get',
    '/api/price-catalogue/versions/{version}',
    { params: { path: { version: version ?? 1 } } },
    { enabled: enabled && version !== null, staleTime: Number.POSITIVE_INFINITY },
  );
  const current = $api.useQuery('get', '/api/price-catalogue', {}, { enabled: enabled && version === null });
  return version === null ? current : pinned;
}

/** The order's currency: its pricing basis's, or (nothing priced yet) the catalogue's it would be priced from. */
export function orderCurrency(order: OrderRead, catalogue: Catalogue | undefined): string | undefined {
  return order.pricing?.basis?.currency ?? catalogue?.currency;
}

/** Minor units as a person reads them in `currency` (`CN¥123.45`); the bare number without a currency. */
export function moneyIn(currency: string | undefined): (minor: number) => string {
  return (minor) => (currency ? formatMoney(minor, currency) : String(minor));
}

/** Minor units as the plain decimal an input holds (`123.45`), for prefilling a major-unit field. */
export function majorText(minor: number, currency: string | undefined): string {
  return currency ? formatMinor(minor, currency) : '';
}

/**
 * Amounts typed in major units, turned into minor units at their body paths; what cannot be sent as typed
 * (more decimals than the currency has, not a number) is collected as the server would name it, so a form
 * shows it at the same field as the server's own reasons.
 */
export class MinorAmounts {
  private readonly problems: { field: string; reasons: string[] }[] = [];

  constructor(private readonly currency: string | undefined) {}

  /** The minor units of `text`, or NaN (and a problem at `field`) when it is not an exact amount. */
  minor(text: string | undefined, field: string): number {
    const typed = (text ?? '').trim();
    if (typed === '') {
      this.problems.push({ field, reasons: ['an amount is required'] });
      return Number.NaN;
    }
    if (!this.currency) {
      this.problems.push({ field, reasons: ['the currency is not known yet: try again in a moment'] });
      return Number.NaN;
    }
    const parsed = parseAmount(typed, this.currency);
    if (parsed.ok) return parsed.minor;
    this.problems.push({ field, reasons: [parsed.problem] });
    return Number.NaN;
  }

  /** The problems as a 400-like ApiError, or null when every amount was exact. */
  refusal(): ApiError | null {
    return this.problems.length > 0
      ? new ApiError(400, 'Some amounts cannot be sent as typed', this.problems)
      : null;
  }
}
