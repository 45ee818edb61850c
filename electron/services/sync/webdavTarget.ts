// A WebDAV folder (坚果云 and others) as a SyncTarget, in the same layout as a shared folder.
// Folders are created first (坚果云 refuses writes at its root), uploads go to `.part` and are
// MOVEd to their final name without overwriting; the caller reads the file back and compares.
// Nothing of ours is left to fill the server: a `.part` an upload or MOVE failed on is removed,
// and one an interrupted run left is removed by the next; a MOVE whose answer was lost is
// checked on the server, and a file already there under its name counts as written (the caller
// reads it back and compares hashes) instead of failing the run and uploading it again.
import { join } from 'node:path';
import { DEFAULT_BUNDLE_LIMITS } from '../../../db/sync/segments/index';
import { SyncTargetError } from './errors';
import { BUNDLE_EXTENSION, isSafeSegment, type RemoteBundle, type SyncTarget } from './syncTarget';
import { urlBelow, WebdavClient, type WebdavClientOptions } from './webdavClient';

/** The target's name for its export marks: the folder URL, spelt one way. */
export function targetOfWebdav(url: string): string {
  return `webdav:${new URL(url).href.replace(/\/?$/, '/')}`;
}

const PART = '.part';
/** The folder of the attachments' files (SHARED_ATTACHMENTS_DIR), not a device's. */
const FILES_FOLDER = 'attachments';
/** Failures after which a request may have been done though its answer never came. */
const ANSWER_LOST = new Set(['INTERRUPTED', 'TIMEOUT', 'UNREACHABLE']);

async function isThere(client: WebdavClient, segments: readonly string[]): Promise<boolean> {
  try {
    const parent = await client.propfind(segments.slice(0, -1), 1);
    return (parent ?? []).some((e) => !e.isCollection && e.name === segments[segments.length - 1]);
  } catch {
    return false;
  }
}

export function createWebdavTarget(options: WebdavClientOptions, selfId: string): SyncTarget {
  const client = new WebdavClient(options);

  /** The base folder and every folder above it up to the server's root, created top-down when missing. */
  async function ensureBase(): Promise<void> {
    if ((await client.propfind([], 0)) !== null) return;
    const segments = client.base.pathname.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
    // Walk up to the first folder that exists, then create the ones below it in order.
    const root = new WebdavClient({ ...options, url: new URL('/', client.base).href });
    let existing = segments.length - 1;
    while (existing > 0 && (await root.propfind(segments.slice(0, existing), 0)) === null) existing--;
    for (let depth = Math.max(existing, 0) + 1; depth <= segments.length; depth++) await root.mkcol(segments.slice(0, depth));
  }

  const segmentsOf = (file: RemoteBundle) => {
    const parts = file.path.split('/');
    if (parts.length !== 2 || !parts.every(isSafeSegment)) throw new SyncTargetError('LOCAL', `Not a bundle path: ${file.path}`);
    return parts;
  };

  return {
    markName: targetOfWebdav(client.base.href),
    probe: async () => {
      // Depth 0 of the folder: one small answer proves the server is there and takes our password.
      await client.propfind([], 0);
    },
    prepare: async () => {
      await ensureBase();
      const own = await client.propfind([selfId], 1);
      if (own === null) await client.mkcol([selfId]);
      // Only this device writes in its folder, one run at a time: a `.part` there is an earlier run's.
      for (const entry of own ?? []) if (!entry.isCollection && entry.name.endsWith(PART) && isSafeSegment(entry.name)) await client.remove([selfId, entry.name]);
    },
    list: async () => {
      const top = await client.propfind([], 1);
      if (top === null) throw new SyncTargetError('NOT_FOUND', `The folder ${client.base.href} is not on the server.`);
      const files: RemoteBundle[] = [];
      const unreadable: { path: string; message: string }[] = [];
      // The attachments' files have a folder of their own beside the devices' (attachments/webdavFiles.ts): no bundles there.
      const devices = top.filter((e) => e.isCollection && e.name !== selfId && e.name !== FILES_FOLDER && isSafeSegment(e.name)).map((e) => e.name).sort();
      for (const device of devices) {
        let entries;
        try {
          entries = await client.propfind([device], 1);
        } catch (error) {
          // The server answered (a 403 on one folder, say): report it and go on with the others.
          if (error instanceof SyncTargetError && error.reachable && error.code !== 'AUTH') {
            unreadable.push({ path: device, message: error.message });
            continue;
          }
          throw error;
        }
        for (const entry of (entries ?? []).filter((e) => !e.isCollection && e.name.endsWith(BUNDLE_EXTENSION) && isSafeSegment(e.name)).sort((a, b) => (a.name < b.name ? -1 : 1))) {
          files.push({ path: `${device}/${entry.name}`, size: entry.size, etag: entry.etag ?? null });
        }
      }
      return { files, unreadable };
    },
    fetch: async (file, intoDir) => {
      const parts = segmentsOf(file);
      const local = join(intoDir, parts[1]!);
      await client.getToFile(parts, local, DEFAULT_BUNDLE_LIMITS.maxFileBytes);
      return local;
    },
    locationOf: (file) => urlBelow(client.base, segmentsOf(file)).href,
    write: async (localFile, name) => {
      if (!isSafeSegment(name) || !name.endsWith(BUNDLE_EXTENSION)) throw new SyncTargetError('LOCAL', `Not a bundle file name: ${name}`);
      const part = [selfId, `${name}${PART}`];
      const done = { path: `${selfId}/${name}`, size: null };
      try {
        await client.putFile(part, localFile);
        await client.move(part, [selfId, name]);
        return done;
      } catch (error) {
        // The answer to the MOVE may be what was lost: is the file there under its name?
        if (error instanceof SyncTargetError && ANSWER_LOST.has(error.code) && (await isThere(client, [selfId, name]))) return done;
        await client.remove(part).catch(() => undefined);
        throw error;
      }
    },
  };
}
