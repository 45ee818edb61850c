// What every handler is given. Built once per open database; nothing module-level, so two
// devices (two contexts) can live in one test process.
import type { OpenedDatabase } from '../../db/open';
import type { IdSource } from '../../db/ids';
import type { Store } from '../../db/store';
import type { HlcClock } from '../../db/sync/hlc';
import type { DeviceIdentity } from './identity';
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
  /** Where sync passwords are kept (the OS keychain in the desktop app, a plain file elsewhere). */
  readonly secrets: SecretStore;
  /** Saved sync targets: the scheduler, runs on demand and their status. */
  readonly syncService: SyncService;
}
