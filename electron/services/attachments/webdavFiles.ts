// Attachment files through a WebDAV server, beside the sync files: `<folder>/attachments/ab/<hash>.<ext>`,
// the same layout as a shared folder's, so one cloud drive reached both ways holds each file once.
// What is there is learnt by listing, once per sync, only the `ab/` folders holding a file this
// computer must send or fetch and does not yet know to be there (one PROPFIND each, never a request
// per file); what it knows is remembered per target, so once everything is there a sync asks nothing
// (hosted servers such as 坚果云 count requests). A file is uploaded to
// a temporary name in this device's own folder and then MOVEd into place with `Overwrite: F`, so a
// file there is never replaced and an upload cut short is never taken for the file: the partial
// temporary file keeps its `.part` name (the bundle target's `prepare` clears this device's own
// `.part` files at the start of each run) and the next sync uploads the file again. A file that
// arrives is kept only when its size is the listing's and the row's and its bytes hash to its name.
// Only the files of villages this device keeps are fetched or listed for (filesToExchange).
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { WantedFile } from '../../../db/attachments';
import { MAX_ATTACHMENT_BYTES } from '../../../shared/domain/attachments';
import { SyncTargetError } from '../sync/errors';
import type { WebdavClient } from '../sync/webdavClient';
import type { ServiceContext } from '../context';
import { AttachmentRefused } from './errors';
import { openFileStore } from './fileStore';
import { filesToExchange, SHARED_ATTACHMENTS_DIR, type FileExchange } from './folderFiles';

/** A file of the store as named on a sync place; anything else there (a `.part`, a stray file) is not one. */
const STORED_NAME = /^[0-9a-f]{64}\.(jpg|png|pdf)$/;

export interface WebdavFileExchange extends FileExchange {
  /** Requests the exchange made to learn what is there (PROPFIND), for the record. */
  listings: number;
  /** What stopped the exchange part way (quota full, the connection lost); the rest waits for the next sync. */
  error: SyncTargetError | null;
}

export interface WebdavFileOptions {
  /** This device's folder on the server, where its temporary uploads go. */
  readonly selfId: string;
  /** A private local folder for downloads (the run's own). */
  readonly workDir: string;
  /** False: this place carries the attachments' rows only; no file is sent or fetched through it. */
  readonly files: boolean;
  /** What this computer knows the place holds already (nothing there is ever deleted), so a sync lists only what it must. */
  readonly known?: FilesKnownThere;
}

export interface FilesKnownThere {
  /** Hashes of the files the place is known to hold. */
  readonly held: ReadonlySet<string>;
  /** Notes files seen or put there (`held`), or found missing after all (not `held`). */
  note(files: { hash: string; size: number }[], held: boolean): void;
}

const nameOf = (file: WantedFile) => `${file.hash}.${file.ext}`;
const shardOf = (file: WantedFile) => file.hash.slice(0, 2);

