// Applying one change to the cell heads and the ledger projection. The same code serves a
// local write, the rebuild from the log, and (issue 4) a merge, so the three cannot disagree.
import { hlcToIso } from './hlc';
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
  /** Insert into the log; false when the change was already there (it is then not re-applied). */
  record(change: Change, segment?: string | null): boolean;
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
    `INSERT OR IGNORE INTO changes (id, tbl, row_id, village_id, col, value, hlc, origin, seen, segment)
     VALUES (@id, @tbl, @row_id, @village_id, @col, @value, @hlc, @origin, @seen, @segment)`,
  );
  const dropSeenHeads = sqlite.prepare(
    `DELETE FROM cell_heads WHERE tbl = ? AND row_id = ? AND col = ?
       AND change_id IN (SELECT value FROM json_each(?))`,
  );
  // A change that arrives after one that saw it (possible when files come out of order) is
  // never a head.
  const seenByLater = sqlite.prepare(
    `SELECT 1 FROM changes AS c, json_each(c.seen) AS s
      WHERE c.tbl = ? AND c.row_id = ? AND c.col = ? AND s.value = ? LIMIT 1`,
  );
  const addHead = sqlite.prepare('INSERT OR IGNORE INTO cell_heads (tbl, row_id, col, change_id) VALUES (?, ?, ?, ?)');
  const winnerOfCell = sqlite.prepare('SELECT max(change_id) AS id FROM cell_heads WHERE tbl = ? AND row_id = ? AND col = ?');
  const cellHeads = sqlite.prepare('SELECT change_id FROM cell_heads WHERE tbl = ? AND row_id = ? AND col = ? ORDER BY change_id').pluck();
  const rowHeads = sqlite.prepare('SELECT change_id FROM cell_heads WHERE tbl = ? AND row_id = ? ORDER BY change_id').pluck();

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
      return insertChange.run({ ...change, seen: JSON.stringify(change.seen), segment }).changes === 1;
    },
    apply(change) {
      const { tbl, row_id, col } = change;
      if (change.seen.length) dropSeenHeads.run(tbl, row_id, col, JSON.stringify(change.seen));
      if (!seenByLater.get(tbl, row_id, col, change.id)) addHead.run(tbl, row_id, col, change.id);
      const at = hlcToIso(change.hlc);
      const winner = (winnerOfCell.get(tbl, row_id, col) as { id: string | null }).id;
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
        insertChange.run({ ...change, seen: JSON.stringify(change.seen), segment: null });
        addHead.run(change.tbl, change.row_id, change.col, change.id);
        columns.push(quote(change.col));
        values.push(projectedValue(change));
      }
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
    headsOfCell: (tbl, rowId, col) => cellHeads.all(tbl, rowId, col) as string[],
    headsOfRow: (tbl, rowId) => rowHeads.all(tbl, rowId) as string[],
  };
}

type BetterSqlite3Statement = BetterSqlite3.Statement<unknown[]>;

/** What a change writes into its column (`_row` becomes deleted_at). */
export function projectedValue(change: Change): string | number | null {
  const value: unknown = JSON.parse(change.value);
  if (change.col === ROW_COLUMN) return value === 'deleted' ? hlcToIso(change.hlc) : null;
  if (value === null || typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  throw new Error(`Change ${change.id} holds a value of an unsupported type for ${change.tbl}.${change.col}`);
}
