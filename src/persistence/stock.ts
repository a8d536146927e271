// Stock in PostgreSQL (docs/stock.md). Every change of a level is one conditional UPDATE whose WHERE says
// the change is allowed (`on_hand - reserved >= $q` to reserve), written in one transaction with its
// movement row; the CHECK constraints on stock_levels refuse anything that slips past. Each function is
// safe to retry: a movement's idempotency key is unique, and a call whose key is already used answers its
// first outcome and changes nothing.
import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';
import type { FieldProblem } from '../domain/field-problem';
import {
  applyReceipt,
  compareCodes,
  levelKey,
  locationProblems,
  outstandingReservations,
  partCodeProblem,
  planBookOut,
  quantityProblem,
  receiptRefusal,
  shortfallOf,
  validateStockLines,
  type BookOutStep,
  type PurchaseRequestState,
  type PurchaseRequestStatus,
  type Shortfall,
  type SignedMovement,
  type StockLine,
  type StockLocationKind,
  type StockMovementKind,
} from '../domain/stock';

type Queryable = Pick<EntityManager, 'query'>;

export type StockRefusalReason =
  | 'INVALID_INPUT'
  | 'UNKNOWN_LOCATION'
  | 'LOCATION_INACTIVE'
  | 'LOCATION_EXISTS'
  | 'TECHNICIAN_NOT_FOUND'
  | 'TECHNICIAN_HAS_VAN'
  | 'UNKNOWN_PURCHASE_REQUEST'
  | 'PURCHASE_REQUEST_MISMATCH'
  | 'PURCHASE_REQUEST_CLOSED'
  /** The idempotency key was used for a different call. */
  | 'KEY_REUSED';

/** A call refused on purpose, nothing changed; the API maps `reason` to a status, a workflow to a failure. */
export class StockRefusal extends Error {
  constructor(
    readonly reason: StockRefusalReason,
    message: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'StockRefusal';
  }
}

export interface StockLocationRow {
  code: string;
  kind: StockLocationKind;
  technicianId: string | null;
  name: string;
  active: boolean;
  createdAt: string;
}

export interface StockLevelRow {
  locationCode: string;
  partCode: string;
  onHand: number;
  reserved: number;
  available: number;
}

export interface PurchaseRequestRow {
  id: string;
  orderNo: string;
  partCode: string;
  quantity: number;
  receivedQuantity: number;
  locationCode: string;
  status: PurchaseRequestStatus;
  requestedBy: string | null;
  createdAt: string;
  receivedAt: string | null;
}

/** Who a change is made for: a staff member's id, or null for the system. */
type ActorId = string | null;

// ---------------------------------------------------------------------------------------------- helpers

/** Longest caller key: the movement key adds `:${location}:${part}` (and `:reserved`) within 400. */
const MAX_CALLER_KEY = 300;

function checkedKey(key: unknown): string {
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_CALLER_KEY) {
    throw new StockRefusal('INVALID_INPUT', `The idempotency key must be 1–${MAX_CALLER_KEY} characters`, [
      { field: 'idempotencyKey', problem: `must be 1–${MAX_CALLER_KEY} characters` },
    ]);
  }
  return key;
}

function checkedLines(lines: unknown): StockLine[] {
  const result = validateStockLines(lines);
  if (!result.ok) throw invalid(result.errors);
  return result.lines;
}

function invalid(problems: FieldProblem[]): StockRefusal {
  return new StockRefusal('INVALID_INPUT', `Invalid ${problems.map((p) => p.field).join(', ')}`, problems);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const movementKey = (key: string, ...parts: string[]) => [key, ...parts].join(':');

/** `LIKE` pattern for keys that start with `prefix` (its own `%`, `_` and `\` taken literally). */
const startsWith = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Ends the transaction without its changes and hands `outcome` to the caller. */
class Rollback<T> extends Error {
  constructor(readonly outcome: T) {
    super('rolled back');
  }
}

/** A concurrent call with the same key committed first: run again and answer its outcome. */
class KeyTaken extends Error {}

// Deadlock, serialization failure: the transaction did nothing and may simply run again.
const TRANSIENT = new Set(['40P01', '40001']);
const TRANSIENT_ATTEMPTS = 3;

async function inTransaction<T, R = never>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T | R> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await dataSource.transaction(work);
    } catch (error) {
      if (error instanceof Rollback) return error.outcome as R;
      if (attempt < TRANSIENT_ATTEMPTS && TRANSIENT.has(pgCode(error) ?? '')) continue;
      throw error;
    }
  }
}

