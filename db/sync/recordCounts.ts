// What an import brought, in records rather than field changes: per origin device and ledger,
// how many records were new here, how many it changed, how many it deleted. A batch's changes are
// folded to their rows in memory (a batch is at most one segment), then noted in a temporary
// table before the batch is merged — whether the row existed is judged then, so a record created
// by this file counts as new once, whatever later segments of the file do to it.
//
// The merge is bounded by writing rows, so the tally stays off that path: a change costs a
// comparison or two (a row's changes come one after another), and a batch one statement per
// ledger it touches, which judges and notes all its rows inside SQLite.
import type BetterSqlite3 from 'better-sqlite3';
import { isLedger, ROW_COLUMN, type LedgerName } from '../ledgers';
import type { Sqlite } from '../open';
import type { Change } from './apply';
import type { WholeRecord } from './recordImport';

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
  /** Notes records of `origin` about to be merged whole (call before mergeWhole). */
  noteWhole(origin: string, records: readonly Pick<WholeRecord, 'tbl' | 'rowId' | 'deletedLast'>[]): void;
  /** The counts so far, by device then ledger; empties the tally. */
  counts(): RecordCount[];
}

/** A row of the batch: its id, and 1 when its last `_row` change in the batch deletes it (else 0). */
type NotedRow = [rowId: string, deleted: number];

export function createRecordTally(sqlite: Sqlite): RecordTally {
  sqlite.exec(
    `CREATE TEMP TABLE IF NOT EXISTS import_records (tbl TEXT, row_id TEXT, origin TEXT, fresh INTEGER, deleted INTEGER,
       PRIMARY KEY (tbl, row_id, origin)) WITHOUT ROWID`,
  );
  sqlite.exec('DELETE FROM temp.import_records');
  // Per ledger: the batch's rows of one origin, as JSON [[row id, deleted], …]. New here: not in
  // the ledger yet. Earlier segments of the file are merged by now, so a row one of them created
  // is in the ledger, and its first noting (fresh) is kept by the upsert.
  const notes = new Map<LedgerName, BetterSqlite3.Statement<unknown[]>>();
  const noteRowsOf = (tbl: LedgerName) => {
    let statement = notes.get(tbl);
    if (!statement) {
      statement = sqlite.prepare(
        `INSERT INTO temp.import_records (tbl, row_id, origin, fresh, deleted)
         SELECT ?, r.value ->> 0, ?, NOT EXISTS (SELECT 1 FROM "${tbl}" AS t WHERE t.id = r.value ->> 0), r.value ->> 1
           FROM json_each(?) AS r WHERE true
         ON CONFLICT (tbl, row_id, origin) DO UPDATE SET deleted = excluded.deleted`,
      );
      notes.set(tbl, statement);
    }
    return statement;
  };
  return {
    noteBatch(changes) {
      // origin → ledger → row id → its noted row. A segment has one origin, and a row's changes
      // sit together, so the maps are asked only when the row changes.
      const byOrigin = new Map<string, Map<LedgerName, Map<string, NotedRow>>>();
      let ofRow: NotedRow | null = null;
      let lastOrigin = '';
      let lastTbl = '';
      let lastRowId = '';
      for (const c of changes) {
        if (ofRow === null || c.row_id !== lastRowId || c.tbl !== lastTbl || c.origin !== lastOrigin) {
          if (!isLedger(c.tbl)) continue;
          let ofOrigin = byOrigin.get(c.origin);
          if (!ofOrigin) byOrigin.set(c.origin, (ofOrigin = new Map()));
          let ofTable = ofOrigin.get(c.tbl);
          if (!ofTable) ofOrigin.set(c.tbl, (ofTable = new Map()));
          ofRow = ofTable.get(c.row_id) ?? null;
          if (!ofRow) ofTable.set(c.row_id, (ofRow = [c.row_id, 0]));
          lastOrigin = c.origin;
          lastTbl = c.tbl;
          lastRowId = c.row_id;
        }
        if (c.col === ROW_COLUMN) ofRow[1] = c.value === '"deleted"' ? 1 : 0;
      }
      for (const [origin, ofOrigin] of byOrigin) {
        for (const [tbl, rows] of ofOrigin) noteRowsOf(tbl).run(tbl, origin, JSON.stringify([...rows.values()]));
      }
    },
    noteWhole(origin, records) {
      const ofTable = new Map<LedgerName, NotedRow[]>();
      for (const { tbl, rowId, deletedLast } of records) {
        let rows = ofTable.get(tbl);
        if (!rows) ofTable.set(tbl, (rows = []));
        rows.push([rowId, deletedLast ? 1 : 0]);
      }
      for (const [tbl, rows] of ofTable) noteRowsOf(tbl).run(tbl, origin, JSON.stringify(rows));
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
