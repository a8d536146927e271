// Plain words for the codes the API speaks (actions, stages, milestones, roles), shared by the order
// page and the approvals inbox.
import type { Schemas } from '../../../api/client';
import type { InspectionResult, PartDisposal } from '../../../../../src/domain/priced-work';

export type OrderRead = Schemas['OrderReadDto'];
export type OrderAction = OrderRead['allowedActions'][number];
export type Milestone = Schemas['ReportProgressDto']['milestone'];
export type Deadline = Schemas['DeadlineViewDto'];

/** `WAITING_PARTS` → `Waiting parts`: the fallback for codes without a label of their own. */
export function humanize(code: string): string {
  const words = code
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_#]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** In the order the work goes through them. */
export const MILESTONES = [
  'MATERIALS_READY',
  'IN_PROGRESS',
  'WAITING_PARTS',
  'CARRY_BACK',
] as const satisfies readonly Milestone[];

export const MILESTONE_LABELS: Record<Milestone, string> = {
  MATERIALS_READY: 'Materials ready',
  IN_PROGRESS: 'Work in progress',
  WAITING_PARTS: 'Waiting for parts',
  CARRY_BACK: 'Carried back to the workshop',
};

export { stageLabel } from '../../../components/vocabulary';

export const DISPOSAL_LABELS: Record<PartDisposal, string> = {
  RETURN_TO_CUSTOMER: 'Returned to the customer',
  COMPANY_DISPOSES: 'Disposed of by us',
  RETURN_TO_MANUFACTURER: 'Returned to the manufacturer',
};

export const INSPECTION_LABELS: Record<InspectionResult, string> = {
  FAULTY: 'Faulty: rightly replaced',
  FAULTLESS: 'Faultless: flags the technician',
};

/** What happened, as the timeline says it (staff actions and the workflow's own steps). */
const TIMELINE_ACTIONS: Record<string, string> = {
  INTAKE: 'Order taken',
  SUPPLY_INFO: 'Missing information supplied',
  REVIEW_APPROVE: 'Review approved',
  REVIEW_RETURN: 'Returned for information',
  REVIEW_REJECT: 'Rejected at review',
  APPROVE: 'Approved',
  REJECT_APPROVAL: 'Approval rejected',
  ASSIGN: 'Technician assigned',
  REASSIGN: 'Technician reassigned',
  AUTO_ASSIGN: 'Technician assigned automatically',
  DIRECT_ASSIGN: 'Named technician assigned',
  TECHNICIAN_ACCEPT: 'Accepted by the technician',
  TECHNICIAN_DECLINE: 'Declined by the technician',
  TECHNICIAN_TIMEOUT: 'Technician did not answer in time',
  LOG_CONTACT: 'Customer contacted',
  CHECK_IN: 'Checked in on site',
  REPORT_PROGRESS: 'Progress reported',
  REQUEST_PARTS: 'Parts requested',
  RECEIVE_PARTS: 'Parts received',
  COMPLETE: 'Work completed',
  QC_PASS: 'Quality check passed',
  QC_FAIL: 'Quality check failed',
  CHASE: 'Customer chase logged',
  CUSTOMER_ACCEPT: 'Accepted by the customer',
  CUSTOMER_REJECT: 'Rejected by the customer',
  ACCEPTANCE_WINDOW_EXPIRED: 'Accepted automatically (window expired)',
  REWORK_ASSIGNED: 'Rework assigned',
  CALLBACK: 'Return-visit call made',
  CALLBACK_ATTEMPT: 'Return-visit call attempted',
  RESOLVE_FEEDBACK: 'Feedback resolved',
  SETTLE: 'Settled',
  CANCEL: 'Cancelled',
  CLOSE: 'Closed',
  WARRANTY_CLAIM: 'Warranty claim opened',
  REWORK_ANOTHER_ROUND: 'Another rework round',
  REFUND_AND_CLOSE: 'Refunded and closed',
  PROPOSE_QUOTE: 'Quote proposed',
  APPROVE_QUOTE: 'Quote approved',
  DECLINE_QUOTE: 'Quote declined',
  QUOTE_EXPIRED: 'Quote expired unanswered',
  PROPOSE_ADDED_WORK: 'Added work proposed',
  APPROVE_ADDED_WORK: 'Added work approved',
  DECLINE_ADDED_WORK: 'Added work declined',
  ADDED_WORK_LAPSED: 'Added work lapsed unanswered',
  PARTS_RESERVED: 'Parts reserved',
  PARTS_SHORTFALL: 'Parts short in stock',
  PARTS_BOOKED_OUT: 'Parts booked out of stock',
  PARTS_BOOK_OUT_SHORT: 'Parts could not all be booked out',
  COLLECT_PAYMENT: 'Payment taken on site',
  INSPECT_PARTS: 'Replaced parts inspected',
  PART_FOUND_FAULTLESS: 'Replaced part found faultless: technician flagged',
  APPROVE_SELF_BOUGHT_PARTS: 'Self-bought parts approved',
  RECORD_INVOICE: 'Invoice recorded',
  COVERAGE_OVERRIDDEN: 'Coverage overridden',
  SLA_WARNING: 'Deadline warning',
  ESCALATION: 'Escalated',
  POLICY_CHANGED: 'Deadlines re-computed',
};

export function timelineActionLabel(action: string): string {
  return TIMELINE_ACTIONS[action] ?? humanize(action);
}

/** `6000` → `6,000.00`: amounts as money, in the reader's locale. */
export function formatAmount(amount: number): string {
  return amount.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
