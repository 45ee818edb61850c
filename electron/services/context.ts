// What every handler is given. Built once per open database; nothing module-level, so two
// devices (two contexts) can live in one test process.
import type { OpenedDatabase } from '../../db/open';
import type { IdSource } from '../../db/ids';
import type { Store } from '../../db/store';
import type { HlcClock } from '../../db/sync/hlc';
import type { Lang } from '../../shared/domain/labels';
import type { BackupService } from './backups/index';
import type { Dialogs } from './dialogs';
import type { DeviceIdentity } from './identity';
import type { Printer } from './printer';
import type { SecretStore } from './sync/secrets';
import type { SyncService } from './sync/service';

export interface ServiceContext {
  readonly db: OpenedDatabase;
  readonly store: Store;
  readonly clock: HlcClock;
  readonly newId: IdSource;
  readonly now: () => number;
  readonly identity: DeviceIdentity;
  readonly dataDir: string;
  readonly appVersion: string;
  /** The Electron build of better-sqlite3's addon, for connections opened beside `db` (report jobs). */
  readonly nativeBinding?: string;
  /** Native open/save dialogs: the desktop shell's; absent in the browser host. */
  readonly dialogs?: Dialogs;
  /** A report's print page as PDF or to the printer: the desktop shell's; absent in the browser host. */
  readonly printer?: Printer;
  /** Told when the renderer switches language (the shell rebuilds its menu); absent in the host. */
  readonly onLanguageChange?: (language: Lang) => void;
  /** Where sync passwords are kept (the OS keychain in the desktop app, a plain file elsewhere). */
  readonly secrets: SecretStore;
  /** Saved sync targets: the scheduler, runs on demand and their status. */
  readonly syncService: SyncService;
  /** Snapshots of the database (before imports, daily, on demand); absent in tests that build a context by hand. */
  readonly backups?: BackupService;
}
