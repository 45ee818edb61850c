// When this computer last really synced by hand (a folder synced, files imported, a file
// exported) and the folder it used, kept in the database's meta table: the header and the sync
// screen read it after a reload or in another browser origin, where the page's own storage is
// empty. Saved targets keep their own last success (sync_targets.last_success_at).
import { getMeta, setMeta } from '../meta';
import type { OpenedDatabase } from '../open';

const KEY = 'sync_last';

export interface LastSync {
  readonly at: string;
  /** The folder synced or exported to; null for an import of files. */
  readonly folder: string | null;
}

export function readLastSync(db: OpenedDatabase): LastSync | null {
  const text = getMeta(db, KEY);
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<LastSync>;
    return typeof value.at === 'string' ? { at: value.at, folder: typeof value.folder === 'string' ? value.folder : null } : null;
  } catch {
    return null;
  }
}

/** Notes a sync at `at`; an import keeps the folder noted before (it names files, not a place). */
export function noteLastSync(db: OpenedDatabase, at: string, folder: string | null): void {
  setMeta(db, KEY, JSON.stringify({ at, folder: folder ?? readLastSync(db)?.folder ?? null }));
}

/** What the last imports brought, as records (db/sync/recordCounts.ts), summed over one run. */
export interface LastArrivals {
  /** When the last import that brought records was made. */
  readonly at: string;
  readonly records: { origin: string; originName: string | null; tbl: string; created: number; changed: number; deleted: number }[];
}

/** Files imported this long before the last one belong to the same run, near enough. */
const RUN_WINDOW_MS = 5 * 60_000;

/**
 * The records the last run brought (every import that merged something within five minutes of
 * the latest one), summed per device and ledger: the header's "what came in", after a reload too.
 */
export function readLastArrivals(db: OpenedDatabase): LastArrivals | null {
  const rows = db.sqlite
    .prepare(
      `WITH brought AS (SELECT at, result FROM imports WHERE json_extract(result, '$.records') IS NOT NULL)
       SELECT at, json_extract(result, '$.records') AS records FROM brought
        WHERE at >= strftime('%Y-%m-%dT%H:%M:%fZ', (SELECT max(at) FROM brought), ?)`,
    )
    .all(`-${RUN_WINDOW_MS / 1000} seconds`) as { at: string; records: string }[];
  if (rows.length === 0) return null;
  const sums = new Map<string, LastArrivals['records'][number]>();
  for (const row of rows) {
    for (const r of JSON.parse(row.records) as LastArrivals['records']) {
      const key = `${r.origin}\u0000${r.tbl}`;
      const sum = sums.get(key) ?? { origin: r.origin, originName: r.originName, tbl: r.tbl, created: 0, changed: 0, deleted: 0 };
      sums.set(key, { ...sum, created: sum.created + r.created, changed: sum.changed + r.changed, deleted: sum.deleted + r.deleted });
    }
  }
  const at = rows.reduce((best, row) => (row.at > best ? row.at : best), '');
  return { at, records: [...sums.values()].sort((a, b) => (a.origin === b.origin ? a.tbl.localeCompare(b.tbl) : a.origin.localeCompare(b.origin))) };
}
