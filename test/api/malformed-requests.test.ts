// A table of malformed requests: each must be refused with 400 naming the bad field — never a 500.
// Validation runs before any handler, so none of these reaches Temporal.
import { intakeBody } from '../factories/orders';
import { ApiStack, bearer, createStaff, login, startApiStack } from './api-harness';

type Role = 'agent' | 'supervisor' | 'dispatcher' | 'technician' | 'finance' | 'admin';

interface Case {
  name: string;
  method: 'get' | 'post' | 'put' | 'patch';
  path: string;
  as: Role;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  field: string;
}

const ORDER = '/api/orders/SO-20300101-000001';
const base = intakeBody();
const customer = base.customer as Record<string, unknown>;
const item = (base.serviceItems as Record<string, unknown>[])[0];
const long = (n: number) => 'x'.repeat(n);

function without<T extends Record<string, unknown>>(object: T, key: string): Record<string, unknown> {
  const { [key]: _omitted, ...rest } = object;
  return rest;
}

const intake = (overrides: Record<string, unknown>, field: string, name: string): Case => ({
  name: `intake: ${name}`,
  method: 'post',
  path: '/api/orders',
  as: 'agent',
  body: { ...base, ...overrides },
  field,
});
const withCustomer = (patch: Record<string, unknown>) => ({ customer: { ...customer, ...patch } });
const withItem = (patch: Record<string, unknown>) => ({ serviceItems: [{ ...item, ...patch }] });

