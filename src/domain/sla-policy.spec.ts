import { SLA_STAGES, type SlaStage } from './escalation-ladder';
import { ORDER_TYPES, type OrderType } from './order';
import { DEFAULT_POLICIES, defaultPolicy, targetMs, validatePolicy } from './sla-policy';

const M = 60_000;
const H = 60 * M;
const D = 24 * H;

describe(defaultPolicy.name, () => {
  it.each<[OrderType, number, number]>([
    ['INSTALLATION', 24 * H, 48 * H],
    ['REPAIR', 3 * D, 7 * D],
    ['MAINTENANCE', 24 * H, 48 * H],
    ['INSPECTION', 24 * H, 48 * H],
    ['UPGRADE', 3 * D, 7 * D],
    ['TESTING', 24 * H, 48 * H],
    ['TRAINING', 3 * D, 7 * D],
    ['COMPLAINT', 24 * H, 48 * H],
  ])('%s completes within %d ms in the city and %d ms outside', (type, inCity, outOfCity) => {
    const policy = defaultPolicy(type);
    expect(policy.orderType).toBe(type);
    expect(targetMs(policy, 'COMPLETION', { priority: 'NORMAL', zone: 'IN_CITY' })).toBe(inCity);
    expect(targetMs(policy, 'COMPLETION', { priority: 'NORMAL', zone: 'OUT_OF_CITY' })).toBe(outOfCity);
  });

  it('returns a copy that may be edited', () => {
    const policy = defaultPolicy('REPAIR');
    policy.targets.dispatch.URGENT = '1m';
    expect(defaultPolicy('REPAIR').targets.dispatch.URGENT).toBe('30m');
    expect(DEFAULT_POLICIES.REPAIR.targets.dispatch.URGENT).toBe('30m');
  });

  it('keeps DEFAULT_POLICIES frozen', () => {
    expect(Object.isFrozen(DEFAULT_POLICIES.REPAIR.targets.dispatch)).toBe(true);
    expect(Object.keys(DEFAULT_POLICIES)).toEqual([...ORDER_TYPES]);
  });
});

describe(targetMs.name, () => {
  const policy = defaultPolicy('INSTALLATION');
  const EXPECTED: Record<SlaStage, number> = {
    INFO_COMPLETION: 4 * H,
    REVIEW: 2 * H,
    APPROVAL: 4 * H,
    DISPATCH: 2 * H, // HIGH
    TECHNICIAN_ACCEPTANCE: 30 * M,
    FIRST_CONTACT: 2 * H,
    PROGRESS_REPLY: 6 * H,
    COMPLETION: 48 * H, // OUT_OF_CITY
    QUOTE_APPROVAL: 2 * D,
    ADDED_WORK_APPROVAL: 2 * H,
    CHASE_RESPONSE: H,
    QC: D,
    CUSTOMER_ACCEPTANCE: 3 * D,
    REWORK_DECISION: D, // the qc target
    CALLBACK: 3 * D,
    FEEDBACK_CLOSURE: 3 * D,
    SETTLEMENT: 7 * D,
  };
  it.each(SLA_STAGES)('%s', (stage) => {
    expect(targetMs(policy, stage, { priority: 'HIGH', zone: 'OUT_OF_CITY' })).toBe(EXPECTED[stage]);
  });

  it.each([
    ['URGENT', 30 * M],
    ['HIGH', 2 * H],
    ['NORMAL', 4 * H],
    ['LOW', 8 * H],
  ] as const)('dispatch for %s', (priority, ms) => {
    expect(targetMs(policy, 'DISPATCH', { priority, zone: 'IN_CITY' })).toBe(ms);
  });
});

