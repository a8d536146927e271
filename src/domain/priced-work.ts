// The rules of priced work on an order (issue 11, docs/money.md): when the customer must approve a quote,
// what a final price may be before it needs a new approval, which self-bought parts need a supervisor,
// and what is due at settlement. Pure: the workflow, the API and the web page share them.
import type { Coverage } from './coverage';
import { multiplyMinor, parseAmount, sumMinor, type MinorUnits } from './money';
import type { OrderDetails } from './order';
import {
  approvalLimit,
  categoryTotals,
  diagnosisFeeDue,
  selfBoughtPartProblem,
  type AmountDue,
  type PricedEstimate,
  type PricedLine,
  type QuoteSettings,
} from './pricing';

/** WITHDRAWN: the order left PENDING_QUOTE without an answer (reassigned, cancelled). */
export const QUOTE_STATUSES = [
  'PENDING',
  'APPROVED',
  'NOT_NEEDED',
  'DECLINED',
  'EXPIRED',
  'WITHDRAWN',
] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

export const ADDED_WORK_STATUSES = ['PENDING', 'APPROVED', 'DECLINED', 'LAPSED'] as const;
export type AddedWorkStatus = (typeof ADDED_WORK_STATUSES)[number];

/** 旧件处理方式: what happens to a part taken out of the customer's unit, as the customer chose. */
export const PART_DISPOSALS = ['RETURN_TO_CUSTOMER', 'COMPANY_DISPOSES', 'RETURN_TO_MANUFACTURER'] as const;
export type PartDisposal = (typeof PART_DISPOSALS)[number];

/** The technical supervisor's finding on a replaced part (更换配件…交予技术主管鉴定). */
export const INSPECTION_RESULTS = ['FAULTY', 'FAULTLESS'] as const;
export type InspectionResult = (typeof INSPECTION_RESULTS)[number];

/** Who pays, for an order judged before coverage existed too: a warranty claim is free, the rest is paid. */
export function coverageOf(details: Pick<OrderDetails, 'coverage' | 'isWarranty'>): Coverage {
  return details.coverage?.coverage ?? (details.isWarranty ? 'IN_WARRANTY' : 'PAID');
}

/**
 * A price the customer agreed to when ordering (a fixed-price installation): the intake's service items
 * with a total above zero. Such an order needs no quote; one without must have a quote approved first.
 */
export function priceAgreedAtIntake(details: Pick<OrderDetails, 'serviceItems' | 'totalAmount'>): boolean {
  return details.serviceItems.length > 0 && details.totalAmount > 0;
}

/**
 * Paid work whose price was not agreed at intake starts only once the customer approved a quote
 * (明确维修估价…客户同意后才开始). Orders taken before coverage was judged keep working as before.
 */
export function quoteRequiredBeforeWork(
  details: Pick<OrderDetails, 'coverage' | 'serviceItems' | 'totalAmount'>,
): boolean {
  return details.coverage?.coverage === 'PAID' && !priceAgreedAtIntake(details);
}

/** The estimate lines the customer approved: the last approved quote and every approved addition. */
export interface ApprovedWork {
  quote: Pick<PricedEstimate, 'lines' | 'total'> | null;
  additions: readonly Pick<PricedEstimate, 'lines' | 'total'>[];
  /** The quote is the price agreed at intake (intakeEstimate): a fixed price, its parts included. */
  fixedPrice?: boolean;
}

/**
 * The price agreed at intake as the order's approved estimate, in minor units: one SERVICE line per service
 * item. Null when no price was agreed, or an amount is not exact in the currency.
 */
export function intakeEstimate(
  details: Pick<OrderDetails, 'serviceItems' | 'totalAmount'>,
  currency: string,
): Pick<PricedEstimate, 'lines' | 'total'> | null {
  if (!priceAgreedAtIntake(details)) return null;
  const lines: PricedLine[] = [];
  for (const item of details.serviceItems) {
    const unitPrice = parseAmount(item.unitPrice, currency);
    if (!unitPrice.ok || !(item.quantity > 0)) return null;
    lines.push({
      code: item.code,
      kind: 'SERVICE',
      description: item.description,
      unit: 'job',
      quantity: item.quantity,
      unitPrice: unitPrice.minor,
      amount: multiplyMinor(unitPrice.minor, item.quantity),
    });
  }
  return { lines, total: sumMinor(lines.map((line) => line.amount)) };
}

/** What the customer approved in all, in minor units. */
export function approvedTotal(work: ApprovedWork): MinorUnits {
  return sumMinor([work.quote?.total ?? 0, ...work.additions.map((addition) => addition.total)]);
}

/**
 * The price of the work as done: labour, materials and services as approved, parts as used at their
 * catalogue price (`usedParts` priced by the API from the order's catalogue version).
 */
export function finalPrice(
  work: ApprovedWork,
  usedParts: readonly Pick<PricedLine, 'kind' | 'amount'>[],
): MinorUnits {
  const approvedLines = [...(work.quote?.lines ?? []), ...work.additions.flatMap((a) => a.lines)];
  return sumMinor([
    ...approvedLines.filter((line) => line.kind !== 'PART').map((line) => line.amount),
    ...usedParts.map((part) => part.amount),
  ]);
}

/**
 * Why completing with `usedParts` needs the customer's approval again, or null: the final price is more
 * than the tolerance above what was approved (明确维修估价(±10%)). Only orders with approved work are held.
 */
export function newApprovalProblem(
  work: ApprovedWork,
  usedParts: readonly Pick<PricedLine, 'kind' | 'amount'>[],
  tolerancePercent: number,
): { finalPrice: MinorUnits; approvedTotal: MinorUnits; limit: MinorUnits } | null {
  const approved = approvedTotal(work);
  // A fixed price includes its parts; nothing but an approved quote is held to the tolerance.
  if (work.fixedPrice || (work.quote === null && work.additions.length === 0)) return null;
  const price = finalPrice(work, usedParts);
  const limit = approvalLimit(approved, tolerancePercent);
  return price > limit ? { finalPrice: price, approvedTotal: approved, limit } : null;
}

/** A part the technician bought himself, with the amount on its invoice (minor units). */
export interface SelfBoughtPart {
  code: string;
  quantity: number;
  invoiceAmount: MinorUnits;
  invoiceRef: string;
}

/** The reason a self-bought part needs the supervisor (its invoice off the catalogue price), or null. */
export function selfBoughtCheck(
  part: Pick<SelfBoughtPart, 'quantity' | 'invoiceAmount'>,
  unitPrice: MinorUnits,
  settings: Pick<QuoteSettings, 'selfBoughtTolerancePercent'>,
): string | null {
  return selfBoughtPartProblem(
    part.invoiceAmount,
    multiplyMinor(unitPrice, part.quantity),
    settings.selfBoughtTolerancePercent,
  );
}

export const DIAGNOSIS_FEE_CODE = 'DIAGNOSIS_FEE';

/** What a declined (or lapsed) quote leaves due: the diagnosis fee of paid work, nothing for covered work. */
export function declinedQuoteDue(coverage: Coverage, settings: QuoteSettings): AmountDue {
  const fee = diagnosisFeeDue(coverage, settings);
  const lines: PricedLine[] =
    fee > 0
      ? [
          {
            code: DIAGNOSIS_FEE_CODE,
            kind: 'SERVICE',
            description: 'Diagnosis fee (quote declined)',
            unit: 'job',
            quantity: 1,
            unitPrice: fee,
            amount: fee,
          },
        ]
      : [];
  const totals = categoryTotals(lines);
  return { coverage, lines, worth: totals, due: totals, unapprovedParts: [] };
}
