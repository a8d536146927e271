// The service-order workflow's public surface: its input, updates, signals, queries and failure types.
// The API imports only this file (never the workflow body); both sides share the domain types.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  AddedWorkStatus,
  AmountDue,
  AppointmentWindow,
  Coverage,
  InspectionResult,
  MinorUnits,
  PartDisposal,
  PricedEstimate,
  PricedLine,
  QuoteSettings,
  QuoteStatus,
  BusinessCalendar,
  IntakeProblem,
  Milestone,
  OrderAction,
  OrderDetails,
  OrderStatus,
  Role,
  SlaPolicy,
  SlaStage,
} from '../../domain';
import type { Shortfall } from '../../domain/stock';

export const SERVICE_ORDER_WORKFLOW = 'serviceOrder';

export function orderWorkflowId(orderNo: string): string {
  return `order-${orderNo}`;
}

/** Who acts. The API fills it from the verified token; the workflow checks role and ownership. */
export interface Actor {
  /** User id (uuid); null for the customer token holder and the system. */
  id: string | null;
  role: Role | 'system';
  region?: string | null;
  name?: string;
}

export interface ServiceOrderInput {
  orderNo: string;
  details: OrderDetails;
  /** Snapshot of the policy in force at intake; later edits never change this order unless re-projected. */
  policy: SlaPolicy;
  calendar?: BusinessCalendar | null;
  createdBy: Actor;
  customerTokenHash: string;
  /** ISO time the API accepted the intake. */
  receivedAt: string;
}

// ---- Payloads ----------------------------------------------------------------------------------

export interface SupplyInfoInput {
  actor: Actor;
  /** Fields to replace on the order details (same shape as intake). */
  details: Partial<OrderDetails>;
}
export interface ReviewInput {
  actor: Actor;
  decision: 'APPROVE' | 'RETURN' | 'REJECT';
  note?: string;
}
export interface ApprovalInput {
  actor: Actor;
  decision: 'APPROVE' | 'REJECT';
  comment?: string;
}
export interface AssignmentInput {
  actor: Actor;
  /** Omitted: automatic choice by the scoring rule. */
  technicianId?: string;
}
export interface TechnicianResponseInput {
  actor: Actor;
  decision: 'ACCEPT' | 'DECLINE';
  reason?: string;
}
export interface ContactInput {
  actor: Actor;
  note: string;
  /** A rescheduled appointment agreed with the customer. */
  appointment?: AppointmentWindow;
}
export interface CheckInInput {
  actor: Actor;
  lat?: number;
  lng?: number;
}
export interface ProgressInput {
  actor: Actor;
  milestone: Milestone;
  note: string;
  attachments?: string[];
}
export interface PartsRequestInput {
  actor: Actor;
  items: { code: string; quantity: number }[];
}
export interface PartsReceivedInput {
  actor: Actor;
  requestId: string;
}

// ---- Priced work (issue 11) ----------------------------------------------------------------------

/** What the API prices every estimate with: the order's catalogue version, its quote settings, the currency. */
export interface PriceBasis {
  catalogueVersion: number;
  quoteSettings: QuoteSettings;
  currency: string;
}
export interface QuoteProposalInput {
  actor: Actor;
  /** Priced by the API from the order's catalogue version (domain `priceEstimate`). */
  estimate: PricedEstimate;
  basis: PriceBasis;
  note?: string;
}
export interface QuoteDecisionInput {
  actor: Actor;
  quoteId: string;
  decision: 'APPROVE' | 'DECLINE';
  note?: string;
}
export interface AddedWorkProposalInput {
  actor: Actor;
  estimate: PricedEstimate;
  basis: PriceBasis;
  /** What was found on site that needs the extra work (增修) or materials (加料). */
  reason: string;
}
export interface AddedWorkDecisionInput {
  actor: Actor;
  addedWorkId: string;
  decision: 'APPROVE' | 'DECLINE';
  note?: string;
}
export interface PaymentInput {
  actor: Actor;
  amount: MinorUnits;
  paymentMethod: string;
  /** The receipt the technician gave the customer. */
  receiptNo?: string;
}
export interface PartsInspectionInput {
  actor: Actor;
  results: { code: string; result: InspectionResult; note?: string }[];
}
export interface SelfBoughtApprovalInput {
  actor: Actor;
  codes: string[];
  note: string;
}
export interface InvoiceInput {
  actor: Actor;
  invoiceNo: string;
}
/** The stock API's word that receipts covered the order's purchase requests (docs/stock.md). */
export interface PartsArrivedInput {
  purchaseRequestIds: string[];
}
export interface PartUsed {
  code: string;
  quantity: number;
  /** The part's own warranty period (`180d`), judged instead of the order's for a claim naming it. */
  warranty?: string;
  /** Bought by the technician himself (自购配件), with its invoice; checked against the catalogue price. */
  selfBought?: { invoiceAmount: MinorUnits; invoiceRef: string };
}
/** A part taken out of the customer's unit: the customer's choice of disposal, the supervisor's finding. */
export interface ReplacedPart {
  code: string;
  quantity: number;
  disposal: PartDisposal;
}
export interface CompletionInput {
  actor: Actor;
  summary: string;
  partsUsed: PartUsed[];
  laborHours: number;
  /** Priced orders: each part used at the order's catalogue price (the API prices them). */
  pricedParts?: PricedLine[];
  replacedParts?: ReplacedPart[];
}
export interface QcInput {
  actor: Actor;
  result: 'PASS' | 'FAIL';
  note?: string;
}
export interface ChaseInput {
  actor: Actor;
  note: string;
}
/** The customer's answer to the feedback request sent after completion. */
export interface CustomerFeedbackInput {
  actor: Actor;
  score: number;
  comment?: string;
}

