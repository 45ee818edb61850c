// What an import brought, in records rather than field changes: per origin device and ledger,
// how many records were new here, how many it changed, how many it deleted. A batch's changes are
// folded to their rows in memory (a batch is at most one segment), then noted in a temporary
// table before the batch is merged — whether the row existed is judged then, so a record created
// by this file counts as new once, whatever later segments of the file do to it.
import { LEDGERS, ROW_COLUMN, type LedgerName } from '../ledgers';
import type { Sqlite } from '../open';
import type { Change } from './apply';

export interface RecordCount {
  readonly origin: string;
  /** The origin as trusted here (null for this device itself, or a device with no name kept). */
  readonly originName: string | null;
  /** The ledger's table. */
  readonly tbl: string;
  readonly created: number;
  readonly changed: number;
  readonly deleted: number;
}

export interface RecordTally {
  /** Notes the rows of a batch about to be merged (call before mergeBatch). */
  noteBatch(changes: readonly Change[]): void;
  /** The counts so far, by device then ledger; empties the tally. */
  counts(): RecordCount[];
}

export function createRecordTally(sqlite: Sqlite): RecordTally {
  sqlite.exec(
    `CREATE TEMP TABLE IF NOT EXISTS import_records (tbl TEXT, row_id TEXT, origin TEXT, fresh INTEGER, deleted INTEGER,
       PRIMARY KEY (tbl, row_id, origin)) WITHOUT ROWID`,
  );
  sqlite.exec('DELETE FROM temp.import_records');
  const exists = new Map<string, ReturnType<Sqlite['prepare']>>();
  const existsIn = (tbl: LedgerName) => {
    let statement = exists.get(tbl);
    if (!statement) {
      statement = sqlite.prepare(`SELECT 1 FROM "${tbl}" WHERE id = ?`).pluck();
      exists.set(tbl, statement);
    }
    return statement;
  };
  const note = sqlite.prepare(
    `INSERT INTO temp.import_records (tbl, row_id, origin, fresh, deleted) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (tbl, row_id, origin) DO UPDATE SET deleted = excluded.deleted`,
  );
  return {
    noteBatch(changes) {
      const rows = new Map<string, { tbl: LedgerName; rowId: string; origin: string; deleted: number | null }>();
      for (const c of changes) {
        if (!(c.tbl in LEDGERS)) continue;
        const key = `${c.tbl}\u0000${c.row_id}\u0000${c.origin}`;
        let row = rows.get(key);
        if (!row) {
          row = { tbl: c.tbl as LedgerName, rowId: c.row_id, origin: c.origin, deleted: null };
          rows.set(key, row);
        }
        if (c.col === ROW_COLUMN) row.deleted = c.value === '"deleted"' ? 1 : 0;
      }
      for (const row of rows.values()) {
        // New here: not in the ledger yet. Earlier segments of the file are merged by now, so a row
        // one of them created is in the ledger, and its first noting (fresh) is kept by the upsert.
        const fresh = existsIn(row.tbl).get(row.rowId) === undefined ? 1 : 0;
        note.run(row.tbl, row.rowId, row.origin, fresh, row.deleted ?? 0);
      }
    },
    counts() {
      const counted = sqlite
        .prepare(
          `SELECT r.origin AS origin, d.name AS originName, r.tbl AS tbl,
                  sum(r.fresh AND NOT r.deleted) AS created, sum(NOT r.fresh AND NOT r.deleted) AS changed, sum(r.deleted) AS deleted
             FROM temp.import_records AS r LEFT JOIN trusted_devices AS d ON d.device_id = r.origin
            GROUP BY r.origin, r.tbl ORDER BY r.origin, r.tbl`,
        )
        .all() as RecordCount[];
      sqlite.exec('DELETE FROM temp.import_records');
      return counted;
    },
  };
}
