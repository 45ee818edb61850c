// Attachment files through a shared folder, beside the sync files: `<folder>/attachments/ab/<hash>.<ext>`.
// Named by their hash, each file is written there at most once, whatever number of records or
// devices name it, and never overwritten or deleted. A file that arrives is checked against its
// hash (and its size against the row's) before it is kept; one not there yet is fetched on a later
// sync, and never holds the records back: they travel in the sync files, the files after them.
// Only the files of villages this device keeps are fetched (filesToExchange).
import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { filesOfLiveAttachments, type WantedFile } from '../../../db/attachments';
import { MAX_ATTACHMENT_BYTES } from '../../../shared/domain/attachments';
import type { ServiceContext } from '../context';
import { villagesInScope } from '../ledgers/scope';
import { AttachmentRefused } from './errors';
import { openFileStore, type FileStore } from './fileStore';

export const SHARED_ATTACHMENTS_DIR = 'attachments';

export interface FileExchange {
  /** Files written to the folder (not there before). */
  sent: number;
  /** Files taken from the folder into this computer's store. */
  received: number;
  /** Files a live row of a village this device keeps names that neither this computer nor the folder has yet. */
  missing: number;
  /** Files in the folder refused: their bytes do not hash to their name, or their size lies. */
  refused: { hash: string; reason: string }[];
}

/** Where a file sits under the folder's attachments/: `ab/<hash>.<ext>`. */
function nameInFolder(file: WantedFile): string {
  return `${file.hash.slice(0, 2)}/${file.hash}.${file.ext}`;
}

function sharedPath(folder: string, file: WantedFile): string {
  return join(folder, SHARED_ATTACHMENTS_DIR, nameInFolder(file));
}

/** Writes the bytes under their name without ever replacing a file there: a .part, then a hard link that fails if the name is taken. */
function writeOnce(path: string, bytes: Buffer): boolean {
  mkdirSync(join(path, '..'), { recursive: true });
  const part = `${path}.${randomBytes(6).toString('hex')}.part`;
  const fd = openSync(part, 'wx');
  try {
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(part, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false; // another device wrote it first
    // A file system without hard links (a FAT USB stick, some network shares): rename, having looked first.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
    if (existsSync(path)) return false;
    renameSync(part, path);
    return true;
  } finally {
    rmSync(part, { force: true });
  }
}

/**
 * The names of the files in the folder's attachments/: one listing of each of its (at most 256)
 * subfolders, not a look-up per file on what may be a slow network share, every sync.
 */
function filesInFolder(folder: string): Set<string> {
  const root = join(folder, SHARED_ATTACHMENTS_DIR);
  const names = new Set<string>();
  if (!existsSync(root)) return names;
  for (const prefix of readdirSync(root, { withFileTypes: true })) {
    if (!prefix.isDirectory()) continue;
    for (const name of readdirSync(join(root, prefix.name))) names.add(`${prefix.name}/${name}`);
  }
  return names;
}

/**
 * The files a sync deals with: every one this computer holds that a live row names (sent where the
 * place lacks it, as before: its own records' and, for a coordinator, those it relays), and the
 * ones it lacks of the villages it keeps (a secretary's own, a coordinator's or district's
 * townships'). A secretary's database also holds the rows of the township's other villages —
 * the coordinator's sync files relay them, and the other secretaries' files sit in the same
 * shared place — but she never sees their photos, so they are neither fetched nor missing.
 */
export function filesToExchange(ctx: ServiceContext, store: FileStore): WantedFile[] {
  return filesOfLiveAttachments(ctx.db.sqlite, villagesInScope(ctx)).filter((file) => file.kept || store.has(file.hash));
}

/** Sends the files this computer has and the folder lacks, and takes those it lacks, keeps the village of, and the folder has. */
export function exchangeAttachmentFiles(ctx: ServiceContext, folder: string): FileExchange {
  const store = openFileStore(ctx.dataDir);
  const result: FileExchange = { sent: 0, received: 0, missing: 0, refused: [] };
  const inFolder = filesInFolder(folder);
  for (const file of filesToExchange(ctx, store)) {
    const shared = sharedPath(folder, file);
    // Another device may write it after the listing: writeOnce never replaces it, and says so.
    const there = inFolder.has(nameInFolder(file));
    if (store.has(file.hash)) {
      if (!there && writeOnce(shared, store.read(file.hash))) result.sent++;
      continue;
    }
    if (!there) {
      result.missing++;
      continue;
    }
    try {
      const size = statSync(shared).size;
      if (size > MAX_ATTACHMENT_BYTES || (file.size !== null && size !== file.size)) {
        throw new AttachmentRefused('ATTACHMENT_TOO_LARGE', `${shared} holds ${size} bytes, not the ${file.size ?? `at most ${MAX_ATTACHMENT_BYTES}`} its record says`);
      }
      store.put(readFileSync(shared), file.ext, file.hash);
      result.received++;
    } catch (error) {
      if (!(error instanceof AttachmentRefused)) throw error;
      result.refused.push({ hash: file.hash, reason: `${error.code}: ${error.message}` });
    }
  }
  return result;
}

/** After a sync's records: the files, where a failure is only a file fetched on a later sync. */
export function exchangeAttachmentFilesAfterSync(ctx: ServiceContext, folder: string): FileExchange | null {
  try {
    return exchangeAttachmentFiles(ctx, folder);
  } catch {
    return null;
  }
}
