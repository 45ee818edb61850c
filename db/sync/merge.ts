// Merging changes from other devices: insert what is new into the log, move the heads of the
// cells it touches and project the winners. Per-cell last-writer-wins by change id (HLC, then
// origin) makes the result independent of order, grouping and repetition. The work is done a
// batch at a time by the set-based merger (bulkMerge.ts); `mergeChangesOneByOne` is the
// change-by-change reference it is proven against (and the applier local writes use).
import { createChangeApplier, type Change } from './apply';
import { batchesOf, createBulkMerger } from './bulkMerge';
import { createChangeLog } from './changeLog';
import { HLC_HEX_LENGTH, type HlcClock } from './hlc';
import type { Sqlite } from '../open';

export interface MergeResult {
  /** Changes this database had not seen. */
  readonly added: number;
  /** Changes it already had (a file imported twice, a relay of our own changes). */
  readonly known: number;
}

/** Changes merged per batch: bounds the memory of a merge of any size. */
export const MERGE_BATCH = 20_000;

/**
 * Merges in one transaction (all or nothing). The clock takes in the greatest HLC merged, so
 * every later local write has seen, and sorts after, what it was written over.
 */
export function mergeChanges(sqlite: Sqlite, clock: HlcClock, changes: Iterable<Change>, segment: string | null = null): MergeResult {
  const merger = createBulkMerger(sqlite);
  return sqlite.transaction(() => {
    let added = 0;
    let known = 0;
    let greatest = '';
    for (const batch of batchesOf(changes, MERGE_BATCH)) {
      const result = merger.mergeBatch(batch, segment);
      added += result.added;
      known += result.known;
      if (result.greatest > greatest) greatest = result.greatest;
    }
    if (greatest) clock.receive(greatest);
    return { added, known };
  })();
}

/** The same merge, one change at a time through the applier: the reference for tests. */
export function mergeChangesOneByOne(sqlite: Sqlite, clock: HlcClock, changes: Iterable<Change>, segment: string | null = null): MergeResult {
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

/** Every change in the log, in id order (for tests and full exports): held in memory whole. */
export function readChanges(sqlite: Sqlite): Change[] {
  return createChangeLog(sqlite)
    .all()
    .map(({ segment: _segment, ...change }) => change);
}

/** The HLC of the greatest change in the log (null when it is empty): a clock resumes after it. */
export function greatestLoggedHlc(sqlite: Sqlite): string | null {
  const id = createChangeLog(sqlite).greatestId();
  return id ? id.slice(0, HLC_HEX_LENGTH) : null;
}
