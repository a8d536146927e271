// The price catalogue and the rules that price work from it. The catalogue is versioned like an SLA policy:
// an order priced with version n keeps n, so a later price change never moves an agreed estimate. All
// amounts are integer minor units of the configured currency (money.ts).
//
// What each rule comes from in the domain text (../shared/domain/002): the labour-rate table (工时价格表) and
// parts prices (备品价格) make an itemised estimate split into labour and parts; the estimate is agreed within
// ±10% (明确维修估价(±10%)); a part the technician bought himself is checked against its price (自购配件…核价);
// contract (合同服务 B) and free (免费服务 C) service charge the customer nothing, paid service (收费服务 A)
// charges the company's rates.
import { isCoveredWork, type Coverage } from './coverage';
import { isDuration } from './duration';
import type { FieldProblem, Validated } from './field-problem';
import { multiplyMinor, percentOf, sumMinor, type MinorUnits } from './money';
import { ORDER_TYPES, ZONES, type OrderType, type Zone } from './order';

export const CATALOGUE_ITEM_KINDS = ['LABOUR', 'PART', 'MATERIAL', 'SERVICE'] as const;
/**
 * LABOUR: a fixed-price job (install a split unit); PART: a spare part (备品), counted in whole units and
 * booked out of stock; MATERIAL: consumables sold by length or count (加料: pipe, cable, brackets);
 * SERVICE: a fee that is neither (call-out, cleaning).
 */
export type CatalogueItemKind = (typeof CATALOGUE_ITEM_KINDS)[number];

export interface CatalogueItem {
  code: string;
  kind: CatalogueItemKind;
  description: string;
  unitPrice: MinorUnits;
  /** What one of quantity 1 is: `pc`, `m`, `job`. */
  unit: string;
  /** A part's own warranty as a duration (`365d`), which a warranty claim naming the part is judged by. */
  warranty?: string | null;
}

/** The hourly labour rate (工时价格) of one order type in one zone. */
export interface LabourRate {
  orderType: OrderType;
  zone: Zone;
  hourlyRate: MinorUnits;
}

/** A product the company services and how long its warranty runs from the purchase date. */
export interface ProductModel {
  model: string;
  /** 0: the model carries no warranty. */
  warrantyMonths: number;
}

export interface QuoteSettings {
  /** Any order whose estimate total is above this needs the customer's approval, whatever its coverage. */
  quoteRequiredAbove: MinorUnits;
  /** How far above the approved estimate the final price may go without a new approval (明确维修估价 ±10%). */
  estimateTolerancePercent: number;
  /** How far a self-bought part's invoice may be from the catalogue price, either way, without a supervisor. */
  selfBoughtTolerancePercent: number;
  /** Charged when the customer declines a quote; 0 charges nothing. */
  diagnosisFee: MinorUnits;
}

/** What an admin edits: the catalogue without its version, which the server numbers. */
export interface PriceCatalogueDefinition {
  items: CatalogueItem[];
  labourRates: LabourRate[];
  productModels: ProductModel[];
  quoteSettings: QuoteSettings;
}

export interface PriceCatalogue extends PriceCatalogueDefinition {
  version: number;
}

export const DEFAULT_ESTIMATE_TOLERANCE_PERCENT = 10;
export const DEFAULT_SELF_BOUGHT_TOLERANCE_PERCENT = 5;
/** The code of estimate lines priced from the labour-rate table; no catalogue item may use it. */
export const LABOUR_HOURS_CODE = 'LABOUR_HOURS';
// The part codes stock accepts (stock.ts PART_CODE_PATTERN), so every PART of the catalogue can be stocked.
export const CATALOGUE_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,49}$/;
export const CATALOGUE_CODE_MAX_LENGTH = 50;
export const MAX_WARRANTY_MONTHS = 600;
/** More lines than any real job has: a bigger estimate is a mistake, not a quote. */
export const MAX_ESTIMATE_LINES = 200;

function isBlank(value: unknown): boolean {
  return typeof value !== 'string' || value.trim() === '';
}

function minorProblem(value: unknown): string | null {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    return 'must be a whole number of minor units (e.g. 12345 for 123.45)';
  }
  return value < 0 ? 'must not be negative' : null;
}

