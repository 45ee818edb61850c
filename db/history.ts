// Every change of one record, read from the change log: each cell's changes with the values they
// replaced (the changes they had seen), whether one settled a conflict (it saw several), and
// whether it is one of several current heads (an open conflict). The log is the record's stored
// segments (found through its clock's segment and `record_segments`, decoded for the record, kept
// in the cache passed in) and its rows of `changes` no stored segment holds (db/sync/changeLog.ts);
// test/db/queryPlans.test.ts holds each look-up to an index.
import { ROW_COLUMN, type LedgerName } from './ledgers';
import type { Sqlite } from './open';
import { createChangeLog, type SegmentCache } from './sync/changeLog';

export interface HistoryStep {
  readonly id: string;
  readonly col: string;
  readonly villageId: string;
  readonly value: unknown;
  readonly origin: string;
  /** The values of the changes it had seen (in change order). */
  readonly before: readonly unknown[];
  readonly resolved: boolean;
  readonly conflict: boolean;
}

/**
 * The decoded changes the history service keeps between calls (~280–345 bytes of heap each:
 * ~56–69 MB at most), whatever the size of the segments: whole segments of the records paged, and the
 * record's part of each segment for a record spread over many (db/sync/changeLog.ts).
 */
export const HISTORY_CACHE_CHANGES = 200_000;

const parsed = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
};

/**
 * The record's changes, newest first; empty when the log has none (no such record). `segments`
 * keeps decoded segments (or the record's part of them) between calls: safe for the app's life, as
 * a segment's hash names its bytes (what the log leaves out of a segment is read again on every call).
 */
export function rowHistory(sqlite: Sqlite, tbl: LedgerName, rowId: string, segments: SegmentCache): HistoryStep[] {
  const rows = createChangeLog(sqlite, segments).ofRecord(tbl, rowId);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const seenByOthers = new Set<string>();
  for (const r of rows) for (const id of r.seen) if (byId.get(id)?.col === r.col) seenByOthers.add(id);
  // A cell's heads: its changes no other change of the cell has seen.
  const headCount = new Map<string, number>();
  for (const r of rows) if (!seenByOthers.has(r.id)) headCount.set(r.col, (headCount.get(r.col) ?? 0) + 1);
  return rows
    .map((r): HistoryStep => {
      const before = r.seen
        .filter((id) => byId.get(id)?.col === r.col)
        .sort()
        .map((id) => parsed(byId.get(id)!.value));
      return {
        id: r.id,
        col: r.col,
        villageId: r.village_id,
        value: parsed(r.value),
        origin: r.origin,
        before,
        resolved: before.length > 1,
        conflict: !seenByOthers.has(r.id) && (headCount.get(r.col) ?? 0) > 1,
      };
    })
    .sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : a.col === ROW_COLUMN ? 1 : b.col === ROW_COLUMN ? -1 : a.col.localeCompare(b.col)));
}
