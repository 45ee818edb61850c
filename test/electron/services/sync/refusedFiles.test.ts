// A file refused once (an untrusted device, junk) is not downloaded again on every run — a metered
// WebDAV account (坚果云) pays for each byte — until something that decided the refusal changes:
// this device trusts someone new, Cunji is updated, the passphrase changes, or the file itself.
// Real databases, a real WebDAV server in process, a real shared folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openApp } from '../../../../electron/services/app';
import { createClient } from '../../../../shared/api/client';
import { APP_START_TIME, SECRETARY_SETUP, transportOf } from '../../../helpers/openedApp';
import { useTempDirs } from '../../../helpers/tempDir';
import { DAV_PASSWORD, DAV_USER, startDavServer, type DavServer } from './davServer';
import { openSyncDevice, QUICK_WEBDAV, recordVisit, SECOND_SECRETARY, trustFor, type SyncDevice } from './syncApps';
import { villageNamesIn } from '../../../helpers/databaseDump';

const tempDir = useTempDirs();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const FOLDER = '村记';
const JUNK_DEVICE = '0123456789abcdef0123456789abcdef';

/** 李明 (a) and 王芳 (x), who do not trust each other, and a WebDAV folder both have saved. */
async function strangers(): Promise<{ dav: DavServer; a: SyncDevice; x: SyncDevice; ta: string; tx: string; aDir: string }> {
  const dav = await startDavServer();
  cleanups.push(() => dav.close());
  const aDir = tempDir();
  const a = await openSyncDevice(aDir, SECRETARY_SETUP);
  const x = await openSyncDevice(tempDir(), SECOND_SECRETARY);
  cleanups.push(() => x.close());
  const url = `${dav.origin}${encodeURIComponent(FOLDER)}/`;
  const save = async (d: SyncDevice) => (await d.api.sync.saveTarget({ kind: 'webdav', name: '坚果云', url, username: DAV_USER, password: DAV_PASSWORD })).id;
  return { dav, a, x, ta: await save(a), tx: await save(x), aDir };
}

/** Downloads of files in `device`'s folder on the server, since the `from`th request (the sender reads its upload back). */
const downloadsFrom = (dav: DavServer, device: string, from = 0) =>
  dav.requests.slice(from).filter((r) => r.method === 'GET' && r.path.startsWith(`/${FOLDER}/${device}/`)).length;

