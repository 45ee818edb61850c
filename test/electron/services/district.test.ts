// A district (区县组织部) device through the whole app: set up with several townships, it keeps
// every village of each of them side by side (as a coordinator keeps one township), and no
// village of a township it does not keep; what it says about itself when syncing names them all.
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceSetupInput } from '../../../shared/domain/device';
import { V } from '../../../shared/domain/validation';
import { expectOk, expectRefused, openTestApp, type TestApp } from '../../helpers/openedApp';
import { useTempDirs } from '../../helpers/tempDir';
import { villageOfAnotherTownship } from '../../helpers/foreignVillage';

const tempDir = useTempDirs();

const DISTRICT = {
  role: 'district',
  name: '周强',
  unit: '临河县委组织部',
  unitLevel: 'county',
  county: '临河县',
  townships: ['青石镇', '白河镇'],
} as const satisfies DeviceSetupInput;

const coordinatorOf = (township: string, name: string) =>
  ({ role: 'coordinator', name, unit: `${township}人民政府`, unitLevel: 'township', township, county: '临河县' }) as const satisfies DeviceSetupInput;

const opened: TestApp[] = [];
afterEach(() => {
  for (const app of opened.splice(0)) app.close();
});

async function device(setup: DeviceSetupInput | null): Promise<TestApp> {
  const app = await openTestApp(tempDir());
  opened.push(app);
  if (setup) await expectOk(app, 'device.setup', setup);
  return app;
}

async function household(app: TestApp, villageId: string, headName: string): Promise<string> {
  return (await expectOk(app, 'households.create', { villageId, headName, villagerGroup: '一组', category: 'ordinary' })).id;
}

describe('device.setup for a district', () => {
  it('stores its townships, the first as its own, and no village', async () => {
    const app = await device(null);
    const profile = await expectOk(app, 'device.setup', { ...DISTRICT, townships: ['青石镇', ' 白河镇'] });
    expect(profile).toMatchObject({ role: 'district', township: '青石镇', townships: ['青石镇', '白河镇'], villageIds: [], demo: false });
    expect(await expectOk(app, 'device.status')).toEqual({ setUp: true, profile });
    expect(await expectOk(app, 'villages.list')).toEqual({ items: [], total: 0 });
  });

  it('refuses a district with no township, or one listed twice, and stores nothing', async () => {
    const app = await device(null);
    const before = app.snapshot();
    const none = await expectRefused(app, 'device.setup', { ...DISTRICT, townships: [] });
    expect(none).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['townships'], message: V.oneTownship }] });
    const twice = await expectRefused(app, 'device.setup', { ...DISTRICT, townships: ['青石镇', '青石镇'] });
    expect(twice).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['townships', 1], message: V.duplicateTownship }] });
    const coordinator = await expectRefused(app, 'device.setup', { ...coordinatorOf('青石镇', '赵敏'), townships: ['白河镇'] });
    expect(coordinator).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['townships'], message: V.townshipsDistrictOnly }] });
    expect(app.snapshot()).toBe(before);
    expect(await expectOk(app, 'device.status')).toEqual({ setUp: false });
  });
});

