// Applying one change to the cell heads and the ledger projection. The same code serves a
// local write, the rebuild from the log, and (issue 4) a merge, so the three cannot disagree.
//
// A cell's heads are its changes that no other change of the cell has seen. Almost always that
// is one change, the cell's greatest, so `cell_heads` keeps rows only for the other cells: a
// cell with no rows has its greatest change as its one head. Rows are written when a cell has
// several heads (a conflict), or one that is not its greatest (a history that is not causal),
// or none at all (a hostile cycle of `seen`: one row holding NO_HEADS). So a merge writes no
// head rows for the cells it creates, and a conflict is a cell with more than one row.
import { MergedIds } from './mergedIds';
import { createChangeLog } from './changeLog';
import { createClockReader, createClockWriter, isCausal } from './clocks';
import { hlcToIso } from './hlc';
import { valueOfText } from './valueText';
import { isLedger, isLedgerColumn, ROW_COLUMN, type LedgerName } from '../ledgers';
import type BetterSqlite3 from 'better-sqlite3';
import type { Sqlite } from '../open';

export interface Change {
  readonly id: string;
  readonly tbl: LedgerName;
  readonly row_id: string;
  readonly village_id: string;
  readonly col: string;
  /** JSON text. */
  readonly value: string;
  readonly hlc: string;
  readonly origin: string;
  readonly seen: readonly string[];
}

export interface ChangeApplier {
  /**
   * Adds the change to the log; false when the log had it already (it is then not re-applied).
   * A change of a stored segment is read from that segment from then on; any other (this
   * device's own write, a change merged with no stored segment) becomes a row of `changes`.
   */
  record(change: Change, segment?: string | null): boolean;
  /**
   * The ids this applier's merge has taken from a stored segment so far (the bulk merger adds the
   * ones it takes): a segment could name an id twice, and the second is known, as a row's key made it.
   */
  mergedFrom(segment: string): MergedIds;
  /** Whether a segment is stored (its changes are then read from it, not kept as rows). */
  isStored(segment: string | null): segment is string;
  /** Move the cell's heads past what the change saw, and project it if it wins the cell. */
  apply(change: Change): void;
  /**
   * A row's first changes, written by this device: no other change can exist for a brand-new
   * id, so each is its cell's only head and the row is one INSERT (what `apply` would reach
   * column by column, at a fraction of the statements).
   */
  createRow(changes: readonly Change[]): void;
  headsOfCell(tbl: string, rowId: string, col: string): string[];
  headsOfRow(tbl: string, rowId: string): string[];
}

export const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

