import type { Pool } from 'pg';

/** The raw worker's task queue is the product's plus this. */
export const RAW_TASK_QUEUE_SUFFIX = '-raw';

export const RAW_FIRINGS_TABLE = 'bench_raw_firings';

export interface RawActivities {
  recordFiring(firing: { id: string; level: number; dueAtMs: number; firedAtMs: number }): Promise<void>;
}

/** One row per fired step, written like the product writes an escalation: one insert, idempotent. */
export function createRawActivities(pool: Pool): RawActivities {
  return {
    async recordFiring({ id, level, dueAtMs, firedAtMs }) {
      await pool.query(
        `INSERT INTO ${RAW_FIRINGS_TABLE} (id, level, due_at, fired_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING`,
        [id, level, new Date(dueAtMs), new Date(firedAtMs)],
      );
    },
  };
}

export const CREATE_RAW_FIRINGS = `CREATE TABLE IF NOT EXISTS ${RAW_FIRINGS_TABLE} (
  id text NOT NULL, level int NOT NULL, due_at timestamptz NOT NULL, fired_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(), PRIMARY KEY (id, level))`;
