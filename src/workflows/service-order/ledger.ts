// The money and parts a priced order remembers (runs with PRICED_WORK), and what its state says is due.
// Plain data carried through continue-as-new; the rules are src/domain/priced-work.ts.
import {
  approvedTotal,
  coverageOf,
  declinedQuoteDue,
  intakeEstimate,
  amountDue,
  type ApprovedWork,
  type MinorUnits,
  type OrderStatus,
} from '../../domain';
import type {
  AddedWorkView,
  PartsReservationView,
  PaymentView,
  PriceBasis,
  PricingView,
  QuoteView,
  ReplacedPartView,
  SelfBoughtPartView,
} from './service-order.messages';
import type { OrderData } from './service-order.state';

export interface PricingData {
  /** Pinned by the first estimate: every later one must be priced from the same catalogue version. */
  basis: PriceBasis | null;
  quotes: QuoteView[];
  addedWork: AddedWorkView[];
  reservations: PartsReservationView[];
  payments: PaymentView[];
  selfBoughtParts: SelfBoughtPartView[];
  replacedParts: ReplacedPartView[];
  invoiceNo: string | null;
  /** Parts booked out of the warehouse so far (a completion after a failed QC books out only the rest). */
  bookedOut: { partCode: string; quantity: number }[];
  /** The customer declined the quote (or let it lapse): only the diagnosis fee is due. */
  declined: boolean;
}

export function newPricing(): PricingData {
  return {
    basis: null,
    quotes: [],
    addedWork: [],
    reservations: [],
    payments: [],
    selfBoughtParts: [],
    replacedParts: [],
    invoiceNo: null,
    bookedOut: [],
    declined: false,
  };
}

/**
 * What the customer agreed to pay for: the last quote they approved (or that needed no approval), else the
 * price agreed at intake once the order is priced from the catalogue (added work on a fixed-price job), and
 * every approved addition.
 */
export function approvedWorkOf(data: Pick<OrderData, 'details' | 'pricing'>): ApprovedWork {
  const pricing = data.pricing;
  if (!pricing) return { quote: null, additions: [] };
  const quote = [...pricing.quotes]
    .reverse()
    .find((q) => q.status === 'APPROVED' || q.status === 'NOT_NEEDED');
  const additions = pricing.addedWork.filter((a) => a.status === 'APPROVED').map((a) => a.estimate);
  if (quote) return { quote: quote.estimate, additions };
  const intake = pricing.basis ? intakeEstimate(data.details, pricing.basis.currency) : null;
  return intake ? { quote: intake, additions, fixedPrice: true } : { quote: null, additions };
}

/**
 * What declining the waiting quote leaves: the work goes on within an approval that stands (an earlier
 * quote, or the intake price), else the order ends with the diagnosis fee due (0 for covered work).
 */
export function quoteDeclineOutcome(data: Pick<OrderData, 'details' | 'pricing'>): {
  workGoesOn: boolean;
  diagnosisFee: MinorUnits;
} {
  const workGoesOn = approvedWorkOf(data).quote !== null;
  const basis = data.pricing?.basis;
  const diagnosisFee =
    workGoesOn || !basis ? 0 : declinedQuoteDue(coverageOf(data.details), basis.quoteSettings).due.total;
  return { workGoesOn, diagnosisFee };
}

export function pendingQuote(pricing: PricingData): QuoteView | undefined {
  return pricing.quotes.find((q) => q.status === 'PENDING');
}

export function pendingAddedWork(pricing: PricingData): AddedWorkView[] {
  return pricing.addedWork.filter((a) => a.status === 'PENDING');
}

// The work is done from completion on: the parts used are known, the ledger can be drawn up.
const WORK_DONE_STATUSES: readonly OrderStatus[] = [
  'PENDING_QC',
  'PENDING_ACCEPTANCE',
  'REWORK',
  'COMPLETED',
  'CLOSED',
];

/**
 * The itemised amount due: the diagnosis fee after a declined quote; once the work is done, approved
 * work plus parts used, less coverage. Null while nothing is priced yet, or the order has no quote (its
 * intake price stands, as before priced work).
 */
export function amountDueOf(data: OrderData): PricingView['amountDue'] {
  const pricing = data.pricing;
  if (!pricing?.basis) return null;
  const coverage = coverageOf(data.details);
  if (pricing.declined)
    return { ...declinedQuoteDue(coverage, pricing.basis.quoteSettings), reason: 'QUOTE_DECLINED' };
  const work = approvedWorkOf(data);
  if (work.quote === null || !WORK_DONE_STATUSES.includes(data.status)) return null;
  const due = amountDue({
    approvedEstimate: work.quote,
    approvedAdditions: work.additions,
    partsBookedOut: data.partsUsed,
    coverage,
  });
  return { ...due, reason: 'WORK' };
}

/** What settlement must match, in minor units; null: the order settles by its intake total (expectedSettlement). */
export function ledgerSettlement(data: OrderData): MinorUnits | null {
  return amountDueOf(data)?.due.total ?? null;
}

export function pricingView(data: OrderData, pricing: PricingData): PricingView {
  return {
    basis: pricing.basis,
    quotes: pricing.quotes,
    addedWork: pricing.addedWork,
    reservations: pricing.reservations,
    approvedTotal: approvedTotal(approvedWorkOf(data)),
    amountDue: amountDueOf(data),
    ifDeclined: quoteDeclineOutcome(data),
    payments: pricing.payments,
    selfBoughtParts: pricing.selfBoughtParts,
    replacedParts: pricing.replacedParts,
    invoiceNo: pricing.invoiceNo,
  };
}
