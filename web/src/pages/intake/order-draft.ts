// The order form's state as the inputs hold it (strings, a list of item rows) and its conversion to the
// API's bodies: the intake (`IntakeOrderDto`) and the supply-info patch (`SupplyInfoDetailsDto`). The
// intake page and the queues' supply-info form edit the same draft.
import {
  DEFAULT_CUSTOMER_LANGUAGE,
  DEFAULT_DISPATCH_MODE,
  type CustomerChannel,
  type CustomerLanguage,
} from '../../components/vocabulary';
import type { Schemas } from '../../api/client';

export type IntakeBody = Schemas['IntakeOrderDto'];
export type OrderDetails = Schemas['OrderDetailsDto'];
export type SupplyDetails = Schemas['SupplyInfoDetailsDto'];
export type IntakeProblem = Schemas['IntakeProblemDto'];
export type OrderType = IntakeBody['type'];
export type Priority = IntakeBody['priority'];
export type Channel = IntakeBody['channel'];
export type DispatchMode = NonNullable<IntakeBody['dispatchMode']>;
export type Zone = Schemas['CustomerDto']['zone'];

// Records (not arrays) so the compiler insists on every value the contract allows, and on no other.
export const ORDER_TYPE_LABELS: Record<OrderType, string> = {
  INSTALLATION: 'Installation',
  REPAIR: 'Repair',
  MAINTENANCE: 'Maintenance',
  INSPECTION: 'Inspection',
  UPGRADE: 'Upgrade',
  TESTING: 'Testing',
  TRAINING: 'Training',
  COMPLAINT: 'Complaint',
};
export const PRIORITY_LABELS: Record<Priority, string> = {
  LOW: 'Low',
  NORMAL: 'Normal',
  HIGH: 'High',
  URGENT: 'Urgent',
};
export const CHANNEL_LABELS: Record<Channel, string> = {
  PHONE: 'Phone',
  WALK_IN: 'Walk-in',
  ONLINE: 'Online',
  PARTNER: 'Partner',
};
export const ZONE_LABELS: Record<Zone, string> = { IN_CITY: 'In city', OUT_OF_CITY: 'Out of city' };
export const DISPATCH_MODE_LABELS: Record<DispatchMode, string> = {
  AUTO: 'Automatic (the system picks a technician)',
  DIRECT: 'Direct (a named technician)',
  SUPERVISOR: 'By a dispatcher or supervisor',
  REGIONAL: "By the region's dispatcher",
};

export interface ServiceItemDraft {
  /** Stable React key of the row, so removing a row keeps the others' inputs. */
  rowId: string;
  code: string;
  description: string;
  quantity: string;
  unitPrice: string;
}

export interface OrderDraft {
  type: OrderType;
  priority: Priority;
  channel: Channel;
  customer: {
    name: string;
    phone: string;
    address: string;
    zone: Zone;
    email: string;
    region: string;
    lat: string;
    lng: string;
    vip: boolean;
    language: CustomerLanguage;
    messageConsent: boolean;
    /** Empty: every channel with an address on file. */
    messageChannels: CustomerChannel[];
  };
  equipment: { model: string; serialNumber: string; purchaseDate: string; proofRef: string };
  faultDescription: string;
  serviceItems: ServiceItemDraft[];
  paymentMethod: string;
  /** `datetime-local` values, in the agent's own time zone. */
  appointment: { start: string; end: string };
  /** Comma-separated, as typed. */
  requiredSkills: string;
  dispatchMode: DispatchMode;
  directTechnicianId: string;
  /** In-warranty work (a warranty claim's order) is free: its total is 0 whatever the items are worth. */
  isWarranty: boolean;
  /** The total the order holds now (null for a new order), so a wrong one is corrected even untouched. */
  recordedTotal: number | null;
}

let rowCounter = 0;
function nextRowId(): string {
  rowCounter += 1;
  return `item-${rowCounter}`;
}

export function emptyServiceItem(): ServiceItemDraft {
  return { rowId: nextRowId(), code: '', description: '', quantity: '1', unitPrice: '' };
}

export function emptyDraft(): OrderDraft {
  return {
    type: 'INSTALLATION',
    priority: 'NORMAL',
    channel: 'PHONE',
    customer: {
      name: '',
      phone: '',
      address: '',
      zone: 'IN_CITY',
      email: '',
      region: '',
      lat: '',
      lng: '',
      vip: false,
      language: DEFAULT_CUSTOMER_LANGUAGE,
      messageConsent: false,
      messageChannels: [],
    },
    equipment: { model: '', serialNumber: '', purchaseDate: '', proofRef: '' },
    faultDescription: '',
    serviceItems: [emptyServiceItem()],
    paymentMethod: '',
    appointment: { start: '', end: '' },
    requiredSkills: '',
    dispatchMode: DEFAULT_DISPATCH_MODE,
    directTechnicianId: '',
    isWarranty: false,
    recordedTotal: null,
  };
}

