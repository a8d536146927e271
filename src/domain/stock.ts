// Parts and stock (docs/stock.md): 查询备品库存 (how many can be had), 领用 (reserve for an order),
// 申请配件 (a purchase request for what is missing), 仓库下账 (book out at completion). The rules here are
// pure; src/persistence/stock.ts applies them to stock_levels in PostgreSQL, where the conditional UPDATE
// and the CHECK constraints keep stock from going below zero.
import type { FieldProblem, Validated } from './field-problem';
import { isTerminalStatus, type OrderStatus, type StaffRole } from './order';

export const STOCK_LOCATION_KINDS = ['WAREHOUSE', 'VAN'] as const;
export type StockLocationKind = (typeof STOCK_LOCATION_KINDS)[number];

/**
 * What a movement changes, with its signed quantity: RECEIPT, ADJUST and BOOK_OUT change `on_hand`;
 * RESERVE and RELEASE change `reserved`. So each level is the sum of its movements, column by column.
 */
export const STOCK_MOVEMENT_KINDS = ['RECEIPT', 'RESERVE', 'RELEASE', 'BOOK_OUT', 'ADJUST'] as const;
export type StockMovementKind = (typeof STOCK_MOVEMENT_KINDS)[number];
export const ON_HAND_MOVEMENTS = [
  'RECEIPT',
  'ADJUST',
  'BOOK_OUT',
] as const satisfies readonly StockMovementKind[];
export const RESERVED_MOVEMENTS = ['RESERVE', 'RELEASE'] as const satisfies readonly StockMovementKind[];

export const PURCHASE_REQUEST_STATUSES = ['OPEN', 'RECEIVED', 'CANCELLED'] as const;
export type PurchaseRequestStatus = (typeof PURCHASE_REQUEST_STATUSES)[number];

/** The warehouse every installation starts with (seeded by the stock migration, no parts in it). */
export const MAIN_WAREHOUSE = 'MAIN';

/** Most units of one part in one line: more is a typing slip, not a repair. */
export const MAX_STOCK_QUANTITY = 10_000;
/** Most distinct parts in one reservation, book-out or purchase request. */
export const MAX_STOCK_LINES = 50;

/**
 * Part codes: letters, digits and `. _ / -`, up to 50. No `:` or spaces, so a movement's idempotency key
 * `${key}:${partCode}` splits back unambiguously.
 */
export const PART_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,49}$/;
/** Location codes: upper-case letters, digits, `_` and `-`, up to 32 (`MAIN`, `VAN-ZHANG`). */
export const LOCATION_CODE_PATTERN = /^[A-Z0-9][A-Z0-9_-]{0,31}$/;

export interface StockLine {
  partCode: string;
  quantity: number;
}

export interface StockLevel {
  onHand: number;
  reserved: number;
}

/** A part that cannot be had in the quantity asked: what was asked and what is free. */
export interface Shortfall {
  partCode: string;
  requested: number;
  available: number;
}

/** Units free to reserve: on hand and not promised to an order. No level row means none. */
export function availableQuantity(level: StockLevel | null | undefined): number {
  if (!level) return 0;
  return Math.max(0, level.onHand - level.reserved);
}

/** Why `quantity` is not a quantity of parts, or null: a whole number from 1 to MAX_STOCK_QUANTITY. */
export function quantityProblem(quantity: unknown, field = 'quantity'): FieldProblem | null {
  if (typeof quantity !== 'number' || !Number.isInteger(quantity)) {
    return { field, problem: 'must be a whole number' };
  }
  if (quantity < 1) return { field, problem: 'must be at least 1' };
  if (quantity > MAX_STOCK_QUANTITY) return { field, problem: `must be at most ${MAX_STOCK_QUANTITY}` };
  return null;
}

export function partCodeProblem(partCode: unknown, field = 'partCode'): FieldProblem | null {
  if (typeof partCode !== 'string' || !PART_CODE_PATTERN.test(partCode)) {
    return { field, problem: 'must be 1–50 letters, digits or . _ / - (starting with a letter or digit)' };
  }
  return null;
}

export function locationCodeProblem(code: unknown, field = 'locationCode'): FieldProblem | null {
  if (typeof code !== 'string' || !LOCATION_CODE_PATTERN.test(code)) {
    return {
      field,
      problem: 'must be 1–32 upper-case letters, digits, _ or - (starting with a letter or digit)',
    };
  }
  return null;
}

/**
 * The lines of a reservation, book-out or purchase request, checked; lines naming the same part are added
 * up (one movement per part), and the result is sorted by part code, the order rows are locked in, so
 * that two multi-line reservations never wait on each other crosswise.
 */
