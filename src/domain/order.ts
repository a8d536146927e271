import { isCoveredWork, type CoverageJudgement, type ServiceContract } from './coverage';
import type { CustomerChannel, CustomerLanguage } from './customer-messages';
import type { FieldProblem } from './field-problem';

export const ORDER_STATUSES = [
  'INFO_REQUIRED',
  'PENDING_REVIEW',
  'PENDING_APPROVAL',
  'PENDING_DISPATCH',
  'ASSIGNED',
  'ACCEPTED',
  'ON_SITE',
  // Paid work waits here for the customer's answer to the quote before it starts (issue 11).
  'PENDING_QUOTE',
  'IN_PROGRESS',
  'PENDING_QC',
  'PENDING_ACCEPTANCE',
  'REWORK',
  'COMPLETED',
  'CLOSED',
  'CANCELLED',
  'REJECTED',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

// The workflow completes when the order reaches one of these.
export const TERMINAL_STATUSES = [
  'CLOSED',
  'CANCELLED',
  'REJECTED',
] as const satisfies readonly OrderStatus[];
export type TerminalStatus = (typeof TERMINAL_STATUSES)[number];

export function isTerminalStatus(status: OrderStatus): status is TerminalStatus {
  return (TERMINAL_STATUSES as readonly OrderStatus[]).includes(status);
}

export const ORDER_TYPES = [
  'INSTALLATION',
  'REPAIR',
  'MAINTENANCE',
  'INSPECTION',
  'UPGRADE',
  'TESTING',
  'TRAINING',
  'COMPLAINT',
] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

export const PRIORITIES = ['LOW', 'NORMAL', 'HIGH', 'URGENT'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const CHANNELS = ['ONLINE', 'PHONE', 'WALK_IN', 'PARTNER'] as const;
export type Channel = (typeof CHANNELS)[number];

export const ZONES = ['IN_CITY', 'OUT_OF_CITY'] as const;
export type Zone = (typeof ZONES)[number];

export const DISPATCH_MODES = ['AUTO', 'DIRECT', 'SUPERVISOR', 'REGIONAL'] as const;
export type DispatchMode = (typeof DISPATCH_MODES)[number];
/** What intake assumes when the order names no dispatch mode. */
export const DEFAULT_DISPATCH_MODE: DispatchMode = 'AUTO';

export const MILESTONES = ['MATERIALS_READY', 'IN_PROGRESS', 'WAITING_PARTS', 'CARRY_BACK'] as const;
export type Milestone = (typeof MILESTONES)[number];

export const ROLES = [
  'agent',
  'supervisor',
  'dispatcher',
  'technician',
  'finance',
  'admin',
  'customer',
] as const;
export type Role = (typeof ROLES)[number];

// `customer` is whoever holds the order's customer token, never a staff account.
export const STAFF_ROLES = ['agent', 'supervisor', 'dispatcher', 'technician', 'finance', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface Customer {
  name: string;
  phone: string;
  address: string;
  zone: Zone;
  email?: string;
  region?: string;
  lat?: number;
  lng?: number;
  vip?: boolean;
  /** The language the customer is written to in (customer-messages.ts); absent: the default. */
  language?: CustomerLanguage;
  /** Whether the customer agreed at intake to service messages (absent on orders taken before it was asked). */
  messageConsent?: boolean;
  /** The channels the customer prefers; empty or absent: every channel with an address on file. */
  messageChannels?: CustomerChannel[];
}

export interface Equipment {
  model?: string;
  serialNumber?: string;
  /** ISO date, e.g. `2024-03-01`. */
  purchaseDate?: string;
  /** Where the proof of purchase is (invoice number, a scan's reference); the warranty needs one. */
  proofRef?: string;
}

/** Who pays for the work, as judged at intake (`judgeCoverage`) or set by a supervisor since. */
export interface OrderCoverage extends CoverageJudgement {
  /** The price catalogue version whose product warranties were used (null: none in force). */
  catalogueVersion: number | null;
  /** Set when a supervisor overrode the judgement. */
  overriddenBy?: { id: string | null; name: string; at: string } | null;
}

export interface ServiceItem {
  code: string;
  description: string;
  quantity: number;
  unitPrice: number;
}

/** ISO date-times. */
export interface AppointmentWindow {
  start: string;
  end: string;
}

export interface OrderDetails {
  type: OrderType;
  priority: Priority;
  channel: Channel;
  customer: Customer;
  equipment?: Equipment;
  faultDescription: string;
  serviceItems: ServiceItem[];
  totalAmount: number;
  paymentMethod?: string;
  appointment?: AppointmentWindow;
  requiredSkills: string[];
  dispatchMode: DispatchMode;
  directTechnicianId?: string;
  isWarranty?: boolean;
  parentOrderNo?: string;
  /** The customer's service contract, when they have one (合同服务). */
  serviceContract?: ServiceContract;
  /** Absent on orders taken before coverage was judged at intake. */
  coverage?: OrderCoverage;
}

export type IntakeProblem = FieldProblem;

// Which equipment facts each order type needs before review. A repair needs both: the serial number
// identifies the unit and the purchase date decides whether it is in warranty. Maintenance and upgrade
// act on a unit already in the field, so they need to know which one (serial number), but their price
// does not depend on warranty, so the purchase date is optional for them.
const REQUIRED_EQUIPMENT_FIELDS: Partial<Record<OrderType, readonly ('serialNumber' | 'purchaseDate')[]>> = {
  REPAIR: ['serialNumber', 'purchaseDate'],
  MAINTENANCE: ['serialNumber'],
  UPGRADE: ['serialNumber'],
};

/**
 * Business incompleteness found at intake (SPEC §2 stage 1). A non-empty list puts the order in
 * INFO_REQUIRED. Malformed input (wrong types, unknown enums) is the API's 400, not checked here.
 */
export function findIntakeProblems(details: OrderDetails): IntakeProblem[] {
  return [
    ...equipmentProblems(details),
    ...amountProblems(details),
    ...appointmentProblems(details.appointment),
    ...dispatchProblems(details),
  ];
}

function isBlank(value: string | undefined | null): boolean {
  return value === undefined || value === null || value.trim() === '';
}

function equipmentProblems(details: OrderDetails): IntakeProblem[] {
  const problems: IntakeProblem[] = [];
  for (const field of REQUIRED_EQUIPMENT_FIELDS[details.type] ?? []) {
    const value = details.equipment?.[field];
    if (isBlank(value)) {
      problems.push({ field: `equipment.${field}`, problem: `required for a ${details.type} order` });
    }
  }
  const purchaseDate = details.equipment?.purchaseDate;
  if (!isBlank(purchaseDate) && Number.isNaN(Date.parse(purchaseDate as string))) {
    problems.push({ field: 'equipment.purchaseDate', problem: `"${purchaseDate}" is not a date` });
  }
  return problems;
}

// Money is compared in whole cents so that 0.1 + 0.2 equals 0.3.
function toCents(amount: number): number {
  return Math.round(amount * 100);
}

/** Where a new order starts: waiting for the missing information, or straight in review (SPEC §2 stage 1). */
export function intakeStatus(problems: readonly IntakeProblem[]): 'INFO_REQUIRED' | 'PENDING_REVIEW' {
  return problems.length > 0 ? 'INFO_REQUIRED' : 'PENDING_REVIEW';
}

type SettledDetails = Pick<OrderDetails, 'totalAmount' | 'isWarranty' | 'coverage'>;

/** Work the customer does not pay for: a warranty claim's order, or coverage IN_WARRANTY / CONTRACT. */
export function isFreeOfCharge(details: Pick<OrderDetails, 'isWarranty' | 'coverage'>): boolean {
  return (
    details.isWarranty === true ||
    (details.coverage !== undefined && isCoveredWork(details.coverage.coverage))
  );
}

/** What finance must record at settlement: the order total, or 0 for covered work (SPEC §2 stage 12). */
export function expectedSettlement(details: SettledDetails): number {
  return isFreeOfCharge(details) ? 0 : details.totalAmount;
}

/** A reason the settled amount is refused, or null when it matches to the cent. */
export function settlementProblem(details: SettledDetails, amount: number): string | null {
  const expected = expectedSettlement(details);
  if (toCents(amount) === toCents(expected)) return null;
  if (details.isWarranty) return 'an in-warranty order settles at 0';
  return isFreeOfCharge(details)
    ? `${details.coverage?.coverage ?? 'covered'} work settles at 0`
    : `amount ${String(amount)} does not match the order total ${expected.toFixed(2)}`;
}

function amountProblems(details: OrderDetails): IntakeProblem[] {
  const problems: IntakeProblem[] = [];
  details.serviceItems.forEach((item, index) => {
    if (!(item.quantity > 0)) {
      problems.push({ field: `serviceItems[${index}].quantity`, problem: 'must be greater than 0' });
    }
    if (!(item.unitPrice >= 0)) {
      problems.push({ field: `serviceItems[${index}].unitPrice`, problem: 'must not be negative' });
    }
  });
  const totalCents = toCents(details.totalAmount);
  if (details.isWarranty) {
    // In-warranty work is free of charge whatever the items are worth (SPEC §2 stages 12–13).
    if (totalCents !== 0) {
      problems.push({ field: 'totalAmount', problem: 'a warranty order must have a total of 0' });
    }
    return problems;
  }
  const itemsCents = details.serviceItems.reduce(
    (sum, item) => sum + toCents(item.quantity * item.unitPrice),
    0,
  );
  if (itemsCents !== totalCents) {
    problems.push({
      field: 'totalAmount',
      problem: `${(totalCents / 100).toFixed(2)} does not equal the sum of the service items, ${(itemsCents / 100).toFixed(2)}`,
    });
  }
  return problems;
}

function appointmentProblems(appointment: AppointmentWindow | undefined): IntakeProblem[] {
  if (!appointment) {
    return [{ field: 'appointment', problem: 'an appointment window is required' }];
  }
  const start = Date.parse(appointment.start);
  const end = Date.parse(appointment.end);
  const problems: IntakeProblem[] = [];
  if (Number.isNaN(start)) {
    problems.push({ field: 'appointment.start', problem: `"${appointment.start}" is not a date-time` });
  }
  if (Number.isNaN(end)) {
    problems.push({ field: 'appointment.end', problem: `"${appointment.end}" is not a date-time` });
  }
  if (problems.length === 0 && end <= start) {
    problems.push({ field: 'appointment.end', problem: 'must be after the start' });
  }
  return problems;
}

function dispatchProblems(details: OrderDetails): IntakeProblem[] {
  if (details.dispatchMode === 'DIRECT' && isBlank(details.directTechnicianId)) {
    return [{ field: 'directTechnicianId', problem: 'DIRECT dispatch needs the technician named at intake' }];
  }
  return [];
}

export const ORDER_NO_PATTERN = /^SO-\d{8}-\d{6}$/;

const MAX_DAILY_SEQUENCE = 999_999;

/** `SO-YYYYMMDD-NNNNNN`; the date is the UTC date so every server agrees on it. */
export function formatOrderNo(date: Date, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > MAX_DAILY_SEQUENCE) {
    throw new RangeError(
      `order sequence must be an integer from 0 to ${MAX_DAILY_SEQUENCE}, got ${sequence}`,
    );
  }
  if (Number.isNaN(date.getTime())) {
    throw new RangeError('order date is not a valid date');
  }
  const yyyy = String(date.getUTCFullYear()).padStart(4, '0');
  const mm = String(date.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(date.getUTCDate()).padStart(2, '0');
  return `SO-${yyyy}${mm}${dd}-${String(sequence).padStart(6, '0')}`;
}
