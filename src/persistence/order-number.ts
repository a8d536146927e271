import { DataSource, EntityManager } from 'typeorm';
import { formatOrderNo } from '../domain';

/**
 * The next `SO-YYYYMMDD-NNNNNN` for the UTC day of `now`. One upsert on the day's counter row, so
 * concurrent intakes (in any number of API processes) never receive the same number. Inside a transaction
 * (the intake's) the row stays locked until it ends: keep that transaction short, since every other
 * intake of the day waits for it; a rollback gives the number back.
 */
export async function nextOrderNo(db: DataSource | EntityManager, now: Date): Promise<string> {
  const day = now.toISOString().slice(0, 10);
  const rows: { last_value: number }[] = await db.query(
    `INSERT INTO order_number_counters (day, last_value) VALUES ($1, 1)
     ON CONFLICT (day) DO UPDATE SET last_value = order_number_counters.last_value + 1
     RETURNING last_value`,
    [day],
  );
  return formatOrderNo(now, Number(rows[0].last_value));
}
