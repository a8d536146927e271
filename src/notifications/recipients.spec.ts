import {
  escalationRequest,
  notifyRequest,
  peopleForRole,
  resolveRecipients,
  type CandidateUser,
} from './recipients';
import type { EscalationStep } from '../activities/notification.contract';

const user = (
  id: string,
  roles: string[],
  region: string | null,
  extra: Partial<CandidateUser> = {},
): CandidateUser => ({
  id,
  username: id,
  roles,
  region,
  email: `${id}@example.test`,
  active: true,
  ...extra,
});

const STAFF: CandidateUser[] = [
  user('tech-n', ['technician'], 'north'),
  user('tech-s', ['technician'], 'south'),
  user('disp-n', ['dispatcher'], 'north'),
  user('disp-n-away', ['dispatcher'], 'north', { active: false }),
  user('disp-s1', ['dispatcher'], 'south'),
  user('disp-s2', ['dispatcher'], 'south'),
  user('sup-a', ['supervisor'], 'north'),
  user('sup-b', ['supervisor', 'dispatcher'], null),
  user('admin', ['admin'], null),
  user('agent-1', ['agent'], 'north'),
];

const step = (overrides: Partial<EscalationStep>): EscalationStep => ({
  orderNo: 'SO-20300101-000001',
  stage: 'COMPLETION',
  stageKey: 'COMPLETION#1',
  level: 0,
  dueAt: '2030-01-01T10:00:00.000Z',
  firedAt: '2030-01-01T10:00:00.000Z',
  responsibleUserId: 'tech-n',
  responsibleRole: 'technician',
  region: 'north',
  ...overrides,
});

const summary = (s: EscalationStep) =>
  resolveRecipients(escalationRequest(s), STAFF).map(
    (r) => `${r.userId}/${r.role}${r.viaFallback ? '*' : ''}`,
  );

describe(resolveRecipients.name, () => {
  it.each([
    // stage, level, responsible, region → recipients (role; * = fallback)
    ['COMPLETION', 0, 'tech-n', 'north', ['tech-n/technician']],
    ['COMPLETION', 1, 'tech-n', 'north', ['tech-n/technician', 'disp-n/dispatcher']],
    [
      'COMPLETION',
      2,
      'tech-n',
      'north',
      ['tech-n/technician', 'disp-n/dispatcher', 'sup-a/supervisor', 'sup-b/supervisor'],
    ],
    [
      'COMPLETION',
      3,
      'tech-n',
      'north',
      ['tech-n/technician', 'disp-n/dispatcher', 'sup-a/supervisor', 'sup-b/supervisor', 'admin/admin'],
    ],
    // South has two dispatchers: both are told.
    [
      'FIRST_CONTACT',
      1,
      'tech-s',
      'south',
      ['tech-s/technician', 'disp-s1/dispatcher', 'disp-s2/dispatcher'],
    ],
    // Nobody in the east: every active dispatcher, flagged as fallback.
    [
      'COMPLETION',
      1,
      'tech-n',
      'east',
      [
        'tech-n/technician',
        'disp-n/dispatcher*',
        'disp-s1/dispatcher*',
        'disp-s2/dispatcher*',
        'sup-b/dispatcher*',
      ],
    ],
    ['REVIEW', 1, 'agent-1', 'north', ['agent-1/agent', 'sup-a/supervisor', 'sup-b/supervisor']],
    ['APPROVAL', 1, null, 'north', ['sup-a/supervisor', 'sup-b/supervisor', 'admin/admin']],
    // No responsible person known: the responsible role of the region.
    ['DISPATCH', 0, null, 'north', ['disp-n/dispatcher']],
    // A responsible person who no longer exists is replaced by their role.
    ['COMPLETION', 0, 'gone', 'south', ['tech-s/technician']],
  ] as const)(
    '%s level %i (responsible %s, region %s) → %j',
    (stage, level, responsible, region, expected) => {
      expect(summary(step({ stage, level, responsibleUserId: responsible, region }))).toEqual(expected);
    },
  );

  it('notifies a named person even while away, once, in the capacity first found', () => {
    const result = resolveRecipients(
      {
        people: [{ userId: 'disp-n-away' }, { userId: 'disp-n-away' }],
        roles: ['dispatcher'],
        region: 'north',
      },
      STAFF,
    );
    expect(result.map((r) => `${r.userId}/${r.role}`)).toEqual([
      'disp-n-away/dispatcher',
      'disp-n/dispatcher',
    ]);
  });

  it('carries the e-mail for the outbox and the region for the record', () => {
    const [first] = resolveRecipients(
      notifyRequest({
        orderNo: 'SO-1',
        kind: 'ASSIGNED',
        userIds: ['tech-n'],
        title: 't',
        body: 'b',
        idempotencyKey: 'k',
      }),
      STAFF,
    );
    expect(first).toEqual({
      userId: 'tech-n',
      username: 'tech-n',
      role: 'technician',
      region: 'north',
      viaFallback: false,
      email: 'tech-n@example.test',
    });
  });
});

describe(peopleForRole.name, () => {
  it('ignores the region for roles that are not region-scoped', () => {
    expect(peopleForRole('supervisor', 'south', STAFF)).toEqual({
      people: [STAFF[6], STAFF[7]],
      viaFallback: false,
    });
  });
  it('is no fallback when nobody has the role at all', () => {
    expect(peopleForRole('finance', 'north', STAFF)).toEqual({ people: [], viaFallback: false });
  });
  it('is no fallback when the order has no region', () => {
    expect(peopleForRole('dispatcher', null, STAFF).viaFallback).toBe(false);
  });
  it('matches the region as sameRegion does, whatever its case and surrounding spaces', () => {
    const staff = [user('disp-upper', ['dispatcher'], 'North'), user('disp-s', ['dispatcher'], 'south')];
    expect(peopleForRole('dispatcher', ' north', staff)).toEqual({ people: [staff[0]], viaFallback: false });
  });
});
