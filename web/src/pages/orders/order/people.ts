// Names for the user ids an order mentions. The API gives ids on deadlines and the assignee, and the
// names only on the timeline entries that involve them (`actorName`, `technicianName`), so the names
// are gathered from there.
import type { Schemas } from '../../../api/client';
import type { Claims } from '../../../auth/session';
import type { OrderRead } from './labels';

export type TimelineEntry = Schemas['TimelineEntryDto'];

/** The detail as a string, when the entry carries one under that key. */
export function detailText(entry: TimelineEntry, key: string): string | undefined {
  const details: Record<string, unknown> = entry.details;
  const value = details[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export type PeopleNames = ReadonlyMap<string, string>;

export function peopleNames(
  order: OrderRead | undefined,
  timeline: TimelineEntry[] | undefined,
): PeopleNames {
  const names = new Map<string, string>();
  if (order?.createdBy.id && order.createdBy.name) names.set(order.createdBy.id, order.createdBy.name);
  for (const entry of timeline ?? []) {
    const actorName = detailText(entry, 'actorName');
    if (entry.actorId && actorName) names.set(entry.actorId, actorName);
    const technicianId = detailText(entry, 'technicianId');
    const technicianName = detailText(entry, 'technicianName');
    if (technicianId && technicianName) names.set(technicianId, technicianName);
  }
  return names;
}

/** "you", the person's name, or `fallback` when the order never named them. */
export function personName(
  id: string | null | undefined,
  names: PeopleNames,
  claims: Claims | null,
  fallback = '—',
): string {
  if (!id) return fallback;
  if (id === claims?.sub) return `you (${claims.username})`;
  return names.get(id) ?? fallback;
}