function percentProblem(value: unknown): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number of percent';
  return value < 0 || value > 100 ? 'must be from 0 to 100' : null;
}

/**
 * Everything wrong with a catalogue definition, each naming its field (`items[2].unitPrice`): blank or
 * malformed codes, a code used twice (case-insensitively, as people read them) or the reserved
 * LABOUR_HOURS, unknown kinds, negative or fractional prices, a warranty on anything but a part or one
 * that is not a duration, labour rates for unknown order types or zones, twice, or missing (every order
 * type × zone has one, so labour hours can always be priced), models named twice, out-of-range settings.
 */
export function catalogueProblems(catalogue: PriceCatalogueDefinition): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, problem: string | null) => {
    if (problem !== null) problems.push({ field, problem });
  };

  const firstCodeAt = new Map<string, number>();
  catalogue.items.forEach((item, index) => {
    const at = `items[${index}]`;
    if (isBlank(item.code)) add(`${at}.code`, 'must not be blank');
    else if (!CATALOGUE_CODE_PATTERN.test(item.code)) {
      add(`${at}.code`, 'must be 1–50 letters, digits, . _ / or -, starting with a letter or digit');
    } else if (item.code.toUpperCase() === LABOUR_HOURS_CODE) {
      add(`${at}.code`, `${LABOUR_HOURS_CODE} is reserved for labour priced by the hour`);
    } else {
      const first = firstCodeAt.get(item.code.toUpperCase());
      if (first === undefined) firstCodeAt.set(item.code.toUpperCase(), index);
      else add(`${at}.code`, `duplicates the code of items[${first}] (${catalogue.items[first].code})`);
    }
    if (!(CATALOGUE_ITEM_KINDS as readonly string[]).includes(item.kind)) {
      add(`${at}.kind`, `must be one of ${CATALOGUE_ITEM_KINDS.join(', ')}`);
    }
    if (isBlank(item.description)) add(`${at}.description`, 'must not be blank');
    add(`${at}.unitPrice`, minorProblem(item.unitPrice));
    if (isBlank(item.unit)) add(`${at}.unit`, 'must not be blank');
    if (item.warranty !== undefined && item.warranty !== null) {
      if (item.kind !== 'PART') add(`${at}.warranty`, 'only a PART carries its own warranty');
      else if (!isDuration(item.warranty)) {
        add(`${at}.warranty`, 'must be a duration such as 365d');
      }
    }
  });

  const rateAt = new Map<string, number>();
  catalogue.labourRates.forEach((rate, index) => {
    const at = `labourRates[${index}]`;
    const knownType = (ORDER_TYPES as readonly string[]).includes(rate.orderType);
    const knownZone = (ZONES as readonly string[]).includes(rate.zone);
    if (!knownType) add(`${at}.orderType`, `must be one of ${ORDER_TYPES.join(', ')}`);
    if (!knownZone) add(`${at}.zone`, `must be one of ${ZONES.join(', ')}`);
    add(`${at}.hourlyRate`, minorProblem(rate.hourlyRate));
    if (knownType && knownZone) {
      const key = `${rate.orderType} ${rate.zone}`;
      const first = rateAt.get(key);
      if (first === undefined) rateAt.set(key, index);
      else
        add(at, `a second rate for ${rate.orderType} in ${rate.zone} (the first is labourRates[${first}])`);
    }
  });
  const missing = ORDER_TYPES.flatMap((type) =>
    ZONES.filter((zone) => !rateAt.has(`${type} ${zone}`)).map((zone) => `${type} in ${zone}`),
  );
  if (missing.length > 0) add('labourRates', `no hourly rate for ${missing.join(', ')}`);

  const firstModelAt = new Map<string, number>();
  catalogue.productModels.forEach((model, index) => {
    const at = `productModels[${index}]`;
    if (isBlank(model.model)) add(`${at}.model`, 'must not be blank');
    else {
      const key = model.model.trim().toUpperCase();
      const first = firstModelAt.get(key);
      if (first === undefined) firstModelAt.set(key, index);
      else add(`${at}.model`, `duplicates productModels[${first}] (${catalogue.productModels[first].model})`);
    }
    if (
      !Number.isInteger(model.warrantyMonths) ||
      model.warrantyMonths < 0 ||
      model.warrantyMonths > MAX_WARRANTY_MONTHS
    ) {
      add(`${at}.warrantyMonths`, `must be a whole number of months from 0 to ${MAX_WARRANTY_MONTHS}`);
    }
  });

  const settings = catalogue.quoteSettings;
  add('quoteSettings.quoteRequiredAbove', minorProblem(settings.quoteRequiredAbove));
  add('quoteSettings.estimateTolerancePercent', percentProblem(settings.estimateTolerancePercent));
  add('quoteSettings.selfBoughtTolerancePercent', percentProblem(settings.selfBoughtTolerancePercent));
  add('quoteSettings.diagnosisFee', minorProblem(settings.diagnosisFee));
  return problems;
}

