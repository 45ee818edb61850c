// One run of a saved target: export to a local temp folder, upload, read back and compare,
// and only then move the target's export marks; then fetch every other device's file this
// target has not delivered before and import it. Marks are staged under a name of their own
// while the file travels, so a failed or unverifiable upload leaves the real marks untouched
// (the next run sends the same changes again). The outcome is recorded on the target.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { isImported, statedFileHash, type ImportReceipt } from '../../../db/sync/importBundle';
import type { ExportResult } from '../../../db/sync/exportBundle';
import type { Sqlite } from '../../../db/open';
import { ApiError } from '../../../shared/api/result';
import type { SyncRunCounts } from '../../../shared/domain/sync';
import type { ServiceContext } from '../context';
import { bundleOps } from './bundles';
import { messageOf, SyncTargetError } from './errors';
import { createFolderTarget } from './folderTarget';
import { deliveredFiles, recordAttempt, recordDelivered, recordFailure, recordSuccess, secretKeyOf, type SavedTarget } from './savedTargets';
import type { SyncTarget } from './syncTarget';
import type { WebdavClientOptions } from './webdavClient';
import { createWebdavTarget } from './webdavTarget';

/** Knobs of the WebDAV client a run uses (tests shorten the waits). */
export type WebdavTuning = Pick<WebdavClientOptions, 'timeoutMs' | 'policy' | 'sleep'>;

export interface RunReport {
  readonly exported: ExportResult | null;
  readonly receipts: ImportReceipt[];
  readonly known: number;
  readonly unreadable: { path: string; message: string }[];
  readonly counts: SyncRunCounts | null;
  /** Null when the run succeeded. */
  readonly error: SyncTargetError | null;
}

/** The SyncTarget for a saved target; throws NO_PASSWORD when a user name has no password stored. */
export async function openTarget(ctx: ServiceContext, saved: SavedTarget, tuning: WebdavTuning = {}, signal?: AbortSignal): Promise<SyncTarget> {
  if (saved.kind === 'folder') return createFolderTarget(saved.folder!, ctx.identity.deviceId);
  const password = saved.username !== null ? await ctx.secrets.get(secretKeyOf(saved.id)) : null;
  if (saved.username !== null && password === null) throw new SyncTargetError('NO_PASSWORD', `No password is stored for ${saved.name}; enter it again.`);
  return createWebdavTarget({ url: saved.url!, username: saved.username, password, ...tuning, ...(signal ? { signal } : {}) }, ctx.identity.deviceId);
}

const sha256File = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Export marks of `from` copied to `to` (replacing what `to` had). */
function copyMarks(sqlite: Sqlite, from: string, to: string): void {
  sqlite.transaction(() => {
    sqlite.prepare('DELETE FROM export_marks WHERE target = ?').run(to);
    sqlite.prepare('INSERT INTO export_marks (target, origin, last_seq) SELECT ?, origin, last_seq FROM export_marks WHERE target = ?').run(to, from);
  })();
}

/** The staged marks become the real ones (never moving one back), and the stage is cleared. */
function commitMarks(sqlite: Sqlite, staged: string, real: string): void {
  sqlite.transaction(() => {
    sqlite
      .prepare(
        `INSERT INTO export_marks (target, origin, last_seq) SELECT ?, origin, last_seq FROM export_marks WHERE target = ?
         ON CONFLICT (target, origin) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq)`,
      )
      .run(real, staged);
    sqlite.prepare('DELETE FROM export_marks WHERE target = ?').run(staged);
  })();
}

function asTargetError(error: unknown): SyncTargetError {
  if (error instanceof SyncTargetError) return error;
  if (error instanceof ApiError && error.code === 'NOT_SET_UP') return new SyncTargetError('NOT_SET_UP', 'This device has not been set up yet.');
  return new SyncTargetError('LOCAL', `Sync stopped on this computer: ${messageOf(error)}`);
}