export interface CustomerFeedbackView {
  score: number;
  comment: string | null;
  answeredAt: string;
}

/** A supervisor corrects who pays, with the reason (kept on the timeline). */
export interface CoverageOverrideInput {
  actor: Actor;
  coverage: Coverage;
  reason: string;
}

/** The customer asks for a fresh link (theirs expired); the order sends one to the contacts on file. */
export interface CustomerLinkInput {
  actor: Actor;
}

export interface CustomerAcceptanceInput {
  actor: Actor;
  decision: 'ACCEPT' | 'REJECT';
  rating?: number;
  comment?: string;
}
export interface CallbackInput {
  actor: Actor;
  reached: boolean;
  satisfied: boolean;
  note?: string;
}
export interface FeedbackResolutionInput {
  actor: Actor;
  resolution: string;
}
export interface SettlementInput {
  actor: Actor;
  amount: number;
  /** `amount` in minor units of the order's currency (the API converts); compared with the ledger. */
  amountMinor?: MinorUnits;
  paymentMethod: string;
  /** May be left for later (RECORD_INVOICE) when the technician took the payment on site. */
  invoiceNo: string | null;
}
export interface CancelInput {
  actor: Actor;
  reason: string;
}
/** The supervisor's decision on an order past its rework limit (REWORK). */
export interface ReworkDecisionInput {
  actor: Actor;
  decision: 'ANOTHER_ROUND' | 'REFUND_AND_CLOSE';
  note: string;
  /** REFUND_AND_CLOSE: what the customer gets back. */
  refundAmount?: number;
}
/**
 * Sent when an admin edits a policy or calendar with `applyToRunning: true`. Without `policy` (a
 * calendar edit) the order keeps its own policy version and takes the calendar if that policy uses it.
 */
export interface PolicyChangedInput {
  actor: Actor;
  policy?: SlaPolicy;
  calendar?: BusinessCalendar | null;
  /** The admin's reason, recorded on the order's timeline. */
  reason: string;
}

// ---- The live state (query result, and every update's answer) ---------------------------------

export interface DeadlineView {
  stage: SlaStage;
  /** Stage plus its occurrence, e.g. `COMPLETION#2`; escalation records use the same key. */
  stageKey: string;
  /** Role (and person, when known) the stage waits on. */
  responsibleRole: Role;
  responsibleUserId: string | null;
  startedAt: string;
  /** ISO due time; null while the clock is paused. */
  dueAt: string | null;
  paused: boolean;
  /** Highest ladder level fired so far: -1 none, 0 warning, 1–3 levels. */
  escalationLevel: number;
}

export interface EscalationView {
  stage: SlaStage;
  stageKey: string;
  level: number;
  dueAt: string;
  firedAt: string;
}

export interface PartsRequestView {
  id: string;
  items: { code: string; quantity: number }[];
  requestedAt: string;
  receivedAt: string | null;
}

export interface QuoteView {
  id: string;
  status: QuoteStatus;
  estimate: PricedEstimate;
  note: string | null;
  proposedBy: Actor;
  proposedAt: string;
  decidedBy: Actor | null;
  decidedAt: string | null;
  /** The customer's reason, or the system's (`no answer within the window`). */
  decisionNote: string | null;
}