/** One line to price: a catalogue item and how many, or hours of labour at the type × zone rate. */
export type EstimateLine = { code: string; quantity: number } | { labourHours: number };

/** A priced line; `amount` is `quantity × unitPrice` rounded half-up to minor units. */
export interface PricedLine {
  code: string;
  kind: CatalogueItemKind;
  description: string;
  unit: string;
  quantity: number;
  unitPrice: MinorUnits;
  amount: MinorUnits;
}

/** Sums by kind: labour (LABOUR items and labour hours), parts, materials, services, and their total. */
export interface CategoryTotals {
  labour: MinorUnits;
  parts: MinorUnits;
  materials: MinorUnits;
  services: MinorUnits;
  total: MinorUnits;
}

export interface PricedEstimate extends CategoryTotals {
  catalogueVersion: number;
  orderType: OrderType;
  zone: Zone;
  lines: PricedLine[];
  /** The highest final price the customer's approval of this estimate covers (exceedsApproval). */
  approvalLimit: MinorUnits;
  /** Above quoteSettings.quoteRequiredAbove: the customer approves it whatever the coverage. */
  aboveQuoteThreshold: boolean;
}

/** Lines summed by kind; every amount is already whole minor units, so the sums are exact. */
export function categoryTotals(lines: readonly Pick<PricedLine, 'kind' | 'amount'>[]): CategoryTotals {
  const sumOf = (kind: CatalogueItemKind) =>
    sumMinor(lines.filter((line) => line.kind === kind).map((line) => line.amount));
  const totals = {
    labour: sumOf('LABOUR'),
    parts: sumOf('PART'),
    materials: sumOf('MATERIAL'),
    services: sumOf('SERVICE'),
  };
  return { ...totals, total: sumMinor(Object.values(totals)) };
}

function findItem(catalogue: PriceCatalogueDefinition, code: string): CatalogueItem | undefined {
  const wanted = code.toUpperCase();
  return catalogue.items.find((item) => item.code.toUpperCase() === wanted);
}

/** The hourly rate of the order type in the zone; undefined when the catalogue has none. */
export function labourRateFor(
  catalogue: PriceCatalogueDefinition,
  orderType: OrderType,
  zone: Zone,
): MinorUnits | undefined {
  return catalogue.labourRates.find((rate) => rate.orderType === orderType && rate.zone === zone)?.hourlyRate;
}

function positiveProblem(value: unknown): string | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? null : 'must be greater than 0';
}

/**
 * An itemised estimate (估算备品/工时费用, split into labour and parts) of `lines` at the catalogue's prices:
 * each line's amount rounded half-up, the totals summed from the rounded lines (what the customer sees adds
 * up). Problems name the line: an unknown code (`lines[1].code`), a fractional number of parts, a quantity
 * or hours not above zero, labour hours with no rate for the order type and zone.
 */
export function priceEstimate(
  lines: readonly EstimateLine[],
  catalogue: PriceCatalogue,
  job: { orderType: OrderType; zone: Zone },
): Validated<'estimate', PricedEstimate> {
  const results = lines.map((line, index) => priceLine(line, `lines[${index}]`, catalogue, job));
  const errors = results.filter((result): result is FieldProblem => 'problem' in result);
  if (errors.length > 0) return { ok: false, errors };
  const priced = results as PricedLine[];
  const totals = categoryTotals(priced);
  return {
    ok: true,
    estimate: {
      catalogueVersion: catalogue.version,
      orderType: job.orderType,
      zone: job.zone,
      lines: priced,
      ...totals,
      approvalLimit: approvalLimit(totals.total, catalogue.quoteSettings.estimateTolerancePercent),
      aboveQuoteThreshold: totals.total > catalogue.quoteSettings.quoteRequiredAbove,
    },
  };
}

