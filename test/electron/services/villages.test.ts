// villages.*: the assisted villages through the whole app (dispatch → handlers → store → a real
// SQLite file): ordering, literal search, patches that write only what changed, one name per
// township, tombstones, and the secretary's scope.
import { describe, expect, it } from 'vitest';
import { V } from '../../../shared/domain/validation';
import { APP_START_TIME, expectOk, expectRefused, openTestApp, SECRETARY_SETUP, type TestApp } from '../../helpers/openedApp';
import { useTempDirs } from '../../helpers/tempDir';
import { villageNamesIn } from '../../helpers/databaseDump';
import { villageOfAnotherTownship } from '../../helpers/foreignVillage';

const tempDir = useTempDirs();

const COORDINATOR_SETUP = {
  role: 'coordinator',
  name: '王芳',
  unit: '青石镇人民政府',
  unitLevel: 'township',
  township: '青石镇',
  county: '临河县',
} as const;

const MISSING_ID = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

async function withApp(setup: 'none' | 'secretary' | 'coordinator' | 'district', body: (app: TestApp) => Promise<void>): Promise<void> {
  const app = await openTestApp(tempDir());
  try {
    if (setup === 'secretary') await expectOk(app, 'device.setup', SECRETARY_SETUP);
    if (setup === 'coordinator') await expectOk(app, 'device.setup', COORDINATOR_SETUP);
    if (setup === 'district') await expectOk(app, 'device.setup', { ...COORDINATOR_SETUP, role: 'district', unitLevel: 'county', townships: ['青石镇', '东山镇'] });
    await body(app);
  } finally {
    app.close();
  }
}

function changesOf(app: TestApp, rowId: string): { col: string; value: string; hlc: string; seen: string }[] {
  return app.context.db.sqlite.prepare('SELECT col, value, hlc, seen FROM changes WHERE row_id = ? ORDER BY id').all(rowId) as never;
}

async function names(app: TestApp, search?: string): Promise<string[]> {
  const list = await expectOk(app, 'villages.list', search === undefined ? undefined : { search });
  expect(list.total).toBe(list.items.length);
  return list.items.map((v) => v.name);
}

describe('before setup', () => {
  it('refuses every write with NOT_SET_UP and stores nothing; reads see an empty ledger', async () => {
    await withApp('none', async (app) => {
      const before = app.snapshot();
      expect((await expectRefused(app, 'villages.create', { name: '李家村', township: '青石镇' })).code).toBe('NOT_SET_UP');
      expect((await expectRefused(app, 'villages.update', { id: MISSING_ID, patch: { name: '王庄村' } })).code).toBe('NOT_SET_UP');
      expect((await expectRefused(app, 'villages.delete', { id: MISSING_ID })).code).toBe('NOT_SET_UP');
      expect(app.snapshot()).toBe(before);
      expect(await expectOk(app, 'villages.list')).toEqual({ items: [], total: 0 });
      expect((await expectRefused(app, 'villages.get', { id: MISSING_ID })).code).toBe('NOT_FOUND');
    });
  });
});

describe('villages.create and villages.get', () => {
  it('stores the trimmed input, empty optional text as null, stamped with the wall clock', async () => {
    await withApp('secretary', async (app) => {
      app.setTime(APP_START_TIME + 3_600_000);
      const created = await expectOk(app, 'villages.create', { name: '  王庄村 ', township: '\u3000青石镇', code: ' 371325101202 ', county: '   ', notes: '' });
      expect(created).toEqual({
        id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
        name: '王庄村',
        township: '青石镇',
        code: '371325101202',
        county: null,
        notes: null,
        createdAt: new Date(APP_START_TIME + 3_600_000).toISOString(),
        updatedAt: new Date(APP_START_TIME + 3_600_000).toISOString(),
      });
      expect(await expectOk(app, 'villages.get', { id: created.id })).toEqual(created);
      expect(await expectOk(app, 'villages.create', { name: '石桥村', township: '青石镇' })).toMatchObject({ code: null, county: null, notes: null });
    });
  });

  it("adds a secretary's new village to their scope, and leaves a coordinator's scope alone", async () => {
    await withApp('secretary', async (app) => {
      const first = (await expectOk(app, 'device.status')) as { profile: { villageIds: string[] } };
      const created = await expectOk(app, 'villages.create', { name: '王庄村', township: '青石镇' });
      const after = (await expectOk(app, 'device.status')) as { profile: { villageIds: string[] } };
      expect(after.profile.villageIds).toEqual([...first.profile.villageIds, created.id]);
    });
    await withApp('coordinator', async (app) => {
      await expectOk(app, 'villages.create', { name: '王庄村', township: '青石镇' });
      expect(await expectOk(app, 'device.status')).toMatchObject({ profile: { villageIds: [] } });
    });
  });

  it('refuses a second village of the same name in one township, and stores nothing', async () => {
    await withApp('secretary', async (app) => {
      const before = app.snapshot();
      for (const name of ['李家村', '  李家村  ']) {
        const error = await expectRefused(app, 'villages.create', { name, township: '青石镇', notes: '重复' });
        expect(error.code).toBe('INVALID_INPUT');
        expect(error.issues).toEqual([{ path: ['name'], message: V.duplicateVillage }]);
      }
      expect(app.snapshot()).toBe(before);
      expect(await names(app)).toEqual(['李家村']);
    });
  });

  it('allows the same name in another township, and again once the first is deleted', async () => {
    await withApp('secretary', async (app) => {
      const other = await expectOk(app, 'villages.create', { name: '李家村', township: '白沙镇' });
      expect(other.township).toBe('白沙镇');
      const [original] = (await expectOk(app, 'villages.list', { search: '李家村' })).items.filter((v) => v.township === '青石镇');
      await expectOk(app, 'villages.delete', { id: original!.id });
      const again = await expectOk(app, 'villages.create', { name: '李家村', township: '青石镇' });
      expect(again.id).not.toBe(original!.id);
    });
  });
});

