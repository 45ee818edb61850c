// Two secretaries, their township coordinator and a district device sync through one shared
// folder and a relayed file: scope, trust, conflicts, relays, repeats and damaged files.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dumpLedgers } from '../../../../db/sync/dump';
import type { Sqlite } from '../../../../db/open';
import { expectOk, expectRefused, openTestApp, SECRETARY_SETUP, type TestApp } from '../../../helpers/openedApp';
import { prepareSample } from '../../../helpers/ledgerSamples';
import { useTempDirs } from '../../../helpers/tempDir';
import { villageNamesIn } from '../../../helpers/databaseDump';

const tempDir = useTempDirs();
const opened: TestApp[] = [];
afterEach(() => {
  for (const app of opened.splice(0)) app.close();
});

const HOUR = 3_600_000;

/** Every table, every row, in a fixed order: what "byte-identical" means here. */
export function dumpAll(sqlite: Sqlite): string {
  const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  return tables
    .map((t) => `${t}\n${sqlite.prepare(`SELECT * FROM "${t}" ORDER BY 1, 2`).all().map((r) => JSON.stringify(r, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v))).join('\n')}`)
    .join('\n====\n');
}

async function device(setup: Parameters<TestApp['api']['device']['setup']>[0]): Promise<TestApp & { villageId: string | undefined; id: string }> {
  const app = await openTestApp(tempDir());
  opened.push(app);
  const profile = await app.api.device.setup(setup);
  return Object.assign(app, { villageId: profile.villageIds[0], id: profile.deviceId });
}

async function township() {
  const a = await device(SECRETARY_SETUP);
  const b = await device({ ...SECRETARY_SETUP, name: '王芳', villages: [{ name: '张家村', code: '371325101202' }] });
  const c = await device({ ...SECRETARY_SETUP, role: 'coordinator', name: '赵镇', villages: [] });
  const d = await device({ ...SECRETARY_SETUP, role: 'coordinator', name: '县区', township: '临河县直', villages: [] });
  const trust = async (who: TestApp, whom: TestApp & { villageId: string | undefined; id: string }, role: 'secretary' | 'coordinator') => {
    await who.api.devices.trust({
      deviceId: whom.id,
      publicKey: whom.context.identity.publicKeyPem,
      name: role,
      role,
      villages: whom.villageId ? [whom.villageId] : [],
      township: role === 'coordinator' ? '青石镇' : null,
    });
  };
  await trust(a, b, 'secretary');
  await trust(a, c, 'coordinator');
  await trust(b, a, 'secretary');
  await trust(b, c, 'coordinator');
  await trust(c, a, 'secretary');
  await trust(c, b, 'secretary');
  await trust(d, a, 'secretary');
  await trust(d, b, 'secretary');
  await trust(d, c, 'coordinator');
  return { a, b, c, d, folder: tempDir() };
}

async function recordVisit(app: TestApp, villageId: string): Promise<string> {
  const input = await prepareSample(app, 'visits', villageId);
  return (await expectOk(app, 'visits.create', input as never)).id;
}

