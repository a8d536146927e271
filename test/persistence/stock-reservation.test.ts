// Stock on the real PostgreSQL (docs/stock.md): reservations racing for the same units never take more than
// is on hand, multi-line reservations are all or nothing, retried keys change nothing, book-out and release
// arithmetic, receipts against purchase requests. Every test uses locations of its own.
import { randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MAIN_WAREHOUSE, missingLines, type StockLine } from '../../src/domain/stock';
import { dataSourceOptions } from '../../src/persistence/data-source';
import {
  bookOut,
  cancelPurchaseRequests,
  createLocation,
  findLocation,
  findPurchaseRequest,
  openPurchaseRequests,
  receiveStock,
  releaseReservation,
  reserveParts,
  stockLevels,
  StockRefusal,
  type ReserveOutcome,
} from '../../src/persistence/stock';
import { integrationEnv, openDataSource } from '../support/harness';

const RUN = `${randomInt(100_000, 1_000_000)}`;
let sequence = 0;
const next = () => (sequence += 1);

/** An order number of this run (the stock tables only need it unique). */
const orderNo = () =>
  `SO-2099${RUN.slice(0, 4)}-${String(next() * 97 + Number(RUN.slice(4))).padStart(6, '0')}`;
const key = (label: string) => `test-${RUN}-${label}-${next()}`;