export function validateStockLines(lines: unknown, field = 'lines'): Validated<'lines', StockLine[]> {
  if (!Array.isArray(lines) || lines.length === 0) {
    return { ok: false, errors: [{ field, problem: 'must list at least one part' }] };
  }
  if (lines.length > MAX_STOCK_LINES) {
    return { ok: false, errors: [{ field, problem: `must list at most ${MAX_STOCK_LINES} lines` }] };
  }
  const errors: FieldProblem[] = [];
  const totals = new Map<string, number>();
  lines.forEach((line: unknown, index) => {
    const at = `${field}[${index}]`;
    const { partCode, quantity } = (
      typeof line === 'object' && line !== null ? line : {}
    ) as Partial<StockLine>;
    const problems = [
      partCodeProblem(partCode, `${at}.partCode`),
      quantityProblem(quantity, `${at}.quantity`),
    ];
    const found = problems.filter((p): p is FieldProblem => p !== null);
    if (found.length > 0) {
      errors.push(...found);
      return;
    }
    totals.set(partCode as string, (totals.get(partCode as string) ?? 0) + (quantity as number));
  });
  for (const [partCode, total] of totals) {
    if (total > MAX_STOCK_QUANTITY) {
      errors.push({
        field,
        problem: `asks for ${total} of ${partCode} in all, more than ${MAX_STOCK_QUANTITY}`,
      });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  const merged = [...totals].map(([partCode, quantity]) => ({ partCode, quantity }));
  return { ok: true, lines: merged.sort((a, b) => compareCodes(a.partCode, b.partCode)) };
}

/** Byte order, the same on every machine (not the locale's): the lock order of level rows. */
export function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The lines that cannot be had from what is free (`available` per part; a missing part has none). */
export function shortfallOf(
  lines: readonly StockLine[],
  available: ReadonlyMap<string, number>,
): Shortfall[] {
  return lines
    .map((line) => ({
      partCode: line.partCode,
      requested: line.quantity,
      available: Math.max(0, available.get(line.partCode) ?? 0),
    }))
    .filter((s) => s.requested > s.available);
}

/** What to ask the warehouse for (申请配件): the missing units of each short part. */
export function missingLines(shortfall: readonly Shortfall[]): StockLine[] {
  return shortfall
    .map((s) => ({ partCode: s.partCode, quantity: s.requested - Math.max(0, s.available) }))
    .filter((line) => line.quantity > 0);
}

export interface SignedMovement {
  locationCode: string;
  partCode: string;
  kind: StockMovementKind;
  quantity: number;
}

/** `${locationCode}:${partCode}`, the key of the maps below. */
export const levelKey = (locationCode: string, partCode: string) => `${locationCode}:${partCode}`;

/** What an order still holds reserved, per location and part: its RESERVE and RELEASE movements summed. */
export function outstandingReservations(movements: readonly SignedMovement[]): Map<string, number> {
  const held = new Map<string, number>();
  for (const m of movements) {
    if (!(RESERVED_MOVEMENTS as readonly string[]).includes(m.kind)) continue;
    const key = levelKey(m.locationCode, m.partCode);
    held.set(key, (held.get(key) ?? 0) + m.quantity);
  }
  for (const [key, quantity] of held) if (quantity <= 0) held.delete(key);
  return held;
}

/** One line of a book-out: how much comes out of the order's reservation, how much out of free stock. */
export interface BookOutStep extends StockLine {
  fromReservation: number;
  fromFree: number;
}

/**
 * 仓库下账: parts used leave the shelf. What the order reserved is used first; more than it reserved must be
 * free at the location, else the line is short (`available` = its reservation plus the free units).
 */
export function planBookOut(
  lines: readonly StockLine[],
  reservedForOrder: ReadonlyMap<string, number>,
  freeAvailable: ReadonlyMap<string, number>,
): { ok: true; steps: BookOutStep[] } | { ok: false; shortfall: Shortfall[] } {
  const steps: BookOutStep[] = [];
  const shortfall: Shortfall[] = [];
  for (const line of lines) {
    const reserved = Math.max(0, reservedForOrder.get(line.partCode) ?? 0);
    const free = Math.max(0, freeAvailable.get(line.partCode) ?? 0);
    const fromReservation = Math.min(line.quantity, reserved);
    const fromFree = line.quantity - fromReservation;
    if (fromFree > free)
      shortfall.push({ partCode: line.partCode, requested: line.quantity, available: reserved + free });
    else steps.push({ ...line, fromReservation, fromFree });
  }
  return shortfall.length > 0 ? { ok: false, shortfall } : { ok: true, steps };
}

export interface PurchaseRequestState {
  id: string;
  partCode: string;
  locationCode: string;
  quantity: number;
  receivedQuantity: number;
  status: PurchaseRequestStatus;
}

export interface Receipt {
  locationCode: string;
  partCode: string;
  quantity: number;
}

export type ReceiptRefusal = 'PURCHASE_REQUEST_CLOSED' | 'PURCHASE_REQUEST_MISMATCH';

/** Why a receipt may not be booked against this purchase request, or null. */
export function receiptRefusal(
  request: PurchaseRequestState,
  receipt: Receipt,
): { reason: ReceiptRefusal; message: string } | null {
  if (request.status !== 'OPEN') {
    return {
      reason: 'PURCHASE_REQUEST_CLOSED',
      message: `Purchase request ${request.id} is ${request.status}; only an OPEN request takes receipts`,
    };
  }
  if (request.partCode !== receipt.partCode || request.locationCode !== receipt.locationCode) {
    return {
      reason: 'PURCHASE_REQUEST_MISMATCH',
      message: `Purchase request ${request.id} asks for ${request.partCode} at ${request.locationCode}, not ${receipt.partCode} at ${receipt.locationCode}`,
    };
  }
  return null;
}

/**
 * Which purchase requests a receipt fulfils: the one it names, once what arrived for it (this receipt and
 * earlier partial ones) covers the quantity asked. A receipt naming none fulfils none; its units are
 * simply free stock.
 */
export function applyReceipt(
  request: PurchaseRequestState,
  quantity: number,
): { receivedQuantity: number; status: PurchaseRequestStatus; fulfilled: boolean } {
  const receivedQuantity = request.receivedQuantity + quantity;
  const fulfilled = receivedQuantity >= request.quantity;
  return { receivedQuantity, status: fulfilled ? 'RECEIVED' : request.status, fulfilled };
}

/** Who may draw stock for an order from a location. */
export interface StockActor {
  userId: string;
  roles: readonly StaffRole[];
}

export type StockAccessRefusal = 'NOT_YOUR_ORDER' | 'NOT_YOUR_VAN' | 'ORDER_FINISHED';

// Dispatchers and supervisors act for any order; someone who is only a technician for his own.
const ACTS_FOR_ANY_ORDER: readonly StaffRole[] = ['dispatcher', 'supervisor'];

/**
 * Why `actor` may not reserve for (or ask parts for) `order` from `location`, or null. A finished order
 * takes no new reservations (releasing is always allowed: it only gives stock back).
 */
export function stockAccessRefusal(
  actor: StockActor,
  order: { status: OrderStatus; technicianId: string | null },
  /** Null when the action covers every location of the order (a release). */
  location: { kind: StockLocationKind; technicianId: string | null } | null,
  action: 'reserve' | 'release' | 'request',
): { reason: StockAccessRefusal; message: string } | null {
  if (action !== 'release' && isTerminalStatus(order.status)) {
    return { reason: 'ORDER_FINISHED', message: `The order is ${order.status}; it takes no more parts` };
  }
  if (actor.roles.some((role) => ACTS_FOR_ANY_ORDER.includes(role))) return null;
  if (order.technicianId !== actor.userId) {
    return {
      reason: 'NOT_YOUR_ORDER',
      message: 'A technician draws parts only for an order assigned to him',
    };
  }
  if (location?.kind === 'VAN' && location.technicianId !== actor.userId) {
    return {
      reason: 'NOT_YOUR_VAN',
      message: "A technician draws parts from a warehouse or his own van, not another's",
    };
  }
  return null;
}

/** A new location's problems: a van belongs to one technician, a warehouse to nobody. */
export function locationProblems(location: {
  code: unknown;
  kind: unknown;
  technicianId: string | null | undefined;
}): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const code = locationCodeProblem(location.code, 'code');
  if (code) problems.push(code);
  if (!(STOCK_LOCATION_KINDS as readonly unknown[]).includes(location.kind)) {
    problems.push({ field: 'kind', problem: `must be one of ${STOCK_LOCATION_KINDS.join(', ')}` });
  } else if (location.kind === 'VAN' && !location.technicianId) {
    problems.push({ field: 'technicianId', problem: 'a van must name the technician it belongs to' });
  } else if (location.kind === 'WAREHOUSE' && location.technicianId) {
    problems.push({ field: 'technicianId', problem: 'a warehouse belongs to no technician' });
  }
  return problems;
}
