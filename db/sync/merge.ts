// Merging changes from other devices: insert what is new into the log, and move heads and the
// projection through the same applier local writes use. Per-cell last-writer-wins by change id
// (HLC, then origin) makes the result independent of order, grouping and repetition.
import { createChangeApplier, type Change } from './apply';
import type { HlcClock } from './hlc';
import type { Sqlite } from '../open';

export interface MergeResult {
  /** Changes this database had not seen. */
  readonly added: number;
  /** Changes it already had (a file imported twice, a relay of our own changes). */
  readonly known: number;
}

/**
 * Merges in one transaction (all or nothing). The clock takes in the greatest HLC merged, so
 * every later local write has seen, and sorts after, what it was written over.
 */
export function mergeChanges(sqlite: Sqlite, clock: HlcClock, changes: Iterable<Change>, segment: string | null = null): MergeResult {
  const applier = createChangeApplier(sqlite);
  return sqlite.transaction(() => {
    let added = 0;
    let known = 0;
    let greatest = '';
    for (const change of changes) {
      if (applier.record(change, segment)) {
        applier.apply(change);
        added++;
      } else {
        known++;
      }
      if (change.hlc > greatest) greatest = change.hlc;
    }
    if (greatest) clock.receive(greatest);
    return { added, known };
  })();
}

/** Every change in the log, in id order (for tests and full exports). */
export function readChanges(sqlite: Sqlite): Change[] {
  return (sqlite.prepare('SELECT id, tbl, row_id, village_id, col, value, hlc, origin, seen FROM changes ORDER BY id').all() as (Omit<Change, 'seen'> & { seen: string })[]).map(
    (row) => ({ ...row, seen: JSON.parse(row.seen) as string[] }),
  );
}
