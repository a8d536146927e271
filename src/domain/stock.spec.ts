import {
  applyReceipt,
  availableQuantity,
  locationProblems,
  MAX_STOCK_LINES,
  MAX_STOCK_QUANTITY,
  missingLines,
  outstandingReservations,
  planBookOut,
  quantityProblem,
  receiptRefusal,
  shortfallOf,
  stockAccessRefusal,
  validateStockLines,
  type PurchaseRequestState,
} from './stock';

describe(availableQuantity.name, () => {
  it.each([
    [{ onHand: 20, reserved: 0 }, 20],
    [{ onHand: 20, reserved: 20 }, 0],
    [{ onHand: 5, reserved: 3 }, 2],
    [null, 0],
    [undefined, 0],
  ])('%j → %d', (level, expected) => {
    expect(availableQuantity(level)).toBe(expected);
  });
});

describe(quantityProblem.name, () => {
  it.each([1, 7, MAX_STOCK_QUANTITY])('accepts %d', (quantity) => {
    expect(quantityProblem(quantity)).toBeNull();
  });

  it.each([
    [0, 'must be at least 1'],
    [-3, 'must be at least 1'],
    [1.5, 'must be a whole number'],
    [Number.NaN, 'must be a whole number'],
    [Number.POSITIVE_INFINITY, 'must be a whole number'],
    ['2', 'must be a whole number'],
    [null, 'must be a whole number'],
    [MAX_STOCK_QUANTITY + 1, `must be at most ${MAX_STOCK_QUANTITY}`],
  ])('refuses %p: %s', (quantity, problem) => {
    expect(quantityProblem(quantity, 'lines[0].quantity')).toEqual({ field: 'lines[0].quantity', problem });
  });
});

describe(validateStockLines.name, () => {
  it('adds up lines of the same part and sorts by part code (the lock order)', () => {
    expect(
      validateStockLines([
        { partCode: 'VALVE', quantity: 1 },
        { partCode: 'FAN-2', quantity: 2 },
        { partCode: 'VALVE', quantity: 3 },
      ]),
    ).toEqual({
      ok: true,
      lines: [
        { partCode: 'FAN-2', quantity: 2 },
        { partCode: 'VALVE', quantity: 4 },
      ],
    });
  });

  it('sorts by code points, not the locale', () => {
    const result = validateStockLines([
      { partCode: 'b', quantity: 1 },
      { partCode: 'B', quantity: 1 },
      { partCode: 'a', quantity: 1 },
    ]);
    expect(result.ok && result.lines.map((l) => l.partCode)).toEqual(['B', 'a', 'b']);
  });

  it('names every bad field', () => {
    expect(
      validateStockLines([
        { partCode: 'OK', quantity: 1 },
        { partCode: 'has space', quantity: 0 },
        { partCode: 'A:B', quantity: 1 },
        'not a line',
      ]),
    ).toEqual({
      ok: false,
      errors: [
        { field: 'lines[1].partCode', problem: expect.any(String) },
        { field: 'lines[1].quantity', problem: 'must be at least 1' },
        { field: 'lines[2].partCode', problem: expect.any(String) },
        { field: 'lines[3].partCode', problem: expect.any(String) },
        { field: 'lines[3].quantity', problem: 'must be a whole number' },
      ],
    });
  });

  it.each([
    [[], 'must list at least one part'],
    ['FAN', 'must list at least one part'],
    [
      Array.from({ length: MAX_STOCK_LINES + 1 }, (_, i) => ({ partCode: `P${i}`, quantity: 1 })),
      `must list at most ${MAX_STOCK_LINES} lines`,
    ],
  ])('refuses the list %#', (lines, problem) => {
    expect(validateStockLines(lines)).toEqual({ ok: false, errors: [{ field: 'lines', problem }] });
  });

  it('refuses a part whose lines add up beyond the maximum', () => {
    const half = MAX_STOCK_QUANTITY / 2 + 1;
    const result = validateStockLines([
      { partCode: 'FAN', quantity: half },
      { partCode: 'FAN', quantity: half },
    ]);
    expect(result).toEqual({
      ok: false,
      errors: [{ field: 'lines', problem: expect.stringContaining(`${2 * half} of FAN`) }],
    });
  });
});