describe('a township syncing through one shared folder', () => {
  it('moves both villages to the coordinator, flags and resolves a conflict, and relays to the district unchanged', async () => {
    const { a, b, c, d, folder } = await township();
    await recordVisit(a, a.villageId!);
    await recordVisit(b, b.villageId!);
    const household = await a.api.households.create({ villageId: a.villageId!, headName: '王建国', villagerGroup: '第一组', category: 'ordinary' });

    const exportedA = await a.api.sync.now({ folder });
    expect(exportedA.exported.file).toMatch(new RegExp(`/${a.id}/[0-9a-f-]{36}\\.cunji$`));
    await b.api.sync.now({ folder });
    const atC = await c.api.sync.now({ folder });
    expect(atC.receipts.map((r) => r.status)).toEqual(['imported', 'imported']);
    expect(atC.receipts.every((r) => Object.keys(r.setAside).length === 0)).toBe(true);
    expect(villageNamesIn(c.context.db.sqlite)).toEqual(['张家村', '李家村']);
    expect((await c.api.visits.list({ })).total).toBe(2);

    // Concurrent edits of one cell: the secretary and the coordinator, neither seeing the other.
    a.advance(HOUR);
    c.advance(HOUR);
    await a.api.households.update({ id: household.id, patch: { address: '村东头' } });
    await c.api.households.update({ id: household.id, patch: { address: '村西头' } });
    await a.api.sync.now({ folder });
    const second = await c.api.sync.now({ folder });
    expect(second.receipts.filter((r) => r.status === 'imported').map((r) => r.conflictsCreated)).toEqual([1]);
    const { items } = await c.api.conflicts.list();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ tbl: 'households', rowId: household.id, col: 'address' });
    expect(items[0]!.heads.map((h) => h.value).sort()).toEqual(['村东头', '村西头']);
    expect(items[0]!.heads.map((h) => h.originName).sort()).toEqual(['secretary', '赵镇'].sort());
    const shown = items[0]!.heads.find((h) => h.shown)!.value;
    // Resolving to the value already shown still writes a change that has seen both heads.
    await c.api.conflicts.resolve({ tbl: 'households', rowId: household.id, col: 'address', value: shown });
    expect((await c.api.conflicts.list()).items).toEqual([]);
    expect((await c.api.households.get({ id: household.id })).address).toBe(shown);

    // The coordinator's township file, relayed to the district: same ledgers, origins' signatures kept.
    const exportDir = tempDir();
    const townshipFile = await c.api.sync.exportFile({ path: exportDir });
    expect(townshipFile.file).not.toBeNull();
    const atD = await d.api.sync.importFiles({ paths: [townshipFile.file!] });
    expect(atD.receipts[0]).toMatchObject({ status: 'imported', setAside: {}, refusal: null });
    expect(dumpLedgers(d.context.db.sqlite)).toBe(dumpLedgers(c.context.db.sqlite));

    // The same files again: everything known, nothing changes.
    const before = dumpAll(d.context.db.sqlite);
    const again = await d.api.sync.importFiles({ paths: [townshipFile.file!] });
    expect(again.receipts[0]).toMatchObject({ status: 'already-imported', changesNew: 0 });
    expect(dumpAll(d.context.db.sqlite)).toBe(before);
    await c.api.sync.now({ folder }); // sends the resolution
    const beforeC = dumpAll(c.context.db.sqlite);
    const repeat = await c.api.sync.now({ folder });
    expect(repeat.receipts).toEqual([]);
    expect(repeat.known).toBeGreaterThan(0);
    expect(repeat.exported.file).toBeNull();
    expect(dumpAll(c.context.db.sqlite)).toBe(beforeC);
  });

  it('takes a cloud client\'s "conflicted copy" as the same file, and skips .part and unreadable files', async () => {
    const { a, c, folder } = await township();
    await recordVisit(a, a.villageId!);
    const { exported } = await a.api.sync.now({ folder });
    const copy = exported.file!.replace(/\.cunji$/, ' (conflicted copy 2026-11-27).cunji');
    copyFileSync(exported.file!, copy);
    writeFileSync(join(folder, a.id, 'half-written.cunji.part'), 'CUNJI01\n');
    mkdirSync(join(folder, 'somebody'));
    writeFileSync(join(folder, 'somebody', 'junk.cunji'), 'not a bundle');
    writeFileSync(join(folder, 'stray-file.txt'), 'x');
    const result = await c.api.sync.now({ folder });
    // The copy and the original: one is imported, the other is known by its hash and skipped.
    const names = [copy, exported.file!].map((p) => p.split('/').pop());
    expect(result.receipts.filter((r) => names.includes(r.file)).map((r) => r.status)).toEqual(['imported']);
    expect(result.known).toBe(1);
    expect(result.receipts.filter((r) => !names.includes(r.file)).map((r) => r.file)).toEqual(['junk.cunji']);
    expect(result.receipts.find((r) => r.file === 'junk.cunji')!.refusal!.reason).toBe('BAD_MAGIC');
    // Nothing written into other devices' folders, nothing deleted.
    expect(readdirSync(join(folder, a.id)).sort()).toHaveLength(3);
    expect(existsSync(join(folder, 'somebody', 'junk.cunji'))).toBe(true);
  });
});

