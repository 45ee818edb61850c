// device.*, demo.load and app.info through the whole app, and what survives closing and
// reopening a data folder: the device id, the data, and a clock that never runs backwards.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME, openApp } from '../../../electron/services/app';
import { DEMO_TOWNSHIP } from '../../../electron/services/demo';
import { LATEST_SCHEMA_VERSION } from '../../../db/open';
import { DEVICE_ID_PATTERN } from '../../../db/ids';
import { V } from '../../../shared/domain/validation';
import type { DeviceProfile } from '../../../shared/domain/device';
import { APP_START_TIME, expectOk, expectRefused, openTestApp, SECRETARY_SETUP, snapshotDatabase, type TestApp } from '../../helpers/openedApp';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();

const FINGERPRINT = /^[0-9A-F]{4}( [0-9A-F]{4}){7}$/;

async function withApp(body: (app: TestApp, dataDir: string) => Promise<void>): Promise<void> {
  const dataDir = tempDir();
  const app = await openTestApp(dataDir);
  try {
    await body(app, dataDir);
  } finally {
    app.close();
  }
}

function maxChangeId(app: { context: TestApp['context'] }): string {
  return app.context.db.sqlite.prepare('SELECT max(id) FROM changes').pluck().get() as string;
}

describe('app.info', () => {
  it('names the version, the schema version and where the data lives', async () => {
    await withApp(async (app, dataDir) => {
      expect(await expectOk(app, 'app.info')).toEqual({
        version: 'test',
        schemaVersion: LATEST_SCHEMA_VERSION,
        dataDir,
        databaseFile: join(dataDir, DATABASE_FILE_NAME),
        nativeDialogs: false, // the test app, like the browser host, has no native dialogs
        clockBehindMs: 0,
      });
    });
  });

  it('says how far the computer\'s clock runs behind what the ledger has recorded (a clock set back)', async () => {
    await withApp(async (app) => {
      await expectOk(app, 'device.setup', SECRETARY_SETUP);
      app.advance(-3 * 24 * 3_600_000);
      expect((await expectOk(app, 'app.info')).clockBehindMs).toBe(3 * 24 * 3_600_000);
      app.advance(3 * 24 * 3_600_000 + 60_000);
      expect((await expectOk(app, 'app.info')).clockBehindMs).toBe(0);
    });
  });
});

describe('device.setup', () => {
  it('is not set up at first; setup makes the villages and a profile with this device id and key fingerprint', async () => {
    await withApp(async (app) => {
      expect(await expectOk(app, 'device.status')).toEqual({ setUp: false });

      const profile = await expectOk(app, 'device.setup', {
        ...SECRETARY_SETUP,
        name: ' 李明 ',
        county: '',
        villages: [{ name: '李家村', code: '371325101201' }, { name: ' 王庄村 ' }],
      });
      expect(profile).toEqual({
        deviceId: app.context.identity.deviceId,
        role: 'secretary',
        name: '李明',
        unit: '省农业农村厅',
        unitLevel: 'province',
        township: '青石镇',
        county: null,
        villageIds: [expect.any(String), expect.any(String)],
        keyFingerprint: app.context.identity.keyFingerprint,
        demo: false,
      });
      expect(profile.deviceId).toMatch(DEVICE_ID_PATTERN);
      expect(profile.keyFingerprint).toMatch(FINGERPRINT);
      expect(await expectOk(app, 'device.status')).toEqual({ setUp: true, profile });

      const villages = await Promise.all(profile.villageIds.map((id) => expectOk(app, 'villages.get', { id })));
      expect(villages.map((v) => [v.name, v.code, v.township, v.county])).toEqual([
        ['李家村', '371325101201', '青石镇', null],
        ['王庄村', null, '青石镇', null],
      ]);
      expect((await expectOk(app, 'villages.list')).total).toBe(2);
    });
  });

  it('lets a coordinator set up with no village', async () => {
    await withApp(async (app) => {
      const profile = await expectOk(app, 'device.setup', { role: 'coordinator', name: '王芳', unit: '青石镇人民政府', unitLevel: 'township', township: '青石镇' });
      expect(profile).toMatchObject({ role: 'coordinator', villageIds: [], county: null, demo: false });
      expect(await expectOk(app, 'villages.list')).toEqual({ items: [], total: 0 });
    });
  });

  it('happens only once: a second setup is ALREADY_SET_UP and changes nothing', async () => {
    await withApp(async (app) => {
      const profile = await expectOk(app, 'device.setup', SECRETARY_SETUP);
      const before = app.snapshot();
      const error = await expectRefused(app, 'device.setup', { ...SECRETARY_SETUP, name: '张三', villages: [{ name: '新民村' }] });
      expect(error.code).toBe('ALREADY_SET_UP');
      expect(app.snapshot()).toBe(before);
      expect(await expectOk(app, 'device.status')).toEqual({ setUp: true, profile });
    });
  });

  // BUG (electron/services/device.ts, 'device.setup'): setup creates each listed village with
  // store.create and never applies the one-name-per-township rule that villages.create and
  // villages.update enforce (refuseDuplicateName in villages.ts), so a setup listing 李家村 twice
  // stores two 李家村 in 青石镇. Expected: INVALID_INPUT, issue { path: ['villages', 1, 'name'],
  // message: 'validation.duplicateVillage' }, and nothing stored.
  it('refuses a setup that lists one village name twice, as villages.create would', async () => {
    await withApp(async (app) => {
      const before = app.snapshot();
      const error = await expectRefused(app, 'device.setup', { ...SECRETARY_SETUP, villages: [{ name: '李家村' }, { name: ' 李家村' }] });
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.issues).toContainEqual({ path: ['villages', 1, 'name'], message: V.duplicateVillage });
      expect(app.snapshot()).toBe(before);
    });
  });
});

