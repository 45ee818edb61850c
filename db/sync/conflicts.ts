// Conflicts: cells with more than one head (concurrent writes neither author had seen), and
// deletes against edits they had not seen (an edit the deleter had not seen is a delete-vs-edit
// conflict: each cell then has one head, so the cell rule alone would never show it, and the
// edit would vanish with the row unnoticed). The ledger shows the greatest head meanwhile;
// resolving is a write whose `seen` names every head, written even when the chosen value equals
// the one shown (the store's update would skip it).
import { isLedger, isLedgerColumn, ROW_COLUMN, type LedgerColumn, type LedgerName } from '../ledgers';
import type { Sqlite } from '../open';
import { snakeCase } from '../../shared/domain/ledgers/columns';
import { LEDGER_DEFINITIONS, type LedgerTable } from '../../shared/domain/ledgers/index';
import { REFERENCES } from '../../shared/domain/ledgers/references';
import { createChangeApplier, quote, type Change } from './apply';
import { changeIdOf, hlcToIso, type HlcClock } from './hlc';
import { badValue } from './importBundle';

export interface ConflictHeadRow {
  readonly changeId: string;
  readonly value: string | number | null;
  readonly origin: string;
  readonly at: string;
  /** The head the ledger shows (the greatest change id). */
  readonly shown: boolean;
  /**
   * Only in a delete-vs-edit conflict (listed on the row's `_row` cell): the column written by
   * this head, an edit the delete had not seen. Absent on the `_row` heads themselves.
   */
  readonly col?: string;
}

/** One cell a person recognises a record by; a reference holds the name of the row it points at. */
export interface RecordCell {
  readonly col: string;
  readonly value: string | number | null;
}

export interface ConflictRow {
  readonly tbl: string;
  readonly rowId: string;
  readonly villageId: string;
  readonly col: string;
  readonly heads: readonly ConflictHeadRow[];
  /** Which record the conflict is about (a deleted one too), as `namedBy` reads it. */
  readonly record: RecordCell[];
}

/**
 * The cells that name a record, in reading order: what the ledger screens show first (a
 * household's head and group, a visit's date and household, a project's name …), from each
 * ledger's `namedBy`.
 */
const NAMED_BY: { readonly [T in LedgerName]: readonly LedgerColumn<T>[] } = {
  villages: ['name'],
  attachments: ['file_name', 'caption'],
  ...(Object.fromEntries(Object.values(LEDGER_DEFINITIONS).map((def) => [def.table, def.namedBy.map(snakeCase)])) as unknown as {
    readonly [T in LedgerTable]: readonly LedgerColumn<T>[];
  }),
};

/** Reference columns, named by the first cell that names the row they point at (the same table the write rules check). */
const POINTS_AT: Readonly<Record<string, LedgerName>> = Object.fromEntries(
  Object.entries(REFERENCES).map(([field, noun]) => [snakeCase(field), LEDGER_DEFINITIONS[noun].table]),
);

/**
 * Reads a record's name from the ledger projection, which keeps a deleted row (with
 * `deleted_at` set) and shows each cell's greatest head: so a deleted record is named as the
 * last values anyone gave it.
 */
export function createRecordNamer(sqlite: Sqlite): (tbl: string, rowId: string) => RecordCell[] {
  const statements = new Map<string, ReturnType<Sqlite['prepare']>>();
  const cellsOf = (tbl: LedgerName, cols: readonly string[], rowId: string): Record<string, unknown> | undefined => {
    const key = `${tbl}\u0000${cols.join(',')}`;
    let statement = statements.get(key);
    if (!statement) {
      statement = sqlite.prepare(`SELECT ${cols.map(quote).join(', ')} FROM ${quote(tbl)} WHERE id = ?`);
      statements.set(key, statement);
    }
    return statement.get(rowId) as Record<string, unknown> | undefined;
  };
  const cellValue = (value: unknown): string | number | null => (typeof value === 'string' || typeof value === 'number' ? value : null);
  return (tbl, rowId) => {
    if (!isLedger(tbl)) return [];
    const cols: readonly string[] = NAMED_BY[tbl];
    const row = cellsOf(tbl, cols, rowId);
    if (!row) return [];
    return cols.map((col) => {
      const target = POINTS_AT[col];
      const value = cellValue(row[col]);
      if (!target || typeof value !== 'string') return { col, value };
      const nameCol = NAMED_BY[target][0]!;
      return { col, value: cellValue(cellsOf(target, [nameCol], value)?.[nameCol]) };
    });
  };
}

