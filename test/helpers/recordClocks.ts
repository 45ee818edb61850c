// What the compact store's clock says (db/sync/clocks.ts) against what the change log says, as
// two comparable texts: per cell its greatest change and that change's `seen`, and per record
// the segments its changes came in, its first change, whether it is causal, whether it was ever deleted. Equal texts mean the clock can replace the log's readers.
import { decodeClock, recordIdOf } from '../../db/sync/clocks';
import type { Sqlite } from '../../db/open';

export function clockSays(sqlite: Sqlite): string {
  const name = new Map((sqlite.prepare('SELECT n, text FROM names').all() as { n: number; text: string }[]).map((r) => [r.n, r.text]));
  const lines: string[] = [];
  for (const { tbl, row_id, cells } of sqlite.prepare('SELECT tbl, row_id, cells FROM clocks').all() as { tbl: number; row_id: Buffer | string; cells: Buffer }[]) {
    const clock = decodeClock(cells);
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
  for (const c of sqlite.prepare('SELECT tbl, row_id, col, max(id) AS id, seen FROM changes GROUP BY tbl, row_id, col').all() as Record<string, string>[]) {
    lines.push(`cell\t${c.tbl}\t${c.row_id}\t${c.col}\t${c.id}\t${c.seen}`);
  }
  const notCausal = new Set(
    (sqlite.prepare("SELECT DISTINCT c.tbl, c.row_id FROM changes AS c, json_each(c.seen) AS s WHERE s.value >= c.id").all() as Record<string, string>[]).map((r) => `${r.tbl}\t${r.row_id}`),
  );
  for (const r of sqlite.prepare('SELECT tbl, row_id, min(id) AS first FROM changes GROUP BY tbl, row_id').all() as Record<string, string>[]) {
    lines.push(`record\t${r.tbl}\t${r.row_id}\t${r.first}\t${notCausal.has(`${r.tbl}\t${r.row_id}`) ? 'not causal' : 'causal'}`);
  }
  for (const r of sqlite.prepare(`SELECT DISTINCT tbl, row_id FROM changes WHERE col = '_row' AND value = '"deleted"'`).all() as Record<string, string>[]) {
    lines.push(`deleted\t${r.tbl}\t${r.row_id}`);
  }
  for (const s of sqlite.prepare('SELECT DISTINCT tbl, row_id, segment FROM changes WHERE segment IS NOT NULL').all() as Record<string, string>[]) {
    lines.push(`segment\t${s.tbl}\t${s.row_id}\t${s.segment}`);
  }
  return lines.sort().join('\n');
}
