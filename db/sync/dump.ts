// A canonical, ordered text dump of what a person sees (the ledgers) and of the sync state,
// for byte-for-byte comparisons between replicas and between live and rebuilt tables.
import { LEDGER_NAMES } from '../ledgers';
import type { Sqlite } from '../open';
import { NO_HEADS } from './apply';
import { createClockReader } from './clocks';

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
 * its greatest change, which the record's clock holds (apply.ts says why those have none). The
 * rows are a function of the heads and the log, so replicas with equal heads and logs keep equal
 * rows.
 */
export function listHeads(sqlite: Sqlite): HeadOfCell[] {
  const rows = sqlite.prepare('SELECT tbl, row_id, col, change_id FROM cell_heads').all() as HeadOfCell[];
  const cellKey = (tbl: string, rowId: string, col: string) => `${tbl}\u0000${rowId}\u0000${col}`;
  // A cell with rows, even the one row saying it has no head, is said by its rows alone.
  const explicit = new Set(rows.map((row) => cellKey(row.tbl, row.row_id, row.col)));
  const heads = rows.filter((row) => row.change_id !== NO_HEADS);
  for (const { tbl, rowId, clock } of createClockReader(sqlite).all()) {
    for (const [col, { id }] of clock.cells) if (!explicit.has(cellKey(tbl, rowId, col))) heads.push({ tbl, row_id: rowId, col, change_id: id });
  }
  return heads.sort((a, b) => byCodePoint(a.tbl, b.tbl) || byCodePoint(a.row_id, b.row_id) || byCodePoint(a.col, b.col) || byCodePoint(a.change_id, b.change_id));
}

/**
 * SQLite's order of text (BINARY: UTF-8 bytes, so code points). JavaScript's `<` compares UTF-16
 * units, which differs for a character above U+FFFF against one in U+E000–U+FFFF.
 */
function byCodePoint(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const surrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdfff;
    // A surrogate (a code point above U+FFFF) sorts after every unit from U+E000.
    if (surrogate(x) !== surrogate(y) && Math.max(x, y) >= 0xe000) return surrogate(x) ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

export function dumpHeads(sqlite: Sqlite): string {
  return listHeads(sqlite)
    .map((h) => `${h.tbl}\t${h.row_id}\t${h.col}\t${h.change_id}`)
    .join('\n');
}
