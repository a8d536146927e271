// The price catalogue as the admin's form holds it, and back. Amounts are edited as decimal text in the
// currency's major units (123.45) and turned into integer minor units (12345) by the domain's own
// `parseAmount`: the text is parsed digit by digit, never through a floating-point number, and anything that
// would need rounding is refused at its field instead.
import { ApiError, type Schemas } from '../../api/client';
import { formatMinor, parseAmount } from '../../../../src/domain/money';
import { ZONES as DOMAIN_ZONES } from '../../../../src/domain/order';
import { CATALOGUE_ITEM_KINDS } from '../../../../src/domain/pricing';

export type Catalogue = Schemas['PriceCatalogueDto'];
export type ItemKind = Schemas['CatalogueItemDto']['kind'];
// The domain's own lists, tied to the generated contract so a renamed value fails the build.
export const ITEM_KINDS = CATALOGUE_ITEM_KINDS satisfies readonly ItemKind[];
export const ZONES = DOMAIN_ZONES satisfies readonly Schemas['LabourRateDto']['zone'][];

/** Rows carry a key of their own, so React keeps an edited row's inputs when a row above is removed. */
export interface ItemDraft {
  key: string;
  code: string;
  kind: ItemKind;
  description: string;
  unitPrice: string;
  unit: string;
  warranty: string;
}
export interface RateDraft {
  key: string;
  orderType: Schemas['LabourRateDto']['orderType'];
  zone: Schemas['LabourRateDto']['zone'];
  hourlyRate: string;
}
export interface ModelDraft {
  key: string;
  model: string;
  warrantyMonths: string;
}
export interface Draft {
  items: ItemDraft[];
  labourRates: RateDraft[];
  productModels: ModelDraft[];
  quoteSettings: {
    quoteRequiredAbove: string;
    estimateTolerancePercent: string;
    selfBoughtTolerancePercent: string;
    diagnosisFee: string;
  };
}

let nextKey = 0;
export function rowKey(): string {
  nextKey += 1;
  return `row-${nextKey}`;
}

export function draftOf(catalogue: Catalogue): Draft {
  const money = (minor: number) => formatMinor(minor, catalogue.currency);
  return {
    items: catalogue.items.map((item) => ({
      key: rowKey(),
      code: item.code,
      kind: item.kind,
      description: item.description,
      unitPrice: money(item.unitPrice),
      unit: item.unit,
      warranty: item.warranty ?? '',
    })),
    labourRates: catalogue.labourRates.map((rate) => ({
      key: rowKey(),
      orderType: rate.orderType,
      zone: rate.zone,
      hourlyRate: money(rate.hourlyRate),
    })),
    productModels: catalogue.productModels.map((model) => ({
      key: rowKey(),
      model: model.model,
      warrantyMonths: String(model.warrantyMonths),
    })),
    quoteSettings: {
      quoteRequiredAbove: money(catalogue.quoteSettings.quoteRequiredAbove),
      estimateTolerancePercent: String(catalogue.quoteSettings.estimateTolerancePercent),
      selfBoughtTolerancePercent: String(catalogue.quoteSettings.selfBoughtTolerancePercent),
      diagnosisFee: money(catalogue.quoteSettings.diagnosisFee),
    },
  };
}

/**
 * The PUT body from the draft, or the fields that cannot be sent as typed (an amount that is not exact in
 * the currency, a number that is no number) as an ApiError shaped like the server's 400, so the form shows
 * both the same way. Negative amounts are sent: the server's reasons say what is wrong with them.
 */
export function bodyOf(
  draft: Draft,
  currency: string,
): { body: Schemas['PutCatalogueDto'] } | { problems: ApiError } {
  const problems: { field: string; reasons: string[] }[] = [];
  const money = (text: string, field: string): number => {
    const parsed = parseAmount(text.trim(), currency);
    if (parsed.ok) return parsed.minor;
    problems.push({ field, reasons: [parsed.problem] });
    return Number.NaN;
  };
  const number = (text: string, field: string): number => {
    const value = text.trim() === '' ? Number.NaN : Number(text.trim());
    if (!Number.isFinite(value)) problems.push({ field, reasons: [`"${text}" is not a number`] });
    return value;
  };
  const body: Schemas['PutCatalogueDto'] = {
    currency,
    items: draft.items.map((item, index) => ({
      code: item.code.trim(),
      kind: item.kind,
      description: item.description.trim(),
      unitPrice: money(item.unitPrice, `items[${index}].unitPrice`),
      unit: item.unit.trim(),
      warranty: item.warranty.trim() === '' ? null : item.warranty.trim(),
    })),
    labourRates: draft.labourRates.map((rate, index) => ({
      orderType: rate.orderType,
      zone: rate.zone,
      hourlyRate: money(rate.hourlyRate, `labourRates[${index}].hourlyRate`),
    })),
    productModels: draft.productModels.map((model, index) => ({
      model: model.model.trim(),
      warrantyMonths: number(model.warrantyMonths, `productModels[${index}].warrantyMonths`),
    })),
    quoteSettings: {
      quoteRequiredAbove: money(draft.quoteSettings.quoteRequiredAbove, 'quoteSettings.quoteRequiredAbove'),
      estimateTolerancePercent: number(
        draft.quoteSettings.estimateTolerancePercent,
        'quoteSettings.estimateTolerancePercent',
      ),
      selfBoughtTolerancePercent: number(
        draft.quoteSettings.selfBoughtTolerancePercent,
        'quoteSettings.selfBoughtTolerancePercent',
      ),
      diagnosisFee: money(draft.quoteSettings.diagnosisFee, 'quoteSettings.diagnosisFee'),
    },
  };
  if (problems.length > 0)
    return { problems: new ApiError(400, 'Some fields cannot be saved as typed', problems) };
  return { body };
}