export function createChangeApplier(sqlite: Sqlite): ChangeApplier {
  const insertChange = sqlite.prepare(
    // `hlc` and `origin` are read off the id (migration 0220), so they are not written.
    `INSERT OR IGNORE INTO changes (id, tbl, row_id, village_id, col, value, seen, segment)
     VALUES (@id, @tbl, @row_id, @village_id, @col, @value, @seen, @segment)`,
  );
  const addHead = sqlite.prepare('INSERT INTO cell_heads (tbl, row_id, col, change_id) VALUES (?, ?, ?, ?)');
  const dropHeads = sqlite.prepare('DELETE FROM cell_heads WHERE tbl = ? AND row_id = ? AND col = ?');
  const cellRows = sqlite.prepare('SELECT change_id FROM cell_heads WHERE tbl = ? AND row_id = ? AND col = ? ORDER BY change_id').pluck();
  const rowRows = sqlite.prepare('SELECT col, change_id FROM cell_heads WHERE tbl = ? AND row_id = ?');
  // The compact store's clock (docs/compact-store.md): each cell's greatest change, written in the
  // same transaction as the log; the cell's whole history, when needed, from the change log.
  const clocks = createClockWriter(sqlite);
  const clockReader = createClockReader(sqlite);
  const changeLog = createChangeLog(sqlite);
  const greatestOfCell = (tbl: string, rowId: string, col: string): string | null => clockReader.read(tbl, rowId)?.cells.get(col)?.id ?? null;
  const rowExists = sqlite.prepare('SELECT 1 FROM changes WHERE id = ?').pluck();
  const segmentStored = sqlite.prepare('SELECT 1 FROM segments WHERE hash = ?').pluck();
  // Segments known stored (a stored segment is never removed); and the ids merged from the segment
  // being merged now (a segment could name one id twice; the second is known, as a row's key made it).
  const stored = new Set<string>();
  let mergedFrom: { segment: string; ids: MergedIds } | null = null;
  function isStored(segment: string | null): segment is string {
    if (segment === null) return false;
    if (stored.has(segment)) return true;
    if (segmentStored.get(segment) === undefined) return false;
    stored.add(segment);
    return true;
  }
  function merged(segment: string): MergedIds {
    if (mergedFrom?.segment !== segment) mergedFrom = { segment, ids: new MergedIds() };
    return mergedFrom.ids;
  }
  /**
   * Whether the log has a change with this id: a row, a change merged from `segment` earlier in
   * this merge, or a change of the cell in another stored segment (only looked for when the
   * cell's clock has a change at least as great).
   */
  function logged(change: Change, segment: string | null, greatestOfCell: string | null): boolean {
    if (rowExists.get(change.id) !== undefined) return true;
    if (segment !== null && mergedFrom?.segment === segment && mergedFrom.ids.has(change.id)) return true;
    if (greatestOfCell === null || greatestOfCell < change.id) return false;
    return changeLog.ofCell(change.tbl, change.row_id, change.col, segment).some((c) => c.id === change.id);
  }
  // What the clock said of a change's cell just before `record` logged it, for `apply`.
  const before = new Map<string, { greatest: string | null; nonCausal: boolean }>();
  function headsOfCell(tbl: string, rowId: string, col: string): string[] {
    const rows = cellRows.all(tbl, rowId, col) as string[];
    if (rows.length) return rows.filter((id) => id !== NO_HEADS);
    const greatest = greatestOfCell(tbl, rowId, col);
    return greatest === null ? [] : [greatest];
  }

  /**
   * Stores a cell's heads (sorted) in as few rows as say them: none when it is the one greatest.
   * `greatest` is the cell's greatest change when the caller knows it already.
   */
  function storeHeads(tbl: string, rowId: string, col: string, rows: readonly string[], heads: readonly string[], greatest = greatestOfCell(tbl, rowId, col)): void {
    const wanted = heads.length === 1 && heads[0] === greatest ? [] : heads.length === 0 ? [NO_HEADS] : heads;
    if (wanted.length === rows.length && wanted.every((id, i) => id === rows[i])) return;
    if (rows.length) dropHeads.run(tbl, rowId, col);
    for (const id of wanted) addHead.run(tbl, rowId, col, id);
  }

  const rowInserts = new Map<string, BetterSqlite3Statement>();
  // Statements per (table, column), built only from the allow-list in db/ledgers.
  const projections = new Map<string, BetterSqlite3Statement>();
  function projectionOf(tbl: LedgerName, col: string | null): BetterSqlite3Statement {
    const key = `${tbl}\u0000${col ?? ''}`;
    let statement = projections.get(key);
    if (!statement) {
      if (!isLedger(tbl) || (col !== null && !isLedgerColumn(tbl, col))) throw new Error(`Not a ledger column: ${tbl}.${col}`);
      const target = col === null ? null : col === ROW_COLUMN ? 'deleted_at' : col;
      const t = quote(tbl);
      const stamp = 'created_at = min(created_at, excluded.created_at), updated_at = max(updated_at, excluded.updated_at)';
      statement =
        target === null
          ? sqlite.prepare(
              `INSERT INTO ${t} (id, village_id, created_at, updated_at) VALUES (?, ?, ?, ?)
               ON CONFLICT (id) DO UPDATE SET ${stamp}`,
            )
          : sqlite.prepare(
              `INSERT INTO ${t} (id, village_id, created_at, updated_at, ${quote(target)}) VALUES (?, ?, ?, ?, ?)
               ON CONFLICT (id) DO UPDATE SET ${quote(target)} = excluded.${quote(target)}, ${stamp}`,
            );
      projections.set(key, statement);
    }
    return statement;
  }

  return {
    record(change, segment = null) {
      if (change.id !== change.hlc + change.origin) throw new Error(idMismatch(change));
      const clock = clockReader.read(change.tbl, change.row_id);
      const greatest = clock?.cells.get(change.col)?.id ?? null;
      if (logged(change, segment, greatest)) return false;
      if (isStored(segment)) merged(segment).add(change.id);
      else insertChange.run({ ...change, seen: JSON.stringify(change.seen), segment });
      before.set(change.id, { greatest, nonCausal: clock?.nonCausal ?? false });
      clocks.note([change], segment);
      return true;
    },
    mergedFrom: merged,
    isStored,
    apply(change) {
      const { tbl, row_id, col } = change;
      // The cell as it was before this change was logged; read from the log if `record` did not say.
      let prior = before.get(change.id);
      before.delete(change.id);
      let history: readonly Change[] | undefined;
      const cellHistory = () => (history ??= changeLog.ofCell(tbl, row_id, col));
      if (!prior) {
        const others = cellHistory().filter((c) => c.id !== change.id);
        prior = { greatest: others.length ? others[others.length - 1]!.id : null, nonCausal: others.some((c) => !isCausal(c)) };
      }
      // The heads before this change: the rows, or the greatest change the cell had without it.
      const rows = cellRows.all(tbl, row_id, col) as string[];
      let heads: string[];
      let greatestNow: string | undefined; // the cell's greatest change, this one included, when known
      const later = prior.greatest !== null && prior.greatest > change.id ? prior.greatest : null;
      if (rows.length) heads = rows.filter((id) => id !== NO_HEADS);
      else {
        heads = prior.greatest === null ? [] : [prior.greatest];
        greatestNow = later ?? change.id;
      }
      const seen = new Set(change.seen);
      heads = heads.filter((id) => id !== change.id && !seen.has(id));
      // A change that arrives after one that saw it (possible when files come out of order) is
      // never a head. Only a change smaller than the cell's greatest, or one in a record with a
      // change that is not causal, can have been seen by another: then the cell's history is read.
      const seenByLater =
        later !== null || prior.nonCausal ? cellHistory().some((c) => c.seen.includes(change.id)) : change.seen.includes(change.id);
      if (!seenByLater) heads.push(change.id);
      heads.sort();
      storeHeads(tbl, row_id, col, rows, heads, greatestNow);
      const at = hlcToIso(change.hlc);
      const winner = heads.length ? heads[heads.length - 1] : null;
      if (winner === change.id) {
        projectionOf(tbl, col).run(row_id, change.village_id, at, at, projectedValue(change));
      } else {
        projectionOf(tbl, null).run(row_id, change.village_id, at, at);
      }
    },
    createRow(changes) {
      const first = changes[0];
      if (!first) return;
      const columns: string[] = [];
      const values: (string | number | null)[] = [];
      for (const change of changes) {
        if (change.tbl !== first.tbl || change.row_id !== first.row_id) throw new Error('createRow takes the changes of one row');
        if (!isLedgerColumn(first.tbl, change.col) || change.col === ROW_COLUMN) throw new Error(`Not a ledger column: ${change.tbl}.${change.col}`);
        // Each is its cell's one change, so its one head: no head row (see the top).
        insertChange.run({ ...change, seen: JSON.stringify(change.seen), segment: null });
        columns.push(quote(change.col));
        values.push(projectedValue(change));
      }
      clocks.note(changes, null);
      const key = `${first.tbl}\u0001${columns.join(',')}`;
      let insert = rowInserts.get(key);
      if (!insert) {
        insert = sqlite.prepare(
          `INSERT INTO ${quote(first.tbl)} (id, village_id, created_at, updated_at${columns.map((c) => `, ${c}`).join('')})
           VALUES (?, ?, ?, ?${', ?'.repeat(columns.length)})`,
        );
        rowInserts.set(key, insert);
      }
      insert.run(first.row_id, first.village_id, hlcToIso(first.hlc), hlcToIso(changes[changes.length - 1]!.hlc), ...values);
    },
    headsOfCell,
    headsOfRow(tbl, rowId) {
      const explicit = new Map<string, string[]>();
      for (const { col, change_id } of rowRows.all(tbl, rowId) as { col: string; change_id: string }[]) {
        const list = explicit.get(col) ?? [];
        if (change_id !== NO_HEADS) list.push(change_id);
        explicit.set(col, list);
      }
      const heads: string[] = [];
      for (const [col, { id }] of clockReader.read(tbl, rowId)?.cells ?? []) heads.push(...(explicit.get(col) ?? [id]));
      return heads.sort();
    },
  };
}

/**
 * The log reads a change's HLC and origin off its id (migration 0220), so a change whose id says
 * otherwise would be read back as another change: refused (the store and the codec never make one).
 */
export function idMismatch(change: Change): string {
  return `Change ${change.id} is not its HLC ${change.hlc} followed by its origin ${change.origin}`;
}

/** The one row of a cell that has changes but no head (only a cycle of `seen` does that). */
export const NO_HEADS = '';

type BetterSqlite3Statement = BetterSqlite3.Statement<unknown[]>;

/** What a change writes into its column (`_row` becomes deleted_at). */
export function projectedValue(change: Change): string | number | null {
  const value = valueOfText(change.value);
  if (value === undefined) throw new Error(`Change ${change.id} holds a value that is not JSON`);
  if (change.col === ROW_COLUMN) return value === 'deleted' ? hlcToIso(change.hlc) : null;
  if (value === null || typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  throw new Error(`Change ${change.id} holds a value of an unsupported type for ${change.tbl}.${change.col}`);
}