export function listConflicts(sqlite: Sqlite): ConflictRow[] {
  const cells = sqlite
    .prepare('SELECT tbl, row_id, col FROM cell_heads GROUP BY tbl, row_id, col HAVING count(*) > 1 ORDER BY tbl, row_id, col')
    .all() as { tbl: string; row_id: string; col: string }[];
  const recordOf = createRecordNamer(sqlite);
  const applier = createChangeApplier(sqlite);
  const changeOf = sqlite.prepare('SELECT id, col, value, origin, village_id, seen FROM changes WHERE id = ?');
  const headsOf = (tbl: string, rowId: string, col: string) => applier.headsOfCell(tbl, rowId, col).map((id) => changeOf.get(id) as HeadRow);
  const conflictOf = (tbl: string, row_id: string, col: string): ConflictRow => {
    const rows = headsOf(tbl, row_id, col);
    const greatest = rows[rows.length - 1]!.id;
    return { tbl, rowId: row_id, villageId: rows[0]!.village_id, col, heads: rows.map((r) => headOf(r, r.id === greatest)), record: recordOf(tbl, row_id) };
  };
  const conflicts = new Map<string, ConflictRow>();
  const keyOf = (tbl: string, rowId: string, col: string) => `${tbl}\u0000${rowId}\u0000${col}`;
  for (const { tbl, row_id, col } of cells) conflicts.set(keyOf(tbl, row_id, col), conflictOf(tbl, row_id, col));

  // Heads of a deleted row's cells that no deleting head had seen: listed with the row's `_row`.
  // Rows ever deleted are few; their heads are read as the applier reads them.
  const deletedRows = sqlite.prepare('SELECT DISTINCT tbl, row_id FROM changes WHERE col = ? AND value = ?').all(ROW_COLUMN, DELETED) as { tbl: string; row_id: string }[];
  const unseen: (HeadRow & { tbl: string; row_id: string; col: string })[] = [];
  for (const { tbl, row_id } of deletedRows) {
    const heads = applier.headsOfRow(tbl, row_id).map((id) => changeOf.get(id) as HeadRow & { col: string; seen: string });
    const deleting = heads.filter((h) => h.col === ROW_COLUMN && h.value === DELETED);
    if (!deleting.length) continue;
    const seenByDelete = new Set(deleting.flatMap((h) => JSON.parse(h.seen) as string[]));
    for (const head of heads) if (head.col !== ROW_COLUMN && !seenByDelete.has(head.id)) unseen.push({ ...head, tbl, row_id });
  }
  for (const edit of unseen) {
    const key = keyOf(edit.tbl, edit.row_id, ROW_COLUMN);
    let conflict = conflicts.get(key);
    if (!conflict) {
      conflict = conflictOf(edit.tbl, edit.row_id, ROW_COLUMN);
      conflicts.set(key, conflict);
    }
    conflicts.set(key, { ...conflict, heads: [...conflict.heads, { ...headOf(edit, false), col: edit.col }] });
  }
  return [...conflicts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, conflict]) => conflict);
}

const DELETED = JSON.stringify('deleted');

interface HeadRow {
  readonly id: string;
  readonly value: string;
  readonly origin: string;
  readonly village_id: string;
}

function headOf(row: HeadRow, shown: boolean): ConflictHeadRow {
  return { changeId: row.id, value: JSON.parse(row.value) as string | number | null, origin: row.origin, at: hlcToIso(row.id), shown };
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
    // Choosing a row's state (deleted or alive) has seen every head of the row, as a delete
    // does: that settles a delete-vs-edit conflict too.
    const seen = col === ROW_COLUMN && applier.headsOfCell(tbl, rowId, col).length > 0 ? applier.headsOfRow(tbl, rowId) : applier.headsOfCell(tbl, rowId, col);
    if (villageId === null || seen.length === 0) throw new ResolveError('NOT_FOUND', `${tbl} ${rowId} has no ${col === ROW_COLUMN ? 'row state' : col} to resolve`);
    const hlc = clock.tick();
    const change: Change = { id: changeIdOf(hlc, deviceId), tbl, row_id: rowId, village_id: villageId, col, value, hlc, origin: deviceId, seen };
    applier.record(change);
    applier.apply(change);
    return change.id;
  })();
}

/**
 * How many conflicts `listConflicts` lists in these villages, for the menu's badge after every
 * write: the same two kinds, read through indexes only — the cells of `cell_heads` with several
 * heads (its primary key; a change's village by its id) and the deleted rows through the partial
 * index `changes_deletes` (migration 0140), whose heads are then read row by row as the list
 * reads them. No values, names or records are read.
 */
export function createConflictCounter(sqlite: Sqlite): (villageIds: readonly string[]) => number {
  const applier = createChangeApplier(sqlite);
  // A cell's heads all belong to its row, so any of them names the village.
  const cells = sqlite.prepare(
    `SELECT h.tbl, h.row_id, h.col, min(c.village_id) AS village_id
       FROM cell_heads AS h JOIN changes AS c ON c.id = h.change_id
      GROUP BY h.tbl, h.row_id, h.col HAVING count(*) > 1`,
  );
  // Literals, not parameters: SQLite uses a partial index only when the query says its condition.
  const deletedRows = sqlite.prepare(`SELECT DISTINCT tbl, row_id, village_id FROM changes WHERE col = '_row' AND value = '"deleted"'`);
  const headOf = sqlite.prepare('SELECT col, value, seen FROM changes WHERE id = ?');
  return (villageIds) => {
    const inScope = new Set(villageIds);
    const keys = new Set<string>();
    for (const cell of cells.all() as { tbl: string; row_id: string; col: string; village_id: string }[]) {
      if (inScope.has(cell.village_id)) keys.add(`${cell.tbl}\u0000${cell.row_id}\u0000${cell.col}`);
    }
    for (const row of deletedRows.all() as { tbl: string; row_id: string; village_id: string }[]) {
      const key = `${row.tbl}\u0000${row.row_id}\u0000${ROW_COLUMN}`;
      if (!inScope.has(row.village_id) || keys.has(key)) continue;
      const heads = applier.headsOfRow(row.tbl, row.row_id).map((id) => ({ id, ...(headOf.get(id) as { col: string; value: string; seen: string }) }));
      const deleting = heads.filter((h) => h.col === ROW_COLUMN && h.value === DELETED);
      if (!deleting.length) continue;
      const seenByDelete = new Set(deleting.flatMap((h) => JSON.parse(h.seen) as string[]));
      if (heads.some((h) => h.col !== ROW_COLUMN && !seenByDelete.has(h.id))) keys.add(key);
    }
    return keys.size;
  };
}
