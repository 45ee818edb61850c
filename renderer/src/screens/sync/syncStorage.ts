// What the sync screen remembers on this computer between sessions: the folder last used and
// when the last sync finished. Kept in localStorage; a page that may not use it just forgets.
// The header's indicator shows the last sync too: a change is announced on `window`, and other
// windows of the app hear it through the `storage` event.
import { browserStorage } from '../../i18n/instance';

const FOLDER_KEY = 'cunji.sync.folder';
const LAST_SYNCED_KEY = 'cunji.sync.lastSyncedAt';
const LAST_SYNCED_EVENT = 'cunji:last-synced';

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

/** Tells the header a sync ended (a saved target's run may have failed: it reads the status again). */
export function announceSyncEnded(): void {
  if (typeof window !== 'undefined') window.dispatchEvent(new Event(LAST_SYNCED_EVENT));
}

export function rememberLastSynced(iso: string): void {
  write(LAST_SYNCED_KEY, iso);
  announceSyncEnded();
}

/** Calls `onChange` whenever the last sync time changes, in this window or another; returns the unsubscribe. */
export function subscribeLastSynced(onChange: () => void): () => void {
  if (typeof window === 'undefined') return () => undefined;
  const onStorage = (event: StorageEvent) => {
    if (event.key === LAST_SYNCED_KEY) onChange();
  };
  window.addEventListener(LAST_SYNCED_EVENT, onChange);
  window.addEventListener('storage', onStorage);
  return () => {
    window.removeEventListener(LAST_SYNCED_EVENT, onChange);
    window.removeEventListener('storage', onStorage);
  };
}
