import { parseDuration, isDuration } from './duration';
import type { SlaStage } from './escalation-ladder';
import { isPlainObject, type FieldProblem, type Validated } from './field-problem';
import { ORDER_TYPES, PRIORITIES, ZONES, type OrderType, type Priority, type Zone } from './order';

/** Every target is a duration string (`30m`, `4h`, `3d`); see duration.ts. */
export interface SlaTargets {
  infoCompletion: string;
  review: string;
  approval: string;
  dispatch: Record<Priority, string>;
  technicianAcceptance: string;
  firstContact: string;
  progressReply: string;
  completion: Record<Zone, string>;
  chaseResponse: string;
  qc: string;
  customerAcceptanceWindow: string;
  callback: string;
  feedbackClosure: string;
  closureReminderEvery: string;
  settlement: string;
  warranty: string;
  /**
   * How long the customer has to answer a quote, and added work proposed on site. Optional: policies
   * saved before priced work (issue 11) hold none and use OPTIONAL_TARGET_DEFAULTS.
   */
  quoteApproval?: string;
  addedWorkApproval?: string;
}

type OptionalTargetKey = 'quoteApproval' | 'addedWorkApproval';

/** The window a policy without its own value gives the customer. */
export const OPTIONAL_TARGET_DEFAULTS: Readonly<Record<OptionalTargetKey, string>> = {
  quoteApproval: '2d',
  addedWorkApproval: '2h',
};
const OPTIONAL_TARGET_KEYS = Object.keys(OPTIONAL_TARGET_DEFAULTS) as OptionalTargetKey[];

export interface ApprovalRule {
  /** Orders whose total is strictly above this need approval; null/absent: amount never does. */
  amountOver?: number | null;
  priorities: Priority[];
  types: OrderType[];
  vipCustomer: boolean;
}

export const ACCEPTANCE_EXPIRY_ACTIONS = ['AUTO_ACCEPT', 'ESCALATE'] as const;
export type AcceptanceExpiryAction = (typeof ACCEPTANCE_EXPIRY_ACTIONS)[number];

/**
 * One order type's deadlines. With a `calendar` the targets count working time, and a day is 24
 * working hours, not one working day: write business-time targets in hours (`9h` for a 09–18 day).
 */
export interface SlaPolicy {
  orderType: OrderType;
  version: number;
  calendar?: string | null;
  targets: SlaTargets;
  onAcceptanceWindowExpiry: AcceptanceExpiryAction;
  maxReworks: number;
  pauseWhileWaitingParts: boolean;
  checkInRadiusMeters: number;
  approvalRequired: ApprovalRule;
}

// SPEC §3 fixes installation (24h/48h) and repair (3d/7d). The rest follow the work they resemble:
// maintenance, inspection and testing are short planned visits like installation; an upgrade may need
// parts like a repair; training is scheduled in advance so 3d/7d; a complaint needs a fast answer.
const COMPLETION_BY_TYPE: Readonly<Record<OrderType, Record<Zone, string>>> = {
  INSTALLATION: { IN_CITY: '24h', OUT_OF_CITY: '48h' },
  REPAIR: { IN_CITY: '3d', OUT_OF_CITY: '7d' },
  MAINTENANCE: { IN_CITY: '24h', OUT_OF_CITY: '48h' },
  INSPECTION: { IN_CITY: '24h', OUT_OF_CITY: '48h' },
  UPGRADE: { IN_CITY: '3d', OUT_OF_CITY: '7d' },
  TESTING: { IN_CITY: '24h', OUT_OF_CITY: '48h' },
  TRAINING: { IN_CITY: '3d', OUT_OF_CITY: '7d' },
  COMPLAINT: { IN_CITY: '24h', OUT_OF_CITY: '48h' },
};

function buildDefaultPolicy(orderType: OrderType): SlaPolicy {
  return {
    orderType,
    version: 1,
    calendar: null,
    targets: {
      infoCompletion: '4h',
      review: '2h',
      approval: '4h',
      dispatch: { URGENT: '30m', HIGH: '2h', NORMAL: '4h', LOW: '8h' },
      technicianAcceptance: '30m',
      firstContact: '2h',
      progressReply: '6h',
      completion: { ...COMPLETION_BY_TYPE[orderType] },
      chaseResponse: '1h',
      qc: '1d',
      customerAcceptanceWindow: '3d',
      callback: '3d',
      feedbackClosure: '3d',
      closureReminderEvery: '1d',
      settlement: '7d',
      warranty: '90d',
      ...OPTIONAL_TARGET_DEFAULTS,
    },
    onAcceptanceWindowExpiry: 'AUTO_ACCEPT',
    maxReworks: 2,
    pauseWhileWaitingParts: true,
    checkInRadiusMeters: 500,
    approvalRequired: { amountOver: 5000, priorities: ['URGENT'], types: ['COMPLAINT'], vipCustomer: true },
  };
}

