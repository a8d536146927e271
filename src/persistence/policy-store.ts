// SLA policies and business calendars as the API edits them and the intake snapshots them. Policies are
// versioned (one row per version, the newest is in force); calendars are one row per name with a version.
// Every save announces itself (type or name, and the new version) on commit, for the PolicyCache.
import type { DataSource } from 'typeorm';
import { defaultPolicy, type BusinessCalendar, type OrderType, type SlaPolicy } from '../domain';
import { notifyChange } from './change-feed';

export const SLA_POLICIES_CHANGED = 'sla_policies_changed';
export const BUSINESS_CALENDARS_CHANGED = 'business_calendars_changed';

/** The payload on SLA_POLICIES_CHANGED. */
export interface PolicyChange {
  orderType: string;
  version: number;
}

/** The payload on BUSINESS_CALENDARS_CHANGED. */
export interface CalendarChange {
  name: string;
  version: number;
}

export interface VersionedCalendar {
  calendar: BusinessCalendar;
  version: number;
}

interface PolicyRow {
  order_type: string;
  version: number;
  definition: SlaPolicy;
}

function toPolicy(row: PolicyRow): SlaPolicy {
  // The row's columns win over the JSON, so the version in force is always the row's.
  return { ...row.definition, orderType: row.order_type as OrderType, version: row.version };
}

/** The newest version of the order type's policy; the code default (version 1) if none is stored. */
export async function currentPolicy(ds: DataSource, orderType: OrderType): Promise<SlaPolicy> {
  return (await storedPolicy(ds, orderType)) ?? defaultPolicy(orderType);
}

/** The newest stored version of the order type's policy; null if none is stored. */
export async function storedPolicy(ds: DataSource, orderType: OrderType): Promise<SlaPolicy | null> {
  const rows = (await ds.query(
    `SELECT order_type, version, definition FROM sla_policies WHERE order_type = $1 ORDER BY version DESC LIMIT 1`,
    [orderType],
  )) as PolicyRow[];
  return rows.length > 0 ? toPolicy(rows[0]) : null;
}

/**
 * Stores `policy` as the next version of its order type (the version it carries is ignored) and returns
 * what was stored. Concurrent saves of one type are serialised by an advisory lock on the type.
 */
export async function savePolicy(ds: DataSource, policy: SlaPolicy, actorName: string): Promise<SlaPolicy> {
  return ds.transaction(async (manager) => {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('sla_policies:' || $1))`, [policy.orderType]);
    const [{ max }] = (await manager.query(
      `SELECT COALESCE(MAX(version), 0) AS max FROM sla_policies WHERE order_type = $1`,
      [policy.orderType],
    )) as { max: number }[];
    const saved: SlaPolicy = { ...policy, version: Number(max) + 1 };
    await manager.query(
      `INSERT INTO sla_policies (order_type, version, definition, created_by) VALUES ($1, $2, $3::jsonb, $4)`,
      [saved.orderType, saved.version, JSON.stringify(saved), actorName],
    );
    const change: PolicyChange = { orderType: saved.orderType, version: saved.version };
    await notifyChange(manager, SLA_POLICIES_CHANGED, JSON.stringify(change));
    return saved;
  });
}

/** The policy in force for every order type that has one stored, ordered by type. */
export async function listPolicies(ds: DataSource): Promise<SlaPolicy[]> {
  const rows = (await ds.query(
    `SELECT DISTINCT ON (order_type) order_type, version, definition
       FROM sla_policies ORDER BY order_type, version DESC`,
  )) as PolicyRow[];
  return rows.map(toPolicy);
}

/** Every stored version of one order type's policy, newest first (for audits). */
export async function policyHistory(ds: DataSource, orderType: OrderType): Promise<SlaPolicy[]> {
  const rows = (await ds.query(
    `SELECT order_type, version, definition FROM sla_policies WHERE order_type = $1 ORDER BY version DESC`,
    [orderType],
  )) as PolicyRow[];
  return rows.map(toPolicy);
}

export async function currentCalendar(ds: DataSource, name: string): Promise<BusinessCalendar | null> {
  return (await currentCalendarWithVersion(ds, name))?.calendar ?? null;
}

export async function currentCalendarWithVersion(
  ds: DataSource,
  name: string,
): Promise<VersionedCalendar | null> {
  const rows = (await ds.query(`SELECT definition, version FROM business_calendars WHERE name = $1`, [
    name,
  ])) as { definition: BusinessCalendar; version: number }[];
  return rows.length > 0 ? { calendar: { ...rows[0].definition, name }, version: rows[0].version } : null;
}

/** Creates or replaces the named calendar (its version goes up by one on every save). */
export async function saveCalendar(ds: DataSource, calendar: BusinessCalendar): Promise<BusinessCalendar> {
  return (await saveCalendarWithVersion(ds, calendar)).calendar;
}

export async function saveCalendarWithVersion(
  ds: DataSource,
  calendar: BusinessCalendar,
): Promise<VersionedCalendar> {
  return ds.transaction(async (manager) => {
    const [{ version }] = (await manager.query(
      `INSERT INTO business_calendars (name, definition, version, updated_at) VALUES ($1, $2::jsonb, 1, now())
       ON CONFLICT (name) DO UPDATE SET definition = EXCLUDED.definition,
         version = business_calendars.version + 1, updated_at = now()
       RETURNING version`,
      [calendar.name, JSON.stringify(calendar)],
    )) as { version: number }[];
    const change: CalendarChange = { name: calendar.name, version };
    await notifyChange(manager, BUSINESS_CALENDARS_CHANGED, JSON.stringify(change));
    return { calendar, version };
  });
}

export async function listCalendars(ds: DataSource): Promise<BusinessCalendar[]> {
  const rows = (await ds.query(`SELECT name, definition FROM business_calendars ORDER BY name`)) as {
    name: string;
    definition: BusinessCalendar;
  }[];
  return rows.map((row) => ({ ...row.definition, name: row.name }));
}