export interface AddedWorkView {
  id: string;
  status: AddedWorkStatus;
  estimate: PricedEstimate;
  reason: string;
  /** The ADDED_WORK_APPROVAL deadline it waits on (its window). */
  stageKey: string;
  proposedBy: Actor;
  proposedAt: string;
  decidedBy: Actor | null;
  decidedAt: string | null;
}

export interface PartsReservationView {
  requestId: string;
  status: 'RESERVING' | 'RESERVED' | 'WAITING_STOCK';
  locationCode: string;
  shortfall: Shortfall[];
  purchaseRequestIds: string[];
}

export interface PaymentView {
  amount: MinorUnits;
  paymentMethod: string;
  receiptNo: string | null;
  collectedBy: Actor;
  collectedAt: string;
}

export interface SelfBoughtPartView {
  code: string;
  quantity: number;
  invoiceAmount: MinorUnits;
  invoiceRef: string;
  cataloguePrice: MinorUnits;
  /** Why it needs the supervisor (null: within tolerance). */
  problem: string | null;
  status: 'OK' | 'PENDING_APPROVAL' | 'APPROVED';
  approvedBy: Actor | null;
}

export interface ReplacedPartView extends ReplacedPart {
  inspection: { result: InspectionResult; note: string | null; by: Actor; at: string } | null;
}

/** The money and parts of a priced order (runs with the PRICED_WORK marker). */
export interface PricingView {
  basis: PriceBasis | null;
  quotes: QuoteView[];
  addedWork: AddedWorkView[];
  reservations: PartsReservationView[];
  /** Customer-approved total (quote + approved additions). */
  approvedTotal: MinorUnits;
  /** What declining the waiting quote would leave (the work going on, or the fee due). */
  ifDeclined: { workGoesOn: boolean; diagnosisFee: MinorUnits };
  /** Itemised amount due, once the work is done (or the quote declined); null before. */
  amountDue: (AmountDue & { reason: 'WORK' | 'QUOTE_DECLINED' }) | null;
  payments: PaymentView[];
  selfBoughtParts: SelfBoughtPartView[];
  replacedParts: ReplacedPartView[];
  invoiceNo: string | null;
}

export interface FeedbackCaseView {
  status: 'OPEN' | 'RESOLVED';
  category: 'LOW_RATING' | 'COMPLAINT' | 'CALLBACK_UNSATISFIED';
  ownerId: string | null;
  openedAt: string;
  resolvedAt: string | null;
  resolution: string | null;
}

export interface OrderView {
  orderNo: string;
  workflowId: string;
  status: OrderStatus;
  /** Increases with every change; the read model never applies an older revision over a newer one. */
  revision: number;
  details: OrderDetails;
  problems: IntakeProblem[];
  policyVersion: number;
  requiresApproval: boolean;
  approvalReasons: string[];
  technicianId: string | null;
  /** Absent on views of runs recorded before it was shown. */
  technicianName?: string | null;
  excludedTechnicianIds: string[];
  milestone: Milestone | null;
  reworkRound: number;
  chaseCount: number;
  deadlines: DeadlineView[];
  escalations: EscalationView[];
  partsRequests: PartsRequestView[];
  partsUsed: PartUsed[];
  rating: number | null;
  tracks: {
    // NOT_NEEDED: a declined quote, no work was done to call back about.
    callback: 'PENDING' | 'DONE' | 'NOT_STARTED' | 'NOT_NEEDED';
    feedback: 'NOT_STARTED' | 'NOT_NEEDED' | 'OPEN' | 'RESOLVED';
    // INVOICE_PENDING: paid on site and settled, the invoice to be sent (RECORD_INVOICE).
    settlement: 'PENDING' | 'DONE' | 'NOT_STARTED' | 'INVOICE_PENDING';
  };
  feedbackCase: FeedbackCaseView | null;
  /** The customer's answer to the feedback request (runs that message the customer). */
  customerFeedback?: CustomerFeedbackView | null;
  /** Quotes, added work, parts and the ledger (runs with priced work). */
  pricing?: PricingView;
  createdBy: Actor;
  createdAt: string;
  completedAt: string | null;
  closedAt: string | null;
  cancelReason: string | null;
}