describe('export', () => {
  it('writes only what the folder has not had (plus the last few again), never overwriting; full on request', async () => {
    const { a, folder } = await township();
    await recordVisit(a, a.villageId!);
    const first = await a.api.sync.exportFile({ path: folder });
    expect(first.full).toBe(true);
    const nothing = await a.api.sync.exportFile({ path: folder });
    expect(nothing.file).toBeNull();
    await recordVisit(a, a.villageId!);
    const next = await a.api.sync.exportFile({ path: folder });
    expect(next.full).toBe(false);
    expect(next.segments).toBeGreaterThan(1); // the new segment and the last ones again
    const full = await a.api.sync.exportFile({ path: folder, full: true });
    expect(full.full).toBe(true);
    expect(new Set([first.file, next.file, full.file]).size).toBe(3);
    expect(readdirSync(join(folder, a.id))).toHaveLength(3);
    expect(readFileSync(first.file!).length).toBe(first.bytes);
  });

  it('refuses a folder that does not exist, with a key a screen can show', async () => {
    const { a } = await township();
    const error = await expectRefused(a, 'sync.exportFile', { path: join(tempDir(), 'no-such-folder') });
    expect(error).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['path'], message: 'validation.folderMissing' }] });
    const now = await expectRefused(a, 'sync.now', { folder: join(tempDir(), 'nope') });
    expect(now.issues).toEqual([{ path: ['folder'], message: 'validation.folderMissing' }]);
  });
});

describe('import refusals', () => {
  it('a file that fails verification leaves the database byte-identical and names the reason', async () => {
    const { a, c, folder } = await township();
    await recordVisit(a, a.villageId!);
    const { exported } = await a.api.sync.now({ folder });
    const bytes = readFileSync(exported.file!);
    const damaged = join(tempDir(), 'damaged.cunji');
    const flipped = Buffer.from(bytes);
    flipped[200] = flipped[200]! ^ 0x40;
    writeFileSync(damaged, flipped);
    const cut = join(tempDir(), 'cut.cunji');
    writeFileSync(cut, bytes.subarray(0, bytes.length - 30));
    const before = dumpAll(c.context.db.sqlite);
    const { receipts } = await c.api.sync.importFiles({ paths: [damaged, cut, join(tempDir(), 'missing.cunji')] });
    expect(receipts.map((r) => [r.status, r.refusal?.reason])).toEqual([
      ['refused', 'HASH_MISMATCH'],
      ['refused', 'TRUNCATED'],
      ['refused', 'MISSING'],
    ]);
    expect(dumpAll(c.context.db.sqlite)).toBe(before);
  });

  it('an unknown device is refused with what a person needs to accept it; once trusted, its file imports', async () => {
    const stranger = await device({ ...SECRETARY_SETUP, name: '陌生人', villages: [{ name: '新民村' }] });
    const c = await device({ ...SECRETARY_SETUP, role: 'coordinator', name: '赵镇', villages: [] });
    const dir = tempDir();
    const { file } = await stranger.api.sync.exportFile({ path: dir });
    const before = dumpAll(c.context.db.sqlite);
    const [receipt] = (await c.api.sync.importFiles({ paths: [file!] })).receipts;
    expect(dumpAll(c.context.db.sqlite)).toBe(before);
    expect(receipt!.refusal!.reason).toBe('UNKNOWN_DEVICE');
    expect(receipt!.producer).toBe(stranger.id); // the screen can say whose file it is
    const offered = receipt!.refusal!.devices;
    expect(offered).toEqual([
      {
        deviceId: stranger.id,
        publicKey: stranger.context.identity.publicKeyPem,
        fingerprint: stranger.context.identity.keyFingerprint,
        name: '陌生人',
        role: 'secretary',
        township: '青石镇',
        townships: ['青石镇'],
        villages: [{ id: stranger.villageId, name: '新民村' }],
      },
    ]);
    await c.api.devices.trust({ deviceId: offered[0]!.deviceId, publicKey: offered[0]!.publicKey!, name: offered[0]!.name!, role: 'secretary', villages: [stranger.villageId!] });
    const [second] = (await c.api.sync.importFiles({ paths: [file!] })).receipts;
    expect(second).toMatchObject({ status: 'imported', setAside: {} });
    expect((await c.api.devices.list()).trusted.map((t) => t.deviceId)).toEqual([stranger.id]);
  });

  it('a known device id with another key is refused, and cannot be re-trusted with it', async () => {
    const a = await device(SECRETARY_SETUP);
    const impostorSource = await device(SECRETARY_SETUP);
    const c = await device({ ...SECRETARY_SETUP, role: 'coordinator', name: '赵镇', villages: [] });
    await c.api.devices.trust({ deviceId: a.id, publicKey: a.context.identity.publicKeyPem, name: 'a', role: 'secretary', villages: [a.villageId!] });
    const error = await expectRefused(c, 'devices.trust', { deviceId: a.id, publicKey: impostorSource.context.identity.publicKeyPem, name: 'a', role: 'secretary', villages: [] });
    expect(error.issues).toEqual([{ path: ['publicKey'], message: 'validation.keyMismatch' }]);
  });
});