/** Sends the files this computer has and the server lacks, and takes those it lacks, keeps the village of, and the server has. */
export async function exchangeAttachmentFilesOverWebdav(ctx: ServiceContext, client: WebdavClient, options: WebdavFileOptions): Promise<WebdavFileExchange> {
  const result: WebdavFileExchange = { sent: 0, received: 0, missing: 0, refused: [], listings: 0, error: null };
  if (!options.files) return result;
  const store = openFileStore(ctx.dataDir);
  const wanted = filesToExchange(ctx, store);
  if (wanted.length === 0) return result;
  const held = options.known?.held ?? new Set<string>();
  const note = (files: { hash: string; size: number }[], isHeld = true) => {
    if (files.length > 0) options.known?.note(files, isHeld);
  };
  try {
    // Only the folders holding a file not known to be there, that this computer must send or fetch, are listed:
    // once everything is known, a sync lists nothing.
    const there = new Map<string, number | null>(wanted.filter((f) => held.has(f.hash)).map((f) => [nameOf(f), null]));
    const shards = new Set(wanted.filter((f) => !held.has(f.hash)).map(shardOf));
    let top: Awaited<ReturnType<WebdavClient['propfind']>> = null;
    if (shards.size > 0) {
      top = await client.propfind([SHARED_ATTACHMENTS_DIR], 1);
      result.listings++;
    }
    const folders = new Set((top ?? []).filter((e) => e.isCollection).map((e) => e.name));
    const byName = new Map(wanted.map((f) => [nameOf(f), f]));
    for (const shard of [...shards].sort()) {
      if (!folders.has(shard)) continue;
      const entries = await client.propfind([SHARED_ATTACHMENTS_DIR, shard], 1);
      result.listings++;
      const seen: { hash: string; size: number }[] = [];
      for (const entry of entries ?? []) {
        if (entry.isCollection || !STORED_NAME.test(entry.name)) continue;
        there.set(entry.name, entry.size);
        const file = byName.get(entry.name);
        if (file && !held.has(file.hash)) seen.push({ hash: file.hash, size: entry.size ?? 0 });
      }
      note(seen);
    }

    let rootMade = top !== null;
    for (const file of wanted) {
      const name = nameOf(file);
      if (store.has(file.hash)) {
        if (there.has(name)) continue;
        if (!rootMade) {
          await client.mkcol([SHARED_ATTACHMENTS_DIR]);
          rootMade = true;
        }
        if (!folders.has(shardOf(file))) {
          await client.mkcol([SHARED_ATTACHMENTS_DIR, shardOf(file)]);
          folders.add(shardOf(file));
        }
        try {
          if (await upload(client, store, file, options.selfId)) result.sent++;
          there.set(name, null);
          note([{ hash: file.hash, size: file.size ?? 0 }]);
        } catch (error) {
          // This computer's own copy is damaged: never sent, named like a file refused on arrival.
          if (!(error instanceof AttachmentRefused)) throw error;
          result.refused.push({ hash: file.hash, reason: `${error.code}: ${error.message}` });
        }
        continue;
      }
      if (!there.has(name)) {
        result.missing++;
        continue;
      }
      try {
        await fetchInto(client, store, file, there.get(name) ?? null, options.workDir);
        result.received++;
      } catch (error) {
        // Known to be there, yet not found (someone removed it by hand): missing, and listed again next time.
        if (error instanceof SyncTargetError && error.code === 'NOT_FOUND') {
          result.missing++;
          note([{ hash: file.hash, size: 0 }], false);
          continue;
        }
        if (!(error instanceof AttachmentRefused)) throw error;
        result.refused.push({ hash: file.hash, reason: `${error.code}: ${error.message}` });
      }
    }
  } catch (error) {
    if (!(error instanceof SyncTargetError)) throw error;
    result.error = error;
  }
  return result;
}

/** The file to a temporary name of this device's, then into place unless it is there already; true when this upload put it there. */
async function upload(client: WebdavClient, store: ReturnType<typeof openFileStore>, file: WantedFile, selfId: string): Promise<boolean> {
  // Read and checked first: a file damaged on this disk is never sent (it would be refused everywhere, for ever).
  store.read(file.hash);
  const local = store.pathOf(file.hash);
  if (local === null) return false;
  const part = [selfId, `${nameOf(file)}.${randomBytes(4).toString('hex')}.part`];
  await client.putFile(part, local);
  try {
    const moved = await client.moveIfAbsent(part, [SHARED_ATTACHMENTS_DIR, shardOf(file), nameOf(file)]);
    // Another device put it there first: ours is not needed.
    if (!moved) await client.remove(part);
    return moved;
  } catch (error) {
    // Left to the next run's prepare when this fails too (the connection is gone).
    await client.remove(part).catch(() => undefined);
    throw error;
  }
}

/** Downloads one file into the store, refusing a size that differs from the listing's or the row's, or bytes that do not hash to its name. */
async function fetchInto(client: WebdavClient, store: ReturnType<typeof openFileStore>, file: WantedFile, listed: number | null, workDir: string): Promise<void> {
  const where = `${SHARED_ATTACHMENTS_DIR}/${shardOf(file)}/${nameOf(file)}`;
  const expected = file.size ?? listed;
  if ((listed !== null && listed > MAX_ATTACHMENT_BYTES) || (file.size !== null && listed !== null && listed !== file.size)) {
    throw new AttachmentRefused('ATTACHMENT_TOO_LARGE', `${where} holds ${listed} bytes, not the ${file.size ?? `at most ${MAX_ATTACHMENT_BYTES}`} its record says`);
  }
  const local = join(workDir, `${nameOf(file)}.${randomBytes(4).toString('hex')}`);
  try {
    let size: number;
    try {
      size = await client.getToFile([SHARED_ATTACHMENTS_DIR, shardOf(file), nameOf(file)], local, expected ?? MAX_ATTACHMENT_BYTES);
    } catch (error) {
      // Larger than it may be: the client stopped reading it.
      if (error instanceof SyncTargetError && error.code === 'SERVER' && /larger than/.test(error.message)) {
        throw new AttachmentRefused('ATTACHMENT_TOO_LARGE', `${where} is larger than the ${expected ?? MAX_ATTACHMENT_BYTES} bytes it may have`);
      }
      throw error;
    }
    if (expected !== null && size !== expected) throw new AttachmentRefused('ATTACHMENT_TOO_LARGE', `${where} arrived with ${size} bytes, not ${expected}`);
    store.put(readFileSync(local), file.ext, file.hash);
  } finally {
    rmSync(local, { force: true });
  }
}
