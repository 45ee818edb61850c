// Snapshots of the database in `<data>/backups/`: taken with SQLite's online backup (the app
// keeps writing meanwhile), written to `.part` and renamed, so a full disk or a crash leaves no
// half backup under a backup's name. A rotation keeps the newest of each of the last 7 days, 4
// weeks and 12 months. Restoring stages a checked copy beside the database; the next open swaps
// it in, and the copy continues as a new device its old key vouches for (db/sync/succession.ts),
// so it never writes a second history under the old id.
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { LEDGER_NAMES } from './ledgers';
import type { Sqlite } from './open';
import { SUCCESSOR_NEEDED } from './sync/importBundle';
import { loadDeviceKeys, sealAll } from './sync/segments/index';

/** Why a backup was made: its name says it. `schema` are the copies made before a migration (db/open.ts). */
export const BACKUP_KINDS = ['daily', 'import', 'manual', 'restore', 'schema'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

export interface BackupFile {
  readonly name: string;
  readonly kind: BackupKind;
  /** When it was made (ISO), from its name. */
  readonly at: string;
  readonly bytes: number;
}

export interface BackupSummary {
  /** Live records per ledger (not deleted); null when the file cannot be read as a Cunji database. */
  readonly counts: Record<string, number> | null;
  readonly deviceId: string | null;
}

/** `cunji-<kind>-<2026-11-27T08-00-00-000Z>.sqlite`, and the migration's `cunji-schema0130-<time>.sqlite`. */
const NAME = /^cunji-(daily|import|manual|restore|schema\d{4})-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)\.sqlite$/;

export function backupName(kind: Exclude<BackupKind, 'schema'>, at: number): string {
  return `cunji-${kind}-${new Date(at).toISOString().replace(/[:.]/g, '-')}.sqlite`;
}

export function parseBackupName(name: string): { kind: BackupKind; at: string } | null {
  const match = NAME.exec(name);
  if (!match) return null;
  const kind = match[1]!.startsWith('schema') ? 'schema' : (match[1] as BackupKind);
  const [date, time] = match[2]!.split('T') as [string, string];
  const [h, m, s, ms] = time.replace('Z', '').split('-');
  return { kind, at: `${date}T${h}:${m}:${s}.${ms}Z` };
}

/** The backups in a folder, newest first. */
export function listBackupFiles(dir: string): BackupFile[] {
  if (!existsSync(dir)) return [];
  const found: BackupFile[] = [];
  for (const name of readdirSync(dir)) {
    const parsed = parseBackupName(name);
    if (!parsed) continue;
    try {
      const stat = statSync(join(dir, name));
      if (stat.isFile()) found.push({ name, ...parsed, bytes: stat.size });
    } catch {
      // Gone between the listing and the look: not a backup any more.
    }
  }
  return found.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.name < b.name ? 1 : -1));
}

/**
 * A consistent copy of the open database at `target`. What waits unsealed is sealed first (when
 * the device has keys), so a restored copy holds no change it would have to sign again under its
 * old id — the segments it holds are exactly ones the old id already wrote. On any failure (a
 * full disk) the partial file is removed and the error thrown; the database is untouched.
 */
export async function snapshotDatabase(sqlite: Sqlite, target: string): Promise<void> {
  if (sqlite.prepare("SELECT 1 FROM meta WHERE key = 'private_key'").pluck().get() !== undefined) sealAll(sqlite, loadDeviceKeys(sqlite));
  const part = `${target}.part`;
  try {
    await sqlite.backup(part);
    const fd = openSync(part, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(part, target);
  } catch (error) {
    rmSync(part, { force: true });
    throw error;
  }
}

/** Records per ledger and the device a backup belongs to, read from the file without changing it. */
export function readBackupSummary(file: string, nativeBinding?: string): BackupSummary {
  let db: BetterSqlite3.Database | null = null;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
    const counts: Record<string, number> = {};
    for (const ledger of LEDGER_NAMES) {
      if (tables.has(ledger)) counts[ledger] = db.prepare(`SELECT count(*) FROM "${ledger}" WHERE deleted_at IS NULL`).pluck().get() as number;
    }
    const deviceId = tables.has('meta') ? ((db.prepare("SELECT value FROM meta WHERE key = 'device_id'").pluck().get() as string | undefined) ?? null) : null;
    return { counts, deviceId };
  } catch {
    return { counts: null, deviceId: null };
  } finally {
    db?.close();
  }
}