/** An ISO instant as a `datetime-local` value in the browser's time zone (`2030-05-01T09:00`). */
export function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** A `datetime-local` value as an ISO instant; unreadable input goes as typed so the server names it. */
function toIso(local: string): string {
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? local : date.toISOString();
}

function text(value: string | number | undefined): string {
  return value === undefined ? '' : String(value);
}

/** The order's stored details as the form's draft (the supply-info form starts from them). */
export function draftFromDetails(details: OrderDetails): OrderDraft {
  const customer = details.customer;
  return {
    type: details.type,
    priority: details.priority,
    channel: details.channel,
    customer: {
      name: customer.name,
      phone: customer.phone,
      address: customer.address,
      zone: customer.zone,
      email: text(customer.email),
      region: text(customer.region),
      lat: text(customer.lat),
      lng: text(customer.lng),
      vip: customer.vip ?? false,
      language: customer.language ?? DEFAULT_CUSTOMER_LANGUAGE,
      messageConsent: customer.messageConsent ?? false,
      messageChannels: customer.messageChannels ?? [],
    },
    equipment: {
      model: text(details.equipment?.model),
      serialNumber: text(details.equipment?.serialNumber),
      purchaseDate: text(details.equipment?.purchaseDate),
      proofRef: text(details.equipment?.proofRef),
    },
    faultDescription: details.faultDescription,
    serviceItems: details.serviceItems.map((item) => ({
      rowId: nextRowId(),
      code: item.code,
      description: item.description,
      quantity: String(item.quantity),
      unitPrice: String(item.unitPrice),
    })),
    paymentMethod: text(details.paymentMethod),
    appointment: {
      start: toLocalInput(details.appointment?.start),
      end: toLocalInput(details.appointment?.end),
    },
    requiredSkills: (details.requiredSkills ?? []).join(', '),
    dispatchMode: details.dispatchMode ?? DEFAULT_DISPATCH_MODE,
    directTechnicianId: text(details.directTechnicianId),
    isWarranty: details.isWarranty ?? false,
    recordedTotal: details.totalAmount,
  };
}

/**
 * A typed number. A blank or unreadable one becomes NaN, which JSON sends as null, so the server names the
 * field ("quantity must be a number") instead of the form quietly sending 0.
 */
function number(value: string): number {
  return value.trim() === '' ? Number.NaN : Number(value);
}