describe(validatePolicy.name, () => {
  it.each(ORDER_TYPES)('accepts the default %s policy unchanged', (type) => {
    expect(validatePolicy(defaultPolicy(type))).toEqual({ ok: true, policy: defaultPolicy(type) });
  });

  it('drops unknown top-level fields and fills an absent calendar and amount with null', () => {
    const input: Record<string, unknown> = { ...defaultPolicy('REPAIR'), applyToRunning: true };
    delete input.calendar;
    const result = validatePolicy({
      ...input,
      approvalRequired: { priorities: [], types: [], vipCustomer: false },
    });
    expect(result.ok && result.policy).toEqual({
      ...defaultPolicy('REPAIR'),
      approvalRequired: { amountOver: null, priorities: [], types: [], vipCustomer: false },
    });
  });

  const withTargets = (targets: Record<string, unknown>) => ({
    ...defaultPolicy('REPAIR'),
    targets: { ...defaultPolicy('REPAIR').targets, ...targets },
  });

  it.each<[string, unknown, string[]]>([
    ['not an object', null, ['']],
    ['unknown order type', { ...defaultPolicy('REPAIR'), orderType: 'PAINTING' }, ['orderType']],
    ['version zero', { ...defaultPolicy('REPAIR'), version: 0 }, ['version']],
    ['blank calendar', { ...defaultPolicy('REPAIR'), calendar: '' }, ['calendar']],
    ['bad review duration', withTargets({ review: '2 hours' }), ['targets.review']],
    ['zero qc', withTargets({ qc: '0h' }), ['targets.qc']],
    ['missing warranty', withTargets({ warranty: undefined }), ['targets.warranty']],
    ['typo in a target name', withTargets({ reveiw: '2h' }), ['targets.reveiw']],
    [
      'dispatch missing LOW',
      withTargets({ dispatch: { URGENT: '30m', HIGH: '2h', NORMAL: '4h' } }),
      ['targets.dispatch.LOW'],
    ],
    [
      'dispatch with an unknown priority',
      withTargets({ dispatch: { ...defaultPolicy('REPAIR').targets.dispatch, CRITICAL: '5m' } }),
      ['targets.dispatch.CRITICAL'],
    ],
    ['completion not an object', withTargets({ completion: '3d' }), ['targets.completion']],
    [
      'bad completion zone',
      withTargets({ completion: { IN_CITY: '3d', OUT_OF_CITY: 'never' } }),
      ['targets.completion.OUT_OF_CITY'],
    ],
    ['targets missing', { ...defaultPolicy('REPAIR'), targets: undefined }, ['targets']],
    [
      'unknown expiry action',
      { ...defaultPolicy('REPAIR'), onAcceptanceWindowExpiry: 'IGNORE' },
      ['onAcceptanceWindowExpiry'],
    ],
    ['negative reworks', { ...defaultPolicy('REPAIR'), maxReworks: -1 }, ['maxReworks']],
    ['fractional reworks', { ...defaultPolicy('REPAIR'), maxReworks: 1.5 }, ['maxReworks']],
    [
      'pause flag as text',
      { ...defaultPolicy('REPAIR'), pauseWhileWaitingParts: 'yes' },
      ['pauseWhileWaitingParts'],
    ],
    ['zero radius', { ...defaultPolicy('REPAIR'), checkInRadiusMeters: 0 }, ['checkInRadiusMeters']],
    [
      'bad approval rule',
      {
        ...defaultPolicy('REPAIR'),
        approvalRequired: { amountOver: -1, priorities: ['ASAP'], types: ['X'], vipCustomer: 1 },
      },
      [
        'approvalRequired.amountOver',
        'approvalRequired.priorities',
        'approvalRequired.types',
        'approvalRequired.vipCustomer',
      ],
    ],
  ])('refuses %s', (_label, input, fields) => {
    const result = validatePolicy(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => e.field)).toEqual(fields);
  });

  it('reports every bad duration at once', () => {
    const targets = Object.fromEntries(
      Object.entries(defaultPolicy('REPAIR').targets).map(([key, value]) => [
        key,
        typeof value === 'string' ? 'x' : value,
      ]),
    );
    const result = validatePolicy({ ...defaultPolicy('REPAIR'), targets });
    // 14 required targets and the 2 optional ones the default policy holds (quote and added work windows).
    expect(!result.ok && result.errors).toHaveLength(16);
  });
});
