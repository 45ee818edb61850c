// The one write path. Every create, update and delete stamps each written column with an HLC,
// appends one change per column (with the heads its author saw), moves the cell heads and
// updates the ledger row, all in one synchronous transaction. Nothing writes ledgers otherwise.
import { createChangeApplier, type Change } from './sync/apply';
import { changeIdOf, type HlcClock } from './sync/hlc';
import { isLedgerColumn, ledgerColumns, ROW_COLUMN, type LedgerColumn, type LedgerName, type RowState } from './ledgers';
import type { IdSource } from './ids';
import type { OpenedDatabase } from './open';

export type CellValue = string | number | null;
export type LedgerValues<T extends LedgerName> = { [C in LedgerColumn<T>]?: CellValue };

export class StoreError extends Error {
  constructor(
    readonly code: 'NOT_FOUND' | 'BAD_COLUMN' | 'BAD_VALUE',
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export interface StoreDeps {
  readonly db: OpenedDatabase;
  readonly clock: HlcClock;
  readonly newId: IdSource;
  /** This device: the origin of every change it writes. */
  readonly deviceId: string;
}

export interface Store {
  /** Creates a row; for `villages` the row is its own village. Returns the new id. */
  create<T extends LedgerName>(table: T, villageId: T extends 'villages' ? null : string, values: LedgerValues<T>): string;
  /** Writes only the columns whose value differs; returns how many changes it wrote. */
  update<T extends LedgerName>(table: T, id: string, patch: LedgerValues<T>): number;
  /** A tombstone: `_row = deleted`, having seen every head of the row. */
  remove(table: LedgerName, id: string): void;
  /** Several writes as one transaction (nested calls join the outer one). */
  transaction<R>(fn: () => R): R;
}

export function createStore({ db, clock, newId, deviceId }: StoreDeps): Store {
  const { sqlite } = db;
  const applier = createChangeApplier(sqlite);

  function changeOf(table: LedgerName, rowId: string, villageId: string, col: string, value: CellValue | RowState, seen: string[]): Change {
    const hlc = clock.tick();
    return {
      id: changeIdOf(hlc, deviceId),
      tbl: table,
      row_id: rowId,
      village_id: villageId,
      col,
      value: JSON.stringify(value),
      hlc,
      origin: deviceId,
      seen,
    };
  }

  function write(table: LedgerName, rowId: string, villageId: string, col: string, value: CellValue | RowState, seen: string[]): void {
    const change = changeOf(table, rowId, villageId, col, value, seen);
    applier.record(change);
    applier.apply(change);
  }

  function liveRow(table: LedgerName, id: string): Record<string, CellValue> {
    // The table name comes from the LedgerName type, checked against the allow-list below.
    const columns = ledgerColumns(table);
    const row = sqlite
      .prepare(`SELECT village_id, deleted_at, ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}" WHERE id = ?`)
      .get(id) as Record<string, CellValue> | undefined;
    if (!row || row.deleted_at !== null) throw new StoreError('NOT_FOUND', `${table} ${id} does not exist`);
    return row;
  }

  function checkValues(table: LedgerName, values: Record<string, unknown>): [string, CellValue][] {
    return Object.entries(values).map(([col, value]) => {
      if (col === ROW_COLUMN || !isLedgerColumn(table, col)) throw new StoreError('BAD_COLUMN', `${table} has no column ${col}`);
      if (value !== null && typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) {
        throw new StoreError('BAD_VALUE', `${table}.${col} cannot hold ${typeof value}`);
      }
      return [col, value];
    });
  }

  const store: Store = {
    create(table, villageId, values) {
      const entries = checkValues(table, values);
      return sqlite.transaction(() => {
        const id = newId();
        const village = villageId ?? id;
        if (entries.length === 0) write(table, id, village, ROW_COLUMN, 'alive', []);
        else applier.createRow(entries.map(([col, value]) => changeOf(table, id, village, col, value, [])));
        return id;
      })();
    },
    update(table, id, patch) {
      const entries = checkValues(table, patch);
      return sqlite.transaction(() => {
        const current = liveRow(table, id);
        const villageId = current.village_id as string;
        let written = 0;
        for (const [col, value] of entries) {
          if (current[col] === value) continue; // unchanged: writing it would only make false conflicts
          write(table, id, villageId, col, value, applier.headsOfCell(table, id, col));
          written++;
        }
        return written;
      })();
    },
    remove(table, id) {
      sqlite.transaction(() => {
        const current = liveRow(table, id);
        write(table, id, current.village_id as string, ROW_COLUMN, 'deleted', applier.headsOfRow(table, id));
      })();
    },
    transaction: (fn) => sqlite.transaction(fn)(),
  };
  return store;
}