export interface RotationRule {
  readonly days: number;
  readonly weeks: number;
  readonly months: number;
}

export const DEFAULT_ROTATION: RotationRule = { days: 7, weeks: 4, months: 12 };

/**
 * Which automatic backups to keep: the newest of each of the last `days` days, `weeks` weeks
 * (Monday to Sunday, UTC) and `months` months that have one. Manual backups and the copies made
 * before a migration or a restore are never removed here.
 */
export function backupsToRemove(files: readonly BackupFile[], rule: RotationRule = DEFAULT_ROTATION): BackupFile[] {
  const automatic = files.filter((f) => f.kind === 'daily' || f.kind === 'import').sort((a, b) => (a.at < b.at ? 1 : -1));
  const keep = new Set<string>();
  const newestPer = (keyOf: (at: Date) => string, count: number) => {
    const seen = new Set<string>();
    for (const file of automatic) {
      const key = keyOf(new Date(file.at));
      if (seen.has(key)) continue;
      seen.add(key);
      if (seen.size > count) break;
      keep.add(file.name);
    }
  };
  newestPer((at) => at.toISOString().slice(0, 10), rule.days);
  newestPer((at) => {
    const monday = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() - ((at.getUTCDay() + 6) % 7)));
    return monday.toISOString().slice(0, 10);
  }, rule.weeks);
  newestPer((at) => at.toISOString().slice(0, 7), rule.months);
  return automatic.filter((f) => !keep.has(f.name));
}

export function pruneBackups(dir: string, rule: RotationRule = DEFAULT_ROTATION): string[] {
  const removed = backupsToRemove(listBackupFiles(dir), rule);
  for (const file of removed) rmSync(join(dir, file.name), { force: true });
  return removed.map((f) => f.name);
}

/** The file the next open swaps in for the database. */
export function stagedRestoreOf(databaseFile: string): string {
  return `${databaseFile}.restore`;
}

export class BackupUnusableError extends Error {
  constructor(readonly file: string, reason: string) {
    super(`The backup ${basename(file)} cannot be restored: ${reason}`);
    this.name = 'BackupUnusableError';
  }
}

/**
 * Copies a backup beside the database as the one to open next, checked (integrity, a Cunji
 * database with a device) and marked to continue as a successor of the device it was. Nothing
 * of the database in use changes; a failure leaves no staged file.
 */
export async function stageRestore(backupFile: string, databaseFile: string, nativeBinding?: string): Promise<void> {
  const staged = stagedRestoreOf(databaseFile);
  const part = `${staged}.part`;
  rmSync(part, { force: true });
  const options = nativeBinding ? { nativeBinding } : {};
  try {
    const source = new BetterSqlite3(backupFile, { readonly: true, fileMustExist: true, ...options });
    try {
      await source.backup(part);
    } finally {
      source.close();
    }
    const copy = new BetterSqlite3(part, options);
    try {
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new BackupUnusableError(backupFile, `it is damaged (${String(check)})`);
      const hasMeta = copy.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").pluck().get() !== undefined;
      const device = hasMeta ? copy.prepare("SELECT value FROM meta WHERE key = 'device_id'").pluck().get() : undefined;
      if (device === undefined) throw new BackupUnusableError(backupFile, 'it is not a Cunji database of a device');
      // The copy's id may have written on elsewhere after this backup: it continues under a new one.
      copy.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(SUCCESSOR_NEEDED, 'restored');
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    renameSync(part, staged);
  } catch (error) {
    rmSync(part, { force: true });
    if (error instanceof BackupUnusableError) throw error;
    if (error instanceof Error && /not a database|malformed|SQLITE_NOTADB|SQLITE_CORRUPT/i.test(`${error.message} ${(error as { code?: string }).code ?? ''}`)) {
      throw new BackupUnusableError(backupFile, 'it is damaged');
    }
    throw error;
  }
}

/** Before opening: a staged restore takes the database's place (its -wal and -shm go with the old one). */
export function applyStagedRestore(databaseFile: string): boolean {
  const staged = stagedRestoreOf(databaseFile);
  if (!existsSync(staged)) return false;
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${databaseFile}${suffix}`, { force: true });
  renameSync(staged, databaseFile);
  return true;
}
