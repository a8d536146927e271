// Plain words for the API's enums that several of these pages show (orders, escalations, reports,
// policies). Each list is checked against the generated contract, so a renamed value fails the build.
import type { Schemas } from '../api/client';

// The lists themselves are the domain's own (src/domain: pure TypeScript the API and the workflow use
// too); `satisfies` ties them to the generated contract, so a renamed value fails the build.
import {
  DEFAULT_DISPATCH_MODE,
  ORDER_STATUSES as DOMAIN_STATUSES,
  ORDER_TYPES as DOMAIN_TYPES,
  PRIORITIES as DOMAIN_PRIORITIES,
} from '../../../src/domain/order';
import { SLA_STAGES } from '../../../src/domain/escalation-ladder';
import { COVERAGES, type Coverage } from '../../../src/domain/coverage';
import {
  CUSTOMER_CHANNELS,
  CUSTOMER_LANGUAGES,
  DEFAULT_CUSTOMER_LANGUAGE,
  type CustomerChannel,
  type CustomerLanguage,
} from '../../../src/domain/customer-messages';

export { DEFAULT_DISPATCH_MODE, CUSTOMER_CHANNELS, CUSTOMER_LANGUAGES, DEFAULT_CUSTOMER_LANGUAGE };
export type { CustomerChannel, CustomerLanguage };

export { COVERAGES };
export type { Coverage };
export const COVERAGE_LABELS: Record<Coverage, string> = {
  IN_WARRANTY: 'In warranty (free)',
  CONTRACT: 'Service contract (free)',
  PAID: 'Paid by the customer',
};

export const CUSTOMER_LANGUAGE_LABELS: Record<CustomerLanguage, string> = {
  zh: '中文 (Chinese)',
  en: 'English',
};
export const CUSTOMER_CHANNEL_LABELS: Record<CustomerChannel, string> = { SMS: 'SMS', EMAIL: 'E-mail' };

export const ORDER_TYPES = DOMAIN_TYPES satisfies readonly Schemas['SlaPolicyDto']['orderType'][];
export type OrderType = (typeof ORDER_TYPES)[number];

export const ORDER_STATUSES = DOMAIN_STATUSES satisfies readonly Schemas['OrderSummaryDto']['status'][];

/** Most urgent first, as the filters list them. */
export const PRIORITIES = [
  ...DOMAIN_PRIORITIES,
].reverse() as readonly (typeof DOMAIN_PRIORITIES)[number][] satisfies readonly Schemas['ApprovalRuleDoc']['priorities'][number][];
export type Priority = (typeof PRIORITIES)[number];

export const STAGES = SLA_STAGES satisfies readonly Schemas['EscalationDto']['stage'][];
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, string> = {
  INFO_COMPLETION: 'Info completion',
  REVIEW: 'Review',
  APPROVAL: 'Approval',
  DISPATCH: 'Dispatch',
  TECHNICIAN_ACCEPTANCE: 'Technician acceptance',
  FIRST_CONTACT: 'First contact with the customer',
  PROGRESS_REPLY: 'First progress report',
  COMPLETION: 'Completion',
  QUOTE_APPROVAL: "Customer's answer to the quote",
  ADDED_WORK_APPROVAL: "Customer's answer to added work",
  CHASE_RESPONSE: 'Answer to the customer chase',
  QC: 'Quality check',
  CUSTOMER_ACCEPTANCE: 'Customer acceptance',
  REWORK_DECISION: 'Rework decision',
  CALLBACK: 'Return-visit call',
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