describe('demo.load', () => {
  it('on a fresh device makes the demo township and a demo coordinator profile', async () => {
    await withApp(async (app) => {
      const profile = await expectOk(app, 'demo.load');
      expect(profile).toMatchObject({ role: 'coordinator', demo: true, township: DEMO_TOWNSHIP.township, deviceId: app.context.identity.deviceId });
      expect(profile.keyFingerprint).toMatch(FINGERPRINT);
      expect(profile.villageIds).toHaveLength(6);

      const list = await expectOk(app, 'villages.list');
      expect(list.total).toBe(6);
      expect(list.items.map((v) => v.id).sort()).toEqual([...profile.villageIds].sort());
      expect(list.items.every((v) => v.township === DEMO_TOWNSHIP.township && v.county === DEMO_TOWNSHIP.county && /^\d{12}$/.test(v.code ?? ''))).toBe(true);
      expect(await expectOk(app, 'device.status')).toEqual({ setUp: true, profile });
    });
  });

  it('is ALREADY_SET_UP on a set-up device (or a second time), and then changes nothing', async () => {
    await withApp(async (app) => {
      await expectOk(app, 'device.setup', SECRETARY_SETUP);
      const before = app.snapshot();
      expect((await expectRefused(app, 'demo.load')).code).toBe('ALREADY_SET_UP');
      expect(app.snapshot()).toBe(before);
    });
    await withApp(async (app) => {
      await expectOk(app, 'demo.load');
      const before = app.snapshot();
      expect((await expectRefused(app, 'demo.load')).code).toBe('ALREADY_SET_UP');
      expect((await expectRefused(app, 'device.setup', SECRETARY_SETUP)).code).toBe('ALREADY_SET_UP');
      expect(app.snapshot()).toBe(before);
    });
  });
});

describe('reopening a data folder', () => {
  it('keeps the device id, key, profile and data, and stamps new changes after the old ones though the wall clock went back', async () => {
    const dataDir = tempDir();
    const first = await openTestApp(dataDir, APP_START_TIME + 86_400_000);
    const profile = await expectOk(first, 'device.setup', SECRETARY_SETUP);
    const wang = await expectOk(first, 'villages.create', { name: '王庄村', township: '青石镇' });
    const oldMax = maxChangeId(first);
    const oldCount = first.context.db.sqlite.prepare('SELECT count(*) FROM changes').pluck().get() as number;
    const dump = snapshotDatabase(first.context.db.sqlite);
    first.close();

    // A day earlier, and falling further back at every reading.
    let wall = APP_START_TIME;
    const second = await openApp({ dataDir, appVersion: 'test', now: () => (wall -= 1_000) });
    try {
      expect(second.context.identity).toEqual(first.context.identity);
      expect(snapshotDatabase(second.context.db.sqlite)).toBe(dump);
      expect(await expectOk(second, 'device.status')).toEqual({ setUp: true, profile: { ...profile, villageIds: [...profile.villageIds, wang.id] } });

      const shi = await expectOk(second, 'villages.create', { name: '石桥村', township: '青石镇' });
      await expectOk(second, 'villages.update', { id: wang.id, patch: { notes: '修路' } });
      await expectOk(second, 'villages.delete', { id: profile.villageIds[0]! });
      const fresh = second.context.db.sqlite.prepare('SELECT id, hlc FROM changes WHERE id > ? ORDER BY id').all(oldMax) as { id: string; hlc: string }[];
      const all = second.context.db.sqlite.prepare('SELECT count(*) FROM changes').pluck().get() as number;
      expect(fresh.length).toBe(5 + 1 + 1);
      expect(all).toBe(oldCount + fresh.length);
      expect(fresh.every((c) => c.hlc > oldMax.slice(0, 16))).toBe(true);
      // The stamps shown to a person do not run backwards either.
      expect(shi.createdAt >= wang.createdAt).toBe(true);
      expect((await expectOk(second, 'villages.get', { id: wang.id })).updatedAt >= wang.updatedAt).toBe(true);
    } finally {
      second.close();
    }
  });
});

describe('two devices in one process', () => {
  it('have different device ids and keys, and do not see each other’s data', async () => {
    const one = await openTestApp(tempDir());
    const two = await openTestApp(tempDir());
    try {
      expect(one.context.identity.deviceId).not.toBe(two.context.identity.deviceId);
      expect(one.context.identity.keyFingerprint).not.toBe(two.context.identity.keyFingerprint);
      const p1: DeviceProfile = await expectOk(one, 'device.setup', SECRETARY_SETUP);
      expect(await expectOk(two, 'device.status')).toEqual({ setUp: false });
      const p2 = await expectOk(two, 'demo.load');
      expect(p1.deviceId).toBe(one.context.identity.deviceId);
      expect(p2.deviceId).toBe(two.context.identity.deviceId);
      expect((await expectOk(one, 'villages.list')).total).toBe(1);
      expect((await expectOk(two, 'villages.list')).total).toBe(6);
    } finally {
      one.close();
      two.close();
    }
  });
});