describe('a refused file on a WebDAV server', () => {
  it('is downloaded once over several runs, and again (and imported) once this device trusts its sender', async () => {
    const { dav, a, x, ta, tx } = await strangers();
    cleanups.push(() => a.close());
    await recordVisit(x);
    expect((await x.api.sync.run({ id: tx })).status.lastError).toBeNull();
    const sent = dav.requests.length;

    const first = await a.api.sync.run({ id: ta });
    expect(first.receipts.map((r) => [r.status, r.refusal?.reason])).toEqual([['refused', 'UNKNOWN_DEVICE']]);
    expect(first.skippedRefused).toBe(0);
    for (let run = 0; run < 3; run++) {
      const again = await a.api.sync.run({ id: ta });
      expect(again.receipts).toEqual([]);
      expect(again.skippedRefused).toBe(1);
      expect(again.status.lastCounts).toMatchObject({ refused: 0, skippedRefused: 1 });
    }
    expect(downloadsFrom(dav, x.id, sent)).toBe(1);

    await trustFor(a, x, '王芳', 'secretary', [x.villageId!]);
    const trusted = await a.api.sync.run({ id: ta });
    expect(trusted.receipts.map((r) => r.status)).toEqual(['imported']);
    expect(trusted.skippedRefused).toBe(0);
    expect(downloadsFrom(dav, x.id, sent)).toBe(2);
    expect(villageNamesIn(a.context.db.sqlite)).toEqual(['张家村', '李家村']);
    // Delivered now: neither fetched nor counted as refused again.
    expect((await a.api.sync.run({ id: ta })).skippedRefused).toBe(0);
    expect(downloadsFrom(dav, x.id, sent)).toBe(2);
  });

  it('is downloaded again once after Cunji is updated (a newer version may read it), then skipped again', async () => {
    const { dav, a, x, ta, tx, aDir } = await strangers();
    await recordVisit(x);
    await x.api.sync.run({ id: tx });
    const sent = dav.requests.length;
    await a.api.sync.run({ id: ta });
    await a.api.sync.run({ id: ta });
    expect(downloadsFrom(dav, x.id, sent)).toBe(1);
    a.close();

    const updated = await openApp({ dataDir: aDir, appVersion: 'test-next', now: () => APP_START_TIME, sync: { autoStart: false, webdav: QUICK_WEBDAV } });
    cleanups.push(() => updated.close());
    const api = createClient(transportOf(updated));
    expect((await api.sync.run({ id: ta })).receipts.map((r) => r.status)).toEqual(['refused']);
    expect(downloadsFrom(dav, x.id, sent)).toBe(2);
    expect((await api.sync.run({ id: ta })).skippedRefused).toBe(1);
    expect(downloadsFrom(dav, x.id, sent)).toBe(2);
  });

  it('is downloaded twice when it is damaged (a transfer may spoil a good file), then left alone until it changes', async () => {
    const { dav, a, ta } = await strangers();
    cleanups.push(() => a.close());
    const junkDir = join(dav.disk, FOLDER, JUNK_DEVICE);
    await a.api.sync.run({ id: ta }); // creates the folder on the server
    mkdirSync(junkDir, { recursive: true });
    writeFileSync(join(junkDir, 'junk.cunji'), Buffer.alloc(4096, 7));
    const reasons = [];
    for (let run = 0; run < 4; run++) reasons.push(...(await a.api.sync.run({ id: ta })).receipts.map((r) => r.refusal?.reason));
    expect(reasons).toEqual(['BAD_MAGIC', 'BAD_MAGIC']);
    expect(downloadsFrom(dav, JUNK_DEVICE)).toBe(2);

    // Another file under the same name (another size) is fetched.
    writeFileSync(join(junkDir, 'junk.cunji'), Buffer.alloc(5000, 7));
    expect((await a.api.sync.run({ id: ta })).receipts).toHaveLength(1);
    expect(downloadsFrom(dav, JUNK_DEVICE)).toBe(3);
    // And a new passphrase sends this device to look at everything refused again.
    await a.api.sync.setPassphrase({ passphrase: '青石镇二〇二六年的口令' });
    expect((await a.api.sync.run({ id: ta })).receipts).toHaveLength(1);
    expect(downloadsFrom(dav, JUNK_DEVICE)).toBe(4);
  });
});

describe('a refused file in a shared folder', () => {
  it('is read once over several runs and counted as skipped, and read and imported once its sender is trusted', async () => {
    const folder = tempDir();
    const a = await openSyncDevice(tempDir(), SECRETARY_SETUP);
    const x = await openSyncDevice(tempDir(), SECOND_SECRETARY);
    cleanups.push(() => [a, x].forEach((d) => d.close()));
    const save = async (d: SyncDevice) => (await d.api.sync.saveTarget({ kind: 'folder', name: '共享文件夹', folder })).id;
    const [ta, tx] = [await save(a), await save(x)];
    await recordVisit(x);
    await x.api.sync.run({ id: tx });

    const runs = [];
    for (let run = 0; run < 3; run++) {
      const result = await a.api.sync.run({ id: ta });
      runs.push([result.receipts.map((r) => r.status), result.skippedRefused]);
    }
    expect(runs).toEqual([[['refused'], 0], [[], 1], [[], 1]]);

    await trustFor(a, x, '王芳', 'secretary', [x.villageId!]);
    expect((await a.api.sync.run({ id: ta })).receipts.map((r) => r.status)).toEqual(['imported']);
    expect(villageNamesIn(a.context.db.sqlite)).toEqual(['张家村', '李家村']);
  });
});