const CASES: Case[] = [
  {
    name: 'intake: missing type',
    method: 'post',
    path: '/api/orders',
    as: 'agent',
    body: without(base, 'type'),
    field: 'type',
  },
  intake({ type: 'PLUMBING' }, 'type', 'unknown order type'),
  intake({ priority: 5 }, 'priority', 'priority as a number'),
  intake({ channel: null }, 'channel', 'null channel'),
  {
    name: 'intake: missing customer',
    method: 'post',
    path: '/api/orders',
    as: 'agent',
    body: without(base, 'customer'),
    field: 'customer',
  },
  intake({ customer: 'Zhang San' }, 'customer', 'customer as a string'),
  intake({ customer: [customer] }, 'customer', 'customer as an array'),
  intake({ customer: without(customer, 'name') }, 'customer.name', 'customer without name'),
  intake(withCustomer({ name: long(201) }), 'customer.name', 'customer name too long'),
  intake(withCustomer({ name: long(50_000) }), 'customer.name', 'huge customer name'),
  intake(withCustomer({ phone: 'call me' }), 'customer.phone', 'phone with letters'),
  intake(withCustomer({ phone: 13800000000 }), 'customer.phone', 'phone as a number'),
  intake(withCustomer({ zone: 'SUBURB' }), 'customer.zone', 'unknown zone'),
  intake(withCustomer({ email: 'not-an-email' }), 'customer.email', 'bad e-mail'),
  intake(withCustomer({ lat: 91 }), 'customer.lat', 'latitude out of range'),
  intake(withCustomer({ lng: '121.4' }), 'customer.lng', 'longitude as a string'),
  intake(withCustomer({ vip: 'yes' }), 'customer.vip', 'vip as a string'),
  intake(withCustomer({ ssn: '123' }), 'customer.ssn', 'unknown nested field'),
  intake({ hacker: true }, 'hacker', 'unknown top-level field'),
  intake({ equipment: { purchaseDate: '2024-13-45' } }, 'equipment.purchaseDate', 'impossible purchase date'),
  intake({ equipment: { purchaseDate: 'yesterday' } }, 'equipment.purchaseDate', 'purchase date in words'),
  intake({ equipment: 'AC-9000' }, 'equipment', 'equipment as a string'),
  intake({ equipment: { serialNumber: long(101) } }, 'equipment.serialNumber', 'serial number too long'),
  intake({ faultDescription: long(5001) }, 'faultDescription', 'fault description too long'),
  intake({ faultDescription: 42 }, 'faultDescription', 'fault description as a number'),
  {
    name: 'intake: missing service items',
    method: 'post',
    path: '/api/orders',
    as: 'agent',
    body: without(base, 'serviceItems'),
    field: 'serviceItems',
  },
  intake({ serviceItems: { code: 'A' } }, 'serviceItems', 'service items as an object'),
  intake(withItem({ quantity: -1 }), 'serviceItems[0].quantity', 'negative quantity'),
  intake(withItem({ unitPrice: -5 }), 'serviceItems[0].unitPrice', 'negative unit price'),
  intake(withItem({ quantity: '1' }), 'serviceItems[0].quantity', 'quantity as a string'),
  intake({ serviceItems: [without(item, 'code')] }, 'serviceItems[0].code', 'item without code'),
  intake({ serviceItems: [item, 5] }, 'serviceItems[1]', 'item that is not an object'),
  intake({ serviceItems: Array.from({ length: 101 }, () => item) }, 'serviceItems', 'too many items'),
  intake(withItem({ discount: 10 }), 'serviceItems[0].discount', 'unknown item field'),
  intake({ totalAmount: -1 }, 'totalAmount', 'negative total'),
  intake({ totalAmount: '300' }, 'totalAmount', 'total as a string'),
  intake({ totalAmount: 1e12 }, 'totalAmount', 'total too large'),
  intake({ totalAmount: 1.234 }, 'totalAmount', 'total with three decimals'),
  intake(
    { appointment: { start: 'tomorrow', end: '2030-01-01T12:00:00Z' } },
    'appointment.start',
    'appointment start in words',
  ),
  intake({ appointment: { start: '2030-01-01T09:00:00Z' } }, 'appointment.end', 'appointment without end'),
  intake({ appointment: '2030-01-01' }, 'appointment', 'appointment as a string'),
  intake({ requiredSkills: 'hvac' }, 'requiredSkills', 'skills as a string'),
  intake({ requiredSkills: [1] }, 'requiredSkills', 'skills as numbers'),
  intake({ requiredSkills: ['has space'] }, 'requiredSkills', 'skill with a space'),
  intake({ dispatchMode: 'MAGIC' }, 'dispatchMode', 'unknown dispatch mode'),
  intake({ directTechnicianId: 'bob' }, 'directTechnicianId', 'technician id not a uuid'),
  intake({ paymentMethod: long(51) }, 'paymentMethod', 'payment method too long'),
  {
    name: 'intake: invalid JSON',
    method: 'post',
    path: '/api/orders',
    as: 'agent',
    raw: '{"type": "REPAIR", ',
    field: 'body',
  },
  {
    name: 'intake: JSON nested 5,000 levels deep',
    method: 'post',
    path: '/api/orders',
    as: 'agent',
    raw: `{"customer":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`,
    field: 'body',
  },
  {
    name: 'intake: JSON array',
    method: 'post',
    path: '/api/orders',
    as: 'agent',
    raw: '[1, 2]',
    field: 'body',
  },
  {
    name: 'intake: idempotency key too long',
    method: 'post',
    path: '/api/orders',
    as: 'agent',
    body: base,
    headers: { 'Idempotency-Key': long(300) },
    field: 'Idempotency-Key',
  },
  // Commands
  {
    name: 'info: no details',
    method: 'post',
    path: `${ORDER}/info`,
    as: 'agent',
    body: {},
    field: 'details',
  },
  {
    name: 'info: bad nested phone',
    method: 'post',
    path: `${ORDER}/info`,
    as: 'agent',
    body: { details: { customer: { ...customer, phone: 'x' } } },
    field: 'details.customer.phone',
  },
  {
    name: 'info: the order type cannot change',
    method: 'post',
    path: `${ORDER}/info`,
    as: 'agent',
    body: { details: { type: 'REPAIR' } },
    field: 'details.type',
  },
  {
    name: 'info: null service items',
    method: 'post',
    path: `${ORDER}/info`,
    as: 'agent',
    body: { details: { serviceItems: null } },
    field: 'details.serviceItems',
  },
  {
    name: 'info: null customer',
    method: 'post',
    path: `${ORDER}/info`,
    as: 'agent',
    body: { details: { customer: null } },
    field: 'details.customer',
  },
  {
    name: 'review: unknown decision',
    method: 'post',
    path: `${ORDER}/review`,
    as: 'agent',
    body: { decision: 'MAYBE' },
    field: 'decision',
  },
  {
    name: 'review: missing decision',
    method: 'post',
    path: `${ORDER}/review`,
    as: 'agent',
    body: { note: 'ok' },
    field: 'decision',
  },
  {
    name: 'review: note as a number',
    method: 'post',
    path: `${ORDER}/review`,
    as: 'agent',
    body: { decision: 'APPROVE', note: 5 },
    field: 'note',
  },
  {
    name: 'approval: unknown decision',
    method: 'post',
    path: `${ORDER}/approval`,
    as: 'supervisor',
    body: { decision: 'OK' },
    field: 'decision',
  },
  {
    name: 'assignment: technician id not a uuid',
    method: 'post',
    path: `${ORDER}/assignment`,
    as: 'dispatcher',
    body: { technicianId: 'x' },
    field: 'technicianId',
  },
  {
    name: 'technician response: decline without reason',
    method: 'post',
    path: `${ORDER}/technician-response`,
    as: 'technician',
    body: { decision: 'DECLINE' },
    field: 'reason',
  },
  {
    name: 'technician response: huge reason',
    method: 'post',
    path: `${ORDER}/technician-response`,
    as: 'technician',
    body: { decision: 'DECLINE', reason: long(3000) },
    field: 'reason',
  },
  {
    name: 'contact: bad appointment',
    method: 'post',
    path: `${ORDER}/contact`,
    as: 'technician',
    body: { note: 'called', appointment: { start: 'soon', end: '2030-01-01T10:00:00Z' } },
    field: 'appointment.start',
  },
  {
    name: 'check-in: latitude as text',
    method: 'post',
    path: `${ORDER}/check-in`,
    as: 'technician',
    body: { lat: 'north', lng: 121 },
    field: 'lat',
  },
  {
    name: 'check-in: latitude out of range',
    method: 'post',
    path: `${ORDER}/check-in`,
    as: 'technician',
    body: { lat: 200, lng: 121 },
    field: 'lat',
  },
  {
    name: 'progress: unknown milestone',
    method: 'post',
    path: `${ORDER}/progress`,
    as: 'technician',
    body: { milestone: 'DONE', note: 'x' },
    field: 'milestone',
  },
  {
    name: 'progress: attachments as a string',
    method: 'post',
    path: `${ORDER}/progress`,
    as: 'technician',
    body: { milestone: 'IN_PROGRESS', note: 'x', attachments: 'photo.jpg' },
    field: 'attachments',
  },
  {
    name: 'parts: no items',
    method: 'post',
    path: `${ORDER}/parts-requests`,
    as: 'technician',
    body: { items: [] },
    field: 'items',
  },
  {
    name: 'parts: zero quantity',
    method: 'post',
    path: `${ORDER}/parts-requests`,
    as: 'technician',
    body: { items: [{ code: 'P1', quantity: 0 }] },
    field: 'items[0].quantity',
  },
  {
    name: 'parts: negative quantity',
    method: 'post',
    path: `${ORDER}/parts-requests`,
    as: 'technician',
    body: { items: [{ code: 'P1', quantity: -3 }] },
    field: 'items[0].quantity',
  },
  {
    name: 'completion: no parts list',
    method: 'post',
    path: `${ORDER}/completion`,
    as: 'technician',
    body: { summary: 'done', laborHours: 2 },
    field: 'partsUsed',
  },
  {
    name: 'completion: negative labour',
    method: 'post',
    path: `${ORDER}/completion`,
    as: 'technician',
    body: { summary: 'done', partsUsed: [], laborHours: -2 },
    field: 'laborHours',
  },
  {
    name: 'completion: part warranty in words',
    method: 'post',
    path: `${ORDER}/completion`,
    as: 'technician',
    body: { summary: 'done', partsUsed: [{ code: 'P', quantity: 1, warranty: '6 months' }], laborHours: 1 },
    field: 'partsUsed[0].warranty',
  },
  {
    name: 'completion: part warranty of zero',
    method: 'post',
    path: `${ORDER}/completion`,
    as: 'technician',
    body: { summary: 'done', partsUsed: [{ code: 'P', quantity: 1, warranty: '0d' }], laborHours: 1 },
    field: 'partsUsed[0].warranty',
  },
  {
    name: 'completion: part warranty too long to count',
    method: 'post',
    path: `${ORDER}/completion`,
    as: 'technician',
    body: {
      summary: 'done',
      partsUsed: [{ code: 'P', quantity: 1, warranty: '9999999999999999999d' }],
      laborHours: 1,
    },
    field: 'partsUsed[0].warranty',
  },
  {
    name: 'qc: unknown result',
    method: 'post',
    path: `${ORDER}/qc`,
    as: 'supervisor',
    body: { result: 'GOOD' },
    field: 'result',
  },
  {
    name: 'chase: empty note',
    method: 'post',
    path: `${ORDER}/chase`,
    as: 'agent',
    body: { note: '' },
    field: 'note',
  },
  {
    name: 'callback: reached as text',
    method: 'post',
    path: `${ORDER}/callback`,
    as: 'agent',
    body: { reached: 'yes', satisfied: true },
    field: 'reached',
  },
  {
    name: 'settlement: negative amount',
    method: 'post',
    path: `${ORDER}/settlement`,
    as: 'finance',
    body: { amount: -10, paymentMethod: 'CARD', invoiceNo: 'I1' },
    field: 'amount',
  },
  {
    // Optional (a payment taken on site has its invoice sent later); the workflow requires it otherwise.
    name: 'settlement: an invoice number that is not text',
    method: 'post',
    path: `${ORDER}/settlement`,
    as: 'finance',
    body: { amount: 10, paymentMethod: 'CARD', invoiceNo: 42 },
    field: 'invoiceNo',
  },
  {
    name: 'cancel: no reason',
    method: 'post',
    path: `${ORDER}/cancel`,
    as: 'agent',
    body: {},
    field: 'reason',
  },
  {
    name: 'warranty claim: no fault description',
    method: 'post',
    path: `${ORDER}/warranty-claims`,
    as: 'agent',
    body: {},
    field: 'faultDescription',
  },
  { name: 'order number malformed', method: 'get', path: '/api/orders/SO-1', as: 'agent', field: 'orderNo' },
  // Queries
  {
    name: 'list: unknown status',
    method: 'get',
    path: '/api/orders?status=NOPE',
    as: 'agent',
    field: 'status',
  },
  { name: 'list: page 0', method: 'get', path: '/api/orders?page=0', as: 'agent', field: 'page' },
  {
    name: 'list: page size 1000',
    method: 'get',
    path: '/api/orders?pageSize=1000',
    as: 'agent',
    field: 'pageSize',
  },
  { name: 'list: page as text', method: 'get', path: '/api/orders?page=first', as: 'agent', field: 'page' },
  {
    name: 'list: overdue maybe',
    method: 'get',
    path: '/api/orders?overdue=maybe',
    as: 'agent',
    field: 'overdue',
  },
  {
    name: 'list: technician not a uuid',
    method: 'get',
    path: '/api/orders?technician=bob',
    as: 'agent',
    field: 'technician',
  },
  {
    name: 'list: unknown query parameter',
    method: 'get',
    path: '/api/orders?sort=drop',
    as: 'agent',
    field: 'sort',
  },
  {
    name: 'escalations: level 9',
    method: 'get',
    path: '/api/escalations?level=9',
    as: 'supervisor',
    field: 'level',
  },
  {
    name: 'escalations: unknown state',
    method: 'get',
    path: '/api/escalations?state=closed',
    as: 'supervisor',
    field: 'state',
  },
  {
    name: 'kpis: from in words',
    method: 'get',
    path: '/api/reports/kpis?from=yesterday',
    as: 'supervisor',
    field: 'from',
  },
  // Users and login
  {
    name: 'users: unknown role',
    method: 'post',
    path: '/api/users',
    as: 'admin',
    body: { username: 'someone', password: 'long-enough', displayName: 'S', roles: ['king'] },
    field: 'roles',
  },
  {
    name: 'users: short password',
    method: 'post',
    path: '/api/users',
    as: 'admin',
    body: { username: 'someone', password: 'short', displayName: 'S', roles: ['agent'] },
    field: 'password',
  },
  {
    name: 'users: username with a space',
    method: 'post',
    path: '/api/users',
    as: 'admin',
    body: { username: 'some one', password: 'long-enough', displayName: 'S', roles: ['agent'] },
    field: 'username',
  },
  {
    name: 'users: negative capacity',
    method: 'patch',
    path: '/api/users/00000000-0000-4000-8000-000000000000',
    as: 'admin',
    body: { capacity: -1 },
    field: 'capacity',
  },
  {
    name: 'users: null roles',
    method: 'patch',
    path: '/api/users/00000000-0000-4000-8000-000000000000',
    as: 'admin',
    body: { roles: null },
    field: 'roles',
  },
  {
    name: 'login: username as a number',
    method: 'post',
    path: '/api/auth/login',
    as: 'admin',
    body: { username: 123, password: 'x' },
    field: 'username',
  },
  {
    name: 'policy: bad duration',
    method: 'put',
    path: '/api/sla-policies/REPAIR',
    as: 'admin',
    body: {
      targets: {},
      onAcceptanceWindowExpiry: 'NEVER',
      maxReworks: 1,
      pauseWhileWaitingParts: true,
      checkInRadiusMeters: 500,
      approvalRequired: {},
    },
    field: 'onAcceptanceWindowExpiry',
  },
  // Query values: booleans are exactly true/false; an empty value of a numeric or enum parameter is refused.
  ...(
    [
      ['/api/me/notifications?unreadOnly=0', 'unreadOnly', 'agent'],
      ['/api/me/notifications?unreadOnly=1', 'unreadOnly', 'agent'],
      ['/api/me/notifications?unreadOnly=', 'unreadOnly', 'agent'],
      ['/api/me/notifications?page=', 'page', 'agent'],
      ['/api/me/notifications?pageSize=1e1', 'pageSize', 'agent'],
      ['/api/escalations?level=', 'level', 'supervisor'],
      ['/api/escalations?level=0x1', 'level', 'supervisor'],
      ['/api/escalations?stage=', 'stage', 'supervisor'],
      ['/api/orders?overdue=yes', 'overdue', 'supervisor'],
      ['/api/orders?overdue=0', 'overdue', 'supervisor'],
      ['/api/orders?status=', 'status', 'supervisor'],
      ['/api/orders?priority=', 'priority', 'supervisor'],
      ['/api/orders?region=', 'region', 'supervisor'],
      ['/api/orders?page=%202', 'page', 'supervisor'],
      ['/api/users?active=1', 'active', 'admin'],
      ['/api/users?role=', 'role', 'admin'],
      ['/api/admin/stuck-orders?minAttempt=', 'minAttempt', 'admin'],
      [`${ORDER}?minRevision=`, 'minRevision', 'supervisor'],
    ] as const
  ).map(([path, field, as]): Case => ({ name: `query: ${path}`, method: 'get', path, as, field })),
];

describe('malformed requests', () => {
  let stack: ApiStack;
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    stack = await startApiStack({ prefix: 'api-malformed' });
    tokens.admin = await login(stack, 'admin', 'admin-password');
    for (const role of ['agent', 'supervisor', 'dispatcher', 'technician', 'finance'] as const) {
      tokens[role] = (await createStaff(stack, [role])).token;
    }
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('has at least 50 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(50);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s → 400 naming the field', async (_name, c) => {
    let req = stack.http()[c.method](c.path).set(bearer(tokens[c.as]));
    for (const [key, value] of Object.entries(c.headers ?? {})) req = req.set(key, value);
    const response =
      c.raw !== undefined
        ? await req.set('Content-Type', 'application/json').send(c.raw)
        : c.body !== undefined
          ? await req.send(c.body as object)
          : await req;
    expect({ status: response.status, body: response.body }).toMatchObject({
      status: 400,
      body: { statusCode: 400, error: 'Bad Request' },
    });
    const fields = (response.body.details as { field: string; reasons: string[] }[]).map((d) => d.field);
    expect(fields).toContain(c.field);
    for (const detail of response.body.details as { reasons: string[] }[])
      expect(detail.reasons.length).toBeGreaterThan(0);
  });
});
