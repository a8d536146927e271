// The service-order workflow's public surface: its input, updates, signals, queries and failure types.
// The API imports only this file (never the workflow body); both sides share the domain types.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  AppointmentWindow,
  Coverage,
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
export interface PartUsed {
  code: string;
  quantity: number;
  /** The part's own warranty period (`180d`), judged instead of the order's for a claim naming it. */
  warranty?: string;
}
export interface CompletionInput {
  actor: Actor;
  summary: string;
  partsUsed: PartUsed[];
  laborHours: number;
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
  paymentMethod: string;
  invoiceNo: string;
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
    callback: 'PENDING' | 'DONE' | 'NOT_STARTED';
    feedback: 'NOT_STARTED' | 'NOT_NEEDED' | 'OPEN' | 'RESOLVED';
    settlement: 'PENDING' | 'DONE' | 'NOT_STARTED';
  };
  feedbackCase: FeedbackCaseView | null;
  /** The customer's answer to the feedback request (runs that message the customer). */
  customerFeedback?: CustomerFeedbackView | null;
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