describe(shortfallOf.name, () => {
  const lines = [
    { partCode: 'FAN', quantity: 2 },
    { partCode: 'VALVE', quantity: 3 },
    { partCode: 'SCREW', quantity: 10 },
  ];

  it('lists the parts short, with what was asked and what is free', () => {
    expect(
      shortfallOf(
        lines,
        new Map([
          ['FAN', 2],
          ['VALVE', 1],
        ]),
      ),
    ).toEqual([
      { partCode: 'VALVE', requested: 3, available: 1 },
      { partCode: 'SCREW', requested: 10, available: 0 },
    ]);
  });

  it('is empty when everything is there', () => {
    expect(shortfallOf(lines, new Map([...lines].map((l) => [l.partCode, l.quantity])))).toEqual([]);
  });

  it('never reports negative availability', () => {
    expect(shortfallOf([{ partCode: 'FAN', quantity: 1 }], new Map([['FAN', -4]]))).toEqual([
      { partCode: 'FAN', requested: 1, available: 0 },
    ]);
  });
});

describe(missingLines.name, () => {
  it('asks for what is missing of each short part', () => {
    expect(
      missingLines([
        { partCode: 'VALVE', requested: 3, available: 1 },
        { partCode: 'SCREW', requested: 10, available: 0 },
        { partCode: 'FAN', requested: 2, available: 2 },
      ]),
    ).toEqual([
      { partCode: 'VALVE', quantity: 2 },
      { partCode: 'SCREW', quantity: 10 },
    ]);
  });
});

describe(outstandingReservations.name, () => {
  it('sums RESERVE and RELEASE per location and part and drops what is fully released', () => {
    const held = outstandingReservations([
      { locationCode: 'MAIN', partCode: 'FAN', kind: 'RESERVE', quantity: 3 },
      { locationCode: 'MAIN', partCode: 'FAN', kind: 'RELEASE', quantity: -1 },
      { locationCode: 'MAIN', partCode: 'FAN', kind: 'BOOK_OUT', quantity: -1 },
      { locationCode: 'VAN-1', partCode: 'FAN', kind: 'RESERVE', quantity: 1 },
      { locationCode: 'MAIN', partCode: 'VALVE', kind: 'RESERVE', quantity: 2 },
      { locationCode: 'MAIN', partCode: 'VALVE', kind: 'RELEASE', quantity: -2 },
      { locationCode: 'MAIN', partCode: 'SCREW', kind: 'RECEIPT', quantity: 50 },
    ]);
    expect([...held]).toEqual([
      ['MAIN:FAN', 2],
      ['VAN-1:FAN', 1],
    ]);
  });
});

describe(planBookOut.name, () => {
  it('uses the reservation first, then free stock', () => {
    expect(
      planBookOut(
        [
          { partCode: 'FAN', quantity: 3 },
          { partCode: 'VALVE', quantity: 1 },
          { partCode: 'SCREW', quantity: 2 },
        ],
        new Map([
          ['FAN', 2],
          ['VALVE', 4],
        ]),
        new Map([
          ['FAN', 1],
          ['SCREW', 5],
        ]),
      ),
    ).toEqual({
      ok: true,
      steps: [
        { partCode: 'FAN', quantity: 3, fromReservation: 2, fromFree: 1 },
        { partCode: 'VALVE', quantity: 1, fromReservation: 1, fromFree: 0 },
        { partCode: 'SCREW', quantity: 2, fromReservation: 0, fromFree: 2 },
      ],
    });
  });

  it('is short when more is used than reserved and free together', () => {
    expect(
      planBookOut(
        [
          { partCode: 'FAN', quantity: 4 },
          { partCode: 'VALVE', quantity: 1 },
        ],
        new Map([['FAN', 2]]),
        new Map([
          ['FAN', 1],
          ['VALVE', 1],
        ]),
      ),
    ).toEqual({ ok: false, shortfall: [{ partCode: 'FAN', requested: 4, available: 3 }] });
  });
});

