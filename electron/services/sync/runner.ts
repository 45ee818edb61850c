// One run of a saved target: export to a local temp folder, upload, read back and compare,
// and only then move the target's export marks; then fetch every other device's file this
// target has not delivered before and import it. Marks are staged under a name of their own
// while the file travels, so a failed or unverifiable upload leaves the real marks untouched
// (the next run sends the same changes again). The outcome is recorded on the target. With a
// township passphrase, the file sent is the encrypted one (and so is the one read back); the
// local work happens in the app's private temp folder, never in the shared one. An upload that
// fails (the server's storage full, a dropped connection) does not stop the download half: the
// run still receives, and then reports the upload's failure. A file refused before is not
// fetched again while nothing that decided the refusal has changed (refusedFiles.ts). Then the
// attachments' files, by hash, each at most once to the place (a folder: attachments/folderFiles.ts;
// WebDAV: attachments/webdavFiles.ts), unless the target carries only their rows; a failure there
// (quota full, the connection lost) is the run's error, but the records are in.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ApiError } from '../../../shared/api/result';
import type { SyncRunCounts } from '../../../shared/domain/sync';
import type { ServiceContext } from '../context';
import { bundleOps, type SyncExport, type SyncReceipt } from './bundles';
import { commitMarks, copyMarks, dropMarks, stagedMarksOf } from '../../../db/sync/exportMarks';
import { privateWorkDir, sha256OfFile } from './encryption';
import { messageOf, SyncTargetError } from './errors';
import { createFolderTarget } from './folderTarget';
import { exchangeAttachmentFilesAfterSync, type FileExchange } from '../attachments/folderFiles';
import { exchangeAttachmentFilesOverWebdav, type WebdavFileExchange } from '../attachments/webdavFiles';
import { refusalEpoch, refusalMemory } from './refusedFiles';
import { attachmentFilesAt, deliveredFiles, noteAttachmentFilesAt, recordAttempt, recordDelivered, recordFailure, recordSuccess, type SavedTarget } from '../../../db/sync/syncTargets';
import { secretKeyOf } from './savedTargets';
import type { SyncTarget } from './syncTarget';
import { WebdavClient, type WebdavClientOptions } from './webdavClient';
import { createWebdavTarget } from './webdavTarget';

/** Knobs of the WebDAV client a run uses (tests shorten the waits). */
export type WebdavTuning = Pick<WebdavClientOptions, 'timeoutMs' | 'policy' | 'sleep'>;

export interface RunReport {
  readonly exported: SyncExport | null;
  readonly receipts: SyncReceipt[];
  readonly known: number;
  /** Changes set aside before that passed after this run's imports (the clock may have caught up). */
  readonly released: number;
  /** Files refused before and not fetched again: nothing that decided the refusal has changed. */
  readonly skippedRefused: number;
  readonly unreadable: { path: string; message: string }[];
  readonly counts: SyncRunCounts | null;
  /** What the attachments' files did (null: the target carries only their rows, or the run stopped before them). */
  readonly files?: FileExchange | WebdavFileExchange | null;
  /** Null when the run succeeded. */
  readonly error: SyncTargetError | null;
}

/** How to reach a saved WebDAV target; throws NO_PASSWORD when a user name has no password stored. */
async function webdavOptionsOf(ctx: ServiceContext, saved: SavedTarget, tuning: WebdavTuning, signal?: AbortSignal): Promise<WebdavClientOptions> {
  const password = saved.username !== null ? await ctx.secrets.get(secretKeyOf(saved.id)) : null;
  if (saved.username !== null && password === null) throw new SyncTargetError('NO_PASSWORD', `No password is stored for ${saved.name}; enter it again.`);
  return { url: saved.url!, username: saved.username, password, ...tuning, ...(signal ? { signal } : {}) };
}

/** The SyncTarget for a saved target; throws NO_PASSWORD when a user name has no password stored. */
export async function openTarget(ctx: ServiceContext, saved: SavedTarget, tuning: WebdavTuning = {}, signal?: AbortSignal): Promise<SyncTarget> {
  if (saved.kind === 'folder') return createFolderTarget(saved.folder!, ctx.identity.deviceId);
  return createWebdavTarget(await webdavOptionsOf(ctx, saved, tuning, signal), ctx.identity.deviceId);
}

/**
 * The attachments' files after the records, by hash, each at most once to this place; nothing when
 * the target carries only their rows. A failure never undoes the records: what is left goes next time.
 */
async function exchangeFiles(ctx: ServiceContext, saved: SavedTarget, workDir: string, tuning: WebdavTuning, signal?: AbortSignal): Promise<FileExchange | WebdavFileExchange | null> {
  if (!saved.attachmentFiles) return null;
  if (saved.kind === 'folder') return saved.folder ? exchangeAttachmentFilesAfterSync(ctx, saved.folder) : null;
  const client = new WebdavClient(await webdavOptionsOf(ctx, saved, tuning, signal));
  const known = {
    held: attachmentFilesAt(ctx.db.sqlite, saved.id),
    note: (files: { hash: string; size: number }[], held: boolean) => noteAttachmentFilesAt(ctx.db.sqlite, saved.id, files, new Date(ctx.now()).toISOString(), held),
  };
  return exchangeAttachmentFilesOverWebdav(ctx, client, { selfId: ctx.identity.deviceId, workDir: mkdtempSync(join(workDir, 'files-')), files: true, known });
}

