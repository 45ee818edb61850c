// A record's row in the projection (the ledger tables): its village and whether it shows deleted.
// The projection holds every record the change log has a change of (the applier upserts the row
// even when every change of it lost), and a record never changes village, so "the village of a
// record in the log" is its row's `village_id` — one lookup by primary key, wherever the log keeps
// the record's changes (docs/compact-store.md, step 3).
import { isLedger } from '../ledgers';
import type { Sqlite } from '../open';
import { quote } from './apply';

export interface ProjectedRow {
  readonly villageId: string;
  /** The row's `_row` cell shows "deleted" (its winning change deletes it). */
  readonly deleted: boolean;
}

/** Reads rows of the projection; undefined for a record it does not hold, or a table that is not a ledger. */
export function createProjectedRows(sqlite: Sqlite): (tbl: string, rowId: string) => ProjectedRow | undefined {
  // One statement per table, the table's name from the allow-list in db/ledgers.
  const statements = new Map<string, ReturnType<Sqlite['prepare']>>();
  return (tbl, rowId) => {
    if (!isLedger(tbl)) return undefined;
    let statement = statements.get(tbl);
    if (!statement) {
      statement = sqlite.prepare(`SELECT village_id, deleted_at FROM ${quote(tbl)} WHERE id = ?`);
      statements.set(tbl, statement);
    }
    const row = statement.get(rowId) as { village_id: string; deleted_at: string | null } | undefined;
    return row && { villageId: row.village_id, deleted: row.deleted_at !== null };
  };
}