export async function runTarget(ctx: ServiceContext, saved: SavedTarget, options: { full?: boolean; tuning?: WebdavTuning; signal?: AbortSignal } = {}): Promise<RunReport> {
  const { sqlite } = ctx.db;
  const ops = bundleOps(ctx);
  const at = () => new Date(ctx.now()).toISOString();
  recordAttempt(sqlite, saved.id, at());
  let work: string | null = null;
  let exported: ExportResult | null = null;
  const receipts: ImportReceipt[] = [];
  const unreadable: { path: string; message: string }[] = [];
  let known = 0;
  let staged: string | null = null;
  try {
    work = mkdtempSync(join(tmpdir(), 'cunji-sync-'));
    const target = await openTarget(ctx, saved, options.tuning, options.signal);
    await target.prepare();

    // Out: export beside us, upload, read back, compare; the marks move only after that.
    staged = `staged:${target.markName}`;
    copyMarks(sqlite, target.markName, staged);
    exported = ops.exportTo(join(work, 'out'), options.full === true, staged);
    if (exported.file) {
      const sent = await target.write(exported.file, basename(exported.file));
      const back = await target.fetch(sent, mkdtempSync(join(work, 'check-')));
      if (sha256File(back) !== sha256File(exported.file)) {
        throw new SyncTargetError('VERIFY_MISMATCH', `The file read back from the target differs from the one sent (${sent.path}); nothing is marked as sent, it will be sent again.`);
      }
      // The temp copy is gone after the run: name the file where it now lives.
      exported = { ...exported, file: target.locationOf(sent) };
    }
    commitMarks(sqlite, staged, target.markName);
    staged = null;

    // In: every other device's file this target has not delivered before (a size change re-reads it).
    const listing = await target.list();
    unreadable.push(...listing.unreadable);
    const delivered = deliveredFiles(sqlite, saved.id);
    for (const file of listing.files) {
      const seen = delivered.get(file.path);
      if (seen !== undefined && (file.size === null || file.size === seen)) continue;
      // A folder of its own per file: two devices' files may share a name (a copied file).
      const inbox = mkdtempSync(join(work, 'in-'));
      const local = await target.fetch(file, inbox);
      const size = statSync(local).size;
      const stated = statedFileHash(local);
      if (stated && isImported(sqlite, stated)) {
        known++;
        recordDelivered(sqlite, saved.id, file.path, size, stated, at());
        continue;
      }
      const receipt = ops.importPath(local);
      receipts.push(receipt);
      // A downloaded copy goes at once (a folder target's own file is never touched).
      rmSync(inbox, { recursive: true, force: true });
      // A refused file (an untrusted device, damage) is read again next time: trust may come.
      if (receipt.status !== 'refused' && receipt.fileHash) recordDelivered(sqlite, saved.id, file.path, size, receipt.fileHash, at());
    }

    const counts: SyncRunCounts = {
      filesOut: exported.file ? 1 : 0,
      changesOut: exported.file ? exported.changes : 0,
      filesIn: receipts.filter((r) => r.status === 'imported').length,
      changesIn: receipts.reduce((n, r) => n + r.changesNew, 0),
      conflicts: receipts.reduce((n, r) => n + r.conflictsCreated, 0),
      refused: receipts.filter((r) => r.status === 'refused').length,
    };
    recordSuccess(sqlite, saved.id, at(), counts);
    return { exported, receipts, known, unreadable, counts, error: null };
  } catch (caught) {
    const error = asTargetError(caught);
    if (staged) sqlite.prepare('DELETE FROM export_marks WHERE target = ?').run(staged);
    recordFailure(sqlite, saved.id, error.code, error.message);
    // An export that never reached the target is no export: its temp file is gone with the run.
    return { exported: staged ? null : exported, receipts, known, unreadable, counts: null, error };
  } finally {
    if (work) rmSync(work, { recursive: true, force: true });
  }
}