describe('scope and quarantine', () => {
  it('a secretary device writing a village it is not enrolled for is set aside, not applied', async () => {
    const { a, b, c, folder } = await township();
    // Device B also keeps a second village (its own business), but C enrolled it only for 张家村.
    const other = await b.api.villages.create({ name: '外村', township: '别的镇' });
    await b.api.households.create({ villageId: other.id, headName: '外人', villagerGroup: '一组', category: 'ordinary' }).catch(() => undefined);
    await recordVisit(b, b.villageId!);
    await b.api.sync.now({ folder });
    const before = villageNamesIn(c.context.db.sqlite);
    const result = await c.api.sync.now({ folder });
    const receipt = result.receipts.find((r) => r.producer === b.id)!;
    expect(receipt.setAside.OUT_OF_SCOPE).toBeGreaterThan(0);
    expect(receipt.changesNew).toBeGreaterThan(0);
    const rows = c.context.db.sqlite.prepare("SELECT count(*) FROM villages WHERE id = ?").pluck().get(other.id);
    expect(rows).toBe(0);
    expect(c.context.db.sqlite.prepare("SELECT count(*) FROM quarantine WHERE reason = 'OUT_OF_SCOPE' AND file_hash = ?").pluck().get(receipt.fileHash)).toBe(receipt.setAside.OUT_OF_SCOPE);
    expect(villageNamesIn(c.context.db.sqlite)).toEqual([...before, '张家村'].sort());
    void a;
  });

  it('changes more than a day ahead of the importer are set aside and do not move its clock', async () => {
    const { a, c, folder } = await township();
    a.advance(48 * HOUR);
    await recordVisit(a, a.villageId!);
    await a.api.sync.now({ folder });
    const result = await c.api.sync.now({ folder });
    const receipt = result.receipts.find((r) => r.producer === a.id)!;
    expect(receipt.setAside.FUTURE_CLOCK).toBeGreaterThan(0);
    // The device's setup (village row) was written before the clock ran ahead: it is applied.
    expect(receipt.changesNew).toBeGreaterThan(0);
    expect(c.context.db.sqlite.prepare('SELECT count(*) FROM visits').pluck().get()).toBe(0);
    expect(parseInt(c.context.clock.last().slice(0, 12), 16)).toBeLessThan(c.context.now() + HOUR);
  });
});
