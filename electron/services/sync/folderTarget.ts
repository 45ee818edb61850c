// A shared folder (local disk, network share, USB stick, a cloud-synced folder): each device
// writes only new files under `<folder>/<its device id>/` and reads everyone else's `*.cunji`.
// Nothing is inferred from what a listing lacks (no deletes), `.part` files are not finished
// yet, and a file that cannot be listed or read is reported, never fatal. A cloud client's
// "conflicted copy" is harmless: a file is known by its content hash, not its name.
import { closeSync, constants, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { targetOfFolder } from '../../../db/sync/exportBundle';
import { messageOf, SyncTargetError } from './errors';
import { BUNDLE_EXTENSION, isSafeSegment, type RemoteBundle, type SyncTarget } from './syncTarget';

export { BUNDLE_EXTENSION };

export interface FolderListing {
  /** Bundle files of other devices, in a stable order. */
  readonly files: string[];
  readonly unreadable: { path: string; message: string }[];
}

export function listFolderBundles(folder: string, selfId: string): FolderListing {
  const files: string[] = [];
  const unreadable: { path: string; message: string }[] = [];
  let devices: string[];
  try {
    devices = readdirSync(folder).sort();
  } catch (error) {
    return { files, unreadable: [{ path: folder, message: messageOf(error) }] };
  }
  for (const name of devices) {
    if (name === selfId) continue;
    const sub = join(folder, name);
    let entries: string[];
    try {
      if (!statSync(sub).isDirectory()) continue;
      entries = readdirSync(sub).sort();
    } catch (error) {
      unreadable.push({ path: sub, message: messageOf(error) });
      continue;
    }
    for (const entry of entries) {
      if (!entry.endsWith(BUNDLE_EXTENSION)) continue; // `.cunji.part` and anything else
      const path = join(sub, entry);
      try {
        if (statSync(path).isFile()) files.push(path);
      } catch (error) {
        unreadable.push({ path, message: messageOf(error) });
      }
    }
  }
  return { files, unreadable };
}

function fsyncPath(path: string, flags = 'r'): void {
  const fd = openSync(path, flags);
  try {
    fsyncSync(fd);
  } catch {
    // Some filesystems (a Windows directory, a network share) cannot fsync a folder: best effort.
  } finally {
    closeSync(fd);
  }
}

/** A failure on the shared folder, in the words a person needs. */
function folderError(error: unknown, folder: string): SyncTargetError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new SyncTargetError('FOLDER_MISSING', `The folder ${folder} is not there (is the USB stick or network share connected?).`, false);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new SyncTargetError('FORBIDDEN', `This computer may not write in ${folder}: ${messageOf(error)}`);
  if (code === 'ENOSPC' || code === 'EDQUOT') return new SyncTargetError('FORBIDDEN', `The folder ${folder} is full: ${messageOf(error)}`);
  return new SyncTargetError('LOCAL', `The folder ${folder} could not be used: ${messageOf(error)}`);
}

/** The shared folder as a SyncTarget: same layout and rules as `sync.now`. */
export function createFolderTarget(folder: string, selfId: string): SyncTarget {
  const root = resolve(folder);
  const own = join(root, selfId);
  const requireFolder = () => {
    let isDirectory = false;
    try {
      isDirectory = statSync(root).isDirectory();
    } catch (error) {
      throw folderError(error, root);
    }
    if (!isDirectory) throw new SyncTargetError('FOLDER_MISSING', `${root} is not a folder.`, false);
  };
  const pathOf = (file: RemoteBundle) => {
    const parts = file.path.split('/');
    if (parts.length !== 2 || !parts.every(isSafeSegment)) throw new SyncTargetError('LOCAL', `Not a bundle path: ${file.path}`);
    return join(root, ...parts);
  };
  return {
    markName: targetOfFolder(root),
    probe: async () => requireFolder(),
    prepare: async () => {
      requireFolder();
      try {
        mkdirSync(own, { recursive: true });
      } catch (error) {
        throw folderError(error, root);
      }
    },
    list: async () => {
      requireFolder();
      const listing = listFolderBundles(root, selfId);
      return {
        files: listing.files.map((path) => {
          const stat = statSync(path);
          return { path: path.slice(root.length + 1).split(/[\\/]/).join('/'), size: stat.size, etag: String(Math.trunc(stat.mtimeMs)) };
        }),
        unreadable: listing.unreadable,
      };
    },
    fetch: async (file) => pathOf(file),
    locationOf: (file) => pathOf(file),
    write: async (localFile, name) => {
      if (!isSafeSegment(name) || !name.endsWith(BUNDLE_EXTENSION)) throw new SyncTargetError('LOCAL', `Not a bundle file name: ${name}`);
      const final = join(own, name);
      const part = `${final}.part`;
      try {
        mkdirSync(own, { recursive: true });
        // COPYFILE_EXCL: an existing .part (another run, a clone) is never written over.
        copyFileSync(localFile, part, constants.COPYFILE_EXCL);
        fsyncPath(part, 'r+');
        if (existsSync(final)) throw new SyncTargetError('LOCAL', `${final} exists already; a shared file is never overwritten.`);
        renameSync(part, final);
        fsyncPath(own);
      } catch (error) {
        throw error instanceof SyncTargetError ? error : folderError(error, root);
      }
      return { path: `${selfId}/${name}`, size: statSync(final).size };
    },
  };
}
