// Staff rows in `users` for workflow tests; each call makes a unique username.
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Role } from '../../src/domain';
import type { Actor } from '../../src/workflows/service-order/service-order.messages';

export interface TestStaff {
  id: string;
  username: string;
  roles: Role[];
  region: string | null;
  skills: string[];
  capacity: number;
  /** The Actor the API would send for this person (their first role). */
  actor: Actor;
}

export interface StaffOverrides {
  username?: string;
  region?: string | null;
  skills?: string[];
  capacity?: number;
  lat?: number | null;
  lng?: number | null;
  active?: boolean;
  email?: string | null;
}

export async function createStaff(
  ds: DataSource,
  roles: Role[],
  overrides: StaffOverrides = {},
): Promise<TestStaff> {
  const id = randomUUID();
  const username = overrides.username ?? `${roles[0]}-${id.slice(0, 8)}`;
  const region = overrides.region === undefined ? null : overrides.region;
  const skills = overrides.skills ?? [];
  const capacity = overrides.capacity ?? (roles.includes('technician') ? 5 : 0);
  await ds.query(
    `INSERT INTO users (id, username, password_hash, display_name, email, roles, region, skills, capacity, lat, lng, active)
     VALUES ($1, $2, 'x', $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      id,
      username,
      username,
      overrides.email ?? null,
      roles,
      region,
      skills,
      capacity,
      overrides.lat ?? null,
      overrides.lng ?? null,
      overrides.active ?? true,
    ],
  );
  return {
    id,
    username,
    roles,
    region,
    skills,
    capacity,
    actor: { id, role: roles[0], region, name: username },
  };
}

export const technician = (ds: DataSource, o: StaffOverrides = {}) => createStaff(ds, ['technician'], o);
export const dispatcher = (ds: DataSource, o: StaffOverrides = {}) => createStaff(ds, ['dispatcher'], o);
export const supervisor = (ds: DataSource, o: StaffOverrides = {}) => createStaff(ds, ['supervisor'], o);
export const agent = (ds: DataSource, o: StaffOverrides = {}) => createStaff(ds, ['agent'], o);
export const finance = (ds: DataSource, o: StaffOverrides = {}) => createStaff(ds, ['finance'], o);

export const CUSTOMER: Actor = { id: null, role: 'customer', name: 'customer' };

/**
 * A staff Actor without a `users` row, for tests whose activities are fakes (test/workflow-unit): the
 * same shape `createStaff` returns in `actor`.
 */
export function staffActor(role: Role, overrides: { region?: string | null; name?: string } = {}): Actor {
  const id = randomUUID();
  return { id, role, region: overrides.region ?? null, name: overrides.name ?? `${role}-${id.slice(0, 8)}` };
}
