// Every principal (no token, the customer token, each staff role, a regional dispatcher of another region,
// an unassigned technician) on every endpoint → the expected status. Unknown orders answer 404 only to those
// who may act; a real order (region north, PENDING_REVIEW) shows ownership and the customer token's reach.
import { intakeBody } from '../factories/orders';
import { eventually } from '../support/harness';
import { ApiStack, bearer, createStaff, login, startApiStack, workflowAvailable } from './api-harness';

const PRINCIPALS = [
  'none',
  'customer',
  'agent',
  'supervisor',
  'dispatcher',
  'regionalDispatcher',
  'technician',
  'finance',
  'admin',
] as const;
type PrincipalName = (typeof PRINCIPALS)[number];
const STAFF: PrincipalName[] = [
  'agent',
  'supervisor',
  'dispatcher',
  'regionalDispatcher',
  'technician',
  'finance',
  'admin',
];

const UNKNOWN_ORDER = 'SO-20990101-999999';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

interface Row {
  method: 'get' | 'post' | 'put' | 'patch';
  path: (order: string) => string;
  body?: object;
  /** Expected status per principal. */
  expected: Record<PrincipalName, number>;
}

/** Allowed principals get `ok`; other staff 403; no token and the customer token (not valid here) 401. */
function expect_(
  allowed: PrincipalName[],
  ok: number,
  overrides: Partial<Record<PrincipalName, number>> = {},
): Record<PrincipalName, number> {
  const expected = Object.fromEntries(
    PRINCIPALS.map((p) => [p, p === 'none' || p === 'customer' ? 401 : allowed.includes(p) ? ok : 403]),
  );
  return { ...expected, ...overrides } as Record<PrincipalName, number>;
}

const onUnknown = (suffix: string) => () => `/api/orders/${UNKNOWN_ORDER}${suffix}`;
const onOrder = (suffix: string) => (order: string) => `/api/orders/${order}${suffix}`;

