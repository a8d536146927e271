// The price catalogue's versions (price_catalogues): the highest is in force, every older one stays
// readable because a priced order refers to the version it was priced with. Rows are only ever inserted.
import type { DataSource } from 'typeorm';
import { notifyChange } from './change-feed';
import type { PriceCatalogue, PriceCatalogueDefinition } from '../domain';

export interface StoredCatalogue extends PriceCatalogue {
  createdBy: string | null;
  createdAt: Date;
}

interface CatalogueRow {
  version: number;
  definition: PriceCatalogueDefinition;
  created_by: string | null;
  created_at: Date;
}

function toCatalogue(row: CatalogueRow): StoredCatalogue {
  const { items, labourRates, productModels, quoteSettings } = row.definition;
  return {
    version: row.version,
    items,
    labourRates,
    productModels,
    quoteSettings,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

const COLUMNS = 'version, definition, created_by, created_at';

/** Announces a saved version on commit (payload: the version), so caches drop the one they hold. */
export const PRICE_CATALOGUES_CHANGED = 'price_catalogues_changed';

/** The version in force; null only in a database without the seed migration. */
export async function currentCatalogue(ds: DataSource): Promise<StoredCatalogue | null> {
  const rows = (await ds.query(
    `SELECT ${COLUMNS} FROM price_catalogues ORDER BY version DESC LIMIT 1`,
  )) as CatalogueRow[];
  return rows.length > 0 ? toCatalogue(rows[0]) : null;
}

export async function catalogueVersion(ds: DataSource, version: number): Promise<StoredCatalogue | null> {
  const rows = (await ds.query(`SELECT ${COLUMNS} FROM price_catalogues WHERE version = $1`, [
    version,
  ])) as CatalogueRow[];
  return rows.length > 0 ? toCatalogue(rows[0]) : null;
}

/**
 * Stores `definition` as the next version and returns it. Concurrent saves queue on a transaction-scoped
 * advisory lock, so each reads the version the one before it wrote; the primary key would refuse a
 * duplicate version if anything bypassed the lock.
 */
export async function saveCatalogue(
  ds: DataSource,
  definition: PriceCatalogueDefinition,
  actorName: string,
): Promise<StoredCatalogue> {
  return ds.transaction(async (manager) => {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('price_catalogues'))`);
    const { items, labourRates, productModels, quoteSettings } = definition;
    const rows = (await manager.query(
      `INSERT INTO price_catalogues (version, definition, created_by)
       SELECT COALESCE(MAX(version), 0) + 1, $1::jsonb, $2 FROM price_catalogues
       RETURNING ${COLUMNS}`,
      [JSON.stringify({ items, labourRates, productModels, quoteSettings }), actorName],
    )) as CatalogueRow[];
    const saved = toCatalogue(rows[0]);
    await notifyChange(manager, PRICE_CATALOGUES_CHANGED, String(saved.version));
    return saved;
  });
}
