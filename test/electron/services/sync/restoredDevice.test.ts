// A secretary's laptop restored from a backup, through the whole app and one shared folder: the
// restored copy and the old laptop both write under one device id. The coordinator keeps both
// histories and names the device; every file keeps arriving at everyone; the restored copy learns
// it was copied, and at its next start continues as a new device its old key vouches for, which
// the coordinator and the other secretary accept without a person's decision.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME } from '../../../../electron/services/app';
import { dumpLedgers } from '../../../../db/sync/dump';
import { APP_START_TIME, SECRETARY_SETUP } from '../../../helpers/openedApp';
import { useTempDirs } from '../../../helpers/tempDir';
import { COORDINATOR, openSyncDevice, SECOND_SECRETARY, trustFor, type SyncDevice } from './syncApps';

const tempDir = useTempDirs();
const opened: SyncDevice[] = [];
afterEach(() => {
  for (const app of opened.splice(0)) app.close();
});

describe('a laptop restored from a backup', () => {
  it('keeps working: both histories reach everyone, and at its next start it continues as a new device vouched for by its old key', async () => {
    let wall = APP_START_TIME;
    const now = () => (wall += 1_000);
    const open = async (dir: string, setup: Parameters<typeof openSyncDevice>[1]) => {
      const app = await openSyncDevice(dir, setup, { autoStart: false }, now);
      opened.push(app);
      return app;
    };
    const aDir = tempDir();
    const a = await open(aDir, SECRETARY_SETUP);
    const b = await open(tempDir(), SECOND_SECRETARY);
    const c = await open(tempDir(), COORDINATOR);
    for (const [who, whom, role, name] of [[a, b, 'secretary', '王芳'], [a, c, 'coordinator', '赵镇'], [b, a, 'secretary', '李明'], [b, c, 'coordinator', '赵镇'], [c, a, 'secretary', '李明'], [c, b, 'secretary', '王芳']] as const) {
      await trustFor(who, whom, name, role, whom.villageId ? [whom.villageId] : []);
    }
    const folder = tempDir();
    let group = 0;
    const household = (app: SyncDevice, headName: string, villageId = a.villageId!) =>
      app.api.households.create({ villageId, headName, villagerGroup: `第${++group}组`, category: 'ordinary' });
    // Every household a device holds, whatever village its screens show.
    const names = async (app: SyncDevice) =>
      Promise.resolve((app.context.db.sqlite.prepare('SELECT head_name FROM households WHERE deleted_at IS NULL ORDER BY head_name').pluck().all() as string[]));

    await household(a, '备份前户');
    for (const app of [a, b, c]) await app.api.sync.now({ folder });
    const backup = join(tempDir(), DATABASE_FILE_NAME);
    a.context.db.sqlite.prepare('VACUUM INTO ?').run(backup);
    await household(a, '备份后户');
    await a.api.sync.now({ folder });
    await c.api.sync.now({ folder });

    // The laptop restored from the backup (a copy of the data folder) writes on under the same id.
    const restoredDir = tempDir();
    mkdirSync(restoredDir, { recursive: true });
    copyFileSync(backup, join(restoredDir, DATABASE_FILE_NAME));
    let restored = await open(restoredDir, null);
    expect(restored.id).toBe(a.id);
    await household(restored, '恢复后户');
    const first = await restored.api.sync.now({ folder });
    expect(first.receipts.every((r) => r.status === 'imported')).toBe(true);

    const atC = await c.api.sync.now({ folder });
    expect(atC.receipts.every((r) => r.status === 'imported')).toBe(true);
    expect(atC.receipts.flatMap((r) => r.forks ?? [])).toEqual([{ deviceId: a.id, seq: expect.any(Number) as number, self: false }]);
    // The coordinator's file brings the old laptop's work back to the restored copy: it learns it was copied.
    const second = await restored.api.sync.now({ folder });
    expect(second.receipts.every((r) => r.status === 'imported')).toBe(true);
    expect([...first.receipts, ...second.receipts].flatMap((r) => r.forks ?? [])).toContainEqual({ deviceId: a.id, seq: expect.any(Number) as number, self: true });
    for (const app of [b, a]) {
      const r = await app.api.sync.now({ folder });
      expect(r.receipts.every((x) => x.status === 'imported'), JSON.stringify(r.receipts.map((x) => x.refusal))).toBe(true);
    }
    expect(await names(b)).toEqual(expect.arrayContaining(['备份前户', '备份后户', '恢复后户']));

    // Its next start: a new device id and key, vouched for by the old key.
    restored.close();
    opened.splice(opened.indexOf(restored), 1);
    restored = await open(restoredDir, null);
    expect(restored.id).not.toBe(a.id);
    expect((await restored.api.device.status()).setUp).toBe(true);
    await household(restored, '新身份户');
    await restored.api.sync.now({ folder });
    const enrolled = await c.api.sync.now({ folder });
    expect(enrolled.receipts.every((r) => r.status === 'imported'), JSON.stringify(enrolled.receipts.map((x) => x.refusal))).toBe(true);
    expect(enrolled.receipts.flatMap((r) => r.enrolled ?? [])).toContainEqual(expect.objectContaining({ deviceId: restored.id, issuer: a.id }));
    // Everyone keeps receiving everyone's files, and ends with the same ledgers.
    await household(a, '旧机再写户');
    await household(b, '二村户', b.villageId!);
    for (let round = 0; round < 2; round++) {
      for (const app of [a, b, c, restored]) {
        const r = await app.api.sync.now({ folder });
        expect(r.receipts.every((x) => x.status === 'imported'), JSON.stringify(r.receipts.map((x) => x.refusal))).toBe(true);
      }
    }
    const ledgers = dumpLedgers(c.context.db.sqlite);
    for (const app of [a, b, restored]) expect(dumpLedgers(app.context.db.sqlite)).toBe(ledgers);
    expect(await names(c)).toEqual(expect.arrayContaining(['备份前户', '备份后户', '恢复后户', '新身份户', '旧机再写户', '二村户']));
  });
});
