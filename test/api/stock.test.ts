// The stock endpoints (docs/stock.md) through the real API and PostgreSQL: levels, locations, receipts with
// an Idempotency-Key, reservations (201, or 409 naming the shortfall), release, purchase requests; who may
// do what (403), bad input (400 naming the field), unknown orders (404). Orders are read-model rows
// (writeOrderRow): no workflow is needed to draw parts for one.
import { randomInt } from 'node:crypto';
import type { OrderStatus } from '../../src/domain';
import { writeOrderRow } from '../../src/persistence/order-row';
import { orderView } from '../factories/orders';
import { bearer, createStaff, startApiStack, type ApiStack, type TestUser } from './api-harness';

const RUN = String(randomInt(100_000, 1_000_000));
const UNKNOWN_ORDER = 'SO-20990101-999999';
let sequence = 0;

describe('stock API', () => {
  let stack: ApiStack;
  let admin: TestUser;
  let supervisor: TestUser;
  let dispatcher: TestUser;
  let technician: TestUser;
  let otherTechnician: TestUser;
  let agent: TestUser;
  let finance: TestUser;
  const warehouse = `W${RUN}`;
  const van = `VAN-${RUN}`;
  const otherVan = `VAN2-${RUN}`;

  /** A read-model row for an order in `status`, assigned to `technicianId`. */
  async function order(status: OrderStatus, technicianId: string | null): Promise<string> {
    sequence += 1;
    const orderNo = `SO-2098${RUN.slice(0, 4)}-${RUN.slice(4)}${String(sequence).padStart(4, '0')}`;
    const view = orderView({
      orderNo,
      workflowId: `stock-test-${orderNo}`,
      status,
      technicianId,
      closedAt: status === 'CLOSED' ? new Date().toISOString() : null,
    });
    await writeOrderRow(stack.dataSource.manager, view, null);
    return orderNo;
  }

  const post = (path: string, user: TestUser, body: object, key?: string) => {
    const request = stack.http().post(path).set(bearer(user.token));
    return (key ? request.set('Idempotency-Key', key) : request).send(body);
  };
  const get = (path: string, user: TestUser) => stack.http().get(path).set(bearer(user.token));
  const receive = (partCode: string, quantity: number, extra: object = {}, key?: string) =>
    post('/api/stock/receipts', supervisor, { locationCode: warehouse, partCode, quantity, ...extra }, key);
  const levelOf = async (locationCode: string, partCode: string) => {
    const response = await get(`/api/stock?locationCode=${locationCode}&partCode=${partCode}`, dispatcher);
    expect(response.status).toBe(200);
    return response.body[0] as { onHand: number; reserved: number; available: number } | undefined;
  };

  beforeAll(async () => {
    stack = await startApiStack({ prefix: 'api-stock' });
    [admin, supervisor, dispatcher, technician, otherTechnician, agent, finance] = await Promise.all([
      createStaff(stack, ['admin']),
      createStaff(stack, ['supervisor']),
      createStaff(stack, ['dispatcher']),
      createStaff(stack, ['technician']),
      createStaff(stack, ['technician']),
      createStaff(stack, ['agent']),
      createStaff(stack, ['finance']),
    ]);
    const created = await Promise.all([
      post('/api/stock/locations', admin, { code: warehouse, kind: 'WAREHOUSE', name: 'Test warehouse' }),
      post('/api/stock/locations', admin, {
        code: van,
        kind: 'VAN',
        name: 'Van',
        technicianId: technician.id,
      }),
      post('/api/stock/locations', admin, {
        code: otherVan,
        kind: 'VAN',
        name: 'Other van',
        technicianId: otherTechnician.id,
      }),
    ]);
    for (const response of created) expect(response.status).toBe(201);
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('lists locations, MAIN among them, to any staff member', async () => {
    const response = await get('/api/stock/locations', finance);
    expect(response.status).toBe(200);
    const codes = (response.body as { code: string }[]).map((l) => l.code);
    expect(codes).toEqual(expect.arrayContaining(['MAIN', warehouse, van]));
    expect(response.body).toContainEqual({
      code: van,
      kind: 'VAN',
      technicianId: technician.id,
      name: 'Van',
      active: true,
      createdAt: expect.any(String),
    });
    expect((await stack.http().get('/api/stock/locations')).status).toBe(401);
  });

  it('creates locations for admins only, and refuses what does not add up', async () => {
    expect(
      (await post('/api/stock/locations', supervisor, { code: `X${RUN}`, kind: 'WAREHOUSE', name: 'X' }))
        .status,
    ).toBe(403);
    const lower = await post('/api/stock/locations', admin, { code: 'lower', kind: 'WAREHOUSE', name: 'X' });
    expect(lower.status).toBe(400);
    expect(lower.body.details).toEqual([{ field: 'code', reasons: [expect.stringContaining('upper-case')] }]);
    const vanWithoutTechnician = await post('/api/stock/locations', admin, {
      code: `V${RUN}`,
      kind: 'VAN',
      name: 'V',
    });
    expect(vanWithoutTechnician.status).toBe(400);
    expect(vanWithoutTechnician.body.details).toEqual([
      { field: 'technicianId', reasons: [expect.any(String)] },
    ]);
    const notATechnician = await post('/api/stock/locations', admin, {
      code: `V${RUN}`,
      kind: 'VAN',
      name: 'V',
      technicianId: agent.id,
    });
    expect(notATechnician.status).toBe(422);
    const secondVan = await post('/api/stock/locations', admin, {
      code: `V${RUN}`,
      kind: 'VAN',
      name: 'V',
      technicianId: technician.id,
    });
    expect(secondVan.status).toBe(409);
    const taken = await post('/api/stock/locations', admin, {
      code: warehouse,
      kind: 'WAREHOUSE',
      name: 'Another',
    });
    expect(taken.status).toBe(409);
    expect(taken.body.message).toBe(`Stock location ${warehouse} already exists`);
  });

  it('books receipts in for admins and supervisors; the same Idempotency-Key books nothing twice', async () => {
    for (const user of [technician, dispatcher, agent, finance]) {
      expect(
        (
          await post('/api/stock/receipts', user, {
            locationCode: warehouse,
            partCode: 'GASKET',
            quantity: 1,
          })
        ).status,
      ).toBe(403);
    }
    const key = `receipt-${RUN}`;
    const first = await receive('GASKET', 4, {}, key);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      movementId: expect.any(String),
      locationCode: warehouse,
      partCode: 'GASKET',
      quantity: 4,
      level: { locationCode: warehouse, partCode: 'GASKET', onHand: 4, reserved: 0, available: 4 },
      purchaseRequest: null,
      replayed: false,
    });
    const again = await receive('GASKET', 4, {}, key);
    expect(again.status).toBe(201);
    expect(again.body).toEqual({ ...first.body, replayed: true });
    const otherBody = await receive('GASKET', 5, {}, key);
    expect(otherBody.status).toBe(422);
    // Keys are the caller's own: an admin's same key is another receipt.
    expect(
      (
        await post(
          '/api/stock/receipts',
          admin,
          { locationCode: warehouse, partCode: 'GASKET', quantity: 1 },
          key,
        )
      ).status,
    ).toBe(201);
    expect(await levelOf(warehouse, 'GASKET')).toMatchObject({ onHand: 5 });
  });

  it('refuses bad receipts naming the field', async () => {
    const cases: [object, string][] = [
      [{ locationCode: warehouse, partCode: 'GASKET', quantity: 0 }, 'quantity'],
      [{ locationCode: warehouse, partCode: 'GASKET', quantity: 1.5 }, 'quantity'],
      [{ locationCode: warehouse, partCode: 'GASKET', quantity: 10_001 }, 'quantity'],
      [{ locationCode: warehouse, partCode: 'has space', quantity: 1 }, 'partCode'],
      [{ locationCode: 'main', partCode: 'GASKET', quantity: 1 }, 'locationCode'],
      [
        { locationCode: warehouse, partCode: 'GASKET', quantity: 1, purchaseRequestId: 'nope' },
        'purchaseRequestId',
      ],
      [{ locationCode: warehouse, partCode: 'GASKET', quantity: 1, price: 3 }, 'price'],
    ];
    for (const [body, field] of cases) {
      const response = await post('/api/stock/receipts', supervisor, body);
      expect({
        field,
        status: response.status,
        fields: response.body.details?.map((d: { field: string }) => d.field),
      }).toEqual({
        field,
        status: 400,
        fields: [field],
      });
    }
    const longKey = await receive('GASKET', 1, {}, 'k'.repeat(201));
    expect(longKey.status).toBe(400);
    expect(longKey.body.details).toEqual([{ field: 'Idempotency-Key', reasons: [expect.any(String)] }]);
    expect((await receive('GASKET', 1, { locationCode: `NOPE${RUN}` })).status).toBe(404);
    expect(
      (await receive('GASKET', 1, { purchaseRequestId: '00000000-0000-4000-8000-000000000000' })).status,
    ).toBe(404);
  });

  it('reserves for the assigned technician, or answers 409 with the shortfall and reserves nothing', async () => {
    const orderNo = await order('IN_PROGRESS', technician.id);
    expect((await receive('FAN', 3)).status).toBe(201);

    const reserved = await post('/api/stock/reservations', technician, {
      orderNo,
      locationCode: warehouse,
      lines: [{ partCode: 'FAN', quantity: 2 }],
    });
    expect(reserved.status).toBe(201);
    expect(reserved.body).toEqual({
      orderNo,
      locationCode: warehouse,
      lines: [{ partCode: 'FAN', quantity: 2 }],
      replayed: false,
    });
    expect(await levelOf(warehouse, 'FAN')).toEqual({
      locationCode: warehouse,
      partCode: 'FAN',
      onHand: 3,
      reserved: 2,
      available: 1,
    });

    const short = await post('/api/stock/reservations', technician, {
      orderNo,
      locationCode: warehouse,
      lines: [
        { partCode: 'VALVE', quantity: 1 },
        { partCode: 'FAN', quantity: 2 },
      ],
    });
    expect(short.status).toBe(409);
    expect(short.body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: `Not enough stock at ${warehouse}: FAN (2 asked, 1 available), VALVE (1 asked, 0 available); nothing was reserved`,
      details: {
        shortfall: [
          { partCode: 'FAN', requested: 2, available: 1 },
          { partCode: 'VALVE', requested: 1, available: 0 },
        ],
      },
    });
    expect(await levelOf(warehouse, 'FAN')).toMatchObject({ reserved: 2 });

    // 申请配件 for what was missing; the receipts that fulfil the requests make the reservation possible.
    const requested = await post('/api/purchase-requests', technician, {
      orderNo,
      locationCode: warehouse,
      lines: [
        { partCode: 'VALVE', quantity: 1 },
        { partCode: 'FAN', quantity: 1 },
      ],
    });
    expect(requested.status).toBe(201);
    expect(requested.body).toEqual([
      expect.objectContaining({
        orderNo,
        partCode: 'FAN',
        quantity: 1,
        status: 'OPEN',
        requestedBy: technician.id,
      }),
      expect.objectContaining({ orderNo, partCode: 'VALVE', quantity: 1, status: 'OPEN', receivedAt: null }),
    ]);
    const open = await get(`/api/purchase-requests?orderNo=${orderNo}&status=OPEN`, finance);
    expect(open.status).toBe(200);
    expect((open.body as { id: string }[]).map((r) => r.id).sort()).toEqual(
      (requested.body as { id: string }[]).map((r) => r.id).sort(),
    );

    for (const request of requested.body as { id: string; partCode: string }[]) {
      const receipt = await receive(request.partCode, 1, { purchaseRequestId: request.id });
      expect(receipt.status).toBe(201);
      expect(receipt.body.purchaseRequest).toMatchObject({
        id: request.id,
        status: 'RECEIVED',
        receivedQuantity: 1,
      });
    }
    expect((await get(`/api/purchase-requests?orderNo=${orderNo}&status=OPEN`, finance)).body).toEqual([]);

    const key = `reserve-${RUN}`;
    const body = {
      orderNo,
      locationCode: warehouse,
      lines: [
        { partCode: 'VALVE', quantity: 1 },
        { partCode: 'FAN', quantity: 2 },
      ],
    };
    const now = await post('/api/stock/reservations', technician, body, key);
    expect(now.status).toBe(201);
    const retried = await post('/api/stock/reservations', technician, body, key);
    expect(retried.body).toEqual({ ...now.body, replayed: true });
    expect(await levelOf(warehouse, 'FAN')).toMatchObject({ onHand: 4, reserved: 4, available: 0 });

    // Release gives it all back; a retry with the key answers the same and changes nothing.
    const releaseKey = `release-${RUN}`;
    const released = await post(`/api/stock/reservations/${orderNo}/release`, technician, {}, releaseKey);
    expect(released.status).toBe(200);
    expect(released.body).toEqual({
      orderNo,
      released: [
        { locationCode: warehouse, partCode: 'FAN', quantity: 4 },
        { locationCode: warehouse, partCode: 'VALVE', quantity: 1 },
      ],
      replayed: false,
    });
    expect(
      (await post(`/api/stock/reservations/${orderNo}/release`, technician, {}, releaseKey)).body,
    ).toEqual({
      ...released.body,
      replayed: true,
    });
    expect(await levelOf(warehouse, 'FAN')).toMatchObject({ onHand: 4, reserved: 0, available: 4 });
  });

  it('lets only technicians, dispatchers and supervisors draw parts; a technician only for his order and van', async () => {
    const mine = await order('ON_SITE', technician.id);
    const theirs = await order('ON_SITE', otherTechnician.id);
    const lines = [{ partCode: 'GASKET', quantity: 1 }];
    for (const user of [agent, finance, admin]) {
      expect(
        (await post('/api/stock/reservations', user, { orderNo: mine, locationCode: warehouse, lines }))
          .status,
      ).toBe(403);
      expect(
        (await post('/api/purchase-requests', user, { orderNo: mine, locationCode: warehouse, lines }))
          .status,
      ).toBe(403);
      expect((await post(`/api/stock/reservations/${mine}/release`, user, {})).status).toBe(403);
    }
    const notAssigned = await post('/api/stock/reservations', technician, {
      orderNo: theirs,
      locationCode: warehouse,
      lines,
    });
    expect(notAssigned.status).toBe(403);
    expect(notAssigned.body.message).toBe('A technician draws parts only for an order assigned to him');
    expect(
      (await post('/api/purchase-requests', technician, { orderNo: theirs, locationCode: warehouse, lines }))
        .status,
    ).toBe(403);
    expect((await post(`/api/stock/reservations/${theirs}/release`, technician, {})).status).toBe(403);
    const otherVanRefused = await post('/api/stock/reservations', technician, {
      orderNo: mine,
      locationCode: otherVan,
      lines,
    });
    expect(otherVanRefused.status).toBe(403);

    // His own van is empty: past the access check, the answer is the shortfall.
    const ownVan = await post('/api/stock/reservations', technician, {
      orderNo: mine,
      locationCode: van,
      lines,
    });
    expect(ownVan.status).toBe(409);
    expect(ownVan.body.details).toEqual({ shortfall: [{ partCode: 'GASKET', requested: 1, available: 0 }] });
    // A dispatcher or supervisor acts for any order, from any location.
    expect(
      (await post('/api/stock/reservations', dispatcher, { orderNo: theirs, locationCode: warehouse, lines }))
        .status,
    ).toBe(201);
    expect(
      (await post('/api/stock/reservations', supervisor, { orderNo: mine, locationCode: otherVan, lines }))
        .status,
    ).toBe(409);
    expect(
      (await post(`/api/stock/reservations/${theirs}/release`, supervisor, { locationCode: warehouse })).body
        .released,
    ).toEqual([{ locationCode: warehouse, partCode: 'GASKET', quantity: 1 }]);
  });

  it('a finished order takes no new parts but gives its reservation back', async () => {
    const orderNo = await order('IN_PROGRESS', technician.id);
    const lines = [{ partCode: 'GASKET', quantity: 1 }];
    expect(
      (await post('/api/stock/reservations', technician, { orderNo, locationCode: warehouse, lines })).status,
    ).toBe(201);
    await stack.dataSource.query(`UPDATE orders SET status = 'CANCELLED' WHERE order_no = $1`, [orderNo]);
    const refused = await post('/api/stock/reservations', technician, {
      orderNo,
      locationCode: warehouse,
      lines,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe('The order is CANCELLED; it takes no more parts');
    expect(
      (await post('/api/purchase-requests', technician, { orderNo, locationCode: warehouse, lines })).status,
    ).toBe(409);
    const released = await post(`/api/stock/reservations/${orderNo}/release`, technician, {});
    expect(released.status).toBe(200);
    expect(released.body.released).toEqual([{ locationCode: warehouse, partCode: 'GASKET', quantity: 1 }]);
  });

  it('answers 404 for an unknown order or location', async () => {
    const lines = [{ partCode: 'FAN', quantity: 1 }];
    const unknownOrder = await post('/api/stock/reservations', dispatcher, {
      orderNo: UNKNOWN_ORDER,
      locationCode: warehouse,
      lines,
    });
    expect(unknownOrder.status).toBe(404);
    expect(unknownOrder.body.message).toBe(`No order ${UNKNOWN_ORDER}`);
    expect(
      (
        await post('/api/purchase-requests', dispatcher, {
          orderNo: UNKNOWN_ORDER,
          locationCode: warehouse,
          lines,
        })
      ).status,
    ).toBe(404);
    expect((await post(`/api/stock/reservations/${UNKNOWN_ORDER}/release`, dispatcher, {})).status).toBe(404);
    const orderNo = await order('ASSIGNED', technician.id);
    const unknownLocation = await post('/api/stock/reservations', dispatcher, {
      orderNo,
      locationCode: `NOPE${RUN}`,
      lines,
    });
    expect(unknownLocation.status).toBe(404);
    expect(unknownLocation.body.message).toBe(`No stock location NOPE${RUN}`);
  });

  it('refuses malformed reservations, releases and queries naming the field', async () => {
    const orderNo = await order('ASSIGNED', technician.id);
    const cases: [object, string][] = [
      [{ orderNo: 'SO-1', locationCode: warehouse, lines: [{ partCode: 'FAN', quantity: 1 }] }, 'orderNo'],
      [{ orderNo, locationCode: warehouse, lines: [] }, 'lines'],
      [{ orderNo, locationCode: warehouse, lines: [{ partCode: 'FAN', quantity: -1 }] }, 'lines[0].quantity'],
      [
        {
          orderNo,
          locationCode: warehouse,
          lines: [
            { partCode: 'FAN', quantity: 1 },
            { partCode: 'A:B', quantity: 1 },
          ],
        },
        'lines[1].partCode',
      ],
      [{ orderNo, lines: [{ partCode: 'FAN', quantity: 1 }] }, 'locationCode'],
    ];
    for (const [body, field] of cases) {
      const response = await post('/api/stock/reservations', dispatcher, body);
      expect({
        field,
        status: response.status,
        fields: response.body.details?.map((d: { field: string }) => d.field),
      }).toEqual({
        field,
        status: 400,
        fields: [field],
      });
    }
    const merged = await post('/api/stock/reservations', dispatcher, {
      orderNo,
      locationCode: warehouse,
      lines: [
        { partCode: 'FAN', quantity: 6000 },
        { partCode: 'FAN', quantity: 6000 },
      ],
    });
    expect(merged.status).toBe(400);
    expect(merged.body.details).toEqual([
      { field: 'lines', reasons: [expect.stringContaining('12000 of FAN')] },
    ]);
    const badPath = await post('/api/stock/reservations/SO-1/release', dispatcher, {});
    expect(badPath.status).toBe(400);
    expect(badPath.body.details).toEqual([{ field: 'orderNo', reasons: [expect.any(String)] }]);
    const badRelease = await post(`/api/stock/reservations/${orderNo}/release`, dispatcher, {
      locationCode: 'x y',
    });
    expect(badRelease.body.details?.map((d: { field: string }) => d.field)).toEqual(['locationCode']);

    for (const [query, field] of [
      ['/api/stock?partCode=bad%20code', 'partCode'],
      ['/api/stock?locationCode=lower', 'locationCode'],
      ['/api/purchase-requests?status=LOST', 'status'],
      ['/api/purchase-requests?orderNo=SO-1', 'orderNo'],
      ['/api/purchase-requests?limit=0', 'limit'],
    ]) {
      const response = await get(query, finance);
      expect({
        query,
        status: response.status,
        fields: response.body.details?.map((d: { field: string }) => d.field),
      }).toEqual({
        query,
        status: 400,
        fields: [field],
      });
    }
  });

  it('shows where a part is, across locations, to any staff member', async () => {
    const part = `PART-${RUN}`;
    expect((await receive(part, 2)).status).toBe(201);
    expect(
      (await post('/api/stock/receipts', admin, { locationCode: van, partCode: part, quantity: 1 })).status,
    ).toBe(201);
    const response = await get(`/api/stock?partCode=${part}`, agent);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(
      [
        { locationCode: van, partCode: part, onHand: 1, reserved: 0, available: 1 },
        { locationCode: warehouse, partCode: part, onHand: 2, reserved: 0, available: 2 },
      ].sort((a, b) => (a.locationCode < b.locationCode ? -1 : 1)),
    );
    expect((await stack.http().get(`/api/stock?partCode=${part}`)).status).toBe(401);
  });
});
