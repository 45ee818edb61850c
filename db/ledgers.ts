// The synced ledgers and their columns: the one allow-list the store, the rebuild, exports and
// imports take table and column names from. Never take an identifier from elsewhere. Each
// ledger's entry is made from its definition (shared/domain/ledgers); villages, which is not a
// ledger of the five methods, is the one written here. A test checks this list against the
// tables the migrations actually create.
import { columnsOf, type ColumnKind, type ColumnsOf } from '../shared/domain/ledgers/columns';
import { LEDGER_DEFINITIONS, type LedgerDefinitions } from '../shared/domain/ledgers/index';
import { attachmentFields } from '../shared/domain/attachments';
import { MIGRATIONS } from './migrations/index';

export type { ColumnKind };

type Tables = { readonly [D in LedgerDefinitions[keyof LedgerDefinitions] as D['table']]: ColumnsOf<D['fields']> };

const VILLAGES = { name: 'text', code: 'text', township: 'text', county: 'text', notes: 'text' } as const satisfies Record<string, ColumnKind>;

// Secretaries come second, as migration 0010 made them and the sync files' fingerprint pinned
// them (test/db/migrations.test.ts); every other ledger follows in the definitions' order.
const { secretaries, ...others } = LEDGER_DEFINITIONS;

/** Every synced row also has: id, village_id, created_at, updated_at, deleted_at. */
export const LEDGERS = Object.fromEntries([
  ['villages', VILLAGES],
  ...[secretaries, ...Object.values(others)].map((def) => [def.table, columnsOf(def.fields)] as const),
  // The metadata of the photos and scans on records (shared/domain/attachments.ts): synced like a
  // ledger, written only by attachments.* (the file is in the data folder, named by its sha256).
  ['attachments', columnsOf(attachmentFields)],
]) as { readonly villages: typeof VILLAGES; readonly attachments: ColumnsOf<typeof attachmentFields> } & Tables;

/**
 * The version of what a sync file may hold: the number of the last migration that changed the
 * synced tables above (flagged `syncShape` in db/migrations/index.ts, and a test refuses a
 * migration that changes them without the flag). Files carry it instead of the database's own
 * version, so a migration of device-local tables (sync targets, remembered files) does not stop
 * two devices exchanging files. (60 when it was split from the database version: files written
 * before stay readable.)
 */
export const SYNC_SCHEMA_VERSION = Math.max(60, ...MIGRATIONS.filter((m) => m.syncShape).map((m) => m.version));

export type LedgerName = keyof typeof LEDGERS;
export type LedgerColumn<T extends LedgerName> = keyof (typeof LEDGERS)[T] & string;
export const LEDGER_NAMES = Object.keys(LEDGERS) as LedgerName[];

/** The pseudo-column a delete (`deleted`) or undelete (`alive`) is written to. */
export const ROW_COLUMN = '_row';
export type RowState = 'deleted' | 'alive';

export function isLedger(name: string): name is LedgerName {
  return Object.prototype.hasOwnProperty.call(LEDGERS, name);
}

export function isLedgerColumn(table: LedgerName, col: string): boolean {
  return col === ROW_COLUMN || Object.prototype.hasOwnProperty.call(LEDGERS[table], col);
}

export function ledgerColumns(table: LedgerName): string[] {
  return Object.keys(LEDGERS[table]);
}

/** Whether a live row of `table` with this id belongs to the village: one prepared statement, asked many times. */
export function liveRowInVillage(sqlite: import('./open').Sqlite, table: LedgerName): (id: unknown, villageId: string) => boolean {
  const statement = sqlite.prepare(`SELECT 1 FROM "${table}" WHERE id = ? AND village_id = ? AND deleted_at IS NULL`);
  return (id, villageId) => statement.get(id, villageId) !== undefined;
}