function pgCode(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  return (error.driverError as { code?: string } | undefined)?.code;
}

function pgConstraint(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  return (error.driverError as { constraint?: string } | undefined)?.constraint;
}

/**
 * One change at a time per order: what an order holds reserved is read from its movements and then
 * changed, so a release and a book-out of the same order must not interleave. Other orders go on.
 */
async function lockOrder(manager: Queryable, orderNo: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`stock-order:${orderNo}`]);
}

interface LocationRecord {
  code: string;
  kind: StockLocationKind;
  technician_id: string | null;
  name: string;
  active: boolean;
  created_at: Date;
}

const toLocation = (row: LocationRecord): StockLocationRow => ({
  code: row.code,
  kind: row.kind,
  technicianId: row.technician_id,
  name: row.name,
  active: row.active,
  createdAt: row.created_at.toISOString(),
});

export async function findLocation(manager: Queryable, code: string): Promise<StockLocationRow | null> {
  const rows = (await manager.query(`SELECT * FROM stock_locations WHERE code = $1`, [
    code,
  ])) as LocationRecord[];
  return rows.length > 0 ? toLocation(rows[0]) : null;
}

/** The location, which must exist and, unless `inactiveToo`, still be in use. */
async function locationFor(
  manager: Queryable,
  code: string,
  options: { inactiveToo?: boolean } = {},
): Promise<StockLocationRow> {
  const location = await findLocation(manager, code);
  if (!location) throw new StockRefusal('UNKNOWN_LOCATION', `No stock location ${code}`);
  if (!location.active && !options.inactiveToo) {
    throw new StockRefusal('LOCATION_INACTIVE', `Stock location ${code} is no longer in use`);
  }
  return location;
}

interface LevelRecord {
  location_code: string;
  part_code: string;
  on_hand: number;
  reserved: number;
}

const toLevel = (row: LevelRecord): StockLevelRow => ({
  locationCode: row.location_code,
  partCode: row.part_code,
  onHand: row.on_hand,
  reserved: row.reserved,
  available: row.on_hand - row.reserved,
});

async function levelOf(manager: Queryable, locationCode: string, partCode: string): Promise<StockLevelRow> {
  const rows = (await manager.query(
    `SELECT location_code, part_code, on_hand, reserved FROM stock_levels WHERE location_code = $1 AND part_code = $2`,
    [locationCode, partCode],
  )) as LevelRecord[];
  return rows.length > 0
    ? toLevel(rows[0])
    : { locationCode, partCode, onHand: 0, reserved: 0, available: 0 };
}

/** Free units per part at a location (parts it never held are absent, i.e. none). */
async function availability(
  manager: Queryable,
  locationCode: string,
  partCodes: string[],
): Promise<Map<string, number>> {
  const rows = (await manager.query(
    `SELECT part_code, on_hand - reserved AS available FROM stock_levels
      WHERE location_code = $1 AND part_code = ANY($2::varchar[])`,
    [locationCode, partCodes],
  )) as { part_code: string; available: number }[];
  return new Map(rows.map((row) => [row.part_code, row.available]));
}

interface MovementRecord {
  id: string;
  idempotency_key: string;
  location_code: string;
  part_code: string;
  quantity: number;
  kind: StockMovementKind;
  order_no: string | null;
  purchase_request_id: string | null;
}

async function movementsByKey(manager: Queryable, keys: string[]): Promise<Map<string, MovementRecord>> {
  const rows = (await manager.query(
    `SELECT id, idempotency_key, location_code, part_code, quantity, kind, order_no, purchase_request_id
       FROM stock_movements WHERE idempotency_key = ANY($1::varchar[])`,
    [keys],
  )) as MovementRecord[];
  return new Map(rows.map((row) => [row.idempotency_key, row]));
}

interface NewMovement {
  locationCode: string;
  partCode: string;
  kind: StockMovementKind;
  quantity: number;
  orderNo: string | null;
  purchaseRequestId?: string | null;
  key: string;
  actorId: ActorId;
}