const ROWS: Row[] = [
  {
    method: 'get',
    path: () => '/api/health',
    expected: expect_([...STAFF], 200, { none: 200, customer: 200 }),
  },
  { method: 'get', path: () => '/metrics', expected: expect_([...STAFF], 200, { none: 200, customer: 200 }) },
  {
    method: 'get',
    path: () => '/api/docs-json',
    expected: expect_([...STAFF], 200, { none: 200, customer: 200 }),
  },
  {
    method: 'get',
    path: () => '/api/users',
    expected: expect_(['admin', 'supervisor', 'dispatcher', 'regionalDispatcher'], 200),
  },
  { method: 'post', path: () => '/api/users', body: {}, expected: expect_(['admin'], 400) },
  {
    method: 'get',
    path: () => `/api/users/${UNKNOWN_ID}`,
    expected: expect_(['admin', 'supervisor', 'dispatcher', 'regionalDispatcher'], 404),
  },
  {
    method: 'patch',
    path: () => `/api/users/${UNKNOWN_ID}`,
    body: { capacity: 1 },
    expected: expect_(['admin'], 404),
  },
  { method: 'get', path: () => '/api/sla-policies', expected: expect_(['admin'], 200) },
  { method: 'put', path: () => '/api/sla-policies/REPAIR', body: {}, expected: expect_(['admin'], 400) },
  { method: 'get', path: () => '/api/calendars', expected: expect_(['admin'], 200) },
  { method: 'put', path: () => '/api/calendars/matrix', body: {}, expected: expect_(['admin'], 400) },
  { method: 'post', path: () => '/api/orders', body: {}, expected: expect_(['agent'], 400) },
  { method: 'get', path: () => '/api/orders', expected: expect_(STAFF, 200) },
  { method: 'get', path: onUnknown(''), expected: expect_(STAFF, 404) },
  { method: 'get', path: onUnknown('/timeline'), expected: expect_(STAFF, 404) },
  // Commands on an unknown order: 404 for whoever may act, 403 for the rest.
  {
    method: 'post',
    path: onUnknown('/info'),
    body: { details: { paymentMethod: 'CASH' } },
    expected: expect_(['agent'], 404),
  },
  {
    method: 'post',
    path: onUnknown('/review'),
    body: { decision: 'APPROVE' },
    expected: expect_(['agent'], 404),
  },
  {
    method: 'post',
    path: onUnknown('/approval'),
    body: { decision: 'APPROVE' },
    expected: expect_(['supervisor'], 404),
  },
  {
    method: 'post',
    path: onUnknown('/assignment'),
    body: {},
    expected: expect_(['dispatcher', 'regionalDispatcher', 'supervisor'], 404),
  },
  {
    method: 'post',
    path: onUnknown('/technician-response'),
    body: { decision: 'ACCEPT' },
    expected: expect_(['technician'], 404),
  },
  {
    method: 'post',
    path: onUnknown('/contact'),
    body: { note: 'called' },
    expected: expect_(['technician'], 404),
  },
  {
    method: 'post',
    path: onUnknown('/check-in'),
    body: { lat: 31.2, lng: 121.4 },
    expected: expect_(['technician'], 404),
  },
  {
    method: 'post',
    path: onUnknown('/progress'),
    body: { milestone: 'IN_PROGRESS', note: 'x' },
    expected: expect_(['technician'], 404),
  },
  {
    method: 'post',
    path: onUnknown('/parts-requests'),
    body: { items: [{ code: 'P', quantity: 1 }] },
    expected: expect_(['technician'], 404),
  },
  { method: 'post', path: onUnknown('/parts-requests/r1/received'), expected: expect_(['technician'], 404) },
  {
    method: 'post',
    path: onUnknown('/completion'),
    body: { summary: 'done', partsUsed: [], laborHours: 1 },
    expected: expect_(['technician'], 404),
  },
  {
    method: 'post',
    path: onUnknown('/qc'),
    body: { result: 'PASS' },
    expected: expect_(['supervisor'], 404),
  },
  { method: 'post', path: onUnknown('/chase'), body: { note: 'again' }, expected: expect_(['agent'], 404) },
  {
    method: 'post',
    path: onUnknown('/customer-acceptance'),
    body: { decision: 'ACCEPT', rating: 5 },
    expected: expect_([], 404),
  },
  {
    method: 'post',
    path: onUnknown('/callback'),
    body: { reached: true, satisfied: true },
    expected: expect_(['agent'], 404),
  },
  {
    method: 'post',
    path: onUnknown('/feedback-resolution'),
    body: { resolution: 'fixed' },
    expected: expect_(
      ['agent', 'supervisor', 'dispatcher', 'regionalDispatcher', 'technician', 'finance'],
      404,
    ),
  },
  {
    method: 'post',
    path: onUnknown('/settlement'),
    body: { amount: 1, paymentMethod: 'CARD', invoiceNo: 'I-1' },
    expected: expect_(['finance'], 404),
  },
  {
    method: 'post',
    path: onUnknown('/cancel'),
    body: { reason: 'no longer needed' },
    expected: expect_(['agent', 'supervisor'], 404),
  },
  {
    method: 'post',
    path: onUnknown('/warranty-claims'),
    body: { faultDescription: 'broke again' },
    expected: expect_(['agent'], 404),
  },
  { method: 'get', path: () => '/api/me/notifications', expected: expect_(STAFF, 200) },
  { method: 'post', path: () => `/api/me/notifications/${UNKNOWN_ID}/read`, expected: expect_(STAFF, 404) },
  { method: 'get', path: () => '/api/escalations', expected: expect_(STAFF, 200) },
  { method: 'post', path: () => `/api/escalations/${UNKNOWN_ID}/ack`, expected: expect_(STAFF, 404) },
  {
    method: 'get',
    path: () => '/api/technicians/workload',
    expected: expect_(['agent', 'dispatcher', 'regionalDispatcher', 'supervisor', 'admin'], 200),
  },
  { method: 'get', path: () => '/api/reports/kpis', expected: expect_(['supervisor', 'admin'], 200) },
];

