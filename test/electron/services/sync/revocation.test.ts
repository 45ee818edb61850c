// A lost or stolen laptop, through real files: the coordinator revokes the secretary's device;
// what it signed before the revocation is accepted (even arriving late), what it signed after is
// refused as REVOKED_DEVICE — in its own files, in a peer's relay, and at a district that learnt
// of the revocation only from the coordinator's file. The secretary goes on with a new device the
// coordinator vouches for. A forged or overreaching revocation refuses the file and stores nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { APP_START_TIME, openTestApp, SECRETARY_SETUP, type TestApp } from '../../../helpers/openedApp';
import { useTempDirs } from '../../../helpers/tempDir';
import { issueRevocation } from '../../../../db/sync/revocation';
import { loadDeviceKeys } from '../../../../db/sync/segments/index';
import { keyIdOf } from '../../../../db/sync/segments/seal';

const tempDir = useTempDirs();
const opened: TestApp[] = [];
afterEach(() => {
  for (const app of opened.splice(0)) app.close();
});

type Device = TestApp & { id: string; villageId: string | undefined };
const MINUTE = 60_000;

async function device(setup: Parameters<TestApp['api']['device']['setup']>[0]): Promise<Device> {
  const app = await openTestApp(tempDir());
  opened.push(app);
  const profile = await app.api.device.setup(setup);
  return Object.assign(app, { villageId: profile.villageIds[0], id: profile.deviceId });
}

async function trust(who: TestApp, whom: Device, name: string, role: 'secretary' | 'coordinator', township: string | null = null, villages = whom.villageId ? [whom.villageId] : []) {
  await who.api.devices.trust({ deviceId: whom.id, publicKey: whom.context.identity.publicKeyPem, name, role, villages, township });
}

/** Every device's clock set to `ms` (they are in one township; their clocks agree). */
function at(ms: number, ...devices: TestApp[]): void {
  for (const d of devices) d.setTime(ms);
}

async function exported(from: TestApp): Promise<string> {
  return (await from.api.sync.exportFile({ path: tempDir() })).file!;
}

let group = 0;
async function household(d: Device, headName: string): Promise<void> {
  await d.api.households.create({ villageId: d.villageId!, headName, villagerGroup: `第${++group}组`, category: 'ordinary' });
}

const heads = async (d: TestApp) => (await d.api.households.list({})).items.map((h) => h.headName).sort();

/** 李明 (a) and 王芳 (b) of 青石镇, their coordinator 赵镇 (c), and a district (d) that trusts only c. */
async function township() {
  const a = await device(SECRETARY_SETUP);
  const b = await device({ ...SECRETARY_SETUP, name: '王芳', villages: [{ name: '张家村', code: '371325101202' }] });
  const c = await device({ ...SECRETARY_SETUP, role: 'coordinator', name: '赵镇', villages: [] });
  const d = await device({ ...SECRETARY_SETUP, role: 'district', name: '县组织部', township: '青石镇', townships: ['青石镇', '白河镇'], villages: [] });
  await trust(c, a, '李明', 'secretary');
  await trust(c, b, '王芳', 'secretary');
  await trust(b, a, '李明', 'secretary');
  await trust(d, c, '赵镇', 'coordinator', '青石镇');
  return { a, b, c, d, all: [a, b, c, d] as const };
}

