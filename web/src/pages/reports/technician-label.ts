import type { Schemas } from '../../api/client';

/** A technician in the report: their username, or the start of their id when the account is gone. */
export function technicianLabel(technician: Schemas['TechnicianKpiDto']): string {
  return technician.username ?? `${technician.technicianId.slice(0, 8)}…`;
}