/** A fresh copy each call, so callers may edit it. */
export function defaultPolicy(orderType: OrderType): SlaPolicy {
  return buildDefaultPolicy(orderType);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

// Frozen because every order snapshots from it; use defaultPolicy() for a copy to edit.
export const DEFAULT_POLICIES: Readonly<Record<OrderType, SlaPolicy>> = deepFreeze(
  Object.fromEntries(ORDER_TYPES.map((type) => [type, buildDefaultPolicy(type)])) as Record<
    OrderType,
    SlaPolicy
  >,
);

type FlatTargetKey = Exclude<keyof SlaTargets, 'dispatch' | 'completion' | OptionalTargetKey>;

const FLAT_TARGET_KEYS: readonly FlatTargetKey[] = [
  'infoCompletion',
  'review',
  'approval',
  'technicianAcceptance',
  'firstContact',
  'progressReply',
  'chaseResponse',
  'qc',
  'customerAcceptanceWindow',
  'callback',
  'feedbackClosure',
  'closureReminderEvery',
  'settlement',
  'warranty',
];

const STAGE_TARGET: Readonly<
  Record<Exclude<SlaStage, 'DISPATCH' | 'COMPLETION'>, FlatTargetKey | OptionalTargetKey>
> = {
  INFO_COMPLETION: 'infoCompletion',
  REVIEW: 'review',
  APPROVAL: 'approval',
  TECHNICIAN_ACCEPTANCE: 'technicianAcceptance',
  FIRST_CONTACT: 'firstContact',
  PROGRESS_REPLY: 'progressReply',
  CHASE_RESPONSE: 'chaseResponse',
  QC: 'qc',
  CUSTOMER_ACCEPTANCE: 'customerAcceptanceWindow',
  QUOTE_APPROVAL: 'quoteApproval',
  ADDED_WORK_APPROVAL: 'addedWorkApproval',
  // The supervisor's judgement of the work, like QC: no target of its own.
  REWORK_DECISION: 'qc',
  CALLBACK: 'callback',
  FEEDBACK_CLOSURE: 'feedbackClosure',
  SETTLEMENT: 'settlement',
};

/** The target of one stage for one order, in milliseconds (of working time when a calendar is set). */
export function targetMs(
  policy: SlaPolicy,
  stage: SlaStage,
  ctx: { priority: Priority; zone: Zone },
): number {
  switch (stage) {
    case 'DISPATCH':
      return parseDuration(policy.targets.dispatch[ctx.priority]);
    case 'COMPLETION':
      return parseDuration(policy.targets.completion[ctx.zone]);
    default: {
      const key = STAGE_TARGET[stage];
      return parseDuration(policy.targets[key] ?? OPTIONAL_TARGET_DEFAULTS[key as OptionalTargetKey]);
    }
  }
}

// ---- Validation --------------------------------------------------------------------------------

/**
 * Checks an admin's policy; the API answers 400 with `errors`. Returns a clean copy holding only the
 * known fields. Unknown keys inside `targets` are errors, since they are almost always typos.
 */
export function validatePolicy(input: unknown): Validated<'policy', SlaPolicy> {
  if (!isPlainObject(input)) return { ok: false, errors: [{ field: '', problem: 'must be an object' }] };
  const errors: FieldProblem[] = [];
  const problem = (field: string, text: string): void => {
    errors.push({ field, problem: text });
  };

  if (!ORDER_TYPES.includes(input.orderType as OrderType)) {
    problem('orderType', `must be one of ${ORDER_TYPES.join(', ')}`);
  }
  if (!Number.isInteger(input.version) || (input.version as number) < 1) {
    problem('version', 'must be an integer of 1 or more');
  }
  if (input.calendar !== undefined && input.calendar !== null) {
    if (typeof input.calendar !== 'string' || input.calendar.trim() === '') {
      problem('calendar', 'must be a calendar name or null');
    }
  }
  validateTargets(input.targets, problem);
  if (!ACCEPTANCE_EXPIRY_ACTIONS.includes(input.onAcceptanceWindowExpiry as AcceptanceExpiryAction)) {
    problem('onAcceptanceWindowExpiry', `must be one of ${ACCEPTANCE_EXPIRY_ACTIONS.join(', ')}`);
  }
  if (!Number.isInteger(input.maxReworks) || (input.maxReworks as number) < 0) {
    problem('maxReworks', 'must be an integer of 0 or more');
  }
  if (typeof input.pauseWhileWaitingParts !== 'boolean') {
    problem('pauseWhileWaitingParts', 'must be true or false');
  }
  if (typeof input.checkInRadiusMeters !== 'number' || !(input.checkInRadiusMeters > 0)) {
    problem('checkInRadiusMeters', 'must be a number of metres greater than 0');
  }
  validateApprovalRule(input.approvalRequired, problem);

  if (errors.length > 0) return { ok: false, errors };
  const valid = input as unknown as SlaPolicy;
  const targets = valid.targets;
  return {
    ok: true,
    policy: {
      orderType: valid.orderType,
      version: valid.version,
      calendar: valid.calendar ?? null,
      targets: {
        ...(Object.fromEntries(FLAT_TARGET_KEYS.map((key) => [key, targets[key]])) as Pick<
          SlaTargets,
          FlatTargetKey
        >),
        dispatch: {
          URGENT: targets.dispatch.URGENT,
          HIGH: targets.dispatch.HIGH,
          NORMAL: targets.dispatch.NORMAL,
          LOW: targets.dispatch.LOW,
        },
        completion: { IN_CITY: targets.completion.IN_CITY, OUT_OF_CITY: targets.completion.OUT_OF_CITY },
        ...Object.fromEntries(
          OPTIONAL_TARGET_KEYS.filter((key) => targets[key] !== undefined).map((key) => [key, targets[key]]),
        ),
      },
      onAcceptanceWindowExpiry: valid.onAcceptanceWindowExpiry,
      maxReworks: valid.maxReworks,
      pauseWhileWaitingParts: valid.pauseWhileWaitingParts,
      checkInRadiusMeters: valid.checkInRadiusMeters,
      approvalRequired: {
        amountOver: valid.approvalRequired.amountOver ?? null,
        priorities: [...valid.approvalRequired.priorities],
        types: [...valid.approvalRequired.types],
        vipCustomer: valid.approvalRequired.vipCustomer,
      },
    },
  };
}

const DURATION_HINT = 'must be a duration like 90s, 30m, 4h, 3d or 1h30m';

function validateTargets(targets: unknown, problem: (field: string, text: string) => void): void {
  if (!isPlainObject(targets)) {
    problem('targets', 'must be an object');
    return;
  }
  const known = new Set<string>([...FLAT_TARGET_KEYS, ...OPTIONAL_TARGET_KEYS, 'dispatch', 'completion']);
  for (const key of Object.keys(targets)) {
    if (!known.has(key)) problem(`targets.${key}`, 'unknown target');
  }
  for (const key of FLAT_TARGET_KEYS) {
    if (!isDuration(targets[key])) problem(`targets.${key}`, DURATION_HINT);
  }
  for (const key of OPTIONAL_TARGET_KEYS) {
    if (targets[key] !== undefined && !isDuration(targets[key])) problem(`targets.${key}`, DURATION_HINT);
  }
  validateDurationRecord(targets.dispatch, 'targets.dispatch', PRIORITIES, problem);
  validateDurationRecord(targets.completion, 'targets.completion', ZONES, problem);
}

function validateDurationRecord(
  record: unknown,
  field: string,
  keys: readonly string[],
  problem: (field: string, text: string) => void,
): void {
  if (!isPlainObject(record)) {
    problem(field, `must be an object with ${keys.join(', ')}`);
    return;
  }
  for (const key of Object.keys(record)) {
    if (!keys.includes(key)) problem(`${field}.${key}`, `unknown key; use ${keys.join(', ')}`);
  }
  for (const key of keys) {
    if (!isDuration(record[key])) problem(`${field}.${key}`, DURATION_HINT);
  }
}

function validateApprovalRule(rule: unknown, problem: (field: string, text: string) => void): void {
  if (!isPlainObject(rule)) {
    problem('approvalRequired', 'must be an object');
    return;
  }
  const { amountOver, priorities, types, vipCustomer } = rule;
  if (
    amountOver !== undefined &&
    amountOver !== null &&
    (typeof amountOver !== 'number' || !(amountOver >= 0))
  ) {
    problem('approvalRequired.amountOver', 'must be a non-negative number or null');
  }
  if (!Array.isArray(priorities) || !priorities.every((p) => PRIORITIES.includes(p))) {
    problem('approvalRequired.priorities', `must be an array of ${PRIORITIES.join(', ')}`);
  }
  if (!Array.isArray(types) || !types.every((t) => ORDER_TYPES.includes(t))) {
    problem('approvalRequired.types', `must be an array of ${ORDER_TYPES.join(', ')}`);
  }
  if (typeof vipCustomer !== 'boolean') {
    problem('approvalRequired.vipCustomer', 'must be true or false');
  }
}
