// The last sync and its folder are the database's to remember, not the page's: after the app is
// closed and opened again, sync.status still says when this computer last synced and where.
import { describe, expect, it } from 'vitest';
import { APP_START_TIME, SECRETARY_SETUP } from '../../../helpers/openedApp';
import { useTempDirs } from '../../../helpers/tempDir';
import { COORDINATOR, openSyncDevice, trustFor } from './syncApps';

const tempDir = useTempDirs();

describe('the last sync, remembered in the database', () => {
  it('is none before any sync; a folder synced is kept with its folder, across a restart', async () => {
    const dataDir = tempDir();
    const device = await openSyncDevice(dataDir, SECRETARY_SETUP);
    const folder = tempDir();
    try {
      expect((await device.api.sync.status()).last).toBeNull();
      await device.api.sync.now({ folder });
      expect((await device.api.sync.status()).last).toEqual({ at: new Date(APP_START_TIME).toISOString(), folder });
    } finally {
      device.close();
    }
    const reopened = await openSyncDevice(dataDir, null, undefined, () => APP_START_TIME + 60_000);
    try {
      expect((await reopened.api.sync.status()).last).toEqual({ at: new Date(APP_START_TIME).toISOString(), folder });
      // Nothing was imported: nothing to say came in.
      expect((await reopened.api.sync.status()).arrivals).toBeNull();
    } finally {
      reopened.close();
    }
  });

  it('is moved by an import that read a file, keeping the folder; a refused file moves nothing', async () => {
    const a = await openSyncDevice(tempDir(), SECRETARY_SETUP);
    const stranger = await openSyncDevice(tempDir(), { ...SECRETARY_SETUP, name: '陌生人' });
    let clock = APP_START_TIME;
    const c = await openSyncDevice(tempDir(), COORDINATOR, undefined, () => clock);
    try {
      await trustFor(c, a, '李明', 'secretary', [a.villageId!]);
      const { file } = await a.api.sync.exportFile({ path: tempDir() });
      const { file: strange } = await stranger.api.sync.exportFile({ path: tempDir() });
      const folder = tempDir();
      await c.api.sync.now({ folder });
      const synced = { at: new Date(clock).toISOString(), folder };
      clock += 60_000;
      expect((await c.api.sync.importFiles({ paths: [strange!] })).receipts[0]!.status).toBe('refused');
      expect((await c.api.sync.status()).last).toEqual(synced);
      clock += 60_000;
      expect((await c.api.sync.importFiles({ paths: [file!] })).receipts[0]!.status).toBe('imported');
      expect((await c.api.sync.status()).last).toEqual({ at: new Date(clock).toISOString(), folder });
      // What it brought, as records from whom, for the header; the refused file brought nothing.
      expect((await c.api.sync.status()).arrivals).toEqual({
        at: new Date(clock).toISOString(),
        records: [{ origin: a.id, originName: '李明', tbl: 'villages', created: 1, changed: 0, deleted: 0 }],
      });
    } finally {
      for (const d of [a, stranger, c]) d.close();
    }
  });
});
