import type { StaffRole } from './order';
import { sameRegionSql } from './region';
import {
  maySeeOrder,
  reachesOf,
  seesEveryOrder,
  visibleOrdersSql,
  type OrderViewer,
  type OrderVisibilityFacts,
} from './visibility';

const ME = 'u-me';
const viewer = (roles: StaffRole[], region: string | null = null): OrderViewer => ({
  userId: ME,
  roles,
  region,
});
const order = (overrides: Partial<OrderVisibilityFacts> = {}): OrderVisibilityFacts => ({
  region: 'north',
  technicianId: 'u-other',
  feedbackOwnerId: null,
  ...overrides,
});

describe(maySeeOrder.name, () => {
  it.each([
    // viewer, order → may see
    ['agent', viewer(['agent'], 'south'), order(), true],
    ['supervisor', viewer(['supervisor'], 'south'), order(), true],
    ['finance', viewer(['finance']), order(), true],
    ['admin', viewer(['admin']), order({ region: null }), true],
    ['dispatcher without region', viewer(['dispatcher']), order(), true],
    ['dispatcher of the region', viewer(['dispatcher'], 'north'), order(), true],
    ['dispatcher "North" on "north"', viewer(['dispatcher'], 'North'), order(), true],
    ['dispatcher "north" on " NORTH "', viewer(['dispatcher'], 'north'), order({ region: ' NORTH ' }), true],
    ['dispatcher of another region', viewer(['dispatcher'], 'south'), order(), false],
    [
      'regional dispatcher, order without region',
      viewer(['dispatcher'], 'north'),
      order({ region: null }),
      false,
    ],
    ['assigned technician', viewer(['technician'], 'north'), order({ technicianId: ME }), true],
    ['technician of the region, not assigned', viewer(['technician'], 'north'), order(), false],
    ['technician without region, not assigned', viewer(['technician']), order(), false],
    ['technician owning the feedback case', viewer(['technician']), order({ feedbackOwnerId: ME }), true],
    [
      'dispatcher of another region owning the feedback case',
      viewer(['dispatcher'], 'south'),
      order({ feedbackOwnerId: ME }),
      true,
    ],
    ['someone else owns the feedback case', viewer(['technician']), order({ feedbackOwnerId: 'x' }), false],
    [
      'dispatcher and technician, assigned elsewhere',
      viewer(['dispatcher', 'technician'], 'south'),
      order({ technicianId: ME }),
      true,
    ],
  ])('%s → %p', (_case, who, facts, expected) => {
    expect(maySeeOrder(who, facts)).toBe(expected);
  });

  it('never lets an unowned case stand in for an owner', () => {
    expect(
      maySeeOrder(viewer(['technician']), order({ technicianId: null, feedbackOwnerId: undefined })),
    ).toBe(false);
  });
});

describe(seesEveryOrder.name, () => {
  it('holds for the roles above the order and dispatchers without a region', () => {
    expect(seesEveryOrder(viewer(['technician', 'agent']))).toBe(true);
    expect(seesEveryOrder(viewer(['dispatcher']))).toBe(true);
    expect(seesEveryOrder(viewer(['dispatcher'], 'north'))).toBe(false);
    expect(seesEveryOrder(viewer(['technician']))).toBe(false);
  });
});

describe(visibleOrdersSql.name, () => {
  const columns = { region: 'o.region', technicianId: 'o.technician_id', feedbackOwnerId: 'o.owner' };
  const placeholders = { userId: ':me', region: ':myRegion' };

  it('is TRUE for who sees every order', () => {
    expect(visibleOrdersSql(viewer(['admin']), columns, placeholders)).toBe('coalesce((TRUE), false)');
  });

  it('ORs the same reaches maySeeOrder checks', () => {
    expect(reachesOf(viewer(['dispatcher'], 'north'))).toEqual(['region', 'assigned', 'feedback-owner']);
    expect(visibleOrdersSql(viewer(['dispatcher'], 'north'), columns, placeholders)).toBe(
      `coalesce((${sameRegionSql('o.region', ':myRegion')}) OR (o.technician_id = CAST(:me AS uuid)) OR ` +
        `(o.owner = CAST(:me AS text)), false)`,
    );
    expect(visibleOrdersSql(viewer(['technician'], 'north'), columns, placeholders)).toBe(
      'coalesce((o.technician_id = CAST(:me AS uuid)) OR (o.owner = CAST(:me AS text)), false)',
    );
  });
});