describe('where a village may be created', () => {
  it("refuses a coordinator's village in a township she does not keep, naming the scope, and stores nothing", async () => {
    await withApp('coordinator', async (app) => {
      const before = app.snapshot();
      const error = await expectRefused(app, 'villages.create', { name: '张庄村', township: '白河镇' });
      expect([error.code, error.issues]).toEqual(['INVALID_INPUT', [{ path: ['township'], message: V.townshipNotKept }]]);
      expect(app.snapshot()).toBe(before);
      expect((await expectOk(app, 'villages.create', { name: '张庄村', township: '青石镇' })).township).toBe('青石镇');
    });
    await withApp('district', async (app) => {
      for (const township of ['青石镇', '东山镇']) await expectOk(app, 'villages.create', { name: '张庄村', township });
      expect((await expectRefused(app, 'villages.create', { name: '张庄村', township: '白河镇' })).issues).toEqual([{ path: ['township'], message: V.townshipNotKept }]);
    });
  });
});

describe('a change of township', () => {
  it('asks first, naming the move, and writes nothing until it is confirmed', async () => {
    await withApp('secretary', async (app) => {
      const [village] = (await expectOk(app, 'villages.list')).items;
      const before = app.snapshot();
      const asked = await expectRefused(app, 'villages.update', { id: village!.id, patch: { township: '白河镇', notes: '划到白河镇' } });
      expect(asked.code).toBe('NEEDS_CONFIRMATION');
      expect(asked.issues).toEqual([{ path: ['township'], message: V.villageMove }]);
      expect(asked.message).toContain('李家村 moves from 青石镇 to 白河镇');
      expect(app.snapshot()).toBe(before);
      // Another edit of the same village asks nothing.
      await expectOk(app, 'villages.update', { id: village!.id, patch: { notes: '修了路' } });
      const moved = await expectOk(app, 'villages.update', { id: village!.id, patch: { township: '白河镇' }, confirm: ['villageMove'] });
      expect(moved.township).toBe('白河镇');
      // She keeps her village wherever it is.
      expect(await names(app)).toEqual(['李家村']);
    });
  });
});

describe('villages.list', () => {
  it('orders by township, then name (code point order), whatever the order of creation', async () => {
    await withApp('district', async (app) => {
      // 东 U+4E1C < 青 U+9752;  李 U+674E < 王 U+738B < 石 U+77F3.
      for (const [name, township] of [
        ['石桥村', '青石镇'],
        ['王庄村', '东山镇'],
        ['李家村', '青石镇'],
        ['王庄村', '青石镇'],
        ['石桥村', '东山镇'],
      ] as const) {
        await expectOk(app, 'villages.create', { name, township });
      }
      const list = await expectOk(app, 'villages.list');
      expect(list.items.map((v) => `${v.township}/${v.name}`)).toEqual(['东山镇/王庄村', '东山镇/石桥村', '青石镇/李家村', '青石镇/王庄村', '青石镇/石桥村']);
      expect(list.total).toBe(5);
    });
  });

  it('searches names with %, _ and \\ taken literally, and trims the search', async () => {
    await withApp('coordinator', async (app) => {
      for (const name of ['百分%村', '下划_村', '反斜\\村', '普通村', 'ab村']) await expectOk(app, 'villages.create', { name, township: '青石镇' });
      expect(await names(app, '%')).toEqual(['百分%村']);
      expect(await names(app, '_')).toEqual(['下划_村']);
      expect(await names(app, '\\')).toEqual(['反斜\\村']);
      expect(await names(app, '%村')).toEqual(['百分%村']);
      expect(await names(app, 'a_')).toEqual([]);
      expect(await names(app, '  普通 ')).toEqual(['普通村']);
      expect((await names(app, '村')).sort()).toEqual(['ab村', '下划_村', '反斜\\村', '普通村', '百分%村'].sort());
      expect(await names(app, '   ')).toHaveLength(5);
      expect(await names(app, '不存在')).toEqual([]);
    });
  });
});