describe('stock reservation on PostgreSQL', () => {
  let dataSource: DataSource;
  // Wide enough for 50 transactions at once, so the race is real and not queued behind a small pool.
  let wide: DataSource;

  beforeAll(async () => {
    dataSource = await openDataSource();
    wide = new DataSource({ ...dataSourceOptions(integrationEnv().databaseUrl), extra: { max: 50 } });
    await wide.initialize();
  });

  afterAll(async () => {
    await wide?.destroy();
    await dataSource?.destroy();
  });

  async function warehouse(stock: Record<string, number> = {}): Promise<string> {
    const code = `T${RUN}-${next()}`;
    await createLocation(dataSource, { code, kind: 'WAREHOUSE', name: `Test warehouse ${code}` });
    for (const [partCode, quantity] of Object.entries(stock)) {
      await receiveStock(dataSource, {
        locationCode: code,
        partCode,
        quantity,
        idempotencyKey: key('stock-up'),
        actorId: null,
      });
    }
    return code;
  }

  async function level(locationCode: string, partCode: string) {
    const [row] = await stockLevels(dataSource.manager, { locationCode, partCode });
    return row ?? { onHand: 0, reserved: 0, available: 0 };
  }

  /** Each level is the sum of its movements, column by column (docs/stock.md, "The ledger"). */
  async function expectLedgerBalanced(locationCode: string): Promise<void> {
    const rows = (await dataSource.query(
      `SELECT l.part_code, l.on_hand, l.reserved,
              COALESCE(SUM(m.quantity) FILTER (WHERE m.kind IN ('RECEIPT', 'ADJUST', 'BOOK_OUT')), 0)::int AS on_hand_moved,
              COALESCE(SUM(m.quantity) FILTER (WHERE m.kind IN ('RESERVE', 'RELEASE')), 0)::int AS reserved_moved
         FROM stock_levels l
         LEFT JOIN stock_movements m ON m.location_code = l.location_code AND m.part_code = l.part_code
        WHERE l.location_code = $1
        GROUP BY l.part_code, l.on_hand, l.reserved`,
      [locationCode],
    )) as {
      part_code: string;
      on_hand: number;
      reserved: number;
      on_hand_moved: number;
      reserved_moved: number;
    }[];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect({ part: row.part_code, onHand: row.on_hand_moved, reserved: row.reserved_moved }).toEqual({
        part: row.part_code,
        onHand: row.on_hand,
        reserved: row.reserved,
      });
    }
  }

  const reserve = (locationCode: string, lines: StockLine[], order = orderNo(), db = dataSource) =>
    reserveParts(db, { orderNo: order, locationCode, lines, idempotencyKey: key('reserve'), actorId: null });

  it('seeds the MAIN warehouse', async () => {
    expect(await findLocation(dataSource.manager, MAIN_WAREHOUSE)).toMatchObject({
      code: 'MAIN',
      kind: 'WAREHOUSE',
      technicianId: null,
      active: true,
    });
  });

  it('50 orders asking at once for 1 unit of 20: exactly 20 get one, 30 are told the shortfall', async () => {
    const at = await warehouse({ COMPRESSOR: 20 });
    let watching = true;
    const seen: { onHand: number; reserved: number }[] = [];
    const watcher = (async () => {
      while (watching) {
        seen.push(await level(at, 'COMPRESSOR'));
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();

    const outcomes = await Promise.all(
      Array.from({ length: 50 }, () =>
        reserve(at, [{ partCode: 'COMPRESSOR', quantity: 1 }], orderNo(), wide),
      ),
    );
    watching = false;
    await watcher;

    const reserved = outcomes.filter((o) => o.kind === 'RESERVED');
    const short = outcomes.filter(
      (o): o is Extract<ReserveOutcome, { kind: 'SHORTFALL' }> => o.kind === 'SHORTFALL',
    );
    expect(reserved).toHaveLength(20);
    expect(short).toHaveLength(30);
    for (const o of short)
      expect(o.shortfall).toEqual([{ partCode: 'COMPRESSOR', requested: 1, available: 0 }]);
    expect(await level(at, 'COMPRESSOR')).toMatchObject({ onHand: 20, reserved: 20, available: 0 });
    // Never below zero, never more promised than on hand, at any moment the watcher looked.
    expect(seen.length).toBeGreaterThan(0);
    for (const s of seen) {
      expect(s.onHand).toBe(20);
      expect(s.reserved).toBeGreaterThanOrEqual(0);
      expect(s.reserved).toBeLessThanOrEqual(s.onHand);
    }
    const [{ count }] = (await dataSource.query(
      `SELECT count(*)::int AS count FROM stock_movements WHERE location_code = $1 AND kind = 'RESERVE'`,
      [at],
    )) as { count: number }[];
    expect(count).toBe(20);
    await expectLedgerBalanced(at);
  });

  it('multi-line reservations racing are all or nothing (and lines in any order do not deadlock)', async () => {
    const at = await warehouse({ FAN: 10, VALVE: 5 });
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        reserve(
          at,
          i % 2 === 0
            ? [
                { partCode: 'FAN', quantity: 1 },
                { partCode: 'VALVE', quantity: 1 },
              ]
            : [
                { partCode: 'VALVE', quantity: 1 },
                { partCode: 'FAN', quantity: 1 },
              ],
          orderNo(),
          wide,
        ),
      ),
    );
    expect(outcomes.filter((o) => o.kind === 'RESERVED')).toHaveLength(5);
    for (const o of outcomes) {
      if (o.kind === 'SHORTFALL')
        expect(o.shortfall).toEqual([{ partCode: 'VALVE', requested: 1, available: 0 }]);
    }
    // No FAN was kept by an order that could not have its VALVE.
    expect(await level(at, 'FAN')).toMatchObject({ onHand: 10, reserved: 5 });
    expect(await level(at, 'VALVE')).toMatchObject({ onHand: 5, reserved: 5 });
    await expectLedgerBalanced(at);
  });

  it('a short line reserves nothing and names every short part', async () => {
    const at = await warehouse({ FAN: 3, VALVE: 1 });
    const outcome = await reserve(at, [
      { partCode: 'FAN', quantity: 2 },
      { partCode: 'VALVE', quantity: 2 },
      { partCode: 'GASKET', quantity: 4 },
    ]);
    expect(outcome).toEqual({
      kind: 'SHORTFALL',
      orderNo: expect.any(String),
      locationCode: at,
      shortfall: [
        { partCode: 'GASKET', requested: 4, available: 0 },
        { partCode: 'VALVE', requested: 2, available: 1 },
      ],
    });
    expect(await level(at, 'FAN')).toMatchObject({ onHand: 3, reserved: 0 });
    const [{ count }] = (await dataSource.query(
      `SELECT count(*)::int AS count FROM stock_movements WHERE location_code = $1 AND kind = 'RESERVE'`,
      [at],
    )) as { count: number }[];
    expect(count).toBe(0);
  });

  it('a retried key returns the first outcome and changes nothing; another call under it is refused', async () => {
    const at = await warehouse({ FAN: 10 });
    const order = orderNo();
    const input = {
      orderNo: order,
      locationCode: at,
      lines: [{ partCode: 'FAN', quantity: 3 }],
      idempotencyKey: key('retry'),
      actorId: null,
    };
    expect(await reserveParts(dataSource, input)).toMatchObject({ kind: 'RESERVED', replayed: false });
    // Ten retries at once (a client that timed out, an activity retried): still 3 reserved.
    const retries = await Promise.all(Array.from({ length: 10 }, () => reserveParts(wide, input)));
    for (const retry of retries) {
      expect(retry).toEqual({
        kind: 'RESERVED',
        orderNo: order,
        locationCode: at,
        lines: [{ partCode: 'FAN', quantity: 3 }],
        replayed: true,
      });
    }
    expect(await level(at, 'FAN')).toMatchObject({ onHand: 10, reserved: 3 });

    await expect(
      reserveParts(dataSource, { ...input, lines: [{ partCode: 'FAN', quantity: 4 }] }),
    ).rejects.toMatchObject({ reason: 'KEY_REUSED' });
    await expect(reserveParts(dataSource, { ...input, orderNo: orderNo() })).rejects.toMatchObject({
      reason: 'KEY_REUSED',
    });
    expect(await level(at, 'FAN')).toMatchObject({ onHand: 10, reserved: 3 });
    await expectLedgerBalanced(at);
  });

  it('concurrent first calls with one key reserve once', async () => {
    const at = await warehouse({ FAN: 10 });
    const input = {
      orderNo: orderNo(),
      locationCode: at,
      lines: [{ partCode: 'FAN', quantity: 2 }],
      idempotencyKey: key('race'),
      actorId: null,
    };
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => reserveParts(wide, input)));
    expect(outcomes.filter((o) => o.kind === 'RESERVED' && !o.replayed)).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === 'RESERVED' && o.replayed)).toHaveLength(7);
    expect(await level(at, 'FAN')).toMatchObject({ reserved: 2 });
  });

  it('a refused reservation does not use up its key: the retry after a receipt reserves', async () => {
    const at = await warehouse({ FAN: 1 });
    const input = {
      orderNo: orderNo(),
      locationCode: at,
      lines: [{ partCode: 'FAN', quantity: 2 }],
      idempotencyKey: key('later'),
      actorId: null,
    };
    expect((await reserveParts(dataSource, input)).kind).toBe('SHORTFALL');
    await receiveStock(dataSource, {
      locationCode: at,
      partCode: 'FAN',
      quantity: 1,
      idempotencyKey: key('r'),
      actorId: null,
    });
    expect(await reserveParts(dataSource, input)).toMatchObject({ kind: 'RESERVED', replayed: false });
    expect(await level(at, 'FAN')).toMatchObject({ onHand: 2, reserved: 2 });
  });

  it('book-out takes the reservation first, then free stock; a retry books out nothing twice', async () => {
    const at = await warehouse({ FAN: 10, VALVE: 2 });
    const order = orderNo();
    await reserve(at, [{ partCode: 'FAN', quantity: 3 }], order);
    const input = {
      orderNo: order,
      locationCode: at,
      lines: [
        { partCode: 'FAN', quantity: 4 },
        { partCode: 'VALVE', quantity: 1 },
      ],
      idempotencyKey: key('book-out'),
      actorId: null,
    };
    const outcome = await bookOut(dataSource, input);
    expect(outcome).toEqual({
      kind: 'BOOKED_OUT',
      orderNo: order,
      locationCode: at,
      lines: [
        { partCode: 'FAN', quantity: 4, fromReservation: 3, fromFree: 1 },
        { partCode: 'VALVE', quantity: 1, fromReservation: 0, fromFree: 1 },
      ],
      replayed: false,
    });
    expect(await level(at, 'FAN')).toMatchObject({ onHand: 6, reserved: 0, available: 6 });
    expect(await level(at, 'VALVE')).toMatchObject({ onHand: 1, reserved: 0 });

    expect(await bookOut(dataSource, input)).toEqual({ ...outcome, replayed: true });
    expect(await level(at, 'FAN')).toMatchObject({ onHand: 6, reserved: 0 });
    await expect(
      bookOut(dataSource, { ...input, lines: [{ partCode: 'FAN', quantity: 1 }] }),
    ).rejects.toMatchObject({
      reason: 'KEY_REUSED',
    });
    await expectLedgerBalanced(at);
  });

  it("book-out never takes another order's reservation", async () => {
    const at = await warehouse({ FAN: 5 });
    const mine = orderNo();
    await reserve(at, [{ partCode: 'FAN', quantity: 1 }], mine);
    await reserve(at, [{ partCode: 'FAN', quantity: 3 }]);
    // Mine: 1 reserved + 1 free = 2 at most.
    expect(
      await bookOut(dataSource, {
        orderNo: mine,
        locationCode: at,
        lines: [{ partCode: 'FAN', quantity: 3 }],
        idempotencyKey: key('too-many'),
        actorId: null,
      }),
    ).toEqual({
      kind: 'SHORTFALL',
      orderNo: mine,
      locationCode: at,
      shortfall: [{ partCode: 'FAN', requested: 3, available: 2 }],
    });
    expect(await level(at, 'FAN')).toMatchObject({ onHand: 5, reserved: 4 });
    await expectLedgerBalanced(at);
  });

  it('release gives back what the order still holds, everywhere or at one location', async () => {
    const main = await warehouse({ FAN: 5, VALVE: 5 });
    const second = await warehouse({ FAN: 5 });
    const order = orderNo();
    await reserve(
      main,
      [
        { partCode: 'FAN', quantity: 3 },
        { partCode: 'VALVE', quantity: 2 },
      ],
      order,
    );
    await reserve(second, [{ partCode: 'FAN', quantity: 1 }], order);
    await bookOut(dataSource, {
      orderNo: order,
      locationCode: main,
      lines: [{ partCode: 'FAN', quantity: 2 }],
      idempotencyKey: key('used'),
      actorId: null,
    });

    const atSecond = await releaseReservation(dataSource, {
      orderNo: order,
      locationCode: second,
      idempotencyKey: key('release-second'),
      actorId: null,
    });
    expect(atSecond.released).toEqual([{ locationCode: second, partCode: 'FAN', quantity: 1 }]);
    expect(await level(second, 'FAN')).toMatchObject({ onHand: 5, reserved: 0 });

    const input = { orderNo: order, idempotencyKey: key('release'), actorId: null };
    const released = await releaseReservation(dataSource, input);
    expect(released).toEqual({
      orderNo: order,
      released: [
        { locationCode: main, partCode: 'FAN', quantity: 1 },
        { locationCode: main, partCode: 'VALVE', quantity: 2 },
      ],
      replayed: false,
    });
    expect(await level(main, 'FAN')).toMatchObject({ onHand: 3, reserved: 0 });
    expect(await level(main, 'VALVE')).toMatchObject({ onHand: 5, reserved: 0 });

    expect(await releaseReservation(dataSource, input)).toEqual({ ...released, replayed: true });
    expect(await releaseReservation(dataSource, { ...input, idempotencyKey: key('again') })).toEqual({
      orderNo: order,
      released: [],
      replayed: false,
    });
    expect(await level(main, 'VALVE')).toMatchObject({ reserved: 0 });
    await expectLedgerBalanced(main);
    await expectLedgerBalanced(second);
  });

  it('a shortfall becomes a purchase request that receipts fulfil, then the reservation succeeds', async () => {
    const at = await warehouse({ FAN: 1 });
    const order = orderNo();
    const lines = [{ partCode: 'FAN', quantity: 3 }];
    const short = await reserve(at, lines, order);
    if (short.kind !== 'SHORTFALL') throw new Error('expected a shortfall');
    const [request] = await openPurchaseRequests(dataSource, {
      orderNo: order,
      locationCode: at,
      lines: missingLines(short.shortfall),
      actorId: null,
    });
    expect(request).toMatchObject({
      orderNo: order,
      partCode: 'FAN',
      quantity: 2,
      status: 'OPEN',
      receivedQuantity: 0,
    });

    // Asking again (a retry, the same shortfall twice) raises the open request, never adds a second.
    const ask = (quantity: number) =>
      openPurchaseRequests(dataSource, {
        orderNo: order,
        locationCode: at,
        lines: [{ partCode: 'FAN', quantity }],
        actorId: null,
      });
    expect(await ask(1)).toEqual([expect.objectContaining({ id: request.id, quantity: 2 })]);
    expect(await ask(3)).toEqual([expect.objectContaining({ id: request.id, quantity: 3 })]);

    const receipt = (quantity: number, idempotencyKey = key('receipt')) =>
      receiveStock(dataSource, {
        locationCode: at,
        partCode: 'FAN',
        quantity,
        purchaseRequestId: request.id,
        idempotencyKey,
        actorId: null,
      });
    const partial = await receipt(1);
    expect(partial.purchaseRequest).toMatchObject({ status: 'OPEN', receivedQuantity: 1, receivedAt: null });
    const repeatKey = key('receipt');
    const rest = await receipt(2, repeatKey);
    expect(rest).toMatchObject({
      level: { onHand: 4, reserved: 0, available: 4 },
      purchaseRequest: {
        id: request.id,
        status: 'RECEIVED',
        receivedQuantity: 3,
        receivedAt: expect.any(String),
      },
      replayed: false,
    });
    // The same receipt again (the clerk pressed twice): booked in once.
    expect(await receipt(2, repeatKey)).toEqual({ ...rest, replayed: true });
    expect(await level(at, 'FAN')).toMatchObject({ onHand: 4 });
    // A new receipt for a request already received is a mistake, not more of it.
    await expect(receipt(1)).rejects.toMatchObject({ reason: 'PURCHASE_REQUEST_CLOSED' });
    await expect(
      receiveStock(dataSource, {
        locationCode: at,
        partCode: 'VALVE',
        quantity: 1,
        purchaseRequestId: request.id,
        idempotencyKey: key('wrong'),
        actorId: null,
      }),
    ).rejects.toMatchObject({ reason: 'PURCHASE_REQUEST_CLOSED' });

    expect(await reserve(at, lines, order)).toMatchObject({ kind: 'RESERVED' });
    expect(await level(at, 'FAN')).toMatchObject({ onHand: 4, reserved: 3 });
    // Once received, the next shortfall of the order opens a new request.
    const [again] = await ask(1);
    expect(again.id).not.toBe(request.id);
    await expectLedgerBalanced(at);
  });

  it("cancelling an order's purchase requests closes only its open ones", async () => {
    const at = await warehouse();
    const order = orderNo();
    const lines = [
      { partCode: 'FAN', quantity: 1 },
      { partCode: 'VALVE', quantity: 1 },
    ];
    const [fan, valve] = await openPurchaseRequests(dataSource, {
      orderNo: order,
      locationCode: at,
      lines,
      actorId: null,
    });
    const [elsewhere] = await openPurchaseRequests(dataSource, {
      orderNo: orderNo(),
      locationCode: at,
      lines,
      actorId: null,
    });
    await receiveStock(dataSource, {
      locationCode: at,
      partCode: 'FAN',
      quantity: 1,
      purchaseRequestId: fan.id,
      idempotencyKey: key('fan'),
      actorId: null,
    });
    const cancelled = await cancelPurchaseRequests(dataSource.manager, { orderNo: order });
    expect(cancelled).toEqual([expect.objectContaining({ id: valve.id, status: 'CANCELLED' })]);
    expect(await cancelPurchaseRequests(dataSource.manager, { orderNo: order })).toEqual([]);
    expect(await findPurchaseRequest(dataSource.manager, fan.id)).toMatchObject({ status: 'RECEIVED' });
    expect(await findPurchaseRequest(dataSource.manager, elsewhere.id)).toMatchObject({ status: 'OPEN' });
  });

  it('a receipt for another part or location than its request asks is refused', async () => {
    const at = await warehouse();
    const other = await warehouse();
    const [request] = await openPurchaseRequests(dataSource, {
      orderNo: orderNo(),
      locationCode: at,
      lines: [{ partCode: 'FAN', quantity: 1 }],
      actorId: null,
    });
    for (const [locationCode, partCode] of [
      [at, 'VALVE'],
      [other, 'FAN'],
    ]) {
      await expect(
        receiveStock(dataSource, {
          locationCode,
          partCode,
          quantity: 1,
          purchaseRequestId: request.id,
          idempotencyKey: key('x'),
          actorId: null,
        }),
      ).rejects.toMatchObject({ reason: 'PURCHASE_REQUEST_MISMATCH' });
    }
    await expect(
      receiveStock(dataSource, {
        locationCode: at,
        partCode: 'FAN',
        quantity: 1,
        purchaseRequestId: '00000000-0000-4000-8000-000000000000',
        idempotencyKey: key('x'),
        actorId: null,
      }),
    ).rejects.toMatchObject({ reason: 'UNKNOWN_PURCHASE_REQUEST' });
    expect(await stockLevels(dataSource.manager, { locationCode: at })).toEqual([]);
  });

  it('refuses bad input before touching the database', async () => {
    const at = await warehouse({ FAN: 5 });
    for (const lines of [
      [],
      [{ partCode: 'FAN', quantity: 0 }],
      [{ partCode: 'FAN', quantity: 1.5 }],
      [{ partCode: 'bad code', quantity: 1 }],
    ]) {
      await expect(reserve(at, lines as StockLine[])).rejects.toBeInstanceOf(StockRefusal);
    }
    await expect(reserve(`NOPE${RUN}`, [{ partCode: 'FAN', quantity: 1 }])).rejects.toMatchObject({
      reason: 'UNKNOWN_LOCATION',
    });
    await expect(
      receiveStock(dataSource, {
        locationCode: at,
        partCode: 'FAN',
        quantity: 10_001,
        idempotencyKey: key('big'),
        actorId: null,
      }),
    ).rejects.toMatchObject({
      reason: 'INVALID_INPUT',
      problems: [{ field: 'quantity', problem: 'must be at most 10000' }],
    });
    expect(await level(at, 'FAN')).toMatchObject({ onHand: 5, reserved: 0 });
  });

  it('the CHECK constraints are the second wall: no statement leaves stock below zero', async () => {
    const at = await warehouse({ FAN: 2 });
    const violation = (sql: string) =>
      dataSource.query(sql, [at]).then(
        () => 'accepted',
        (error: { driverError?: { code?: string; constraint?: string } }) =>
          `${error.driverError?.code} ${error.driverError?.constraint}`,
      );
    expect(
      await violation(
        `UPDATE stock_levels SET reserved = on_hand + 1 WHERE location_code = $1 AND part_code = 'FAN'`,
      ),
    ).toBe('23514 ck_stock_levels_reserved_on_hand');
    expect(await violation(`UPDATE stock_levels SET on_hand = on_hand - 3 WHERE location_code = $1`)).toBe(
      '23514 ck_stock_levels_on_hand',
    );
    expect(await violation(`UPDATE stock_levels SET reserved = -1 WHERE location_code = $1`)).toBe(
      '23514 ck_stock_levels_reserved',
    );
    expect(await level(at, 'FAN')).toMatchObject({ onHand: 2, reserved: 0 });
  });

  it('locations: a van belongs to one technician; a retried creation answers the same location', async () => {
    const technicianId = (
      (await dataSource.query(
        `INSERT INTO users (username, password_hash, display_name, roles) VALUES ($1, 'x', $1, '{technician}') RETURNING id`,
        [`stock-tech-${RUN}`],
      )) as { id: string }[]
    )[0].id;
    const van = { code: `VAN-${RUN}`, kind: 'VAN' as const, name: 'Van', technicianId };
    expect(await createLocation(dataSource, van)).toMatchObject({
      created: true,
      location: { code: van.code, technicianId },
    });
    expect(await createLocation(dataSource, van)).toMatchObject({ created: false });
    await expect(createLocation(dataSource, { ...van, name: 'Other' })).rejects.toMatchObject({
      reason: 'LOCATION_EXISTS',
    });
    await expect(createLocation(dataSource, { ...van, code: `VAN2-${RUN}` })).rejects.toMatchObject({
      reason: 'TECHNICIAN_HAS_VAN',
    });
    await expect(
      createLocation(dataSource, { ...van, code: `VAN3-${RUN}`, technicianId: null }),
    ).rejects.toMatchObject({
      reason: 'INVALID_INPUT',
    });
  });
});
