// Opening the store: pragmas, the refusal of a database from a newer version, a backup before
// any migration, then each pending migration in its own transaction.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations/index';
import type { Database } from './schema';

export type Sqlite = BetterSqlite3.Database;

export interface OpenedDatabase {
  readonly file: string;
  readonly sqlite: Sqlite;
  /** Typed queries. Build with it; run through db/query so the store stays synchronous. */
  readonly kysely: Kysely<Database>;
  readonly schemaVersion: number;
  /** The backup taken before migrating, if one was needed. */
  readonly backupFile: string | null;
  close(): void;
}

export interface OpenOptions {
  /** Where the pre-migration backup goes; default `<dir of file>/backups`. */
  backupDir?: string;
  /** Stop at this version (tests of old-shaped data). Default: the latest. */
  targetVersion?: number;
  migrations?: readonly Migration[];
  now?: () => number;
  /** The Electron build of better-sqlite3's addon (see electron/main); Node's otherwise. */
  nativeBinding?: string;
}

export class DatabaseTooNewError extends Error {
  readonly code = 'DATABASE_TOO_NEW';
  constructor(
    readonly file: string,
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `The database ${file} has schema version ${found}, but this version of Cunji knows only up to ${known}. ` +
        'It was written by a newer Cunji: install that version to open it. Nothing was changed.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

/**
 * How many migrations opening `file` would run (0 for a file not there yet: a new database is made
 * in a moment). Read-only; the shell asks it to tell the person before a long upgrade.
 */
export function pendingMigrationCount(file: string, options: Pick<OpenOptions, 'migrations' | 'nativeBinding'> = {}): number {
  if (!existsSync(file)) return 0;
  const sqlite = new BetterSqlite3(file, { readonly: true, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  try {
    const found = sqlite.pragma('user_version', { simple: true }) as number;
    return found === 0 ? 0 : (options.migrations ?? MIGRATIONS).filter((m) => m.version > found).length;
  } finally {
    sqlite.close();
  }
}

export async function openDatabase(file: string, options: OpenOptions = {}): Promise<OpenedDatabase> {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations.length ? migrations[migrations.length - 1]!.version : 0;
  const target = options.targetVersion ?? latest;
  mkdirSync(dirname(file), { recursive: true });
  const sqlite = new BetterSqlite3(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    const found = sqlite.pragma('user_version', { simple: true }) as number;
    if (found > latest) throw new DatabaseTooNewError(file, found, latest);
    sqlite.pragma('journal_mode = WAL');
    // Set it every time: better-sqlite3 opens an existing WAL file at NORMAL, but the connection
    // that switched the file to WAL stays at FULL unless told.
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = OFF'); // rows arrive out of order from other devices

    const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    const pending = migrations.filter((m) => m.version > found && m.version <= target);
    let backupFile: string | null = null;
    if (found > 0 && pending.length > 0) {
      backupFile = backupBeforeMigrating(sqlite, file, found, options.backupDir, options.now ?? Date.now);
    }
    for (const migration of pending) {
      await kysely.transaction().execute(async (trx) => {
        await migration.up(trx as unknown as Kysely<any>);
        // PRAGMA inside the transaction: the version moves only if the migration commits.
        await sql.raw(`PRAGMA user_version = ${Number(migration.version)}`).execute(trx);
      });
    }
    // Outside any transaction, as VACUUM must be: once, however many migrations asked for it.
    if (pending.some((m) => m.vacuumAfter)) sqlite.exec('VACUUM');
    const schemaVersion = sqlite.pragma('user_version', { simple: true }) as number;
    return {
      file,
      sqlite,
      kysely,
      schemaVersion,
      backupFile,
      close: () => sqlite.close(),
    };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

function backupBeforeMigrating(sqlite: Sqlite, file: string, version: number, dir: string | undefined, now: () => number): string {
  const backupDir = dir ?? join(dirname(file), 'backups');
  mkdirSync(backupDir, { recursive: true });
  const stamp = new Date(now()).toISOString().replace(/[:.]/g, '-');
  const target = join(backupDir, `cunji-schema${String(version).padStart(4, '0')}-${stamp}.sqlite`);
  sqlite.prepare('VACUUM INTO ?').run(target);
  return target;
}

export { LATEST_SCHEMA_VERSION };
