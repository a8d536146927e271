// Activities of the service-order workflow: the PostgreSQL read model and technician reservations.
// I/O only; every decision is made by the workflow or by src/domain.
import type { DataSource } from 'typeorm';
import { sameRegionSql, scoreTechnicians, type OrderToDispatch, type ScoredCandidate } from '../domain';
import { writeOrderRow } from '../persistence/order-row';
import { TECHNICIAN_COLUMNS, withOpenOrders, type TechnicianRow } from '../persistence/technician-profiles';
import type { OrderView, TimelineEntryView } from '../workflows/service-order/service-order.messages';

export interface ServiceOrderActivitiesDeps {
  dataSource: DataSource;
}

export interface ProjectOrderInput {
  view: OrderView;
  /** Entries not yet written; already written ones are skipped by `(order_no, seq)`. */
  timeline: TimelineEntryView[];
  customerTokenHash?: string | null;
}

export interface ReserveTechnicianInput {
  orderNo: string;
  order: OrderToDispatch;
  /** Declined or timed out on this order, or being reassigned away from it. */
  excludedIds: string[];
  /** A named technician (DIRECT mode or a manual assignment); omitted: the best-scoring one. */
  technicianId?: string;
  /** The technician who holds the order now (a reassignment); released in the same transaction. */
  replacing?: string | null;
}

export type ReservationResult =
  | {
      ok: true;
      technicianId: string;
      technicianName: string;
      explanation: string;
      candidates: ScoredCandidate[];
      /** True when this order already held the reservation (a retried activity). */
      alreadyReserved: boolean;
    }
  | {
      ok: false;
      reason: 'NO_ELIGIBLE' | 'INELIGIBLE' | 'UNKNOWN_TECHNICIAN';
      explanation: string;
      candidates: ScoredCandidate[];
    };

export interface ReleaseTechnicianInput {
  orderNo: string;
  technicianId: string;
}

export interface FeedbackOwnerInput {
  orderNo: string;
  region: string | null;
}