describe('villages.update', () => {
  it('writes a change only for the columns the patch changes, and moves updatedAt', async () => {
    await withApp('secretary', async (app) => {
      const village = await expectOk(app, 'villages.create', { name: '王庄村', township: '青石镇', code: '371325101202', county: '临河县', notes: '旧' });
      const before = changesOf(app, village.id);
      expect(before.map((c) => c.col)).toEqual(['name', 'code', 'township', 'county', 'notes']);

      app.advance(60_000);
      const updated = await expectOk(app, 'villages.update', {
        id: village.id,
        patch: { name: '王家庄村', township: '青石镇', code: '371325101202', county: ' 临河县 ', notes: '新修了路' },
      });
      expect(updated).toEqual({ ...village, name: '王家庄村', notes: '新修了路', updatedAt: new Date(APP_START_TIME + 60_000).toISOString() });

      const after = changesOf(app, village.id);
      const added = after.slice(before.length);
      expect(added.map((c) => [c.col, JSON.parse(c.value) as unknown])).toEqual([
        ['name', '王家庄村'],
        ['notes', '新修了路'],
      ]);
      expect(added.every((c) => c.hlc > before.at(-1)!.hlc)).toBe(true);
      expect(await expectOk(app, 'villages.get', { id: village.id })).toEqual(updated);
    });
  });

  it('leaves out of the patch what it does not mention, and clears optional text with "" or null', async () => {
    await withApp('secretary', async (app) => {
      const village = await expectOk(app, 'villages.create', { name: '王庄村', township: '青石镇', code: '371325101202', county: '临河县', notes: '旧' });
      const count = changesOf(app, village.id).length;
      expect(await expectOk(app, 'villages.update', { id: village.id, patch: { notes: '' } })).toMatchObject({ code: '371325101202', county: '临河县', notes: null });
      expect(await expectOk(app, 'villages.update', { id: village.id, patch: { code: null, county: '  ' } })).toMatchObject({ name: '王庄村', code: null, county: null, notes: null });
      expect(changesOf(app, village.id).slice(count).map((c) => [c.col, c.value])).toEqual([
        ['notes', 'null'],
        ['code', 'null'],
        ['county', 'null'],
      ]);
    });
  });

  it('writes nothing for an empty patch or one that changes nothing', async () => {
    await withApp('secretary', async (app) => {
      const village = await expectOk(app, 'villages.create', { name: '王庄村', township: '青石镇' });
      const before = app.snapshot();
      app.advance(60_000);
      expect(await expectOk(app, 'villages.update', { id: village.id, patch: {} })).toEqual(village);
      expect(await expectOk(app, 'villages.update', { id: village.id, patch: { name: ' 王庄村 ', code: '' } })).toEqual(village);
      expect(app.snapshot()).toBe(before);
    });
  });

  it('refuses a rename or a move that would make two villages of one name in a township', async () => {
    await withApp('secretary', async (app) => {
      const wang = await expectOk(app, 'villages.create', { name: '王庄村', township: '青石镇' });
      const elsewhere = await expectOk(app, 'villages.create', { name: '李家村', township: '白沙镇' });
      const before = app.snapshot();
      for (const [id, patch] of [
        [wang.id, { name: '李家村' }],
        [wang.id, { name: '李家村', notes: '改名' }],
        [elsewhere.id, { township: '青石镇' }],
      ] as const) {
        const error = await expectRefused(app, 'villages.update', { id, patch });
        expect(error.code).toBe('INVALID_INPUT');
        expect(error.issues).toEqual([{ path: ['name'], message: V.duplicateVillage }]);
      }
      expect(app.snapshot()).toBe(before);
      // Renaming a village to its own name, or moving it to a township without that name, is fine.
      await expectOk(app, 'villages.update', { id: wang.id, patch: { name: '王庄村', township: '青石镇' } });
      await expectOk(app, 'villages.update', { id: elsewhere.id, patch: { township: '东山镇' }, confirm: ['villageMove'] });
    });
  });

  it('answers NOT_FOUND for a village that does not exist', async () => {
    await withApp('secretary', async (app) => {
      const before = app.snapshot();
      expect((await expectRefused(app, 'villages.update', { id: MISSING_ID, patch: { name: '王庄村' } })).code).toBe('NOT_FOUND');
      expect(app.snapshot()).toBe(before);
    });
  });
});

