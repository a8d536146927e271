// Plain words for the API's enums that several of these pages show (orders, escalations, reports,
// policies). Each list is checked against the generated contract, so a renamed value fails the build.
import type { Schemas } from '../../api/client';

export const ORDER_TYPES = [
  'INSTALLATION',
  'REPAIR',
  'MAINTENANCE',
  'INSPECTION',
  'UPGRADE',
  'TESTING',
  'TRAINING',
  'COMPLAINT',
] as const satisfies readonly Schemas['SlaPolicyDto']['orderType'][];
export type OrderType = (typeof ORDER_TYPES)[number];

export const ORDER_STATUSES = [
  'INFO_REQUIRED',
  'PENDING_REVIEW',
  'PENDING_APPROVAL',
  'PENDING_DISPATCH',
  'ASSIGNED',
  'ACCEPTED',
  'ON_SITE',
  'IN_PROGRESS',
  'PENDING_QC',
  'PENDING_ACCEPTANCE',
  'REWORK',
  'COMPLETED',
  'CLOSED',
  'CANCELLED',
  'REJECTED',
] as const satisfies readonly Schemas['OrderSummaryDto']['status'][];

export const PRIORITIES = [
  'URGENT',
  'HIGH',
  'NORMAL',
  'LOW',
] as const satisfies readonly Schemas['ApprovalRuleDoc']['priorities'][number][];
export type Priority = (typeof PRIORITIES)[number];

export const STAGES = [
  'INFO_COMPLETION',
  'REVIEW',
  'APPROVAL',
  'DISPATCH',
  'TECHNICIAN_ACCEPTANCE',
  'FIRST_CONTACT',
  'PROGRESS_REPLY',
  'COMPLETION',
  'CHASE_RESPONSE',
  'QC',
  'CUSTOMER_ACCEPTANCE',
  'REWORK_DECISION',
  'CALLBACK',
  'FEEDBACK_CLOSURE',
  'SETTLEMENT',
] as const satisfies readonly Schemas['EscalationDto']['stage'][];
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, string> = {
  INFO_COMPLETION: 'Info completion',
  REVIEW: 'Review',
  APPROVAL: 'Approval',
  DISPATCH: 'Dispatch',
  TECHNICIAN_ACCEPTANCE: 'Technician acceptance',
  FIRST_CONTACT: 'First contact',
  PROGRESS_REPLY: 'Progress reply',
  COMPLETION: 'Completion',
  CHASE_RESPONSE: 'Chase response',
  QC: 'Quality check',
  CUSTOMER_ACCEPTANCE: 'Customer acceptance',
  REWORK_DECISION: 'Rework decision',
  CALLBACK: 'Callback',
  FEEDBACK_CLOSURE: 'Feedback closure',
  SETTLEMENT: 'Settlement',
};

/** `value` when it is one of `allowed` (typed as such), else undefined: for URL search params. */
export function oneOf<T extends string | number>(value: unknown, allowed: readonly T[]): T | undefined {
  return allowed.find((candidate) => candidate === value);
}

/** A stage the API names as a plain string (the KPI report) in words, or as sent when unknown. */
export function stageLabel(stage: string): string {
  const known = oneOf(stage, STAGES);
  return known ? STAGE_LABELS[known] : stage;
}

/** `INSTALLATION` → "Installation", `OUT_OF_CITY` → "Out of city". */
export function enumLabel(value: string): string {
  return value.charAt(0) + value.slice(1).toLowerCase().replace(/_/g, ' ');
}

/** Escalation levels: 0 is the 80% warning, 1–3 the ladder. */
export function EscalationLevelBadge({ level }: { level: number }) {
  if (level < 0) return <span className="muted">—</span>;
  const tone = level >= 2 ? 'bad' : 'warn';
  return <span className={`badge ${tone}`}>{level === 0 ? 'Warning' : `Level ${level}`}</span>;
}
