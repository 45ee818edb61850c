// Backups of this device's database: listed with their record counts, made on demand (into the
// data folder, or copied to a folder or USB stick), once a day while the app runs and before
// imports, pruned by the rotation; and restoring one — the database as it is is kept first as a
// `restore` backup, the chosen one is staged, and the app reopens on it (electron/services/app.ts).
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  applyStagedRestore, backupName, BackupUnusableError, listBackupFiles, pruneBackups, readBackupSummary, snapshotDatabase, stageRestore,
  type BackupFile,
} from '../../../db/backups';
import { predecessorOf } from '../../../db/sync/succession';
import { ApiError } from '../../../shared/api/result';
import type { Handlers } from '../../../shared/api/types';
import type { BackupItem } from '../../../shared/domain/backups';
import { V } from '../../../shared/domain/validation';
import type { ServiceContext } from '../context';
import { diskFullError, isDiskFull } from '../diskFull';
import { openFileStore } from '../attachments/fileStore';
import { sweepAttachmentFiles } from '../attachments/sweep';

export const BACKUPS_DIR = 'backups';
/** The least time between two automatic snapshots before imports: a sync every few minutes must not copy the database each time. */
export const IMPORT_SNAPSHOT_GAP_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

export function backupsDirOf(dataDir: string): string {
  return join(dataDir, BACKUPS_DIR);
}

export { applyStagedRestore };

export interface BackupService {
  /** A snapshot of kind `import` unless one was made within the last hour. */
  beforeImport(): Promise<void>;
  /** A `daily` snapshot unless one (of any automatic kind) was made today. */
  daily(): Promise<void>;
  create(kind: 'daily' | 'import' | 'manual' | 'restore'): Promise<BackupFile>;
  /** A restore is staged: the app reopens on it once the call has answered. */
  restored(): void;
}

export function createBackupService(ctx: Pick<ServiceContext, 'db' | 'dataDir' | 'now'>, onRestored: () => void = () => undefined): BackupService {
  const dir = backupsDirOf(ctx.dataDir);
  async function create(kind: 'daily' | 'import' | 'manual' | 'restore'): Promise<BackupFile> {
    mkdirSync(dir, { recursive: true });
    let at = ctx.now();
    while (existsSync(join(dir, backupName(kind, at)))) at += 1;
    const name = backupName(kind, at);
    try {
      await snapshotDatabase(ctx.db.sqlite, join(dir, name));
    } catch (error) {
      throw plainBackupError(error);
    }
    if (kind === 'daily' || kind === 'import') pruneBackups(dir);
    return listBackupFiles(dir).find((f) => f.name === name)!;
  }
  const newestAutomatic = () => listBackupFiles(dir).find((f) => f.kind === 'daily' || f.kind === 'import');
  return {
    create,
    restored: onRestored,
    async beforeImport() {
      const newest = newestAutomatic();
      if (newest && ctx.now() - Date.parse(newest.at) < IMPORT_SNAPSHOT_GAP_MS) return;
      await create('import');
    },
    async daily() {
      const newest = newestAutomatic();
      if (newest && newest.at.slice(0, 10) === new Date(ctx.now()).toISOString().slice(0, 10)) return;
      await create('daily');
      // Once a day, after the rotation: attachment files no record has named within the backups' reach go.
      try {
        sweepAttachmentFiles(ctx.db.sqlite, openFileStore(ctx.dataDir), { now: ctx.now() });
      } catch {
        // A file that cannot be removed now is tried again tomorrow; the backup is made.
      }
    },
  };
}

/** A full disk in plain words; nothing was written under a backup's name. */
function plainBackupError(error: unknown): Error {
  if (isDiskFull(error)) return diskFullError('the backup');
  return error instanceof Error ? error : new Error(String(error));
}

export function backupHandlers(ctx: ServiceContext): Pick<Handlers, 'backups.list' | 'backups.create' | 'backups.restore' | 'backups.exportTo'> {
  const dir = backupsDirOf(ctx.dataDir);
  const service = (): BackupService => {
    if (!ctx.backups) throw new ApiError('UNSUPPORTED', 'Backups are not kept here');
    return ctx.backups;
  };
  const itemOf = (file: BackupFile): BackupItem => {
    const summary = readBackupSummary(join(dir, file.name), ctx.nativeBinding);
    return { ...file, counts: summary.counts, thisDevice: summary.deviceId === null || summary.deviceId === ctx.identity.deviceId || summary.deviceId === predecessorId(ctx) };
  };
  return {
    'backups.list': () => ({ items: listBackupFiles(dir).map(itemOf), folder: dir }),
    'backups.create': async () => itemOf(await service().create('manual')),
    'backups.exportTo': async ({ folder }) => {
      if (!existsSync(folder) || !statSync(folder).isDirectory()) {
        throw new ApiError('INVALID_INPUT', `No folder at ${folder}`, [{ path: ['folder'], message: V.folderMissing }]);
      }
      const made = await service().create('manual');
      const target = join(folder, made.name);
      const part = `${target}.part`;
      try {
        copyFileSync(join(dir, made.name), part);
        renameSync(part, target);
      } catch (error) {
        rmSync(part, { force: true });
        rmSync(target, { force: true });
        throw plainBackupError(error);
      }
      return { file: target, bytes: statSync(target).size };
    },
    'backups.restore': async ({ name }) => {
      const file = listBackupFiles(dir).find((f) => f.name === name);
      if (!file) throw new ApiError('NOT_FOUND', `No backup named ${name}`);
      // The database as it is now, first: restoring is itself undoable.
      const kept = await service().create('restore');
      try {
        await stageRestore(join(dir, name), ctx.db.file, ctx.nativeBinding);
      } catch (error) {
        if (error instanceof BackupUnusableError) throw new ApiError('INVALID_INPUT', error.message, [{ path: ['name'], message: V.invalid }]);
        throw plainBackupError(error);
      }
      service().restored();
      return { restored: name, keptAs: kept.name };
    },
  };
}

function predecessorId(ctx: ServiceContext): string | null {
  return predecessorOf(ctx.db.sqlite)?.deviceId ?? null;
}