/** Writes the movement, or answers null when its key is already taken (nothing written). */
async function claimMovement(manager: Queryable, m: NewMovement): Promise<{ id: string } | null> {
  const rows = (await manager.query(
    `INSERT INTO stock_movements (location_code, part_code, quantity, kind, order_no, purchase_request_id, idempotency_key, actor_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
    [
      m.locationCode,
      m.partCode,
      m.quantity,
      m.kind,
      m.orderNo,
      m.purchaseRequestId ?? null,
      m.key,
      m.actorId,
    ],
  )) as { id: string }[];
  return rows[0] ?? null;
}

function keyReused(key: string): StockRefusal {
  return new StockRefusal('KEY_REUSED', `The idempotency key ${key} was used for a different stock change`);
}

/** What an order holds reserved, per location and part (optionally at one location). */
async function heldBy(
  manager: Queryable,
  orderNo: string,
  locationCode?: string,
): Promise<Map<string, number>> {
  const rows = (await manager.query(
    `SELECT location_code, part_code, kind, quantity FROM stock_movements
      WHERE order_no = $1 AND kind IN ('RESERVE', 'RELEASE') AND ($2::varchar IS NULL OR location_code = $2)`,
    [orderNo, locationCode ?? null],
  )) as { location_code: string; part_code: string; kind: StockMovementKind; quantity: number }[];
  return outstandingReservations(
    rows.map((row): SignedMovement => ({
      locationCode: row.location_code,
      partCode: row.part_code,
      kind: row.kind,
      quantity: row.quantity,
    })),
  );
}

/** Rows of an `UPDATE … RETURNING` (TypeORM answers `[rows, rowCount]` for UPDATE and DELETE). */
async function updateReturning<T = unknown>(
  manager: Queryable,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  const [rows] = (await manager.query(sql, params)) as [T[], number];
  return rows;
}

/** A conditional UPDATE that the ledger says must succeed did not: the tables disagree, stop loudly. */
function ledgerOutOfStep(what: string): Error {
  return new Error(`stock ledger out of step: ${what}`);
}

// ------------------------------------------------------------------------------------------ reservation

export interface ReserveInput {
  orderNo: string;
  locationCode: string;
  lines: StockLine[];
  idempotencyKey: string;
  actorId: ActorId;
}

export type ReserveOutcome =
  | { kind: 'RESERVED'; orderNo: string; locationCode: string; lines: StockLine[]; replayed: boolean }
  /** Nothing was reserved; `shortfall` names each part that could not be had. */
  | { kind: 'SHORTFALL'; orderNo: string; locationCode: string; shortfall: Shortfall[] };

// How often a reservation that failed on a line is tried again when, read a moment later, nothing is short
// any more (stock released in between).
const RESERVE_ATTEMPTS = 5;

/**
 * 领用: reserves every line for the order at the location, or none. Each line is one atomic conditional
 * UPDATE (`on_hand - reserved >= q`), so 50 orders asking at once never reserve more than is there. A
 * short line rolls back the lines before it and the answer names every short part; what to do about it
 * (a purchase request) is the caller's decision. Movement keys: `${idempotencyKey}:${partCode}`.
 */
export async function reserveParts(dataSource: DataSource, input: ReserveInput): Promise<ReserveOutcome> {
  const lines = checkedLines(input.lines);
  const key = checkedKey(input.idempotencyKey);
  const { orderNo, locationCode } = input;
  const keys = lines.map((line) => movementKey(key, line.partCode));
  type Short = { kind: 'SHORT'; partCode: string };

  for (let attempt = 1; ; attempt++) {
    const outcome = await inTransaction<ReserveOutcome, Short>(dataSource, async (manager) => {
      await lockOrder(manager, orderNo);
      const first = await movementsByKey(manager, keys);
      if (first.size > 0) {
        const same = lines.every((line, i) => {
          const m = first.get(keys[i]);
          return (
            m?.kind === 'RESERVE' &&
            m.order_no === orderNo &&
            m.location_code === locationCode &&
            m.quantity === line.quantity
          );
        });
        if (!same || first.size !== keys.length) throw keyReused(key);
        return { kind: 'RESERVED', orderNo, locationCode, lines, replayed: true };
      }
      await locationFor(manager, locationCode);
      for (const [i, line] of lines.entries()) {
        const claimed = await claimMovement(manager, {
          locationCode,
          partCode: line.partCode,
          kind: 'RESERVE',
          quantity: line.quantity,
          orderNo,
          key: keys[i],
          actorId: input.actorId,
        });
        // Not ours (we hold the order's lock and saw no row of this key): another order's movement.
        if (!claimed) throw keyReused(key);
        const reserved = await updateReturning(
          manager,
          `UPDATE stock_levels SET reserved = reserved + $3, updated_at = now()
            WHERE location_code = $1 AND part_code = $2 AND on_hand - reserved >= $3
            RETURNING reserved`,
          [locationCode, line.partCode, line.quantity],
        );
        if (reserved.length === 0) throw new Rollback<Short>({ kind: 'SHORT', partCode: line.partCode });
      }
      return { kind: 'RESERVED', orderNo, locationCode, lines, replayed: false };
    });
    if (outcome.kind !== 'SHORT') return outcome;

    const available = await availability(
      dataSource.manager,
      locationCode,
      lines.map((l) => l.partCode),
    );
    const shortfall = shortfallOf(lines, available);
    if (shortfall.length > 0) return { kind: 'SHORTFALL', orderNo, locationCode, shortfall };
    if (attempt >= RESERVE_ATTEMPTS) {
      // Stock kept moving under every attempt: report the line that failed last.
      const line = lines.find((l) => l.partCode === outcome.partCode) as StockLine;
      return {
        kind: 'SHORTFALL',
        orderNo,
        locationCode,
        shortfall: [
          {
            partCode: line.partCode,
            requested: line.quantity,
            available: Math.min(line.quantity - 1, available.get(line.partCode) ?? 0),
          },
        ],
      };
    }
  }
}

export interface ReleaseInput {
  orderNo: string;
  /** Only the reservations at this location; absent: everywhere. */
  locationCode?: string;
  idempotencyKey: string;
  actorId: ActorId;
}

export interface ReleaseOutcome {
  orderNo: string;
  /** What went back to free stock (empty: the order held nothing). */
  released: { locationCode: string; partCode: string; quantity: number }[];
  replayed: boolean;
}

/**
 * Gives back what the order still holds reserved (a cancelled order, parts not needed after all). Movement
 * keys: `${idempotencyKey}:${locationCode}:${partCode}`; a retry answers what the first call released.
 */
export async function releaseReservation(
  dataSource: DataSource,
  input: ReleaseInput,
): Promise<ReleaseOutcome> {
  const key = checkedKey(input.idempotencyKey);
  const { orderNo, locationCode } = input;
  return inTransaction(dataSource, async (manager) => {
    await lockOrder(manager, orderNo);
    const first = (await manager.query(
      `SELECT location_code, part_code, quantity FROM stock_movements
        WHERE order_no = $1 AND kind = 'RELEASE' AND idempotency_key LIKE $2 ESCAPE '\\'`,
      [orderNo, startsWith(`${key}:`)],
    )) as { location_code: string; part_code: string; quantity: number }[];
    if (first.length > 0) {
      return {
        orderNo,
        released: sortedReleases(
          first.map((m) => ({ locationCode: m.location_code, partCode: m.part_code, quantity: -m.quantity })),
        ),
        replayed: true,
      };
    }
    if (locationCode !== undefined) await locationFor(manager, locationCode, { inactiveToo: true });
    const held = await heldBy(manager, orderNo, locationCode);
    const released = sortedReleases(
      [...held].map(([at, quantity]) => {
        const [heldAt, partCode] = splitLevelKey(at);
        return { locationCode: heldAt, partCode, quantity };
      }),
    );
    for (const r of released) {
      const claimed = await claimMovement(manager, {
        locationCode: r.locationCode,
        partCode: r.partCode,
        kind: 'RELEASE',
        quantity: -r.quantity,
        orderNo,
        key: movementKey(key, r.locationCode, r.partCode),
        actorId: input.actorId,
      });
      if (!claimed) throw keyReused(key);
      const updated = await updateReturning(
        manager,
        `UPDATE stock_levels SET reserved = reserved - $3, updated_at = now()
          WHERE location_code = $1 AND part_code = $2 AND reserved >= $3 RETURNING reserved`,
        [r.locationCode, r.partCode, r.quantity],
      );
      if (updated.length === 0)
        throw ledgerOutOfStep(`${orderNo} holds ${r.quantity} ${r.partCode} at ${r.locationCode}`);
    }
    return { orderNo, released, replayed: false };
  });
}

function splitLevelKey(key: string): [string, string] {
  const at = key.indexOf(':');
  return [key.slice(0, at), key.slice(at + 1)];
}

// Location, then part: the order rows are locked in, the same as every other multi-row change.
function sortedReleases<T extends { locationCode: string; partCode: string }>(rows: T[]): T[] {
  return rows.sort(
    (a, b) => compareCodes(a.locationCode, b.locationCode) || compareCodes(a.partCode, b.partCode),
  );
}

// --------------------------------------------------------------------------------------------- book-out

export interface BookOutInput {
  orderNo: string;
  locationCode: string;
  /** The parts used. */
  lines: StockLine[];
  idempotencyKey: string;
  actorId: ActorId;
}

export type BookOutOutcome =
  | { kind: 'BOOKED_OUT'; orderNo: string; locationCode: string; lines: BookOutStep[]; replayed: boolean }
  /** Nothing was booked out: more was used than the order reserved plus what is free. */
  | { kind: 'SHORTFALL'; orderNo: string; locationCode: string; shortfall: Shortfall[] };

/**
 * 仓库下账 at completion: the parts used leave `on_hand`, taken from the order's reservation first (so
 * `reserved` goes down by as much), beyond it from free stock. All lines or none. What the order still holds
 * afterwards stays reserved until releaseReservation. Movement keys: `${key}:${partCode}` (BOOK_OUT) and
 * `${key}:${partCode}:reserved` (the RELEASE of the reservation used).
 */
export async function bookOut(dataSource: DataSource, input: BookOutInput): Promise<BookOutOutcome> {
  const lines = checkedLines(input.lines);
  const key = checkedKey(input.idempotencyKey);
  const { orderNo, locationCode } = input;
  const bookKeys = lines.map((line) => movementKey(key, line.partCode));
  const releaseKeys = lines.map((line) => movementKey(key, line.partCode, 'reserved'));
  return inTransaction(dataSource, async (manager): Promise<BookOutOutcome> => {
    await lockOrder(manager, orderNo);
    const first = await movementsByKey(manager, [...bookKeys, ...releaseKeys]);
    if (first.size > 0) {
      const steps = lines.map((line, i): BookOutStep | null => {
        const m = first.get(bookKeys[i]);
        if (m?.kind !== 'BOOK_OUT' || m.order_no !== orderNo || m.location_code !== locationCode) return null;
        if (-m.quantity !== line.quantity) return null;
        const usedReservation = first.get(releaseKeys[i])?.quantity;
        const fromReservation = usedReservation ? -usedReservation : 0;
        return { ...line, fromReservation, fromFree: line.quantity - fromReservation };
      });
      if (steps.some((s) => s === null)) throw keyReused(key);
      return { kind: 'BOOKED_OUT', orderNo, locationCode, lines: steps as BookOutStep[], replayed: true };
    }
    await locationFor(manager, locationCode, { inactiveToo: true });
    const held = await heldBy(manager, orderNo, locationCode);
    const levels = (await manager.query(
      `SELECT part_code, on_hand, reserved FROM stock_levels
        WHERE location_code = $1 AND part_code = ANY($2::varchar[])
        ORDER BY part_code COLLATE "C" FOR UPDATE`,
      [locationCode, lines.map((l) => l.partCode)],
    )) as { part_code: string; on_hand: number; reserved: number }[];
    const plan = planBookOut(
      lines,
      new Map(lines.map((l) => [l.partCode, held.get(levelKey(locationCode, l.partCode)) ?? 0])),
      new Map(levels.map((row) => [row.part_code, row.on_hand - row.reserved])),
    );
    if (!plan.ok) return { kind: 'SHORTFALL', orderNo, locationCode, shortfall: plan.shortfall };
    for (const [i, step] of plan.steps.entries()) {
      const movement = { locationCode, partCode: step.partCode, orderNo, actorId: input.actorId };
      if (
        !(await claimMovement(manager, {
          ...movement,
          kind: 'BOOK_OUT',
          quantity: -step.quantity,
          key: bookKeys[i],
        }))
      )
        throw keyReused(key);
      if (step.fromReservation > 0) {
        const claimed = await claimMovement(manager, {
          ...movement,
          kind: 'RELEASE',
          quantity: -step.fromReservation,
          key: releaseKeys[i],
        });
        if (!claimed) throw keyReused(key);
      }
      const updated = await updateReturning(
        manager,
        `UPDATE stock_levels SET on_hand = on_hand - $3, reserved = reserved - $4, updated_at = now()
          WHERE location_code = $1 AND part_code = $2 AND reserved >= $4 AND on_hand - reserved >= $3 - $4
          RETURNING on_hand`,
        [locationCode, step.partCode, step.quantity, step.fromReservation],
      );
      if (updated.length === 0)
        throw ledgerOutOfStep(`book-out of ${step.quantity} ${step.partCode} at ${locationCode}`);
    }
    return { kind: 'BOOKED_OUT', orderNo, locationCode, lines: plan.steps, replayed: false };
  });
}

// ---------------------------------------------------------------------------------------------- receipts

export interface ReceiveInput {
  locationCode: string;
  partCode: string;
  quantity: number;
  /** The purchase request the parts arrived for; it becomes RECEIVED once receipts cover it. */
  purchaseRequestId?: string | null;
  idempotencyKey: string;
  actorId: ActorId;
}

export interface ReceiveOutcome {
  movementId: string;
  locationCode: string;
  partCode: string;
  quantity: number;
  /** The level now (on a replay too: the receipt is in it once). */
  level: StockLevelRow;
  purchaseRequest: PurchaseRequestRow | null;
  replayed: boolean;
}

/** Books parts in at a location (a delivery, a return to the shelf). Movement key: `${key}:${partCode}`. */
export async function receiveStock(dataSource: DataSource, input: ReceiveInput): Promise<ReceiveOutcome> {
  const problems = [partCodeProblem(input.partCode), quantityProblem(input.quantity)].filter(
    (p): p is FieldProblem => p !== null,
  );
  const requestId = input.purchaseRequestId ?? null;
  if (requestId !== null && !UUID.test(requestId)) {
    problems.push({ field: 'purchaseRequestId', problem: 'must be a uuid' });
  }
  if (problems.length > 0) throw invalid(problems);
  const key = movementKey(checkedKey(input.idempotencyKey), input.partCode);
  const { locationCode, partCode, quantity } = input;

  for (;;) {
    try {
      return await inTransaction(dataSource, async (manager): Promise<ReceiveOutcome> => {
        const first = (await movementsByKey(manager, [key])).get(key);
        if (first) {
          const same =
            first.kind === 'RECEIPT' &&
            first.location_code === locationCode &&
            first.part_code === partCode &&
            first.quantity === quantity &&
            first.purchase_request_id === requestId;
          if (!same) throw keyReused(input.idempotencyKey);
          return {
            movementId: first.id,
            locationCode,
            partCode,
            quantity,
            level: await levelOf(manager, locationCode, partCode),
            purchaseRequest: requestId ? await findPurchaseRequest(manager, requestId) : null,
            replayed: true,
          };
        }
        await locationFor(manager, locationCode);
        let request: PurchaseRequestRow | null = null;
        if (requestId) {
          request = await findPurchaseRequest(manager, requestId, { forUpdate: true });
          if (!request)
            throw new StockRefusal('UNKNOWN_PURCHASE_REQUEST', `No purchase request ${requestId}`);
          const refusal = receiptRefusal(request, { locationCode, partCode, quantity });
          if (refusal) throw new StockRefusal(refusal.reason, refusal.message);
        }
        const claimed = await claimMovement(manager, {
          locationCode,
          partCode,
          kind: 'RECEIPT',
          quantity,
          orderNo: request?.orderNo ?? null,
          purchaseRequestId: requestId,
          key,
          actorId: input.actorId,
        });
        if (!claimed) throw new KeyTaken();
        const [level] = (await manager.query(
          `INSERT INTO stock_levels (location_code, part_code, on_hand, reserved) VALUES ($1, $2, $3, 0)
           ON CONFLICT (location_code, part_code)
           DO UPDATE SET on_hand = stock_levels.on_hand + EXCLUDED.on_hand, updated_at = now()
           RETURNING location_code, part_code, on_hand, reserved`,
          [locationCode, partCode, quantity],
        )) as LevelRecord[];
        if (request) {
          const applied = applyReceipt(request, quantity);
          const [updated] = await updateReturning<PurchaseRequestRecord>(
            manager,
            `UPDATE purchase_requests SET received_quantity = $2, status = $3::varchar,
                    received_at = CASE WHEN $3::varchar = 'RECEIVED' THEN now() ELSE received_at END
              WHERE id = $1 RETURNING *`,
            [request.id, applied.receivedQuantity, applied.status],
          );
          request = toPurchaseRequest(updated);
        }
        return {
          movementId: claimed.id,
          locationCode,
          partCode,
          quantity,
          level: toLevel(level),
          purchaseRequest: request,
          replayed: false,
        };
      });
    } catch (error) {
      // The same receipt committed by a concurrent retry: the next round answers it.
      if (!(error instanceof KeyTaken)) throw error;
    }
  }
}

// ------------------------------------------------------------------------------------- purchase requests

interface PurchaseRequestRecord {
  id: string;
  order_no: string;
  part_code: string;
  quantity: number;
  received_quantity: number;
  location_code: string;
  status: PurchaseRequestStatus;
  requested_by: string | null;
  created_at: Date;
  received_at: Date | null;
}

const toPurchaseRequest = (row: PurchaseRequestRecord): PurchaseRequestRow => ({
  id: row.id,
  orderNo: row.order_no,
  partCode: row.part_code,
  quantity: row.quantity,
  receivedQuantity: row.received_quantity,
  locationCode: row.location_code,
  status: row.status,
  requestedBy: row.requested_by,
  createdAt: row.created_at.toISOString(),
  receivedAt: row.received_at?.toISOString() ?? null,
});

export async function findPurchaseRequest(
  manager: Queryable,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<(PurchaseRequestRow & PurchaseRequestState) | null> {
  const rows = (await manager.query(
    `SELECT * FROM purchase_requests WHERE id = $1${options.forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  )) as PurchaseRequestRecord[];
  return rows.length > 0 ? toPurchaseRequest(rows[0]) : null;
}

export interface OpenPurchaseRequestsInput {
  orderNo: string;
  /** Where the parts should arrive. */
  locationCode: string;
  /** What is missing, e.g. `missingLines(outcome.shortfall)` of a reservation. */
  lines: StockLine[];
  actorId: ActorId;
}

/**
 * 申请配件: one OPEN purchase request per order, part and location. Asking again while it is open raises
 * its quantity to the larger of the two and never adds, so a retry (or the same shortfall reported twice)
 * asks for nothing twice. Answers the requests, in the order of the lines.
 */
export async function openPurchaseRequests(
  dataSource: DataSource,
  input: OpenPurchaseRequestsInput,
): Promise<PurchaseRequestRow[]> {
  const lines = checkedLines(input.lines);
  return inTransaction(dataSource, async (manager) => {
    await locationFor(manager, input.locationCode);
    const requests: PurchaseRequestRow[] = [];
    for (const line of lines) {
      const [row] = (await manager.query(
        `INSERT INTO purchase_requests (order_no, part_code, quantity, location_code, requested_by)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (order_no, part_code, location_code) WHERE status = 'OPEN'
         DO UPDATE SET quantity = GREATEST(purchase_requests.quantity, EXCLUDED.quantity)
         RETURNING *`,
        [input.orderNo, line.partCode, line.quantity, input.locationCode, input.actorId],
      )) as PurchaseRequestRecord[];
      requests.push(toPurchaseRequest(row));
    }
    return requests;
  });
}

/** The order's open purchase requests become CANCELLED (the order was cancelled); answers those. */
export async function cancelPurchaseRequests(
  manager: Queryable,
  input: { orderNo: string },
): Promise<PurchaseRequestRow[]> {
  const rows = await updateReturning<PurchaseRequestRecord>(
    manager,
    `UPDATE purchase_requests SET status = 'CANCELLED' WHERE order_no = $1 AND status = 'OPEN' RETURNING *`,
    [input.orderNo],
  );
  return rows.map(toPurchaseRequest);
}

export const PURCHASE_REQUESTS_MAX_LIMIT = 500;

export async function listPurchaseRequests(
  manager: Queryable,
  filter: { status?: PurchaseRequestStatus; orderNo?: string; limit?: number } = {},
): Promise<PurchaseRequestRow[]> {
  const rows = (await manager.query(
    `SELECT * FROM purchase_requests
      WHERE ($1::varchar IS NULL OR status = $1) AND ($2::varchar IS NULL OR order_no = $2)
      ORDER BY created_at DESC, id LIMIT $3`,
    [
      filter.status ?? null,
      filter.orderNo ?? null,
      Math.min(filter.limit ?? 100, PURCHASE_REQUESTS_MAX_LIMIT),
    ],
  )) as PurchaseRequestRecord[];
  return rows.map(toPurchaseRequest);
}

// ------------------------------------------------------------------------------------ levels, locations

/** 查询备品库存: levels by location and part, optionally of one part and/or at one location. */
export async function stockLevels(
  manager: Queryable,
  filter: { partCode?: string; locationCode?: string } = {},
): Promise<StockLevelRow[]> {
  const rows = (await manager.query(
    `SELECT location_code, part_code, on_hand, reserved FROM stock_levels
      WHERE ($1::varchar IS NULL OR part_code = $1) AND ($2::varchar IS NULL OR location_code = $2)
      ORDER BY location_code COLLATE "C", part_code COLLATE "C"`,
    [filter.partCode ?? null, filter.locationCode ?? null],
  )) as LevelRecord[];
  return rows.map(toLevel);
}

export async function listLocations(manager: Queryable): Promise<StockLocationRow[]> {
  const rows = (await manager.query(
    `SELECT * FROM stock_locations ORDER BY code COLLATE "C"`,
  )) as LocationRecord[];
  return rows.map(toLocation);
}

export interface CreateLocationInput {
  code: string;
  kind: StockLocationKind;
  name: string;
  technicianId?: string | null;
}

/**
 * A new warehouse or a technician's van. A retry of the same creation answers the location again
 * (`created: false`); the code taken by a different location is LOCATION_EXISTS.
 */
export async function createLocation(
  dataSource: DataSource,
  input: CreateLocationInput,
): Promise<{ location: StockLocationRow; created: boolean }> {
  const technicianId = input.technicianId ?? null;
  const problems = locationProblems({ code: input.code, kind: input.kind, technicianId });
  if (typeof input.name !== 'string' || input.name.trim() === '' || input.name.length > 200) {
    problems.push({ field: 'name', problem: 'must be 1–200 characters' });
  }
  if (technicianId !== null && !UUID.test(technicianId)) {
    problems.push({ field: 'technicianId', problem: 'must be a uuid' });
  }
  if (problems.length > 0) throw invalid(problems);
  return inTransaction(dataSource, async (manager) => {
    if (technicianId !== null) {
      const technicians = (await manager.query(
        `SELECT id FROM users WHERE id = $1 AND 'technician' = ANY(roles)`,
        [technicianId],
      )) as unknown[];
      if (technicians.length === 0) {
        throw new StockRefusal('TECHNICIAN_NOT_FOUND', `No technician ${technicianId}`, [
          { field: 'technicianId', problem: 'must be the id of a technician' },
        ]);
      }
    }
    let inserted: LocationRecord[];
    try {
      inserted = (await manager.query(
        `INSERT INTO stock_locations (code, kind, technician_id, name) VALUES ($1, $2, $3, $4)
         ON CONFLICT (code) DO NOTHING RETURNING *`,
        [input.code, input.kind, technicianId, input.name],
      )) as LocationRecord[];
    } catch (error) {
      if (pgConstraint(error) === 'ux_stock_locations_technician') {
        throw new StockRefusal('TECHNICIAN_HAS_VAN', `Technician ${technicianId} already has a van`);
      }
      throw error;
    }
    if (inserted.length > 0) return { location: toLocation(inserted[0]), created: true };
    const existing = (await findLocation(manager, input.code)) as StockLocationRow;
    const same =
      existing.kind === input.kind && existing.name === input.name && existing.technicianId === technicianId;
    if (!same) throw new StockRefusal('LOCATION_EXISTS', `Stock location ${input.code} already exists`);
    return { location: existing, created: false };
  });
}
