// Every change of one record, read from the change log: each cell's changes with the values they
// replaced (the changes they had seen), whether one settled a conflict (it saw several), and
// whether it is one of several current heads (an open conflict). One query, served by the
// `changes_by_cell` index (tbl, row_id, col); test/db/queryPlans.test.ts holds it there.
import { ROW_COLUMN, type LedgerName } from './ledgers';
import type { Sqlite } from './open';

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

interface Logged {
  id: string;
  col: string;
  village_id: string;
  value: string;
  origin: string;
  seen: string;
}

const parsed = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
};

/** The SQL `rowHistory` runs (exported for the query-plan test). */
export const ROW_HISTORY_SQL = 'SELECT id, col, village_id, value, origin, seen FROM changes WHERE tbl = ? AND row_id = ?';

/** The record's changes, newest first; empty when the log has none (no such record). */
export function rowHistory(sqlite: Sqlite, tbl: LedgerName, rowId: string): HistoryStep[] {
  const rows = sqlite.prepare(ROW_HISTORY_SQL).all(tbl, rowId) as Logged[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const seenIn = new Map<string, string[]>();
  const seenByOthers = new Set<string>();
  for (const r of rows) {
    const seen = parsed(r.seen);
    const ids = Array.isArray(seen) ? seen.filter((s): s is string => typeof s === 'string') : [];
    seenIn.set(r.id, ids);
    for (const id of ids) if (byId.get(id)?.col === r.col) seenByOthers.add(id);
  }
  // A cell's heads: its changes no other change of the cell has seen.
  const headCount = new Map<string, number>();
  for (const r of rows) if (!seenByOthers.has(r.id)) headCount.set(r.col, (headCount.get(r.col) ?? 0) + 1);
  return rows
    .map((r): HistoryStep => {
      const before = seenIn
        .get(r.id)!
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
