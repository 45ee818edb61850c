// Conflicts: cells with more than one head (concurrent writes neither author had seen). The
// ledger shows the greatest head meanwhile; resolving is a write whose `seen` names every head,
// written even when the chosen value equals the one shown (the store's update would skip it).
import { isLedger, isLedgerColumn, ROW_COLUMN } from '../ledgers';
import type { Sqlite } from '../open';
import { createChangeApplier, type Change } from './apply';
import { changeIdOf, hlcToIso, type HlcClock } from './hlc';
import { badValue } from './importBundle';

export interface ConflictHeadRow {
  readonly changeId: string;
  readonly value: string | number | null;
  readonly origin: string;
  readonly at: string;
  /** The head the ledger shows (the greatest change id). */
  readonly shown: boolean;
}

export interface ConflictRow {
  readonly tbl: string;
  readonly rowId: string;
  readonly villageId: string;
  readonly col: string;
  readonly heads: readonly ConflictHeadRow[];
}

export function listConflicts(sqlite: Sqlite): ConflictRow[] {
  const cells = sqlite
    .prepare('SELECT tbl, row_id, col FROM cell_heads GROUP BY tbl, row_id, col HAVING count(*) > 1 ORDER BY tbl, row_id, col')
    .all() as { tbl: string; row_id: string; col: string }[];
  const headsOf = sqlite.prepare(
    `SELECT c.id, c.value, c.origin, c.village_id FROM cell_heads h JOIN changes c ON c.id = h.change_id
      WHERE h.tbl = ? AND h.row_id = ? AND h.col = ? ORDER BY c.id`,
  );
  return cells.map(({ tbl, row_id, col }) => {
    const rows = headsOf.all(tbl, row_id, col) as { id: string; value: string; origin: string; village_id: string }[];
    const greatest = rows[rows.length - 1]!.id;
    return {
      tbl,
      rowId: row_id,
      villageId: rows[0]!.village_id,
      col,
      heads: rows.map((r) => ({ changeId: r.id, value: JSON.parse(r.value) as string | number | null, origin: r.origin, at: hlcToIso(r.id), shown: r.id === greatest })),
    };
  });
}

export class ResolveError extends Error {
  constructor(
    readonly code: 'NOT_A_COLUMN' | 'BAD_VALUE' | 'NOT_FOUND',
    message: string,
  ) {
    super(message);
    this.name = 'ResolveError';
  }
}

/** The village of a row (fixed at creation), or null when no change names the row. */
export function villageOfRow(sqlite: Sqlite, tbl: string, rowId: string): string | null {
  return (sqlite.prepare('SELECT village_id FROM changes WHERE tbl = ? AND row_id = ? LIMIT 1').pluck().get(tbl, rowId) as string | undefined) ?? null;
}

/** Writes `value` to the cell having seen every head: one head remains. Returns the change id. */
export function resolveCell(
  sqlite: Sqlite,
  clock: HlcClock,
  deviceId: string,
  cell: { tbl: string; rowId: string; col: string; value: string | number | null },
): string {
  const { tbl, rowId, col } = cell;
  if (!isLedger(tbl) || !isLedgerColumn(tbl, col)) throw new ResolveError('NOT_A_COLUMN', `${tbl}.${col} is not a ledger column`);
  const value = JSON.stringify(cell.value);
  const bad = badValue({ tbl, col, value });
  if (bad) throw new ResolveError('BAD_VALUE', bad);
  const applier = createChangeApplier(sqlite);
  return sqlite.transaction(() => {
    const villageId = villageOfRow(sqlite, tbl, rowId);
    const seen = applier.headsOfCell(tbl, rowId, col);
    if (villageId === null || seen.length === 0) throw new ResolveError('NOT_FOUND', `${tbl} ${rowId} has no ${col === ROW_COLUMN ? 'row state' : col} to resolve`);
    const hlc = clock.tick();
    const change: Change = { id: changeIdOf(hlc, deviceId), tbl, row_id: rowId, village_id: villageId, col, value, hlc, origin: deviceId, seen };
    applier.record(change);
    applier.apply(change);
    return change.id;
  })();
}