describe('what a district keeps', () => {
  it('every village of its townships side by side, none of another township', async () => {
    const app = await device(DISTRICT);
    const qingshi = await expectOk(app, 'villages.create', { name: '李家村', township: '青石镇' });
    const baihe = await expectOk(app, 'villages.create', { name: '河湾村', township: '白河镇' });
    const dongshan = villageOfAnotherTownship(app, '东山村', '东山镇');
    const li = await household(app, qingshi.id, '王大山');
    const he = await household(app, baihe.id, '刘长顺');
    // A row of the other township's village, as sync could bring it: written by the store.
    const theirs = app.context.store.create('households', dongshan.id, { head_name: '孙大海', category: 'ordinary' });

    const listed = await expectOk(app, 'households.list');
    expect(listed.items.map((h) => h.id).sort()).toEqual([li, he].sort());
    expect((await expectRefused(app, 'households.get', { id: theirs })).code).toBe('NOT_FOUND');
    const before = app.snapshot();
    const refused = await expectRefused(app, 'households.create', { villageId: dongshan.id, headName: '孙小海', villagerGroup: '一组', category: 'ordinary' });
    expect(refused).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['villageId'], message: V.villageOutOfScope }] });
    expect(app.snapshot()).toBe(before);
  });

  it('the coordinators\' files of both townships, trusted, side by side; its own device listed with all its townships', async () => {
    const district = await device(DISTRICT);
    const folder = tempDir();
    const villagesOf: Record<string, string> = {};
    for (const [township, name, village] of [['青石镇', '赵敏', '李家村'], ['白河镇', '钱进', '河湾村']] as const) {
      const coordinator = await device(coordinatorOf(township, name));
      const created = await expectOk(coordinator, 'villages.create', { name: village, township });
      villagesOf[village] = created.id;
      await household(coordinator, created.id, `${village}户主`);
      const { file } = await expectOk(coordinator, 'sync.exportFile', { path: folder });
      const refused = await expectOk(district, 'sync.importFiles', { paths: [file!] });
      const offered = refused.receipts[0]!.refusal!.devices[0]!;
      expect(offered).toMatchObject({ name, role: 'coordinator', township });
      await expectOk(district, 'devices.trust', { deviceId: offered.deviceId, publicKey: offered.publicKey!, name, role: 'coordinator', township });
      expect((await expectOk(district, 'sync.importFiles', { paths: [file!] })).receipts.map((r) => r.status)).toEqual(['imported']);
    }
    const listed = await expectOk(district, 'households.list');
    expect(listed.items.map((h) => [h.villageId, h.headName]).sort()).toEqual([
      [villagesOf['李家村'], '李家村户主'],
      [villagesOf['河湾村'], '河湾村户主'],
    ].sort());
    const { self } = await expectOk(district, 'devices.list');
    expect(self).toMatchObject({ role: 'district', township: '青石镇', townships: ['青石镇', '白河镇'], villages: [] });
  });

  it('is trusted by another device for each of its townships, and listed with all of them', async () => {
    const coordinator = await device(coordinatorOf('青石镇', '赵敏'));
    const district = await device(DISTRICT);
    const trusted = await expectOk(coordinator, 'devices.trust', {
      deviceId: district.context.identity.deviceId,
      publicKey: district.context.identity.publicKeyPem,
      name: '周强',
      role: 'district',
      townships: ['青石镇', '白河镇'],
    });
    expect(trusted).toMatchObject({ role: 'district', township: '青石镇', townships: ['青石镇', '白河镇'], villages: [] });
    expect((await expectOk(coordinator, 'devices.list')).trusted).toEqual([expect.objectContaining({ townships: ['青石镇', '白河镇'] })]);
  });

  it('names every township and village it keeps on the card its files carry, and is trusted for all of them from it', async () => {
    const district = await device(DISTRICT);
    for (const [name, township] of [['李家村', '青石镇'], ['河湾村', '白河镇']] as const) await expectOk(district, 'villages.create', { name, township });
    // A village of a township it does not keep (as sync would bring one) is not on its card.
    villageOfAnotherTownship(district, '东山村', '东山镇');
    const { file } = await expectOk(district, 'sync.exportFile', { path: tempDir() });
    const receiver = await device(coordinatorOf('青石镇', '赵敏'));
    const offered = (await expectOk(receiver, 'sync.importFiles', { paths: [file!] })).receipts[0]!.refusal!.devices[0]!;
    expect(offered).toMatchObject({ name: '周强', role: 'district', township: '青石镇', townships: ['青石镇', '白河镇'] });
    expect(offered.villages.map((v) => v.name).sort()).toEqual(['李家村', '河湾村'].sort());
    // What the trust card sends for a device that keeps whole townships: all its card names.
    await expectOk(receiver, 'devices.trust', { deviceId: offered.deviceId, publicKey: offered.publicKey!, name: offered.name!, role: 'district', villages: [], townships: offered.townships! });
    const listed = (await expectOk(receiver, 'devices.list')).trusted.find((d) => d.deviceId === offered.deviceId)!;
    expect(listed.townships).toEqual(['青石镇', '白河镇']);
    // And a relay passes the same card on: a third device sees both townships too.
    expect((await expectOk(receiver, 'sync.importFiles', { paths: [file!] })).receipts.map((r) => r.status)).toEqual(['imported']);
    const { file: relayed } = await expectOk(receiver, 'sync.exportFile', { path: tempDir() });
    const third = await device(coordinatorOf('白河镇', '孙丽'));
    const cards = (await expectOk(third, 'sync.importFiles', { paths: [relayed!] })).receipts[0]!.refusal!.devices;
    expect(cards.find((d) => d.deviceId === offered.deviceId)).toMatchObject({ townships: ['青石镇', '白河镇'] });
  });
});