describe('revoking a lost laptop, through real files', () => {
  it('accepts what the device signed before the revocation, refuses what it signed after: at the coordinator, in a relay, and at the district', async () => {
    const { a, b, c, d, all } = await township();
    const T0 = APP_START_TIME;

    at(T0, ...all);
    await household(a, '张大山');
    const before = await exported(a);
    expect((await c.api.sync.importFiles({ paths: [before] })).receipts[0]).toMatchObject({ status: 'imported' });

    // Written and exported before the revocation, but it reaches the coordinator only later.
    at(T0 + 30 * MINUTE, ...all);
    await household(a, '刘春生');
    const late = await exported(a);

    at(T0 + 60 * MINUTE, ...all);
    const revoked = await c.api.devices.revoke({ deviceId: a.id, reason: '笔记本电脑被盗' });
    expect(revoked.revocations).toEqual([{ issuer: c.id, issuerName: null, revokedAt: new Date(T0 + 60 * MINUTE).toISOString(), reason: '笔记本电脑被盗' }]);

    // The thief writes on the laptop after the revocation.
    at(T0 + 120 * MINUTE, ...all);
    await household(a, '钱不明');
    const stolen = await exported(a);

    expect((await c.api.sync.importFiles({ paths: [late] })).receipts[0]).toMatchObject({ status: 'imported', refusal: null });
    const refusal = (await c.api.sync.importFiles({ paths: [stolen] })).receipts[0]!;
    expect(refusal.status).toBe('refused');
    expect(refusal.refusal?.reason).toBe('REVOKED_DEVICE');
    expect(refusal.refusal?.message).toContain(`"李明"'s computer (device ${a.id}) was revoked`);
    expect(refusal.refusal?.message).toContain(new Date(T0 + 60 * MINUTE).toISOString());
    expect(refusal.revoked).toEqual([expect.objectContaining({ deviceId: a.id, issuer: c.id, revokedAt: new Date(T0 + 60 * MINUTE).toISOString() })]);
    expect(await heads(c)).toEqual(['张大山', '刘春生'].sort());

    // 王芳 had not heard of the revocation: she takes the thief's file and relays it on.
    expect((await b.api.sync.importFiles({ paths: [stolen] })).receipts[0]).toMatchObject({ status: 'imported' });
    await household(b, '王秀英');
    const relay = await exported(b);
    const relayed = (await c.api.sync.importFiles({ paths: [relay] })).receipts[0]!;
    expect(relayed).toMatchObject({ status: 'imported', refusal: null });
    expect(relayed.revoked).toEqual([expect.objectContaining({ deviceId: a.id, issuer: c.id, segments: 1 })]);
    expect(relayed.revoked![0]!.message).toContain('REVOKED_DEVICE');
    expect(await heads(c)).toEqual(['张大山', '刘春生', '王秀英'].sort());

    // The district trusts only the coordinator: her file brings the devices and the revocation.
    const coordinatorFile = await exported(c);
    expect((await d.api.sync.importFiles({ paths: [coordinatorFile] })).receipts[0]).toMatchObject({ status: 'imported', refusal: null });
    expect(await heads(d)).toEqual(['张大山', '刘春生', '王秀英'].sort());
    const atDistrict = (await d.api.devices.list()).trusted.find((x) => x.deviceId === a.id);
    expect(atDistrict?.revocations).toEqual([{ issuer: c.id, issuerName: '赵镇', revokedAt: new Date(T0 + 60 * MINUTE).toISOString(), reason: '笔记本电脑被盗' }]);
    // The thief's file and 王芳's relay, read from the shared folder at the district: refused alike.
    expect((await d.api.sync.importFiles({ paths: [stolen] })).receipts[0]!.refusal?.reason).toBe('REVOKED_DEVICE');
    const relayAtDistrict = (await d.api.sync.importFiles({ paths: [relay] })).receipts[0]!;
    expect(relayAtDistrict.revoked?.[0]).toMatchObject({ deviceId: a.id, segments: 1 });
    expect(await heads(d)).toEqual(['张大山', '刘春生', '王秀英'].sort());
  });

  it('the secretary continues on a new device the coordinator vouches for; the district accepts it', async () => {
    const { a, c, d, all } = await township();
    at(APP_START_TIME, ...all);
    await household(a, '张大山');
    await c.api.sync.importFiles({ paths: [await exported(a)] });
    await c.api.devices.revoke({ deviceId: a.id, reason: '丢失' });

    // A new laptop, set up afresh: the coordinator compares its key and vouches for it.
    const fresh = await device(SECRETARY_SETUP);
    await trust(c, fresh, '李明', 'secretary');
    fresh.setTime(APP_START_TIME + 60 * MINUTE);
    await household(fresh, '孙新民');
    expect((await c.api.sync.importFiles({ paths: [await exported(fresh)] })).receipts[0]).toMatchObject({ status: 'imported' });
    const receipt = (await d.api.sync.importFiles({ paths: [await exported(c)] })).receipts[0]!;
    expect(receipt).toMatchObject({ status: 'imported', refusal: null });
    expect(receipt.enrolled?.map((e) => e.deviceId)).toContain(fresh.id);
    expect(await heads(d)).toEqual(['张大山', '孙新民'].sort());
  });

  it('a district revokes a coordinator: her files made after that are refused at the district', async () => {
    const { a, c, d, all } = await township();
    at(APP_START_TIME, ...all);
    await household(a, '张大山');
    await c.api.sync.importFiles({ paths: [await exported(a)] });
    expect((await d.api.sync.importFiles({ paths: [await exported(c)] })).receipts[0]).toMatchObject({ status: 'imported' });
    at(APP_START_TIME + 60 * MINUTE, ...all);
    await d.api.devices.revoke({ deviceId: c.id, reason: '协调员的电脑丢失' });
    at(APP_START_TIME + 120 * MINUTE, ...all);
    await c.api.villages.create({ name: '新建村', township: '青石镇' });
    const late = (await d.api.sync.importFiles({ paths: [await exported(c)] })).receipts[0]!;
    expect(late.refusal?.reason).toBe('REVOKED_DEVICE');
    expect(late.refusal?.message).toContain(`"赵镇"'s computer (device ${c.id}) was revoked by`);
    expect((await d.api.villages.list()).items.map((v) => v.name)).not.toContain('新建村');
  });

  it('a secretary may not revoke, nor a coordinator a device outside her township: nothing is stored', async () => {
    const { a, b, c } = await township();
    const refused = await b.api.devices.revoke({ deviceId: a.id, reason: '试试' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'INVALID_INPUT' });
    const elsewhere = await device({ ...SECRETARY_SETUP, role: 'coordinator', name: '白镇', township: '白河镇', villages: [] });
    await trust(elsewhere, a, '李明', 'secretary');
    expect(await elsewhere.api.devices.revoke({ deviceId: a.id, reason: '越权' }).catch((e: unknown) => e)).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await c.api.devices.revoke({ deviceId: '00000000000000ff', reason: '没有' }).catch((e: unknown) => e)).toMatchObject({ code: 'NOT_FOUND' });
    expect((await b.api.devices.list()).trusted.find((x) => x.deviceId === a.id)?.revocations).toBeUndefined();
    expect((await elsewhere.api.devices.list()).trusted.find((x) => x.deviceId === a.id)?.revocations).toBeUndefined();
  });

  it('a forged or overreaching revocation in a file is BAD_REVOCATION and stores nothing', async () => {
    const { a, b, c, all } = await township();
    at(APP_START_TIME, ...all);
    await household(b, '王秀英');
    const signer = loadDeviceKeys(b.context.db.sqlite);
    const plant = (issuer: string, signature?: string) => {
      const r = issueRevocation(signer, { deviceId: a.id, keyId: keyIdOf(a.context.identity.publicKeyPem), revokedAt: new Date(APP_START_TIME).toISOString(), seenSeq: 0, reason: '伪造' });
      b.context.db.sqlite.prepare('DELETE FROM revocations').run();
      b.context.db.sqlite
        .prepare('INSERT INTO revocations (device_id, issuer, key_id, revoked_at, seen_seq, reason, signature, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(r.deviceId, issuer, r.keyId, r.revokedAt, r.seenSeq, r.reason, signature ?? r.signature, r.revokedAt);
    };
    const before = c.snapshot();
    // 王芳 revokes 李明 herself: a secretary's scope holds no township.
    plant(b.id);
    const overreach = (await c.api.sync.importFiles({ paths: [await exported(b)] })).receipts[0]!;
    expect(overreach.refusal).toMatchObject({ reason: 'BAD_REVOCATION' });
    expect(overreach.refusal?.message).toMatch(new RegExp(`device ${b.id} revokes device ${a.id}, whose villages or township lie outside its own`));
    // …and one that claims the coordinator signed it.
    plant(c.id);
    const forged = (await c.api.sync.importFiles({ paths: [await exported(b)] })).receipts[0]!;
    expect(forged.refusal).toMatchObject({ reason: 'BAD_REVOCATION' });
    expect(forged.refusal?.message).toMatch(/not signed by device .*: it was altered or forged/);
    expect(c.snapshot()).toBe(before);
  });

  it('a newer enrolment by the same coordinator widens a device the district trusted on the older one', async () => {
    const { a, b, c, d, all } = await township();
    at(APP_START_TIME, ...all);
    await household(a, '张大山');
    await household(b, '王秀英');
    await c.api.sync.importFiles({ paths: [await exported(a), await exported(b)] });
    await d.api.sync.importFiles({ paths: [await exported(c)] });
    expect((await d.api.devices.list()).trusted.find((x) => x.deviceId === a.id)?.villages).toEqual([a.villageId]);

    at(APP_START_TIME + 60 * MINUTE, ...all);
    await trust(c, a, '李明', 'secretary', null, [a.villageId!, b.villageId!]);
    const receipt = (await d.api.sync.importFiles({ paths: [await exported(c)] })).receipts[0]!;
    expect(receipt).toMatchObject({ status: 'imported', refusal: null });
    expect(receipt.renewed).toEqual([{ deviceId: a.id, name: '李明', issuer: c.id, issuerName: '赵镇' }]);
    expect((await d.api.devices.list()).trusted.find((x) => x.deviceId === a.id)?.villages.sort()).toEqual([a.villageId, b.villageId].sort());
  });
});
