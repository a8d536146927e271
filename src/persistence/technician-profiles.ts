import type { EntityManager } from 'typeorm';
import type { TechnicianProfile } from '../domain';

/** The `users` columns scoring reads; `SELECT ${TECHNICIAN_COLUMNS} FROM users …`. */
export const TECHNICIAN_COLUMNS = 'id, username, display_name, active, skills, region, lat, lng, capacity';

export interface TechnicianRow {
  id: string;
  username: string;
  display_name: string;
  active: boolean;
  skills: string[];
  region: string | null;
  lat: number | null;
  lng: number | null;
  capacity: number;
}

/** The rows as scoring profiles, each with its count of open reservations (its load). */
export async function withOpenOrders(
  manager: Pick<EntityManager, 'query'>,
  rows: TechnicianRow[],
): Promise<TechnicianProfile[]> {
  if (rows.length === 0) return [];
  const counts = (await manager.query(
    `SELECT technician_id, count(*)::int AS open FROM technician_assignments
      WHERE technician_id = ANY($1::uuid[]) GROUP BY technician_id`,
    [rows.map((row) => row.id)],
  )) as { technician_id: string; open: number }[];
  const open = new Map(counts.map((c) => [c.technician_id, Number(c.open)]));
  return rows.map((row) => ({
    id: row.id,
    name: row.display_name || row.username,
    active: row.active,
    skills: row.skills ?? [],
    region: row.region,
    lat: row.lat,
    lng: row.lng,
    capacity: row.capacity,
    openOrders: open.get(row.id) ?? 0,
  }));
}