describe(applyReceipt.name, () => {
  const request: PurchaseRequestState = {
    id: 'pr-1',
    partCode: 'FAN',
    locationCode: 'MAIN',
    quantity: 3,
    receivedQuantity: 0,
    status: 'OPEN',
  };

  it.each([
    [0, 1, 1, 'OPEN', false],
    [1, 2, 3, 'RECEIVED', true],
    [0, 3, 3, 'RECEIVED', true],
    [0, 5, 5, 'RECEIVED', true],
  ])('received %d, then %d → %d, %s', (before, quantity, after, status, fulfilled) => {
    expect(applyReceipt({ ...request, receivedQuantity: before }, quantity)).toEqual({
      receivedQuantity: after,
      status,
      fulfilled,
    });
  });

  it('refuses a receipt for another part or location, or for a closed request', () => {
    const receipt = { locationCode: 'MAIN', partCode: 'FAN', quantity: 1 };
    expect(receiptRefusal(request, receipt)).toBeNull();
    expect(receiptRefusal(request, { ...receipt, partCode: 'VALVE' })?.reason).toBe(
      'PURCHASE_REQUEST_MISMATCH',
    );
    expect(receiptRefusal(request, { ...receipt, locationCode: 'VAN-1' })?.reason).toBe(
      'PURCHASE_REQUEST_MISMATCH',
    );
    expect(receiptRefusal({ ...request, status: 'RECEIVED' }, receipt)?.reason).toBe(
      'PURCHASE_REQUEST_CLOSED',
    );
    expect(receiptRefusal({ ...request, status: 'CANCELLED' }, receipt)?.reason).toBe(
      'PURCHASE_REQUEST_CLOSED',
    );
  });
});

describe(stockAccessRefusal.name, () => {
  const me = 'tech-1';
  const mine = { status: 'IN_PROGRESS' as const, technicianId: me };
  const warehouse = { kind: 'WAREHOUSE' as const, technicianId: null };
  const myVan = { kind: 'VAN' as const, technicianId: me };
  const otherVan = { kind: 'VAN' as const, technicianId: 'tech-2' };
  const technician = { userId: me, roles: ['technician' as const] };
  const dispatcher = { userId: 'disp-1', roles: ['dispatcher' as const] };

  it.each([
    ['technician, own order, warehouse', technician, mine, warehouse, 'reserve', null],
    ['technician, own order, own van', technician, mine, myVan, 'reserve', null],
    ["technician, own order, another's van", technician, mine, otherVan, 'reserve', 'NOT_YOUR_VAN'],
    [
      "technician, another's order",
      technician,
      { ...mine, technicianId: 'tech-2' },
      warehouse,
      'reserve',
      'NOT_YOUR_ORDER',
    ],
    [
      'technician, unassigned order',
      technician,
      { ...mine, technicianId: null },
      warehouse,
      'request',
      'NOT_YOUR_ORDER',
    ],
    [
      "dispatcher, anyone's order and van",
      dispatcher,
      { ...mine, technicianId: 'tech-2' },
      otherVan,
      'reserve',
      null,
    ],
    [
      'closed order takes no reservation',
      dispatcher,
      { ...mine, status: 'CLOSED' as const },
      warehouse,
      'reserve',
      'ORDER_FINISHED',
    ],
    [
      'cancelled order takes no purchase request',
      technician,
      { ...mine, status: 'CANCELLED' as const },
      warehouse,
      'request',
      'ORDER_FINISHED',
    ],
    [
      'a cancelled order gives its stock back',
      technician,
      { ...mine, status: 'CANCELLED' as const },
      null,
      'release',
      null,
    ],
  ] as const)('%s', (_label, actor, order, location, action, expected) => {
    expect(stockAccessRefusal(actor, order, location, action)?.reason ?? null).toBe(expected);
  });
});

describe(locationProblems.name, () => {
  it.each([
    [{ code: 'MAIN', kind: 'WAREHOUSE', technicianId: null }, []],
    [{ code: 'VAN-ZHANG', kind: 'VAN', technicianId: 'tech-1' }, []],
    [{ code: 'VAN-ZHANG', kind: 'VAN', technicianId: null }, ['technicianId']],
    [{ code: 'EAST', kind: 'WAREHOUSE', technicianId: 'tech-1' }, ['technicianId']],
    [{ code: 'main', kind: 'SHED', technicianId: undefined }, ['code', 'kind']],
    [{ code: 'A:B', kind: 'WAREHOUSE', technicianId: null }, ['code']],
  ])('%j → %j', (location, fields) => {
    expect(locationProblems(location).map((p) => p.field)).toEqual(fields);
  });
});