function optional(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function optionalNumber(value: string): number | undefined {
  return value.trim() === '' ? undefined : Number(value);
}

/** Money in whole cents, as the server compares it, so 0.1 + 0.2 totals 0.30. */
function cents(amount: number): number {
  return Math.round(amount * 100);
}

/** quantity × unit price of one row, or null while either is not a number. */
export function lineAmount(item: ServiceItemDraft): number | null {
  const quantity = number(item.quantity);
  const unitPrice = number(item.unitPrice);
  if (!Number.isFinite(quantity) || !Number.isFinite(unitPrice)) return null;
  return cents(quantity * unitPrice) / 100;
}

/** The sum of the rows that have a quantity and a price. */
export function itemsTotal(items: readonly ServiceItemDraft[]): number {
  return items.reduce((sum, item) => sum + cents(lineAmount(item) ?? 0), 0) / 100;
}

/** The order total the form shows and sends. */
export function orderTotal(draft: OrderDraft): number {
  return draft.isWarranty ? 0 : itemsTotal(draft.serviceItems);
}

export function formatMoney(amount: number): string {
  return amount.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

function customerOf(draft: OrderDraft): IntakeBody['customer'] {
  const { customer } = draft;
  return {
    name: customer.name.trim(),
    phone: customer.phone.trim(),
    address: customer.address.trim(),
    zone: customer.zone,
    email: optional(customer.email),
    region: optional(customer.region),
    lat: optionalNumber(customer.lat),
    lng: optionalNumber(customer.lng),
    vip: customer.vip || undefined,
    language: customer.language,
    messageConsent: customer.messageConsent,
    messageChannels: customer.messageChannels.length > 0 ? customer.messageChannels : undefined,
  };
}

function equipmentOf(draft: OrderDraft): IntakeBody['equipment'] {
  const equipment = {
    model: optional(draft.equipment.model),
    serialNumber: optional(draft.equipment.serialNumber),
    purchaseDate: optional(draft.equipment.purchaseDate),
    proofRef: optional(draft.equipment.proofRef),
  };
  return Object.values(equipment).some((value) => value !== undefined) ? equipment : undefined;
}

/** No appointment at all is allowed (the order then waits for one); half of one goes so the server names it. */
function appointmentOf(draft: OrderDraft): IntakeBody['appointment'] {
  const { start, end } = draft.appointment;
  if (start === '' && end === '') return undefined;
  return { start: toIso(start), end: toIso(end) };
}

function skillsOf(draft: OrderDraft): string[] {
  return draft.requiredSkills
    .split(/[,\s]+/)
    .map((skill) => skill.trim())
    .filter((skill) => skill !== '');
}

/** The intake body: exactly what the form shows, with the total computed from the rows. */
export function intakeBodyOf(draft: OrderDraft): IntakeBody {
  return {
    type: draft.type,
    priority: draft.priority,
    channel: draft.channel,
    customer: customerOf(draft),
    equipment: equipmentOf(draft),
    faultDescription: draft.faultDescription.trim(),
    serviceItems: draft.serviceItems.map((item) => ({
      code: item.code.trim(),
      description: item.description.trim(),
      quantity: number(item.quantity),
      unitPrice: number(item.unitPrice),
    })),
    totalAmount: orderTotal(draft),
    paymentMethod: optional(draft.paymentMethod),
    appointment: appointmentOf(draft),
    requiredSkills: skillsOf(draft),
    dispatchMode: draft.dispatchMode,
    directTechnicianId: draft.dispatchMode === 'DIRECT' ? optional(draft.directTechnicianId) : undefined,
  };
}

/**
 * The supply-info patch: only the parts the agent changed against `baseline` (omitted means unchanged on
 * the server), so the order's history names what was supplied. The items and the total go together.
 * The type is fixed after intake. A cleared optional field cannot be sent: the API refuses null.
 */
export function supplyDetailsOf(baseline: OrderDraft, draft: OrderDraft): SupplyDetails {
  const before = intakeBodyOf(baseline);
  const after = intakeBodyOf(draft);
  const changed = <Key extends keyof IntakeBody>(key: Key): IntakeBody[Key] | undefined =>
    JSON.stringify(before[key]) === JSON.stringify(after[key]) ? undefined : after[key];
  const totalCorrected =
    baseline.recordedTotal !== null && cents(baseline.recordedTotal) !== cents(after.totalAmount);
  const itemsChanged = changed('serviceItems') !== undefined || totalCorrected;
  return {
    priority: changed('priority'),
    channel: changed('channel'),
    customer: changed('customer'),
    equipment: changed('equipment'),
    faultDescription: changed('faultDescription'),
    serviceItems: itemsChanged ? after.serviceItems : undefined,
    totalAmount: itemsChanged ? after.totalAmount : undefined,
    paymentMethod: changed('paymentMethod'),
    appointment: changed('appointment'),
    requiredSkills: changed('requiredSkills'),
    // Always sent: the generated contract marks it required (its default makes it look so); unchanged
    // it replaces the order's mode with itself.
    dispatchMode: after.dispatchMode,
    directTechnicianId: changed('directTechnicianId'),
  };
}

/** Plain names for the fields the server and the automatic check name by path. */
const FIELD_LABELS: Record<string, string> = {
  type: 'Order type',
  priority: 'Priority',
  channel: 'Channel',
  customer: 'Customer',
  'customer.name': 'Customer name',
  'customer.phone': 'Customer phone',
  'customer.address': 'Address',
  'customer.zone': 'Zone',
  'customer.email': 'Email',
  'customer.region': 'Region',
  'customer.lat': 'Latitude',
  'customer.lng': 'Longitude',
  'customer.vip': 'VIP customer',
  equipment: 'Equipment',
  'equipment.model': 'Equipment model',
  'equipment.serialNumber': 'Serial number',
  'equipment.purchaseDate': 'Purchase date',
  'equipment.proofRef': 'Proof of purchase',
  faultDescription: 'Fault description',
  serviceItems: 'Service items',
  totalAmount: 'Total amount',
  paymentMethod: 'Payment method',
  appointment: 'Appointment',
  'appointment.start': 'Appointment start',
  'appointment.end': 'Appointment end',
  requiredSkills: 'Required skills',
  dispatchMode: 'Dispatch mode',
  directTechnicianId: 'Technician',
  review: "Reviewer's note",
};

const ITEM_FIELD_LABELS: Record<string, string> = {
  code: 'code',
  description: 'description',
  quantity: 'quantity',
  unitPrice: 'unit price',
};

/** `serviceItems[1].quantity` → "Service item 2, quantity"; unknown paths as they are. */
export function describeField(path: string): string {
  const item = /^serviceItems\[(\d+)\](?:\.(\w+))?$/.exec(path);
  if (item) {
    const row = `Service item ${Number(item[1]) + 1}`;
    return item[2] ? `${row}, ${ITEM_FIELD_LABELS[item[2]] ?? item[2]}` : row;
  }
  return FIELD_LABELS[path] ?? path;
}