/** One recorded transition or event; `seq` is per order and makes projection idempotent. */
export interface TimelineEntryView {
  seq: number;
  /** ISO time. */
  at: string;
  actor: Actor;
  action: string;
  fromStatus: OrderStatus | null;
  toStatus: OrderStatus | null;
  details: Record<string, unknown>;
}

// ---- Messages ----------------------------------------------------------------------------------

export const supplyInfo = defineUpdate<OrderView, [SupplyInfoInput]>('supplyInfo');
export const review = defineUpdate<OrderView, [ReviewInput]>('review');
export const approval = defineUpdate<OrderView, [ApprovalInput]>('approval');
export const assign = defineUpdate<OrderView, [AssignmentInput]>('assign');
export const respondToAssignment = defineUpdate<OrderView, [TechnicianResponseInput]>('respondToAssignment');
export const logContact = defineUpdate<OrderView, [ContactInput]>('logContact');
export const checkIn = defineUpdate<OrderView, [CheckInInput]>('checkIn');
export const reportProgress = defineUpdate<OrderView, [ProgressInput]>('reportProgress');
export const requestParts = defineUpdate<OrderView, [PartsRequestInput]>('requestParts');
export const receiveParts = defineUpdate<OrderView, [PartsReceivedInput]>('receiveParts');
export const complete = defineUpdate<OrderView, [CompletionInput]>('complete');
export const qc = defineUpdate<OrderView, [QcInput]>('qc');
export const chase = defineUpdate<OrderView, [ChaseInput]>('chase');
export const customerAcceptance = defineUpdate<OrderView, [CustomerAcceptanceInput]>('customerAcceptance');
export const callback = defineUpdate<OrderView, [CallbackInput]>('callback');
export const resolveFeedback = defineUpdate<OrderView, [FeedbackResolutionInput]>('resolveFeedback');
export const settle = defineUpdate<OrderView, [SettlementInput]>('settle');
export const cancel = defineUpdate<OrderView, [CancelInput]>('cancel');
export const decideRework = defineUpdate<OrderView, [ReworkDecisionInput]>('decideRework');
export const customerFeedback = defineUpdate<OrderView, [CustomerFeedbackInput]>('customerFeedback');
export const sendCustomerLink = defineUpdate<OrderView, [CustomerLinkInput]>('sendCustomerLink');
export const overrideCoverage = defineUpdate<OrderView, [CoverageOverrideInput]>('overrideCoverage');
export const proposeQuote = defineUpdate<OrderView, [QuoteProposalInput]>('proposeQuote');
export const decideQuote = defineUpdate<OrderView, [QuoteDecisionInput]>('decideQuote');
export const proposeAddedWork = defineUpdate<OrderView, [AddedWorkProposalInput]>('proposeAddedWork');
export const decideAddedWork = defineUpdate<OrderView, [AddedWorkDecisionInput]>('decideAddedWork');
export const collectPayment = defineUpdate<OrderView, [PaymentInput]>('collectPayment');
export const inspectParts = defineUpdate<OrderView, [PartsInspectionInput]>('inspectParts');
export const approveSelfBoughtParts = defineUpdate<OrderView, [SelfBoughtApprovalInput]>(
  'approveSelfBoughtParts',
);
export const recordInvoice = defineUpdate<OrderView, [InvoiceInput]>('recordInvoice');

/** Fire-and-forget from the stock API: the parts the order waited for are in; reserve them again. */
export const partsArrived = defineSignal<[PartsArrivedInput]>('partsArrived');

/** Fire-and-forget: re-project live deadlines onto an edited policy or calendar. */
export const policyChanged = defineSignal<[PolicyChangedInput]>('policyChanged');

export const getOrder = defineQuery<OrderView>('getOrder');

// ---- Refusals ----------------------------------------------------------------------------------

/**
 * `ApplicationFailure.type` values thrown by update validators. The API maps them:
 * ACTION_NOT_ALLOWED → 409, FORBIDDEN → 403, INVALID_INPUT → 422. Their `details[0]` is a
 * `RefusalDetails`.
 */
export const ORDER_FAILURE = {
  ACTION_NOT_ALLOWED: 'ActionNotAllowed',
  FORBIDDEN: 'Forbidden',
  INVALID_INPUT: 'InvalidInput',
} as const;
export type OrderFailureType = (typeof ORDER_FAILURE)[keyof typeof ORDER_FAILURE];

export interface RefusalDetails {
  status: OrderStatus;
  allowedActions: OrderAction[];
  /** For INVALID_INPUT: which field and why. */
  field?: string;
}
