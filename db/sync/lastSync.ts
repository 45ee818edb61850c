// When this computer last really synced by hand (a folder synced, files imported, a file
// exported) and the folder it used, kept in the database's meta table: the header and the sync
// screen read it after a reload or in another browser origin, where the page's own storage is
// empty. Saved targets keep their own last success (sync_targets.last_success_at).
import { getMeta, setMeta } from '../meta';
import type { OpenedDatabase } from '../open';

const KEY = 'sync_last';

export interface LastSync {
  readonly at: string;
  /** The folder synced or exported to; null for an import of files. */
  readonly folder: string | null;
}

export function readLastSync(db: OpenedDatabase): LastSync | null {
  const text = getMeta(db, KEY);
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<LastSync>;
    return typeof value.at === 'string' ? { at: value.at, folder: typeof value.folder === 'string' ? value.folder : null } : null;
  } catch {
    return null;
  }
}

/** Notes a sync at `at`; an import keeps the folder noted before (it names files, not a place). */
export function noteLastSync(db: OpenedDatabase, at: string, folder: string | null): void {
  setMeta(db, KEY, JSON.stringify({ at, folder: folder ?? readLastSync(db)?.folder ?? null }));
}