export interface FeedbackOwner {
  userId: string | null;
  username: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createServiceOrderActivities(deps: ServiceOrderActivitiesDeps) {
  const { dataSource } = deps;

  return {
    /**
     * Writes the read model: the `orders` row only when `view.revision` is newer than the stored one,
     * and the timeline entries with ON CONFLICT DO NOTHING. A retry or a late older write changes nothing.
     */
    async projectOrder(input: ProjectOrderInput): Promise<void> {
      const { view } = input;
      await dataSource.transaction(async (manager) => {
        await writeOrderRow(manager, view, input.customerTokenHash ?? null);
        if (input.timeline.length > 0) {
          await manager.query(
            `INSERT INTO order_timeline (order_no, seq, at, actor_id, actor_role, action, from_status, to_status, details)
             SELECT $1, x.seq, x.at, x.actor_id, x.actor_role, x.action, x.from_status, x.to_status,
                    COALESCE(x.details, '{}'::jsonb)
               FROM jsonb_to_recordset($2::jsonb) AS x(seq int, at timestamptz, actor_id text, actor_role text,
                    action text, from_status text, to_status text, details jsonb)
             ON CONFLICT (order_no, seq) DO NOTHING`,
            [
              view.orderNo,
              JSON.stringify(
                input.timeline.map((entry) => ({
                  seq: entry.seq,
                  at: entry.at,
                  actor_id: entry.actor.id ?? entry.actor.name ?? null,
                  actor_role: entry.actor.role,
                  action: entry.action,
                  from_status: entry.fromStatus,
                  to_status: entry.toStatus,
                  details: { ...entry.details, ...(entry.actor.name ? { actorName: entry.actor.name } : {}) },
                })),
              ),
            ],
          );
        }
      });
    },

    /**
     * Chooses (or checks the named) technician and reserves them for the order in one transaction.
     * Capacity holds under concurrency because the candidate technicians' `users` rows are locked
     * FOR UPDATE in id order before their open reservations are counted; a concurrent reservation for
     * the same people waits for this one to commit and then counts it. Idempotent per order: a retry
     * finds the reservation it made and returns it.
     */
    async reserveTechnician(input: ReserveTechnicianInput): Promise<ReservationResult> {
      return dataSource.transaction(async (manager) => {
        // Nothing is written until a technician is found: a refused reassignment leaves the old one in place.
        const [existing] = (await manager.query(
          `SELECT technician_id, explanation FROM technician_assignments WHERE order_no = $1 FOR UPDATE`,
          [input.orderNo],
        )) as { technician_id: string; explanation: string }[];
        if (existing && existing.technician_id !== input.replacing) {
          const wanted = input.technicianId === undefined || input.technicianId === existing.technician_id;
          if (wanted && !input.excludedIds.includes(existing.technician_id)) {
            // A retry of a reservation that already committed.
            const [row] = (await manager.query(`SELECT display_name, username FROM users WHERE id = $1`, [
              existing.technician_id,
            ])) as { display_name: string; username: string }[];
            return {
              ok: true,
              technicianId: existing.technician_id,
              technicianName: row?.display_name || row?.username || existing.technician_id,
              explanation: existing.explanation,
              candidates: [],
              alreadyReserved: true,
            };
          }
        }

        const named = input.technicianId;
        if (named !== undefined && !UUID.test(named)) {
          return unknownTechnician(named);
        }
        const rows = (await manager.query(
          named !== undefined
            ? `SELECT ${TECHNICIAN_COLUMNS} FROM users WHERE id = $1 AND 'technician' = ANY(roles) FOR UPDATE`
            : `SELECT ${TECHNICIAN_COLUMNS} FROM users WHERE 'technician' = ANY(roles) ORDER BY id FOR UPDATE`,
          named !== undefined ? [named] : [],
        )) as TechnicianRow[];
        if (named !== undefined && rows.length === 0) return unknownTechnician(named);

        const profiles = await withOpenOrders(manager, rows);
        const result = scoreTechnicians(input.order, profiles, input.excludedIds);
        if (!result.winner) {
          return {
            ok: false,
            reason: named !== undefined ? 'INELIGIBLE' : 'NO_ELIGIBLE',
            explanation:
              named !== undefined
                ? `${profiles[0].name} (${named}) is not eligible: ${result.candidates[0]?.rejectedBecause ?? 'unknown reason'}`
                : result.explanation,
            candidates: result.candidates,
          };
        }
        const explanation =
          named !== undefined
            ? `Named technician ${result.winner.name} (${result.winner.id}) is eligible.`
            : result.explanation;
        // Replaces the order's previous reservation (a reassignment, or a stale one) in the same transaction.
        await manager.query(`DELETE FROM technician_assignments WHERE order_no = $1`, [input.orderNo]);
        await manager.query(
          `INSERT INTO technician_assignments (order_no, technician_id, explanation) VALUES ($1, $2, $3)`,
          [input.orderNo, result.winner.id, explanation],
        );
        return {
          ok: true,
          technicianId: result.winner.id,
          technicianName: result.winner.name,
          explanation,
          candidates: result.candidates,
          alreadyReserved: false,
        };
      });
    },

    /**
     * Holds the technician's capacity for the order again without a capacity check: the technician goes
     * back to work that is already theirs (a failed QC, a rework round). Idempotent.
     */
    async holdTechnician(input: ReleaseTechnicianInput): Promise<void> {
      await dataSource.query(
        `INSERT INTO technician_assignments (order_no, technician_id, explanation)
              VALUES ($1, $2, 'back to their own work')
         ON CONFLICT (order_no) DO UPDATE SET technician_id = EXCLUDED.technician_id`,
        [input.orderNo, input.technicianId],
      );
    },

    /** Frees the technician's capacity held by the order; a no-op when it is already free. */
    async releaseTechnician(input: ReleaseTechnicianInput): Promise<void> {
      await dataSource.query(
        `DELETE FROM technician_assignments WHERE order_no = $1 AND technician_id = $2`,
        [input.orderNo, input.technicianId],
      );
    },

    /**
     * Who owns a feedback case: an active supervisor, of the order's region when there is one, else any
     * (the one with the fewest open cases, then by username, so the choice is stable).
     */
    async pickFeedbackOwner(input: FeedbackOwnerInput): Promise<FeedbackOwner> {
      const rows = (await dataSource.query(
        `SELECT u.id, u.username
           FROM users u
          WHERE 'supervisor' = ANY(u.roles) AND u.active
          ORDER BY ${sameRegionSql('u.region', '$1')} DESC,
                   (SELECT count(*) FROM orders o
                     WHERE o.snapshot->'feedbackCase'->>'ownerId' = u.id::text
                       AND o.snapshot->'feedbackCase'->>'status' = 'OPEN') ASC,
                   u.username ASC
          LIMIT 1`,
        [input.region],
      )) as { id: string; username: string }[];
      return rows.length > 0
        ? { userId: rows[0].id, username: rows[0].username }
        : { userId: null, username: null };
    },
  };
}

export type ServiceOrderActivities = ReturnType<typeof createServiceOrderActivities>;

function unknownTechnician(id: string): ReservationResult {
  return {
    ok: false,
    reason: 'UNKNOWN_TECHNICIAN',
    explanation: `no technician with id ${id}`,
    candidates: [],
  };
}
