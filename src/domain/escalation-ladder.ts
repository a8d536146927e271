import type { Role } from './order';
import { fractionDueAt, type SlaClock } from './sla-clock';

export const SLA_STAGES = [
  'INFO_COMPLETION',
  'REVIEW',
  'APPROVAL',
  'DISPATCH',
  'TECHNICIAN_ACCEPTANCE',
  'FIRST_CONTACT',
  'PROGRESS_REPLY',
  'COMPLETION',
  // The customer's answer to a quote (PENDING_QUOTE) and to added work proposed on site.
  'QUOTE_APPROVAL',
  'ADDED_WORK_APPROVAL',
  'CHASE_RESPONSE',
  'QC',
  'CUSTOMER_ACCEPTANCE',
  // Past the rework limit the order waits for the supervisor's decision (rules v2).
  'REWORK_DECISION',
  'CALLBACK',
  'FEEDBACK_CLOSURE',
  'SETTLEMENT',
] as const;
export type SlaStage = (typeof SLA_STAGES)[number];

/** Whose move each timed stage waits on; the first recipient of every ladder step. */
export const RESPONSIBLE_ROLE: Readonly<Record<SlaStage, Role>> = {
  INFO_COMPLETION: 'agent',
  REVIEW: 'agent',
  APPROVAL: 'supervisor',
  DISPATCH: 'dispatcher',
  TECHNICIAN_ACCEPTANCE: 'technician',
  FIRST_CONTACT: 'technician',
  PROGRESS_REPLY: 'technician',
  COMPLETION: 'technician',
  // The customer answers; the agent who owns the relationship is nudged, as for acceptance.
  QUOTE_APPROVAL: 'agent',
  ADDED_WORK_APPROVAL: 'agent',
  CHASE_RESPONSE: 'technician',
  QC: 'supervisor',
  // The customer has no account to notify; the agent who owns the relationship is nudged instead.
  CUSTOMER_ACCEPTANCE: 'agent',
  REWORK_DECISION: 'supervisor',
  CALLBACK: 'agent',
  // The workflow notifies the case owner by person; the role is for the ladder above them.
  FEEDBACK_CLOSURE: 'supervisor',
  SETTLEMENT: 'finance',
};

const ROLE_ABOVE: Readonly<Record<Role, Role>> = {
  // The workflow narrows this to the dispatcher of the order's region.
  technician: 'dispatcher',
  agent: 'supervisor',
  dispatcher: 'supervisor',
  finance: 'supervisor',
  supervisor: 'admin',
  admin: 'admin',
  // Never responsible for a stage; listed so the map is total.
  customer: 'agent',
};

/** Who hears about it when `role` lets a deadline slip (SPEC §3). */
export function nextRoleUp(role: Role): Role {
  return ROLE_ABOVE[role];
}

export interface LadderStep {
  level: number;
  name: string;
  /** Share of the target consumed when this step fires. */
  fraction: number;
}

export const LADDER: readonly LadderStep[] = [
  { level: 0, name: 'WARNING', fraction: 0.8 },
  { level: 1, name: 'LEVEL_1', fraction: 1.0 },
  { level: 2, name: 'LEVEL_2', fraction: 1.5 },
  { level: 3, name: 'LEVEL_3', fraction: 2.0 },
];

/** Level 0 warns the responsible role; level n adds the n roles above it, stopping at admin. */
export function recipientRolesFor(stage: SlaStage, level: number): Role[] {
  if (!Number.isInteger(level) || level < 0)
    throw new RangeError(`ladder level must be 0 or more, got ${level}`);
  const recipients: Role[] = [RESPONSIBLE_ROLE[stage]];
  for (let step = 0; step < level; step++) {
    const above = nextRoleUp(recipients[recipients.length - 1]);
    if (recipients.includes(above)) break;
    recipients.push(above);
  }
  return recipients;
}

export interface LadderFiring {
  level: number;
  name: string;
  /** Epoch ms. */
  fireAt: number;
  /** True when `fireAt` is not after `now`: fire at once. */
  due: boolean;
}

/**
 * When each ladder step fires for this clock; empty while paused. The workflow skips the levels it
 * already fired and sleeps until the next one.
 */
export function ladderSchedule(clock: SlaClock, now: number): LadderFiring[] {
  const firings: LadderFiring[] = [];
  for (const step of LADDER) {
    const fireAt = fractionDueAt(clock, step.fraction);
    if (fireAt === null) return [];
    firings.push({ level: step.level, name: step.name, fireAt, due: fireAt <= now });
  }
  return firings;
}
