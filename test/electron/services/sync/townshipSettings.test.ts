// The township's days-in-village threshold and plan duties, through real files: the coordinator
// sets them (a signed declaration in every export's header), the secretary receives them and may
// not change them; a secretary-signed or forged declaration refuses the file and stores nothing;
// a newer one replaces an older one; a district relays them.
import { afterEach, describe, expect, it } from 'vitest';
import { APP_START_TIME, openTestApp, SECRETARY_SETUP, type TestApp } from '../../../helpers/openedApp';
import { useTempDirs } from '../../../helpers/tempDir';
import { loadDeviceKeys } from '../../../../db/sync/segments/index';
import { issueTownshipSettings, listTownshipSettings, recordTownshipSettings } from '../../../../db/sync/townshipSettings';
import { DEFAULT_DUTIES } from '../../../../shared/domain/settings';
import { P } from '../../../../shared/domain/party/messages';
import { before, happy } from '../../../shared/party/partyFixtures';

const tempDir = useTempDirs();
const opened: TestApp[] = [];
afterEach(() => {
  for (const app of opened.splice(0)) app.close();
});

type Device = TestApp & { id: string; villageId: string | undefined };
const OTHER_DUTIES = ['建强村党组织', '推进强村富民', '提升治理水平', '为民办事服务'];

async function device(setup: Parameters<TestApp['api']['device']['setup']>[0]): Promise<Device> {
  const app = await openTestApp(tempDir());
  opened.push(app);
  const profile = await app.api.device.setup(setup);
  return Object.assign(app, { villageId: profile.villageIds[0], id: profile.deviceId });
}

async function trust(who: TestApp, whom: Device, name: string, role: 'secretary' | 'coordinator' | 'district', township: string | null = null, villages = whom.villageId ? [whom.villageId] : []) {
  await who.api.devices.trust({ deviceId: whom.id, publicKey: whom.context.identity.publicKeyPem, name, role, villages, township, ...(role === 'district' ? { townships: ['青石镇', '白河镇'] } : {}) });
}

async function exported(from: TestApp): Promise<string> {
  return (await from.api.sync.exportFile({ path: tempDir(), full: true })).file!;
}

/** The database as it stands, its pending changes sealed first (an import seals them too). */
async function settled(app: TestApp): Promise<string> {
  await exported(app);
  return app.snapshot();
}

const imported = async (to: TestApp, file: string) => (await to.api.sync.importFiles({ paths: [file] })).receipts[0]!;

/** 李明 (a) and 王芳 (b) of 青石镇, their coordinator 赵镇 (c), and a district (d) that trusts only c. */
async function township() {
  const a = await device(SECRETARY_SETUP);
  const b = await device({ ...SECRETARY_SETUP, name: '王芳', villages: [{ name: '张家村', code: '371325101202' }] });
  const c = await device({ ...SECRETARY_SETUP, role: 'coordinator', name: '赵镇', villages: [] });
  const d = await device({ ...SECRETARY_SETUP, role: 'district', name: '县组织部', township: '青石镇', townships: ['青石镇', '白河镇'], villages: [] });
  await trust(c, a, '李明', 'secretary');
  await trust(c, b, '王芳', 'secretary');
  await trust(a, c, '赵镇', 'coordinator', '青石镇');
  await trust(a, b, '王芳', 'secretary');
  await trust(d, c, '赵镇', 'coordinator', '青石镇');
  for (const x of [a, b, c, d]) x.setTime(APP_START_TIME);
  // The coordinator holds her secretaries' villages: her files carry their segments (and the settings).
  await imported(c, await exported(a));
  await imported(c, await exported(b));
  return { a, b, c, d };
}

