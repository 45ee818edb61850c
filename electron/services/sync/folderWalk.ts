// The `.cunji` files under a folder a person gave to sync.importFiles, found within bounds: the
// folder may be a whole drive or a home folder, and a symlink may loop back on itself. The walk
// goes level by level (shallow files first, where a shared folder keeps them), never follows a
// symlinked folder, skips hidden and system folders, notes a sub-folder it cannot list and goes
// on, and says which bound stopped it; it never stops short without saying so.
import { lstatSync, opendirSync, statSync, type Dir, type Dirent } from 'node:fs';
import { join } from 'node:path';
import type { FolderLimit } from '../../../shared/domain/sync';
import { messageOf } from './errors';
import { BUNDLE_EXTENSION } from './syncTarget';

export interface FolderWalkLimits {
  /** Levels of folders entered below the chosen one. */
  readonly maxDepth: number;
  /** Entries (files, folders, anything) looked at in all. */
  readonly maxEntries: number;
  /** `.cunji` files taken. */
  readonly maxFiles: number;
}

/**
 * A shared folder is `<root>/<device>/<file>.cunji` and a copy of one sits a level or two deeper,
 * so 4 levels find every real layout. 100,000 entries take a second or two to list even on a USB
 * stick, where a home folder holds millions. 10,000 files are forty villages' daily files for most
 * of a year: a folder with more is not one a person meant to import whole.
 */
export const FOLDER_WALK_LIMITS: FolderWalkLimits = { maxDepth: 4, maxEntries: 100_000, maxFiles: 10_000 };

/**
 * Folders nobody keeps sync files in and that can be huge: packages, the Windows recycle bin and
 * system restore points (compared in lower case: Windows names them in either case). Hidden
 * folders (`.git`, `.Trash`, `.cache`) go by their leading dot.
 */
const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', '$recycle.bin', 'system volume information']);

/**
 * Hidden entries are skipped, files too: a Mac copying to a USB stick leaves a `._name.cunji`
 * shadow beside each file, which is no bundle and would only show as a refusal.
 */
const isHidden = (name: string): boolean => name.startsWith('.');

export interface FolderWalk {
  /** The `.cunji` files found, sorted, so a folder of a week's files imports in a stable order. */
  readonly files: string[];
  /** Sub-folders that could not be listed (the rest of the walk went on). */
  readonly unreadable: { path: string; message: string }[];
  /** The bounds that stopped the walk short, each with its value. */
  readonly limits: { limit: FolderLimit; max: number }[];
}

type EntryKind = 'file' | 'folder' | 'other';

/** A symlink counts as the file it points to; a symlinked folder is never entered (it may loop). */
function kindOf(entry: Dirent, path: string): EntryKind {
  try {
    // Some filesystems (network shares) do not say what an entry is: ask for it.
    const known = entry.isFile() || entry.isDirectory() || entry.isSymbolicLink() ? entry : lstatSync(path);
    if (known.isSymbolicLink()) return statSync(path, { throwIfNoEntry: false })?.isFile() ? 'file' : 'other';
    return known.isFile() ? 'file' : known.isDirectory() ? 'folder' : 'other';
  } catch {
    return 'other'; // gone since it was listed, or a link looping onto itself
  }
}

/**
 * Walks `root` (which must be a folder it can open: that error is thrown, the path is the
 * person's choice) for `.cunji` files, within `limits`.
 */
export function walkFolder(root: string, limits: FolderWalkLimits = FOLDER_WALK_LIMITS): FolderWalk {
  const files: string[] = [];
  const unreadable: { path: string; message: string }[] = [];
  const hit = new Set<FolderLimit>();
  const finish = (): FolderWalk => ({
    files: files.sort(),
    unreadable,
    limits: [...hit].map((limit) => ({ limit, max: limit === 'DEPTH' ? limits.maxDepth : limit === 'ENTRIES' ? limits.maxEntries : limits.maxFiles })),
  });

  let seen = 0;
  let level = [root];
  for (let depth = 0; level.length > 0; depth++) {
    const next: string[] = [];
    for (const folder of level) {
      let dir: Dir;
      try {
        dir = opendirSync(folder);
      } catch (error) {
        if (folder === root) throw error;
        unreadable.push({ path: folder, message: messageOf(error) });
        continue;
      }
      try {
        // One entry at a time: a folder of a million entries is not read whole past the bound.
        for (let entry = dir.readSync(); entry !== null; entry = dir.readSync()) {
          if (seen === limits.maxEntries) {
            hit.add('ENTRIES');
            return finish();
          }
          seen++;
          if (isHidden(entry.name)) continue;
          const path = join(folder, entry.name);
          const kind = kindOf(entry, path);
          if (kind === 'folder' && !SKIPPED_FOLDERS.has(entry.name.toLowerCase())) {
            if (depth < limits.maxDepth) next.push(path);
            else hit.add('DEPTH');
          } else if (kind === 'file' && entry.name.endsWith(BUNDLE_EXTENSION)) {
            if (files.length === limits.maxFiles) {
              hit.add('FILES');
              return finish();
            }
            files.push(path);
          }
        }
      } catch (error) {
        // Failed part-way (a share that went away): what was listed stands, the rest is named.
        unreadable.push({ path: folder, message: messageOf(error) });
      } finally {
        dir.closeSync();
      }
    }
    level = next.sort();
  }
  return finish();
}
