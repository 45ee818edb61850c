// Devices for the sync-target tests: the whole app (`openApp`, real SQLite in a temp folder)
// with the sync service's options under the test's control (its own clock, quick WebDAV
// retries), and a township of two secretaries and their coordinator who trust each other.
import { join } from 'node:path';
import { DATABASE_FILE_NAME, openApp, type OpenedApp } from '../../../../electron/services/app';
import type { WebdavTuning } from '../../../../electron/services/sync/runner';
import type { SyncServiceOptions } from '../../../../electron/services/sync/service';
import { createClient } from '../../../../shared/api/client';
import type { ApiClient } from '../../../../shared/api/types';
import type { DeviceSetupInput } from '../../../../shared/domain/device';
import { APP_START_TIME, SECRETARY_SETUP, transportOf } from '../../../helpers/openedApp';
import { seedMigratedDatabase } from '../../../helpers/migratedDatabase';

/** Short waits, so a 503 or a dropped connection costs a test milliseconds (Retry-After still honoured up to 1.5 s). */
export const QUICK_WEBDAV: WebdavTuning = {
  timeoutMs: 5_000,
  policy: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 1_500, maxTotalWaitMs: 4_000 },
};

export interface SyncDevice extends OpenedApp {
  readonly api: ApiClient;
  readonly id: string;
  readonly villageId: string | undefined;
}

export async function openSyncDevice(
  dataDir: string,
  setup: DeviceSetupInput | null,
  sync: SyncServiceOptions = { autoStart: false, webdav: QUICK_WEBDAV },
  now: () => number = () => APP_START_TIME,
): Promise<SyncDevice> {
  seedMigratedDatabase(join(dataDir, DATABASE_FILE_NAME));
  const app = await openApp({ dataDir, appVersion: 'test', now, sync });
  const api = createClient(transportOf(app));
  const profile = setup ? await api.device.setup(setup) : null;
  return Object.assign(app, { api, id: app.context.identity.deviceId, villageId: profile?.villageIds[0] });
}

export const SECOND_SECRETARY = { ...SECRETARY_SETUP, name: '王芳', villages: [{ name: '张家村', code: '371325101202' }] } as const satisfies DeviceSetupInput;
export const COORDINATOR = { ...SECRETARY_SETUP, role: 'coordinator', name: '赵镇', villages: [] } as const satisfies DeviceSetupInput;

/** Two secretaries and their coordinator, each trusting the other two. */
export async function township(dir: () => string, sync?: SyncServiceOptions): Promise<{ a: SyncDevice; b: SyncDevice; c: SyncDevice }> {
  const a = await openSyncDevice(dir(), SECRETARY_SETUP, sync);
  const b = await openSyncDevice(dir(), SECOND_SECRETARY, sync);
  const c = await openSyncDevice(dir(), COORDINATOR, sync);
  const trust = async (who: SyncDevice, whom: SyncDevice) => {
    const role = whom === c ? 'coordinator' : 'secretary';
    await trustFor(who, whom, role === 'coordinator' ? '赵镇' : whom === a ? '李明' : '王芳', role, whom.villageId ? [whom.villageId] : []);
  };
  for (const [who, whom] of [[a, b], [a, c], [b, a], [b, c], [c, a], [c, b]] as const) await trust(who, whom);
  return { a, b, c };
}

/** `who` trusts `whom` for `villages` (a coordinator: the whole township); what devices.trust answers. */
export async function trustFor(who: SyncDevice, whom: SyncDevice, name: string, role: 'secretary' | 'coordinator', villages: string[]) {
  return who.api.devices.trust({
    deviceId: whom.id,
    publicKey: whom.context.identity.publicKeyPem,
    name,
    role,
    villages,
    township: role === 'coordinator' ? SECRETARY_SETUP.township : null,
  });
}

let visits = 0;
/** A household and a phone visit to it in the device's village: changes that must travel. */
export async function recordVisit(device: SyncDevice): Promise<string> {
  const villageId = device.villageId!;
  const household = await device.api.households.create({ villageId, headName: '赵前进', villagerGroup: `第${++visits}组`, category: 'ordinary' });
  return (await device.api.visits.create({ villageId, householdId: household.id, visitDate: '2026-11-02', mode: 'phone', situation: '电话回访' })).id;
}