function priceLine(
  line: EstimateLine,
  at: string,
  catalogue: PriceCatalogue,
  job: { orderType: OrderType; zone: Zone },
): PricedLine | FieldProblem {
  if ('labourHours' in line) {
    const problem = positiveProblem(line.labourHours);
    if (problem) return { field: `${at}.labourHours`, problem };
    const rate = labourRateFor(catalogue, job.orderType, job.zone);
    if (rate === undefined) {
      return {
        field: `${at}.labourHours`,
        problem: `catalogue version ${catalogue.version} has no hourly rate for ${job.orderType} in ${job.zone}`,
      };
    }
    return {
      code: LABOUR_HOURS_CODE,
      kind: 'LABOUR',
      description: `Labour, ${job.orderType} ${job.zone} hourly rate`,
      unit: 'h',
      quantity: line.labourHours,
      unitPrice: rate,
      amount: multiplyMinor(rate, line.labourHours),
    };
  }
  const item = findItem(catalogue, line.code);
  if (!item) {
    return { field: `${at}.code`, problem: `no item ${line.code} in catalogue version ${catalogue.version}` };
  }
  const problem = positiveProblem(line.quantity);
  if (problem) return { field: `${at}.quantity`, problem };
  if (item.kind === 'PART' && !Number.isInteger(line.quantity)) {
    return { field: `${at}.quantity`, problem: `parts are counted in whole ${item.unit}` };
  }
  return {
    code: item.code,
    kind: item.kind,
    description: item.description,
    unit: item.unit,
    quantity: line.quantity,
    unitPrice: item.unitPrice,
    amount: multiplyMinor(item.unitPrice, line.quantity),
  };
}

/**
 * Whether the customer must approve a quote before work starts: paid work always, covered work when its
 * estimate is above the catalogue's threshold.
 */
export function quoteRequired(
  coverage: Coverage,
  estimateTotal: MinorUnits,
  settings: QuoteSettings,
): boolean {
  return coverage === 'PAID' || estimateTotal > settings.quoteRequiredAbove;
}

/** The highest final price an approval of `approvedTotal` covers: the total plus its tolerance, rounded half-up. */
export function approvalLimit(approvedTotal: MinorUnits, tolerancePercent: number): MinorUnits {
  return approvedTotal + percentOf(approvedTotal, tolerancePercent);
}

/**
 * A final price more than `tolerancePercent` above the approved estimate needs a new approval; exactly at
 * the limit or anywhere below the estimate does not (the customer is never asked to approve paying less).
 */
export function exceedsApproval(
  finalTotal: MinorUnits,
  approvedTotal: MinorUnits,
  tolerancePercent: number,
): boolean {
  return finalTotal > approvalLimit(approvedTotal, tolerancePercent);
}

/** The invoice amounts within ±`tolerancePercent` of a catalogue price, bounds included. */
export function toleranceBand(
  cataloguePrice: MinorUnits,
  tolerancePercent: number,
): { min: MinorUnits; max: MinorUnits } {
  const allowance = percentOf(cataloguePrice, tolerancePercent);
  return { min: cataloguePrice - allowance, max: cataloguePrice + allowance };
}

/**
 * Why a part the technician bought himself needs a supervisor's approval (自购配件…核价): its invoice is
 * more than `tolerancePercent` above or below the catalogue price (a price far below it is as suspect as
 * one far above). Null when the invoice is within the band, bounds included.
 */
