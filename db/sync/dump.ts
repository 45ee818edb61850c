// A canonical, ordered text dump of what a person sees (the ledgers) and of the sync state,
// for byte-for-byte comparisons between replicas and between live and rebuilt tables.
import { LEDGER_NAMES } from '../ledgers';
import type { Sqlite } from '../open';

export function dumpLedgers(sqlite: Sqlite): string {
  const lines: string[] = [];
  for (const table of LEDGER_NAMES) {
    for (const row of sqlite.prepare(`SELECT * FROM "${table}" ORDER BY id`).all()) {
      lines.push(`${table}\t${JSON.stringify(row)}`);
    }
  }
  return lines.join('\n');
}

export interface HeadOfCell {
  readonly tbl: string;
  readonly row_id: string;
  readonly col: string;
  readonly change_id: string;
}

/**
 * Every head of every cell, ordered: the rows `cell_heads` keeps, and for each cell without rows
 * its greatest change (apply.ts says why those have none). The rows are a function of the heads
 * and the log, so replicas with equal heads and logs keep equal rows.
 */
export function listHeads(sqlite: Sqlite): HeadOfCell[] {
  return sqlite
    .prepare(
      `SELECT tbl, row_id, col, change_id FROM cell_heads WHERE change_id <> ''
       UNION ALL
       SELECT tbl, row_id, col, max(id) FROM changes AS c GROUP BY tbl, row_id, col
       HAVING NOT EXISTS (SELECT 1 FROM cell_heads AS h WHERE h.tbl = c.tbl AND h.row_id = c.row_id AND h.col = c.col)
       ORDER BY 1, 2, 3, 4`,
    )
    .all() as HeadOfCell[];
}

export function dumpHeads(sqlite: Sqlite): string {
  return listHeads(sqlite)
    .map((h) => `${h.tbl}\t${h.row_id}\t${h.col}\t${h.change_id}`)
    .join('\n');
}
