import {
  dispatchFactsOf,
  excludedFromAutomaticChoice,
  SCORING_WEIGHTS,
  scoreTechnicians,
  type OrderToDispatch,
  type TechnicianProfile,
} from './assignment-scoring';

// The customer is in central Shanghai; 0.09° of latitude is about 10 km.
const order: OrderToDispatch = {
  priority: 'NORMAL',
  requiredSkills: ['HVAC'],
  region: 'pudong',
  lat: 31.23,
  lng: 121.47,
};

function aTechnician(overrides: Partial<TechnicianProfile> = {}): TechnicianProfile {
  return {
    id: 't-1',
    name: 'Wang',
    active: true,
    skills: ['hvac', 'electrical'],
    region: 'pudong',
    lat: 31.23,
    lng: 121.47,
    capacity: 5,
    openOrders: 1,
    ...overrides,
  };
}

const winnerId = (o: OrderToDispatch, techs: TechnicianProfile[], excluded: string[] = []) =>
  scoreTechnicians(o, techs, excluded).winner?.id ?? null;

describe(scoreTechnicians.name, () => {
  it.each<[string, Partial<TechnicianProfile>, string[], string]>([
    ['missing a skill', { skills: ['electrical'] }, [], 'missing skills: HVAC'],
    ['at capacity', { openOrders: 5 }, [], 'at capacity (5 of 5 open)'],
    ['with no capacity at all', { capacity: 0, openOrders: 0 }, [], 'at capacity (0 of 0 open)'],
    ['inactive (away)', { active: false }, [], 'inactive'],
    ['excluded after declining', {}, ['t-1'], 'excluded: declined or timed out on this order'],
  ])('rejects a technician %s', (_label, overrides, excluded, reason) => {
    const result = scoreTechnicians(order, [aTechnician(overrides)], excluded);
    expect(result.winner).toBeNull();
    expect(result.candidates).toEqual([
      expect.objectContaining({ id: 't-1', eligible: false, rejectedBecause: reason }),
    ]);
    expect(result.explanation).toContain(reason);
  });

  it('matches skills ignoring case and spaces', () => {
    expect(winnerId({ ...order, requiredSkills: [' hVaC '] }, [aTechnician({ skills: ['HVAC'] })])).toBe(
      't-1',
    );
  });

  it('takes anyone when no skill is required', () => {
    expect(winnerId({ ...order, requiredSkills: [] }, [aTechnician({ skills: [] })])).toBe('t-1');
  });

  describe('nearer versus less loaded', () => {
    const near = aTechnician({ id: 'near', openOrders: 4, lat: 31.23 + 0.009 }); // ~1 km, 1 of 5 free
    const idle = aTechnician({ id: 'idle', openOrders: 0, lat: 31.23 + 0.18 }); // ~20 km, all free

    it.each([
      ['URGENT', 'near'],
      ['LOW', 'idle'],
    ] as const)('%s goes to %s', (priority, expected) => {
      expect(winnerId({ ...order, priority }, [near, idle])).toBe(expected);
      expect(winnerId({ ...order, priority }, [idle, near])).toBe(expected);
    });

    it('weighs distance less and load more as priority falls', () => {
      const profiles = (['URGENT', 'HIGH', 'NORMAL', 'LOW'] as const).map((p) => SCORING_WEIGHTS[p]);
      for (let i = 1; i < profiles.length; i++) {
        expect(profiles[i].distance).toBeLessThan(profiles[i - 1].distance);
        expect(profiles[i].load).toBeGreaterThan(profiles[i - 1].load);
      }
      for (const w of profiles) expect(w.region + w.distance + w.load).toBe(100);
    });
  });

  it('prefers the order region when all else is equal', () => {
    const techs = [aTechnician({ id: 'a', region: 'minhang' }), aTechnician({ id: 'b', region: 'PUDONG' })];
    const result = scoreTechnicians(order, techs, []);
    expect(result.winner?.id).toBe('b');
    expect(result.candidates[0].breakdown?.region).toBeGreaterThan(0);
    expect(result.candidates[1].breakdown?.region).toBe(0);
  });

  it('gives no distance points when a position is unknown', () => {
    const result = scoreTechnicians(order, [aTechnician({ lat: null, lng: null })], []);
    expect(result.candidates[0]).toMatchObject({ eligible: true, breakdown: { distance: 0 } });
    expect(result.candidates[0].distanceKm).toBeUndefined();
  });

  it('breaks exact ties by the lowest id', () => {
    const techs = ['t-9', 't-10', 't-2'].map((id) => aTechnician({ id }));
    const result = scoreTechnicians(order, techs, []);
    expect(result.candidates.map((c) => c.id)).toEqual(['t-10', 't-2', 't-9']);
    expect(result.winner?.id).toBe('t-10');
  });

  it('breaks equal scores by fewer open orders before id', () => {
    // Same spare share (1 - 2/4 = 1 - 1/2) but fewer open orders.
    const techs = [
      aTechnician({ id: 'a', capacity: 4, openOrders: 2 }),
      aTechnician({ id: 'b', capacity: 2, openOrders: 1 }),
    ];
    expect(winnerId(order, techs)).toBe('b');
  });

  it('scores out of 100 and shows the parts', () => {
    const result = scoreTechnicians(order, [aTechnician({ openOrders: 0 })], []);
    expect(result.candidates[0]).toEqual({
      id: 't-1',
      name: 'Wang',
      eligible: true,
      distanceKm: 0,
      score: 100,
      breakdown: { region: 25, distance: 30, load: 45, priority: 'NORMAL' },
    });
    expect(result.explanation).toBe(
      'Chose Wang (t-1) with score 100 (region 25 + distance 30 + load 45, NORMAL weights) out of 1 eligible.',
    );
  });

  it('explains why nobody was chosen', () => {
    const techs = [aTechnician({ id: 'b', active: false }), aTechnician({ id: 'a', openOrders: 9 })];
    const result = scoreTechnicians(order, techs, []);
    expect(result.winner).toBeNull();
    expect(result.explanation).toBe(
      'No eligible technician. Rejected: Wang (a): at capacity (9 of 5 open); Wang (b): inactive.',
    );
  });

  it('says so when there is nobody to choose from', () => {
    expect(scoreTechnicians(order, [], [])).toEqual({
      winner: null,
      candidates: [],
      explanation: 'No eligible technician: there are no technicians to choose from.',
    });
  });

  it('lists eligible candidates best first, then rejected ones', () => {
    const techs = [
      aTechnician({ id: 'z-rejected', active: false }),
      aTechnician({ id: 'far', lat: 32.23 }),
      aTechnician({ id: 'close' }),
    ];
    expect(scoreTechnicians(order, techs, []).candidates.map((c) => [c.id, c.eligible])).toEqual([
      ['close', true],
      ['far', true],
      ['z-rejected', false],
    ]);
  });
});

describe('what the automatic choice reads and passes over', () => {
  it('reads priority, skills and the customer’s region and position of an order', () => {
    const details = {
      priority: 'URGENT',
      requiredSkills: ['hvac'],
      customer: { region: 'north', lat: 31.2, lng: 121.4 },
    } as unknown as Parameters<typeof dispatchFactsOf>[0];
    expect(dispatchFactsOf(details)).toEqual({
      priority: 'URGENT',
      requiredSkills: ['hvac'],
      region: 'north',
      lat: 31.2,
      lng: 121.4,
    });
    const bare = { ...details, requiredSkills: undefined, customer: {} } as unknown as typeof details;
    expect(dispatchFactsOf(bare)).toMatchObject({ requiredSkills: [], region: null, lat: null, lng: null });
  });

  it('passes over who declined or timed out, and on a reassignment the current technician', () => {
    expect(excludedFromAutomaticChoice(['declined'], null)).toEqual(['declined']);
    expect(excludedFromAutomaticChoice(['declined'], 'current')).toEqual(['declined', 'current']);
  });
});
