// Opens one installation's data folder: the database (migrated, backed up first), the device
// identity, the clock, the store and the handlers. The Electron shell and the browser host both
// start here, so they serve exactly the same app.
import { join } from 'node:path';
import { createUuidV7Source, type RandomBytes } from '../../db/ids';
import { openDatabase, type OpenedDatabase } from '../../db/open';
import { createStore } from '../../db/store';
import { createHlcClock } from '../../db/sync/hlc';
import { greatestLoggedHlc } from '../../db/sync/merge';
import type { Handlers } from '../../shared/api/types';
import type { ServiceContext } from './context';
import type { Dialogs } from './dialogs';
import type { Printer } from './printer';
import { createDispatch, type Dispatch, type DispatchOptions } from './dispatch';
import { createHandlers } from './handlers';
import { ensureDeviceIdentity } from './identity';
import { createFileSecretStore, type SecretStore } from './sync/secrets';
import { createSyncService, type SyncService, type SyncServiceOptions } from './sync/service';
import { applyStagedRestore, createBackupService, DAY_MS } from './backups/index';

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
  /** The daily backup's first look, after start (default 10 minutes; tests that run shorter never see it). */
  dailyBackupAfterMs?: number;
}

export interface OpenedApp {
  readonly context: ServiceContext;
  readonly handlers: Handlers;
  readonly dispatch: Dispatch;
  close(): void;
}

/**
 * The app on its data folder. After a restore (backups.restore) it closes the database and opens
 * the restored one in place: `context`, `handlers` and `dispatch` always answer for the open one.
 */
export async function openApp(options: OpenAppOptions): Promise<OpenedApp> {
  let reopenWanted = false;
  let current = await openOnce(options, () => {
    reopenWanted = true;
  });
  let reopening: Promise<void> | null = null;
  const reopen = async () => {
    reopenWanted = false;
    current.close();
    current = await openOnce(options, () => {
      reopenWanted = true;
    });
  };
  return {
    get context() {
      return current.context;
    },
    get handlers() {
      return current.handlers;
    },
    dispatch: async (method, input) => {
      if (reopening) await reopening;
      const result = await current.dispatch(method, input);
      if (reopenWanted) {
        reopening = reopen().finally(() => {
          reopening = null;
        });
        await reopening;
      }
      return result;
    },
    close: () => current.close(),
  };
}

async function openOnce(options: OpenAppOptions, reopen: () => void): Promise<OpenedApp> {
  const now = options.now ?? Date.now;
  const databaseFile = join(options.dataDir, DATABASE_FILE_NAME);
  // A restore chosen before the last close takes the database's place now, before anything opens it.
  applyStagedRestore(databaseFile);
  const db: OpenedDatabase = await openDatabase(databaseFile, {
    now,
    nativeBinding: options.nativeBinding,
  });
  try {
    const identity = ensureDeviceIdentity(db, options.random);
    // The clock resumes after the greatest change this database holds, whatever the wall says.
    const clock = createHlcClock(now, greatestLoggedHlc(db.sqlite));
    const newId = createUuidV7Source(now, options.random);
    const store = createStore({ db, clock, newId, deviceId: identity.deviceId });
    const secrets = options.secrets ?? createFileSecretStore(options.dataDir);
    let syncService: SyncService | null = null;
    const backups = createBackupService({ db, dataDir: options.dataDir, now }, reopen);
    const context: ServiceContext = {
      db, store, clock, newId, now, identity, dataDir: options.dataDir, appVersion: options.appVersion, secrets, nativeBinding: options.nativeBinding, backups,
      dialogs: options.dialogs, printer: options.printer, onLanguageChange: options.onLanguageChange,
      // Built just below from this same context (its runs need the database, clock and keys).
      get syncService() {
        return syncService!;
      },
    };
    syncService = createSyncService(context, options.sync);
    const handlers = createHandlers(context);
    if (options.sync?.autoStart !== false) syncService.start();
    // Once a day while the app runs: looked at an hour apart, first a while after start.
    const daily = () => void backups.daily().catch((error: unknown) => options.onUnexpected?.('backups.daily', error));
    const timers = [setTimeout(daily, options.dailyBackupAfterMs ?? 10 * 60 * 1000), setInterval(daily, DAY_MS / 24)];
    for (const timer of timers) timer.unref();
    return {
      context,
      handlers,
      dispatch: createDispatch(handlers, options),
      close: () => {
        for (const timer of timers) clearTimeout(timer);
        syncService.stop();
        db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
