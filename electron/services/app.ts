// Opens one installation's data folder: the database (migrated, backed up first), the device
// identity, the clock, the store and the handlers. The Electron shell and the browser host both
// start here, so they serve exactly the same app.
import { join } from 'node:path';
import { createUuidV7Source, type RandomBytes } from '../../db/ids';
import { openDatabase, type OpenedDatabase } from '../../db/open';
import { createStore } from '../../db/store';
import { createHlcClock } from '../../db/sync/hlc';
import type { Handlers } from '../../shared/api/types';
import type { ServiceContext } from './context';
import type { Dialogs } from './dialogs';
import type { Printer } from './printer';
import { createDispatch, type Dispatch, type DispatchOptions } from './dispatch';
import { createHandlers } from './handlers';
import { ensureDeviceIdentity } from './identity';
import { createFileSecretStore, type SecretStore } from './sync/secrets';
import { createSyncService, type SyncService, type SyncServiceOptions } from './sync/service';

export const DATABASE_FILE_NAME = 'cunji.sqlite';

export interface OpenAppOptions extends DispatchOptions {
  dataDir: string;
  appVersion: string;
  now?: () => number;
  random?: RandomBytes;
  nativeBinding?: string;
  /** The shell's native dialogs and menu language (see ServiceContext); the host passes neither. */
  dialogs?: Dialogs;
  printer?: Printer;
  onLanguageChange?: ServiceContext['onLanguageChange'];
  /** Sync passwords: the shell passes the OS keychain's; default a plain file in the data folder. */
  secrets?: SecretStore;
  /** The sync scheduler's timers and start-up (tests drive a fake clock or keep it stopped). */
  sync?: SyncServiceOptions;
}

export interface OpenedApp {
  readonly context: ServiceContext;
  readonly handlers: Handlers;
  readonly dispatch: Dispatch;
  close(): void;
}

export async function openApp(options: OpenAppOptions): Promise<OpenedApp> {
  const now = options.now ?? Date.now;
  const db: OpenedDatabase = await openDatabase(join(options.dataDir, DATABASE_FILE_NAME), {
    now,
    nativeBinding: options.nativeBinding,
  });
  try {
    const identity = ensureDeviceIdentity(db, options.random);
    // The clock resumes after the greatest change this database holds, whatever the wall says.
    const lastChange = db.sqlite.prepare('SELECT max(id) FROM changes').pluck().get() as string | null;
    const clock = createHlcClock(now, lastChange ? lastChange.slice(0, 16) : null);
    const newId = createUuidV7Source(now, options.random);
    const store = createStore({ db, clock, newId, deviceId: identity.deviceId });
    const secrets = options.secrets ?? createFileSecretStore(options.dataDir);
    let syncService: SyncService | null = null;
    const context: ServiceContext = {
      db, store, clock, newId, now, identity, dataDir: options.dataDir, appVersion: options.appVersion, secrets, nativeBinding: options.nativeBinding,
      dialogs: options.dialogs, printer: options.printer, onLanguageChange: options.onLanguageChange,
      // Built just below from this same context (its runs need the database, clock and keys).
      get syncService() {
        return syncService!;
      },
    };
    syncService = createSyncService(context, options.sync);
    const handlers = createHandlers(context);
    if (options.sync?.autoStart !== false) syncService.start();
    return {
      context,
      handlers,
      dispatch: createDispatch(handlers, options),
      close: () => {
        syncService.stop();
        db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