export function selfBoughtPartProblem(
  invoiceAmount: MinorUnits,
  cataloguePrice: MinorUnits,
  tolerancePercent: number,
): string | null {
  const { min, max } = toleranceBand(cataloguePrice, tolerancePercent);
  if (invoiceAmount >= min && invoiceAmount <= max) return null;
  const allowed = `±${tolerancePercent}% is allowed without a supervisor's approval`;
  if (cataloguePrice === 0) return `the catalogue price is 0 and the invoice is not; ${allowed}`;
  // One decimal place is for the sentence only; the decision above is in exact minor units.
  const deviation = Math.round((Math.abs(invoiceAmount - cataloguePrice) * 1000) / cataloguePrice) / 10;
  const direction = invoiceAmount > cataloguePrice ? 'above' : 'below';
  return `the invoice is ${deviation}% ${direction} the catalogue price; ${allowed}`;
}

/** What the customer pays when declining a quote: the diagnosis fee for paid work, nothing for covered work. */
export function diagnosisFeeDue(coverage: Coverage, settings: QuoteSettings): MinorUnits {
  return isCoveredWork(coverage) ? 0 : settings.diagnosisFee;
}

export interface BookedOutPart {
  code: string;
  quantity: number;
}

export interface AmountDueInput {
  /** The estimate the customer approved (null: none was needed, e.g. covered work under the threshold). */
  approvedEstimate: Pick<PricedEstimate, 'lines'> | null;
  /** Added work and materials (增修, 加料) the customer approved on site, each priced like an estimate. */
  approvedAdditions: readonly Pick<PricedEstimate, 'lines'>[];
  /** Parts booked out of stock for the order (仓库下账), self-bought parts included. */
  partsBookedOut: readonly BookedOutPart[];
  coverage: Coverage;
}

export interface AmountDue {
  coverage: Coverage;
  /** The billable work at the order's prices: approved labour, materials and services; parts as used. */
  lines: PricedLine[];
  /** What the work is worth at those prices. */
  worth: CategoryTotals;
  /** What the customer pays: `worth` for PAID, zero in every category for IN_WARRANTY and CONTRACT. */
  due: CategoryTotals;
  /** Parts booked out beyond what the customer approved: not billed (nothing unapproved is). */
  unapprovedParts: BookedOutPart[];
}

const ZERO_TOTALS: CategoryTotals = { labour: 0, parts: 0, materials: 0, services: 0, total: 0 };

/**
 * The amount due at settlement, itemised. Labour, materials and services are billed as approved (estimate
 * plus approved additions). Parts are billed as used and as approved: each approved part line up to the
 * quantity booked out, so an approved part left unused is not charged and a part used beyond the approval
 * is listed in `unapprovedParts` instead of billed. Self-bought parts are billed at the catalogue price,
 * not their invoice. IN_WARRANTY (免费服务 C) and CONTRACT (合同服务 B: the contract's fee pays for it)
 * settle at zero for all of it; PAID (收费服务 A) pays the sum.
 */
export function amountDue(input: AmountDueInput): AmountDue {
  const approved = [input.approvedEstimate, ...input.approvedAdditions].flatMap(
    (quote) => quote?.lines ?? [],
  );
  const unused = new Map<string, number>();
  for (const part of input.partsBookedOut) {
    const code = part.code.toUpperCase();
    unused.set(code, (unused.get(code) ?? 0) + part.quantity);
  }
  const lines: PricedLine[] = [];
  for (const line of approved) {
    if (line.kind !== 'PART') {
      lines.push(line);
      continue;
    }
    const code = line.code.toUpperCase();
    const quantity = Math.min(line.quantity, unused.get(code) ?? 0);
    if (quantity <= 0) continue;
    unused.set(code, (unused.get(code) ?? 0) - quantity);
    lines.push({ ...line, quantity, amount: multiplyMinor(line.unitPrice, quantity) });
  }
  const unapprovedParts = input.partsBookedOut
    .map((part) => part.code.toUpperCase())
    .filter((code, index, codes) => codes.indexOf(code) === index && (unused.get(code) ?? 0) > 0)
    .map((code) => ({
      code: input.partsBookedOut.find((part) => part.code.toUpperCase() === code)?.code ?? code,
      quantity: unused.get(code) ?? 0,
    }));
  const worth = categoryTotals(lines);
  return {
    coverage: input.coverage,
    lines,
    worth,
    due: isCoveredWork(input.coverage) ? { ...ZERO_TOTALS } : worth,
    unapprovedParts,
  };
}
