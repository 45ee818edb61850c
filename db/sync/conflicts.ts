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
import { createChangeApplier, NO_HEADS, quote, type Change } from './apply';
import { createChangeLog, createSegmentCache, type ChangeLog, type LoggedChange } from './changeLog';
import { createClockReader, DELETED_VALUE, recordIdOf } from './clocks';
import { changeIdOf, hlcToIso, type HlcClock } from './hlc';
import { badValue } from './valueCheck';
import { createProjectedRows } from './projectedRows';

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
  // Conflicts are few: a head's value, origin and village are read from its record's changes in
  // the log (its segments and unsealed rows), a record at a time.
  const log = createChangeLog(sqlite);
  const recordChanges = new Map<string, Map<string, LoggedChange>>();
  const changeOf = (tbl: string, rowId: string, id: string): LoggedChange => {
    const key = `${tbl}\u0000${rowId}`;
    let changes = recordChanges.get(key);
    if (!changes) {
      changes = new Map(log.ofRecord(tbl, rowId).map((change) => [change.id, change]));
      recordChanges.set(key, changes);
    }
    const change = changes.get(id);
    if (!change) throw new Error(`${tbl} ${rowId} has a head ${id} that is not in the change log`);
    return change;
  };
  const conflictOf = (tbl: string, row_id: string, col: string): ConflictRow => {
    const rows = applier.headsOfCell(tbl, row_id, col).map((id) => changeOf(tbl, row_id, id));
    const greatest = rows[rows.length - 1]!.id;
    return { tbl, rowId: row_id, villageId: rows[0]!.village_id, col, heads: rows.map((r) => headOf(r, r.id === greatest)), record: recordOf(tbl, row_id) };
  };
  const conflicts = new Map<string, ConflictRow>();
  const keyOf = (tbl: string, rowId: string, col: string) => `${tbl}\u0000${rowId}\u0000${col}`;
  for (const { tbl, row_id, col } of cells) conflicts.set(keyOf(tbl, row_id, col), conflictOf(tbl, row_id, col));

  // Heads of a deleted row's cells that no deleting head had seen: listed with the row's `_row`.
  const unseenEdits = createUnseenEdits(sqlite, () => log);
  const projected = createProjectedRows(sqlite);
  const unseen: LoggedChange[] = [];
  for (const { tbl, rowId } of deletedRecords(sqlite)) {
    const row = projected(tbl, rowId);
    if (row) for (const id of unseenEdits(tbl, rowId, row.deleted)) unseen.push(changeOf(tbl, rowId, id));
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

/** Records any change ever deleted (`record_deletes`, written with the log): few, and a superset of the deleted ones. */
function deletedRecords(sqlite: Sqlite): { tbl: string; rowId: string }[] {
  const rows = sqlite.prepare('SELECT t.text AS tbl, d.row_id FROM record_deletes AS d JOIN names AS t ON t.n = d.tbl').all() as { tbl: string; row_id: Buffer | string }[];
  return rows.map((row) => ({ tbl: row.tbl, rowId: recordIdOf(row.row_id) }));
}

/**
 * The heads of a record's cells that no deleting head of its `_row` cell had seen (a delete
 * against edits it had not seen), in id order; none when no head of `_row` deletes. `deleted`:
 * the projection shows the row deleted. One read of the record's clock and one of its
 * `cell_heads` rows give its heads, as the applier's `headsOfRow` reads them (a cell without rows
 * has its greatest change as its one head); in the usual case `_row`'s one head is that greatest
 * change, whose `seen` the clock holds and whose value the projection shows (it wins the cell).
 * Otherwise (`_row` has head rows: a conflict, or a history that is not causal) the `_row` cell's
 * history is read from the log.
 */
function createUnseenEdits(sqlite: Sqlite, logOf: () => ChangeLog): (tbl: string, rowId: string, deleted: boolean) => string[] {
  const clocks = createClockReader(sqlite);
  const headRows = sqlite.prepare('SELECT col, change_id FROM cell_heads WHERE tbl = ? AND row_id = ?');
  return (tbl, rowId, deleted) => {
    const clock = clocks.read(tbl, rowId);
    const greatest = clock?.cells.get(ROW_COLUMN);
    if (!clock || !greatest) return [];
    const explicit = new Map<string, string[]>();
    for (const { col, change_id } of headRows.all(tbl, rowId) as { col: string; change_id: string }[]) {
      const list = explicit.get(col) ?? [];
      if (change_id !== NO_HEADS) list.push(change_id);
      explicit.set(col, list);
    }
    const rowHeads = explicit.get(ROW_COLUMN);
    let deleting: readonly { readonly seen: readonly string[] }[];
    if (!rowHeads) deleting = deleted ? [greatest] : [];
    else {
      const history = new Map(logOf().ofCell(tbl, rowId, ROW_COLUMN).map((change) => [change.id, change]));
      deleting = rowHeads.flatMap((id) => {
        const head = history.get(id);
        return head?.value === DELETED_VALUE ? [head] : [];
      });
    }
    if (!deleting.length) return [];
    const seenByDelete = new Set(deleting.flatMap((head) => head.seen));
    const unseen: string[] = [];
    for (const [col, { id }] of clock.cells) {
      if (col === ROW_COLUMN) continue;
      for (const head of explicit.get(col) ?? [id]) if (!seenByDelete.has(head)) unseen.push(head);
    }
    return unseen.sort();
  };
}

function headOf(row: Pick<Change, 'id' | 'value' | 'origin'>, shown: boolean): ConflictHeadRow {
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

/**
 * The village of a row (fixed at creation), or null when no change names the row: the
 * projection's, which holds every row the log has a change of.
 */
export function villageOfRow(sqlite: Sqlite, tbl: string, rowId: string): string | null {
  return createProjectedRows(sqlite)(tbl, rowId)?.villageId ?? null;
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
 * write: the same two kinds, read through keys only — the cells of `cell_heads` with several
 * heads (rows only for conflicts, and histories that are not causal), each one's village from its
 * projected row, and the records a change ever deleted (`record_deletes`: few), each one judged
 * from its clock and projected row (the log is read only for a record whose `_row` cell's history
 * is not causal). Nothing proportional to the log is read, and no values, names or records.
 */
export function createConflictCounter(sqlite: Sqlite): (villageIds: readonly string[]) => number {
  const cells = sqlite.prepare('SELECT tbl, row_id, col FROM cell_heads GROUP BY tbl, row_id, col HAVING count(*) > 1');
  const projected = createProjectedRows(sqlite);
  // The log only for a `_row` cell with head rows (rare): made when first needed, a small cache.
  let log: ChangeLog | undefined;
  const unseenEdits = createUnseenEdits(sqlite, () => (log ??= createChangeLog(sqlite, createSegmentCache(2))));
  return (villageIds) => {
    const inScope = new Set(villageIds);
    const keys = new Set<string>();
    for (const cell of cells.all() as { tbl: string; row_id: string; col: string }[]) {
      const village = projected(cell.tbl, cell.row_id)?.villageId;
      if (village !== undefined && inScope.has(village)) keys.add(`${cell.tbl}\u0000${cell.row_id}\u0000${cell.col}`);
    }
    for (const { tbl, rowId } of deletedRecords(sqlite)) {
      const key = `${tbl}\u0000${rowId}\u0000${ROW_COLUMN}`;
      const row = projected(tbl, rowId);
      if (!row || !inScope.has(row.villageId) || keys.has(key)) continue;
      if (unseenEdits(tbl, rowId, row.deleted).length) keys.add(key);
    }
    return keys.size;
  };
}