// On a real order in PENDING_REVIEW in region north; the regional dispatcher is of region south and the
// technician is not assigned. The customer token is this order's.
const ORDER_ROWS: Row[] = [
  {
    method: 'get',
    path: onOrder(''),
    expected: expect_(['agent', 'supervisor', 'dispatcher', 'finance', 'admin'], 200, { customer: 200 }),
  },
  {
    method: 'get',
    path: onOrder('/timeline'),
    expected: expect_(['agent', 'supervisor', 'dispatcher', 'finance', 'admin'], 200),
  },
  {
    method: 'post',
    path: onOrder('/customer-acceptance'),
    body: { decision: 'ACCEPT', rating: 5 },
    expected: expect_([], 409, { customer: 409 }),
  },
  {
    method: 'post',
    path: onOrder('/assignment'),
    body: {},
    expected: expect_(['dispatcher', 'supervisor'], 409),
  },
  {
    method: 'post',
    path: onOrder('/technician-response'),
    body: { decision: 'ACCEPT' },
    expected: expect_([], 409),
  },
  {
    method: 'post',
    path: onOrder('/approval'),
    body: { decision: 'APPROVE' },
    expected: expect_(['supervisor'], 409),
  },
  {
    method: 'post',
    path: onOrder('/settlement'),
    body: { amount: 1, paymentMethod: 'CARD', invoiceNo: 'I-1' },
    expected: expect_(['finance'], 409),
  },
];

describe('authorization matrix', () => {
  let stack: ApiStack;
  const tokens = {} as Record<PrincipalName, string | null>;
  let orderNo = '';
  const withWorkflow = workflowAvailable();

  beforeAll(async () => {
    stack = await startApiStack({ prefix: 'api-matrix', worker: withWorkflow });
    tokens.none = null;
    tokens.admin = await login(stack, 'admin', 'admin-password');
    tokens.agent = (await createStaff(stack, ['agent'])).token;
    tokens.supervisor = (await createStaff(stack, ['supervisor'])).token;
    tokens.dispatcher = (await createStaff(stack, ['dispatcher'])).token;
    tokens.regionalDispatcher = (await createStaff(stack, ['dispatcher'], { region: 'south' })).token;
    tokens.technician = (
      await createStaff(stack, ['technician'], { region: 'north', skills: ['hvac'] })
    ).token;
    tokens.finance = (await createStaff(stack, ['finance'])).token;
    // Without a worker the order cannot be read; the customer token is then only checked for its 401s.
    const created = await stack
      .http()
      .post('/api/orders')
      .set(bearer(tokens.agent))
      .send(intakeBody({ dispatchMode: 'SUPERVISOR' }));
    expect(created.status).toBe(201);
    orderNo = created.body.orderNo;
    tokens.customer = created.body.customerToken;
    if (withWorkflow) {
      await eventually(async () => {
        const response = await stack
          .http()
          .get(`/api/orders/${orderNo}`)
          .set(bearer(tokens.admin as string));
        expect(response.body.status).toBe('PENDING_REVIEW');
      });
    }
  });

  afterAll(async () => {
    await stack?.close();
  });

  async function call(row: Row, principal: PrincipalName, order: string): Promise<number> {
    let req = stack.http()[row.method](row.path(order));
    const token = tokens[principal];
    if (token) req = req.set(bearer(token));
    const response = row.body !== undefined ? await req.send(row.body) : await req;
    if (response.status >= 500)
      throw new Error(
        `${row.method} ${row.path(order)} as ${principal}: ${response.status} ${JSON.stringify(response.body)}`,
      );
    return response.status;
  }

  it.each(ROWS.map((row) => [`${row.method.toUpperCase()} ${row.path('{orderNo}')}`, row] as const))(
    '%s',
    async (_name, row) => {
      const actual: Record<string, number> = {};
      for (const principal of PRINCIPALS) actual[principal] = await call(row, principal, UNKNOWN_ORDER);
      expect(actual).toEqual(row.expected);
    },
  );

  (withWorkflow ? it.each : it.skip.each)(
    ORDER_ROWS.map((row) => [`${row.method.toUpperCase()} ${row.path('{real order}')}`, row] as const),
  )('%s', async (_name, row) => {
    const actual: Record<string, number> = {};
    for (const principal of PRINCIPALS) actual[principal] = await call(row, principal, orderNo);
    expect(actual).toEqual(row.expected);
  });
});