describe('villages.delete', () => {
  it('leaves a tombstone: the row is kept with deleted_at, hidden from list and get, and cannot be deleted or edited again', async () => {
    await withApp('secretary', async (app) => {
      const wang = await expectOk(app, 'villages.create', { name: '王庄村', township: '青石镇' });
      const heads = changesOf(app, wang.id).length;
      app.advance(60_000);
      expect(await expectOk(app, 'villages.delete', { id: wang.id })).toEqual({ id: wang.id });

      const row = app.context.db.sqlite.prepare('SELECT name, deleted_at FROM villages WHERE id = ?').get(wang.id) as { name: string; deleted_at: string | null };
      expect(row).toEqual({ name: '王庄村', deleted_at: new Date(APP_START_TIME + 60_000).toISOString() });
      const tombstone = changesOf(app, wang.id);
      expect(tombstone).toHaveLength(heads + 1);
      expect(tombstone.at(-1)).toMatchObject({ col: '_row', value: '"deleted"' });

      expect(await names(app)).toEqual(['李家村']);
      expect(await names(app, '王庄')).toEqual([]);
      expect((await expectRefused(app, 'villages.get', { id: wang.id })).code).toBe('NOT_FOUND');

      const before = app.snapshot();
      expect((await expectRefused(app, 'villages.delete', { id: wang.id })).code).toBe('NOT_FOUND');
      expect((await expectRefused(app, 'villages.update', { id: wang.id, patch: { notes: '复活' } })).code).toBe('NOT_FOUND');
      expect((await expectRefused(app, 'villages.delete', { id: MISSING_ID })).code).toBe('NOT_FOUND');
      expect(app.snapshot()).toBe(before);
    });
  });
});

describe('villages this device does not keep', () => {
  const outOfScope = [{ path: ['id'], message: V.villageOutOfScope }];

  it("refuses a secretary's edit or deletion of a neighbour's village she received by sync, and changes nothing", async () => {
    const a = await openTestApp(tempDir());
    const b = await openTestApp(tempDir());
    try {
      const own = (await expectOk(a, 'device.setup', SECRETARY_SETUP)).villageIds[0]!;
      const theirs = (await expectOk(b, 'device.setup', { ...SECRETARY_SETUP, name: '王芳', villages: [{ name: '张家村' }] })).villageIds[0]!;
      const trust = (who: TestApp, whom: TestApp, name: string, village: string) =>
        expectOk(who, 'devices.trust', { deviceId: whom.context.identity.deviceId, publicKey: whom.context.identity.publicKeyPem, name, role: 'secretary', villages: [village], township: null });
      await trust(a, b, '王芳', theirs);
      await trust(b, a, '李明', own);
      const folder = tempDir();
      await expectOk(b, 'sync.now', { folder });
      await expectOk(a, 'sync.now', { folder });
      // Her neighbour's village is in the database, and not on her list: she does not keep it.
      expect(villageNamesIn(a.context.db.sqlite)).toEqual(['张家村', '李家村']);
      expect(await names(a)).toEqual(['李家村']);
      expect((await expectOk(a, 'villages.get', { id: theirs })).name).toBe('张家村');

      const before = a.snapshot();
      const update = await expectRefused(a, 'villages.update', { id: theirs, patch: { notes: '李明改的' } });
      expect([update.code, update.issues]).toEqual(['INVALID_INPUT', outOfScope]);
      const remove = await expectRefused(a, 'villages.delete', { id: theirs });
      expect([remove.code, remove.issues]).toEqual(['INVALID_INPUT', outOfScope]);
      expect(a.snapshot()).toBe(before);
      expect(villageNamesIn(a.context.db.sqlite)).toEqual(['张家村', '李家村']);
      // Her own village she edits as before.
      await expectOk(a, 'villages.update', { id: own, patch: { notes: '李明改的' } });
    } finally {
      a.close();
      b.close();
    }
  });

  it("refuses a coordinator's edit or deletion of a village of another township", async () => {
    await withApp('coordinator', async (app) => {
      const home = await expectOk(app, 'villages.create', { name: '王庄村', township: '青石镇' });
      const elsewhere = villageOfAnotherTownship(app, '张庄村', '白河镇');
      expect(await names(app)).toEqual(['王庄村']);
      const before = app.snapshot();
      expect((await expectRefused(app, 'villages.update', { id: elsewhere.id, patch: { name: '新张庄村' } })).issues).toEqual(outOfScope);
      expect((await expectRefused(app, 'villages.delete', { id: elsewhere.id })).issues).toEqual(outOfScope);
      expect(app.snapshot()).toBe(before);
      await expectOk(app, 'villages.update', { id: home.id, patch: { notes: '镇里改的' } });
    });
  });
});