const sha256File = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

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
  let exported: SyncExport | null = null;
  const receipts: SyncReceipt[] = [];
  const unreadable: { path: string; message: string }[] = [];
  let known = 0;
  let skippedRefused = 0;
  let staged: string | null = null;
  let uploadError: SyncTargetError | null = null;
  try {
    work = privateWorkDir(ctx.dataDir, 'run-');
    const target = await openTarget(ctx, saved, options.tuning, options.signal);
    await target.prepare();

    // Out: export beside us, upload, read back, compare; the marks move only after that.
    staged = stagedMarksOf(target.markName, ctx.newId());
    copyMarks(sqlite, target.markName, staged);
    exported = ops.exportTo(join(work, 'out'), options.full === true, staged);
    const outDir = work;
    const upload = async (file: string, made: SyncExport): Promise<SyncExport> => {
      const sealed = await ops.encryptForTarget(file, join(outDir, 'sealed'));
      const outgoing = sealed?.file ?? file;
      const sent = await target.write(outgoing, basename(outgoing));
      const back = await target.fetch(sent, mkdtempSync(join(outDir, 'check-')));
      if (sha256File(back) !== sha256File(outgoing)) {
        throw new SyncTargetError('VERIFY_MISMATCH', `The file read back from the target differs from the one sent (${sent.path}); nothing is marked as sent, it will be sent again.`);
      }
      // The temp copy is gone after the run: name the file where it now lives.
      return { ...made, file: target.locationOf(sent), ...(sealed ? { bytes: sealed.bytes, encrypted: true } : {}) };
    };
    if (exported.file) {
      try {
        exported = await upload(exported.file, exported);
        commitMarks(sqlite, staged, target.markName);
      } catch (error) {
        // The server answered (quota full, a refusal …): receive anyway. No answer at all stops here.
        if (!(error instanceof SyncTargetError) || !error.reachable || error.code === 'AUTH') throw error;
        uploadError = error;
        dropMarks(sqlite, staged);
        exported = null;
      }
    } else commitMarks(sqlite, staged, target.markName);
    staged = null;

    // In: every other device's file this target has not delivered before (a size change re-reads it),
    // nor refused while nothing that decided the refusal has changed (trust, the app's version).
    const listing = await target.list();
    unreadable.push(...listing.unreadable);
    const delivered = deliveredFiles(sqlite, saved.id);
    const refusals = refusalMemory(sqlite, saved.id, refusalEpoch(sqlite, ctx.appVersion));
    for (const file of listing.files) {
      const seen = delivered.get(file.path);
      if (seen !== undefined && (file.size === null || file.size === seen)) continue;
      if (refusals.stands(file)) {
        skippedRefused++;
        continue;
      }
      // A folder of its own per file: two devices' files may share a name (a copied file).
      const inbox = mkdtempSync(join(work, 'in-'));
      const local = await target.fetch(file, inbox);
      const size = statSync(local).size;
      const knownHash = await ops.knownFile(local);
      if (knownHash) {
        known++;
        recordDelivered(sqlite, saved.id, file.path, size, knownHash, at());
        rmSync(inbox, { recursive: true, force: true });
        continue;
      }
      const receipt = await ops.importFile(local);
      receipts.push(receipt);
      // Refused (an untrusted device, a newer app's file, damage): not fetched again until that may have changed.
      if (receipt.status === 'refused') refusals.remember(file, { size, fileHash: await sha256OfFile(local), reason: receipt.refusal?.reason ?? '' }, at());
      // A downloaded copy goes at once (a folder target's own file is never touched).
      rmSync(inbox, { recursive: true, force: true });
      if (receipt.status !== 'refused' && receipt.fileHash) recordDelivered(sqlite, saved.id, file.path, size, receipt.fileHash, at());
    }

    // The attachments' files after the records (quota full or the connection lost is this run's error, the records stay).
    const files = await exchangeFiles(ctx, saved, work, options.tuning ?? {}, options.signal);
    const failed = uploadError ?? (files && 'error' in files ? files.error : null);
    const released = ops.releaseHeld();
    const counts: SyncRunCounts = {
      filesOut: exported?.file ? 1 : 0,
      changesOut: exported?.file ? exported.changes : 0,
      filesIn: receipts.filter((r) => r.status === 'imported').length,
      changesIn: receipts.reduce((n, r) => n + r.changesNew, 0),
      conflicts: receipts.reduce((n, r) => n + r.conflictsCreated, 0),
      refused: receipts.filter((r) => r.status === 'refused').length,
      released,
      skippedRefused,
    };
    if (failed) {
      recordFailure(sqlite, saved.id, failed.code, failed.message);
      return { exported, receipts, known, unreadable, counts, released, skippedRefused, files, error: failed };
    }
    recordSuccess(sqlite, saved.id, at(), counts);
    return { exported, receipts, known, unreadable, counts, released, skippedRefused, files, error: null };
  } catch (caught) {
    const error = asTargetError(caught);
    if (staged) dropMarks(sqlite, staged);
    recordFailure(sqlite, saved.id, error.code, error.message);
    // An export that never reached the target is no export: its temp file is gone with the run.
    return { exported: staged ? null : exported, receipts, known, unreadable, counts: null, released: 0, skippedRefused, error };
  } finally {
    if (work) rmSync(work, { recursive: true, force: true });
  }
}
