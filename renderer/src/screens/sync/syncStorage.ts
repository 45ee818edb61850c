// What the sync screen remembers on this computer between sessions: the folder last used and
// when the last sync finished. Kept in localStorage; a page that may not use it just forgets.
import { browserStorage } from '../../i18n/instance';

const FOLDER_KEY = 'cunji.sync.folder';
const LAST_SYNCED_KEY = 'cunji.sync.lastSyncedAt';

function read(key: string): string | null {
  try {
    return browserStorage()?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    browserStorage()?.setItem(key, value);
  } catch {
    // Not remembered: the person types it again next time.
  }
}

export const readFolder = (): string => read(FOLDER_KEY) ?? '';
export const rememberFolder = (folder: string): void => write(FOLDER_KEY, folder);
export const readLastSynced = (): string | null => read(LAST_SYNCED_KEY);
export const rememberLastSynced = (iso: string): void => write(LAST_SYNCED_KEY, iso);
