// Saved folder targets through the API: checked before saving, run on demand in the same
// layout as `sync.now` (sharing its marks), files of untrusted devices read again once trusted,
// and the refusals a screen shows.
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { V } from '../../../../shared/domain/validation';
import { expectRefused, SECRETARY_SETUP } from '../../../helpers/openedApp';
import { useTempDirs } from '../../../helpers/tempDir';
import { openSyncDevice, recordVisit, township, type SyncDevice } from './syncApps';

const tempDir = useTempDirs();
const opened: SyncDevice[] = [];
afterEach(() => {
  for (const device of opened.splice(0)) device.close();
});

async function three() {
  const devices = await township(tempDir);
  opened.push(devices.a, devices.b, devices.c);
  return { ...devices, folder: tempDir() };
}

const UUID = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

describe('a saved folder target', () => {
  it('refuses a folder that is not there, names the field, and stores nothing', async () => {
    const { a } = await three();
    const before = JSON.stringify(a.context.db.sqlite.prepare('SELECT * FROM sync_targets').all());
    const error = await expectRefused(a, 'sync.saveTarget', { kind: 'folder', name: 'U盘', folder: join(tempDir(), 'not-plugged-in') });
    expect(error).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['folder'], message: V.folderMissing }] });
    expect(JSON.stringify(a.context.db.sqlite.prepare('SELECT * FROM sync_targets').all())).toBe(before);
    expect(await expectRefused(a, 'sync.saveTarget', { id: UUID, kind: 'folder', name: 'U盘', folder: tempDir() })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await expectRefused(a, 'sync.deleteTarget', { id: UUID })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await expectRefused(a, 'sync.run', { id: UUID })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('syncs on demand in the layout and with the marks of sync.now', async () => {
    const { a, b, c, folder } = await three();
    const ids = await Promise.all([a, b, c].map(async (d) => (await d.api.sync.saveTarget({ kind: 'folder', name: '共享文件夹', folder })).id));
    await recordVisit(a);
    await recordVisit(b);
    const out = await a.api.sync.run({ id: ids[0]! });
    expect(out.exported!.file).toMatch(new RegExp(`^${folder}/${a.id}/[0-9a-f-]{36}\\.cunji$`));
    expect(readdirSync(join(folder, a.id))).toEqual([out.exported!.file!.split('/').pop()]);
    // The same folder through sync.now: its marks are the saved target's, so nothing is sent twice.
    expect((await a.api.sync.now({ folder })).exported.file).toBeNull();
    await b.api.sync.run({ id: ids[1]! });
    const atC = await c.api.sync.run({ id: ids[2]! });
    expect(atC.status.lastCounts).toMatchObject({ filesIn: 2, changesIn: atC.receipts.reduce((n, r) => n + r.changesNew, 0), refused: 0 });
    expect((await c.api.visits.list({})).total).toBe(2);
    const again = await c.api.sync.run({ id: ids[2]! });
    expect(again.receipts).toEqual([]);
    expect(again.status.lastCounts).toMatchObject({ filesIn: 0, filesOut: 1 }); // the coordinator relays once
  });

  it('reads a file refused from an untrusted device again once that device is trusted', async () => {
    const { c, folder } = await three();
    const stranger = await openSyncDevice(tempDir(), { ...SECRETARY_SETUP, name: '陌生人', villages: [{ name: '新民村' }] });
    opened.push(stranger);
    await recordVisit(stranger);
    await stranger.api.sync.now({ folder });
    const { id } = await c.api.sync.saveTarget({ kind: 'folder', name: '共享文件夹', folder });
    const refused = await c.api.sync.run({ id });
    expect(refused.receipts.map((r) => [r.status, r.refusal?.reason])).toEqual([['refused', 'UNKNOWN_DEVICE']]);
    expect(refused.status.lastCounts).toMatchObject({ refused: 1, filesIn: 0 });
    await c.api.devices.trust({ deviceId: stranger.id, publicKey: stranger.context.identity.publicKeyPem, name: '陌生人', role: 'secretary', villages: [stranger.villageId!] });
    const accepted = await c.api.sync.run({ id });
    expect(accepted.receipts.map((r) => r.status)).toEqual(['imported']);
    expect((await c.api.visits.list({})).total).toBe(1);
  });

  it('says the folder is missing (and unreachable) when the stick is pulled after saving', async () => {
    const { a } = await three();
    const stick = join(tempDir(), 'U盘');
    mkdirSync(stick);
    const { id } = await a.api.sync.saveTarget({ kind: 'folder', name: 'U盘', folder: stick });
    rmSync(stick, { recursive: true });
    const run = await a.api.sync.run({ id });
    expect(run.status).toMatchObject({ reachable: false, lastError: { code: 'FOLDER_MISSING' } });
    expect(run.exported).toBeNull();
    expect(a.context.db.sqlite.prepare('SELECT * FROM export_marks').all()).toEqual([]);
  });
});
