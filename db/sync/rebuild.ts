// The ledgers are a projection of the change log: this empties them, the heads, the clocks and the
// log's rows, and merges the whole log again, a piece at a time (the rows, then each stored segment
// less what it left out) through the bulk merger a live import uses. The merge laws make the result
// independent of order and grouping, so it equals the live tables (tests prove it), and memory holds
// one piece at a time however big the log. The stored segments and their exclusions stay: they are
// the log's source.
import { batchesOf, createBulkMerger } from './bulkMerge';
import { createChangeLog } from './changeLog';
import { MERGE_BATCH } from './merge';
import { LEDGER_NAMES } from '../ledgers';
import type { Sqlite } from '../open';

export function rebuildLedgers(sqlite: Sqlite): { changes: number } {
  return sqlite.transaction(() => {
    const log = createChangeLog(sqlite);
    const pieces = log.pieces()[Symbol.iterator]();
    // The rows first, read before they are emptied.
    const rows = pieces.next().value!.changes;
    for (const table of LEDGER_NAMES) sqlite.prepare(`DELETE FROM "${table}"`).run();
    // The clocks with their first segments, record_segments with the further ones: the merger refills both.
    for (const table of ['cell_heads', 'changes', 'clocks', 'record_segments', 'record_deletes']) sqlite.prepare(`DELETE FROM ${table}`).run();
    // Names are kept: their numbers stay what they were.
    const merger = createBulkMerger(sqlite);
    let count = 0;
    // A row keeps the segment name it had (a change merged under a name that is not stored).
    const rowsBySegment = new Map<string | null, (typeof rows)[number][]>();
    for (const row of rows) {
      const list = rowsBySegment.get(row.segment);
      if (list) list.push(row);
      else rowsBySegment.set(row.segment, [row]);
    }
    const merge = (segment: string | null, changes: readonly (typeof rows)[number][]) => {
      for (const batch of batchesOf(changes.map(({ segment: _segment, ...change }) => change), MERGE_BATCH)) count += merger.mergeBatch(batch, segment).added;
    };
    for (const [segment, changes] of rowsBySegment) merge(segment, changes);
    for (let piece = pieces.next(); !piece.done; piece = pieces.next()) merge(piece.value.segment, piece.value.changes);
    return { changes: count };
  })();
}
