// The SQL twins of the domain rules, run on the real PostgreSQL against samples: each must answer what
// its TypeScript rule answers, so that a list filter and a single read never disagree.
import { randomInt } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createServiceOrderActivities } from '../../src/activities';
import {
  isOverdue,
  notOverdueSql,
  overdueSql,
  regionKey,
  regionKeySql,
  sameRegion,
  sameRegionSql,
} from '../../src/domain';
import { UserEntity } from '../../src/persistence/entities';
import { openDataSource } from '../support/harness';

const REGIONS: (string | null)[] = [
  'north',
  'North',
  'NORTH',
  ' north',
  'north ',
  '\tNorth\n',
  '\u00a0north\u3000',
  '\ufeffnorth\u2029',
  'no rth',
  'New York',
  'new  york',
  '',
  '   ',
  '浦东',
  ' 浦东新区 ',
  'ＮＯＲＴＨ',
  'München',
  'MÜNCHEN',
  'ÉCOLE',
  'ΣΟΦΟΣ',
  'σοφος',
  'İstanbul',
  'i̇stanbul',
  'ǅungla',
  'north\u200b',
  null,
];

describe('SQL twins of the domain rules', () => {
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = await openDataSource();
  });
  afterAll(async () => {
    await dataSource.destroy();
  });

  it('regionKeySql computes regionKey for every sample', async () => {
    const rows = (await dataSource.query(
      `SELECT i, ${regionKeySql('r')} AS key FROM unnest($1::text[]) WITH ORDINALITY AS s(r, i) ORDER BY i`,
      [REGIONS],
    )) as { i: string; key: string | null }[];
    expect(rows.map((row) => row.key)).toEqual(REGIONS.map(regionKey));
  });

  it('sameRegionSql answers sameRegion for every pair of samples, never NULL', async () => {
    const rows = (await dataSource.query(
      `SELECT a.i AS ai, b.i AS bi, ${sameRegionSql('a.r', 'b.r')} AS same
         FROM unnest($1::text[]) WITH ORDINALITY AS a(r, i),
              unnest($1::text[]) WITH ORDINALITY AS b(r, i)`,
      [REGIONS],
    )) as { ai: string; bi: string; same: boolean | null }[];
    expect(rows).toHaveLength(REGIONS.length ** 2);
    const mismatches = rows.filter(
      (row) => row.same !== sameRegion(REGIONS[Number(row.ai) - 1], REGIONS[Number(row.bi) - 1]),
    );
    expect(mismatches).toEqual([]);
  });

  it('regionKeySql works on a varchar column and a bound parameter', async () => {
    const [row] = (await dataSource.query(
      `SELECT ${sameRegionSql('CAST($1 AS varchar(100))', '$2')} AS same`,
      [' North ', 'NORTH'],
    )) as { same: boolean }[];
    expect(row.same).toBe(true);
  });

  it("pickFeedbackOwner prefers a supervisor of the order's region, in whatever case it was typed", async () => {
    const region = `Feedback${randomInt(1_000_000)}`;
    const users = dataSource.getRepository(UserEntity);
    const supervisor = (suffix: string, at: string | null) =>
      users.save({
        username: `rule-sql-${process.pid}-${suffix}-${randomInt(1_000_000)}`,
        passwordHash: 'x',
        displayName: suffix,
        email: null,
        roles: ['supervisor'],
        region: at,
        skills: [],
        capacity: 0,
        lat: null,
        lng: null,
        active: true,
      });
    // Usernames sort "0-…" before "9-…": without the region preference the one elsewhere would win.
    await supervisor('0-elsewhere', `Elsewhere${randomInt(1_000_000)}`);
    const ofRegion = await supervisor('9-of-region', region.toUpperCase());
    const { pickFeedbackOwner } = createServiceOrderActivities({ dataSource });
    const owner = await pickFeedbackOwner({
      orderNo: 'SO-20980101-000000',
      region: ` ${region.toLowerCase()}`,
    });
    expect(owner.userId).toBe(ofRegion.id);
  });

  it('overdueSql and notOverdueSql answer isOverdue, and are complements', async () => {
    const now = Date.parse('2030-01-01T10:00:00.000Z');
    const deadlines: (number | null)[] = [now - 60_000, now - 1, now, now + 1, now + 86_400_000, null];
    const rows = (await dataSource.query(
      `SELECT i, ${overdueSql('d', '$2')} AS overdue, ${notOverdueSql('d', '$2')} AS not_overdue
         FROM unnest($1::timestamptz[]) WITH ORDINALITY AS s(d, i) ORDER BY i`,
      [deadlines.map((ms) => (ms === null ? null : new Date(ms).toISOString())), new Date(now).toISOString()],
    )) as { overdue: boolean | null; not_overdue: boolean | null }[];
    expect(rows.map((row) => row.overdue)).toEqual(deadlines.map((ms) => isOverdue(ms, now)));
    expect(rows.map((row) => row.not_overdue)).toEqual(deadlines.map((ms) => !isOverdue(ms, now)));
  });
});
