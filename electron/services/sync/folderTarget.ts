// A shared folder (local disk, network share, USB stick, a cloud-synced folder): each device
// writes only new files under `<folder>/<its device id>/` and reads everyone else's `*.cunji`.
// Nothing is inferred from what a listing lacks (no deletes), `.part` files are not finished
// yet, and a file that cannot be listed or read is reported, never fatal. A cloud client's
// "conflicted copy" is harmless: a file is known by its content hash, not its name.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const BUNDLE_EXTENSION = '.cunji';

export interface FolderListing {
  /** Bundle files of other devices, in a stable order. */
  readonly files: string[];
  readonly unreadable: { path: string; message: string }[];
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

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
