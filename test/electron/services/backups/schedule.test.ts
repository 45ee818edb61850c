// When backups are made without anyone asking: before an import (at most one an hour, so a sync
// every few minutes does not copy the database each time) and once a day (not again that day);
// the rotation then prunes the automatic ones.
import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { backupsDirOf } from '../../../../electron/services/backups/index';
import { APP_START_TIME, SECRETARY_SETUP } from '../../../helpers/openedApp';
import { useTempDirs } from '../../../helpers/tempDir';
import { COORDINATOR, openSyncDevice, trustFor, type SyncDevice } from '../sync/syncApps';

const tempDir = useTempDirs();
const opened: SyncDevice[] = [];
afterEach(() => {
  for (const app of opened.splice(0)) app.close();
});

const HOUR = 3_600_000;
const kinds = (app: SyncDevice) => readdirSync(backupsDirOf(app.context.dataDir)).map((name) => name.split('-')[1]).sort();

describe('automatic backups', () => {
  it('one before an import, none again within the hour, another after it', async () => {
    let wall = APP_START_TIME;
    const now = () => wall;
    const a = await openSyncDevice(tempDir(), SECRETARY_SETUP, { autoStart: false }, now);
    const c = await openSyncDevice(tempDir(), COORDINATOR, { autoStart: false }, now);
    opened.push(a, c);
    await trustFor(c, a, '李明', 'secretary', [a.villageId!]);
    const folder = tempDir();
    const write = async (headName: string) => {
      await a.api.households.create({ villageId: a.villageId!, headName, villagerGroup: headName, category: 'ordinary' });
      await a.api.sync.now({ folder });
    };
    await write('一户');
    await c.api.sync.now({ folder });
    expect(kinds(c)).toEqual(['import']);
    wall += HOUR / 2;
    await write('二户');
    await c.api.sync.now({ folder });
    expect(kinds(c)).toEqual(['import']);
    wall += HOUR;
    await write('三户');
    await c.api.sync.now({ folder });
    // Two on one day: the rotation keeps the newest of the day.
    expect(kinds(c)).toEqual(['import']);
    expect(readdirSync(backupsDirOf(c.context.dataDir))[0]).toContain('T09-30');
    wall += 24 * HOUR;
    await write('四户');
    await c.api.sync.now({ folder });
    expect(kinds(c)).toEqual(['import', 'import']);
  });

  it('a daily one, not again the same day, and again the next', async () => {
    let wall = APP_START_TIME;
    const a = await openSyncDevice(tempDir(), SECRETARY_SETUP, { autoStart: false }, () => wall);
    opened.push(a);
    const backups = a.context.backups!;
    await backups.daily();
    wall += 3 * HOUR;
    await backups.daily();
    expect(kinds(a)).toEqual(['daily']);
    wall += 24 * HOUR;
    await backups.daily();
    expect(kinds(a)).toEqual(['daily', 'daily']);
  });
});
