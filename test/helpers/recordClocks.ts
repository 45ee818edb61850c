// What the compact store's clock says (db/sync/clocks.ts) against what the change log says, as
// two comparable texts: per cell its greatest change and that change's `seen`, and per record
// the segments its changes came in (its clock's own and record_segments'), its first change, whether it is causal, whether it was ever deleted. Equal texts mean the clock can replace the log's readers.
import { decodeClock, recordIdOf } from '../../db/sync/clocks';
import type { LoggedChange } from '../../db/sync/changeLog';
import type { Sqlite } from '../../db/open';
import { loggedChanges } from './loggedChanges';

export function clockSays(sqlite: Sqlite): string {
  const name = new Map((sqlite.prepare('SELECT n, text FROM names').all() as { n: number; text: string }[]).map((r) => [r.n, r.text]));
  const lines: string[] = [];
  // Before migration 0270 a clock's row held no segment (all were in record_segments).
  const hasSegment = sqlite.prepare("SELECT 1 FROM pragma_table_info('clocks') WHERE name = 'segment'").get() !== undefined;
  const clocks = sqlite.prepare(`SELECT tbl, row_id, cells, ${hasSegment ? 'segment' : 'NULL AS segment'} FROM clocks`).all() as { tbl: number; row_id: Buffer | string; cells: Buffer; segment: number | null }[];
  for (const { tbl, row_id, cells, segment } of clocks) {
    const clock = decodeClock(cells);
    // A record's first segment is in its clock; record_segments repeating it would show twice.
    if (segment !== null) lines.push(`segment\t${name.get(tbl)}\t${recordIdOf(row_id)}\t${name.get(segment)}`);
    lines.push(`record\t${name.get(tbl)}\t${recordIdOf(row_id)}\t${clock.first.hlc}${name.get(clock.first.origin)}\t${clock.nonCausal ? 'not causal' : 'causal'}`);
    for (const cell of clock.cells) {
      lines.push(`cell\t${name.get(tbl)}\t${recordIdOf(row_id)}\t${name.get(cell.col)}\t${cell.hlc}${name.get(cell.origin)}\t${cell.seen || '[]'}`);
    }
  }
  for (const { tbl, row_id, segment } of sqlite.prepare('SELECT tbl, row_id, segment FROM record_segments').all() as { tbl: number; row_id: Buffer | string; segment: number }[]) {
    lines.push(`segment\t${name.get(tbl)}\t${recordIdOf(row_id)}\t${name.get(segment)}`);
  }
  for (const { tbl, row_id } of sqlite.prepare('SELECT tbl, row_id FROM record_deletes').all() as { tbl: number; row_id: Buffer | string }[]) {
    lines.push(`deleted\t${name.get(tbl)}\t${recordIdOf(row_id)}`);
  }
  return lines.sort().join('\n');
}

export function logSays(sqlite: Sqlite): string {
  const lines: string[] = [];
  const greatest = new Map<string, LoggedChange>();
  const first = new Map<string, string>();
  const notCausal = new Set<string>();
  const deleted = new Set<string>();
  const segments = new Set<string>();
  // The log in id order: a cell's last change is its greatest, a record's first its smallest.
  for (const c of loggedChanges(sqlite)) {
    const record = `${c.tbl}\t${c.row_id}`;
    greatest.set(`${record}\t${c.col}`, c);
    if (!first.has(record)) first.set(record, c.id);
    if (c.seen.some((seen) => seen >= c.id)) notCausal.add(record);
    if (c.col === '_row' && c.value === '"deleted"') deleted.add(record);
    if (c.segment !== null) segments.add(`${record}\t${c.segment}`);
  }
  for (const [cell, c] of greatest) lines.push(`cell\t${cell}\t${c.id}\t${JSON.stringify(c.seen)}`);
  for (const [record, id] of first) lines.push(`record\t${record}\t${id}\t${notCausal.has(record) ? 'not causal' : 'causal'}`);
  for (const record of deleted) lines.push(`deleted\t${record}`);
  for (const segment of segments) lines.push(`segment\t${segment}`);
  return lines.sort().join('\n');
}