describe("the township's settings travel from its coordinator, through real files", () => {
  it('the coordinator sets 22 days and another duty set; the secretary receives them, sees whose they are, and may not change them', async () => {
    const { a, c } = await township();
    const before = await a.api.settings.get();
    expect(before).toMatchObject({ presenceThreshold: 20, duties: [...DEFAULT_DUTIES], township: { name: '青石镇', issuerName: null, mayChange: false } });

    const set = await c.api.settings.update({ presenceThreshold: 22, duties: OTHER_DUTIES });
    expect(set).toMatchObject({ presenceThreshold: 22, duties: OTHER_DUTIES, township: { issuerName: '赵镇', mayChange: true } });

    expect(await imported(a, await exported(c))).toMatchObject({ status: 'imported', refusal: null });
    const seen = await a.api.settings.get();
    expect(seen).toMatchObject({ presenceThreshold: 22, duties: OTHER_DUTIES, township: { name: '青石镇', issuerName: '赵镇', issuedAt: new Date(APP_START_TIME).toISOString(), mayChange: false } });

    const stored = await settled(a);
    const settingsRows = () => JSON.stringify(listTownshipSettings(a.context.db.sqlite));
    const rows = settingsRows();
    await expect(a.api.settings.update({ presenceThreshold: 15 })).rejects.toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['presenceThreshold'], message: 'township.setByCoordinator' }] });
    await expect(a.api.settings.update({ duties: ['随便写写'] })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(a.snapshot()).toBe(stored);
    expect(settingsRows()).toBe(rows);
    expect((await a.api.settings.get()).presenceThreshold).toBe(22);
    // Her own settings stay hers.
    expect(await a.api.settings.update({ needDueDays: 14 })).toMatchObject({ needDueDays: 14, presenceThreshold: 22 });
  });

  it("the coordinator's member-development clocks travel too: the secretary's listing 7 months after activist, refused before, is kept once the file with a 6-month period is in", async () => {
    const { a, c } = await township();
    const { id } = await a.api.candidates.create({ villageId: a.villageId!, name: '孙晓东', sex: 'male', birthYear: 1995 });
    for (const step of [...before('evaluation'), happy('evaluation', { stepDate: '2023-11-15' })]) await a.api.steps.create({ villageId: a.villageId!, candidateId: id, ...step } as never);
    const listing = { villageId: a.villageId!, candidateId: id, ...happy('target', { stepDate: '2023-12-10' }) } as never;
    await expect(a.api.steps.create(listing)).rejects.toMatchObject({ issues: [{ path: ['stepDate'], message: P.activistTooSoon }] });
    expect(await c.api.settings.update({ partyClocks: { activistAtLeast: 6 } })).toMatchObject({ partyClocks: { activistAtLeast: 6 } });
    expect(await imported(a, await exported(c))).toMatchObject({ status: 'imported', refusal: null });
    expect(await a.api.settings.get()).toMatchObject({ partyClocks: { activistAtLeast: 6, probation: 12 }, township: { issuerName: '赵镇', mayChange: false } });
    expect(await a.api.steps.create(listing)).toMatchObject({ step: 'target' });
    await expect(a.api.settings.update({ partyClocks: {} })).rejects.toMatchObject({ issues: [{ path: ['partyClocks'], message: 'township.setByCoordinator' }] });
  });

  it('a declaration signed by a secretary refuses the whole file, and nothing is stored', async () => {
    const { a, b, c } = await township();
    const sqlite = b.context.db.sqlite;
    recordTownshipSettings(sqlite, issueTownshipSettings(loadDeviceKeys(sqlite), { township: '青石镇', presenceThreshold: 5, duties: ['偷懒'], issuedAt: new Date(APP_START_TIME).toISOString() }), 'now');
    const file = await exported(b);
    for (const to of [a, c]) {
      const stored = await settled(to);
      const receipt = await imported(to, file);
      expect(receipt.status).toBe('refused');
      expect(receipt.refusal?.reason).toBe('BAD_TOWNSHIP_SETTINGS');
      expect(receipt.refusal?.message).toContain(`device ${b.id} sets the settings of 青石镇`);
      expect(to.snapshot()).toBe(stored);
      expect(listTownshipSettings(to.context.db.sqlite)).toEqual([]);
      expect((await to.api.settings.get()).presenceThreshold).toBe(20);
    }
  });

  it('a forged declaration (the coordinator signed 22, the file says 5) refuses the whole file, and nothing is stored', async () => {
    const { a, b, c } = await township();
    const signed = issueTownshipSettings(loadDeviceKeys(c.context.db.sqlite), { township: '青石镇', presenceThreshold: 22, duties: OTHER_DUTIES, issuedAt: new Date(APP_START_TIME).toISOString() });
    recordTownshipSettings(b.context.db.sqlite, { ...signed, presenceThreshold: 5 }, 'now');
    const file = await exported(b);
    const stored = await settled(a);
    const receipt = await imported(a, file);
    expect(receipt.refusal?.reason).toBe('BAD_TOWNSHIP_SETTINGS');
    expect(receipt.refusal?.message).toContain('altered or forged');
    expect(a.snapshot()).toBe(stored);
    expect(listTownshipSettings(a.context.db.sqlite)).toEqual([]);
  });

  it('a newer declaration replaces an older one, and an older one arriving late changes nothing', async () => {
    const { a, c } = await township();
    await c.api.settings.update({ presenceThreshold: 22, duties: OTHER_DUTIES });
    const older = await exported(c);
    c.setTime(APP_START_TIME + 60_000);
    await c.api.settings.update({ presenceThreshold: 18 });
    const newer = await exported(c);

    expect(await imported(a, newer)).toMatchObject({ status: 'imported' });
    expect(await a.api.settings.get()).toMatchObject({ presenceThreshold: 18, duties: OTHER_DUTIES, township: { issuedAt: new Date(APP_START_TIME + 60_000).toISOString() } });
    expect(await imported(a, older)).toMatchObject({ status: 'imported', refusal: null });
    expect(await a.api.settings.get()).toMatchObject({ presenceThreshold: 18 });
  });

  it('a district relays them: a secretary who trusts only the district gets the coordinator\'s declaration from its file', async () => {
    const { c, d } = await township();
    await c.api.settings.update({ presenceThreshold: 22, duties: OTHER_DUTIES });
    expect(await imported(d, await exported(c))).toMatchObject({ status: 'imported', refusal: null });
    expect(await d.api.settings.get()).toMatchObject({ presenceThreshold: 22, duties: OTHER_DUTIES, township: { issuerName: '赵镇', mayChange: true } });

    const e = await device({ ...SECRETARY_SETUP, name: '孙丽', villages: [{ name: '王家村', code: '371325101203' }] });
    await trust(e, d, '县组织部', 'district');
    expect(await imported(e, await exported(d))).toMatchObject({ status: 'imported', refusal: null });
    expect(await e.api.settings.get()).toMatchObject({ presenceThreshold: 22, duties: OTHER_DUTIES, township: { mayChange: false } });
    expect(listTownshipSettings(e.context.db.sqlite)).toEqual(listTownshipSettings(c.context.db.sqlite));
  });

  it('two coordinators setting them at the same moment: every replica keeps the same one (the greater device id), whatever the order of the files', async () => {
    const { a, b, c } = await township();
    const c2 = await device({ ...SECRETARY_SETUP, role: 'coordinator', name: '钱镇', villages: [] });
    c2.setTime(APP_START_TIME);
    await trust(c2, a, '李明', 'secretary');
    expect(await imported(c2, await exported(a))).toMatchObject({ status: 'imported' });
    for (const secretary of [a, b]) await trust(secretary, c2, '钱镇', 'coordinator', '青石镇');
    await trust(b, c, '赵镇', 'coordinator', '青石镇');
    await c.api.settings.update({ presenceThreshold: 22 });
    await c2.api.settings.update({ presenceThreshold: 24 });
    const fromC = await exported(c);
    const fromC2 = await exported(c2);

    for (const file of [fromC, fromC2]) expect(await imported(a, file)).toMatchObject({ status: 'imported', refusal: null });
    for (const file of [fromC2, fromC]) expect(await imported(b, file)).toMatchObject({ status: 'imported', refusal: null });
    const winner = c.id > c2.id ? { threshold: 22, name: '赵镇' } : { threshold: 24, name: '钱镇' };
    for (const secretary of [a, b]) {
      expect(await secretary.api.settings.get()).toMatchObject({ presenceThreshold: winner.threshold, township: { issuerName: winner.name } });
    }
  });

  it('a change of the settings alone goes out in the next file, though nothing else changed; with no change, no file', async () => {
    const { a, c } = await township();
    const folder = tempDir();
    const exportTo = async () => (await c.api.sync.exportFile({ path: folder })).file;
    expect(await exportTo()).not.toBeNull();
    expect(await exportTo()).toBeNull();
    await c.api.settings.update({ presenceThreshold: 22 });
    const file = await exportTo();
    expect(file).not.toBeNull();
    expect(await exportTo()).toBeNull();
    expect(await imported(a, file!)).toMatchObject({ status: 'imported', refusal: null });
    expect((await a.api.settings.get()).presenceThreshold).toBe(22);
  });
});
