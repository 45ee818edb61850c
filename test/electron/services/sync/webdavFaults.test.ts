// WebDAV faults that would fill the server: a MOVE answered 507 (the account's storage full), a
// MOVE done on the server whose answer was lost, a `.part` an interrupted run left behind. Real
// devices, the real in-process WebDAV server, real files on its disk.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../helpers/tempDir';
import { DAV_PASSWORD, DAV_USER, loseMoveAnswers, quotaFullOnMove, startDavServer, type DavServer } from './davServer';
import { recordVisit, township, type SyncDevice } from './syncApps';

const tempDir = useTempDirs();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const FOLDER = '村记';

async function setting(): Promise<{ dav: DavServer; url: string; a: SyncDevice; b: SyncDevice; c: SyncDevice }> {
  const dav = await startDavServer();
  cleanups.push(() => dav.close());
  const { a, b, c } = await township(tempDir);
  cleanups.push(() => [a, b, c].forEach((d) => d.close()));
  return { dav, url: `${dav.origin}${encodeURIComponent(FOLDER)}/`, a, b, c };
}

async function saveTarget(device: SyncDevice, url: string): Promise<string> {
  return (await device.api.sync.saveTarget({ kind: 'webdav', name: '坚果云', url, username: DAV_USER, password: DAV_PASSWORD })).id;
}

const filesOnServer = (dav: DavServer, device: SyncDevice) => {
  const dir = join(dav.disk, FOLDER, device.id);
  return existsSync(dir) ? readdirSync(dir).sort() : [];
};

describe('WebDAV faults leave nothing behind on the server', () => {
  it('says "quota full" when a MOVE is answered 507, leaves no .part, and still receives the other devices\' files', async () => {
    const { dav, url, a, b } = await setting();
    const [ta, tb] = [await saveTarget(a, url), await saveTarget(b, url)];
    await recordVisit(b);
    expect((await b.api.sync.run({ id: tb })).status.lastError).toBeNull();
    await recordVisit(a);

    dav.setHook(quotaFullOnMove(1_000));
    for (let run = 0; run < 3; run++) {
      const result = await a.api.sync.run({ id: ta });
      expect(result.status.lastError?.code).toBe('QUOTA_FULL');
      expect(result.status.lastError?.message).toMatch(/storage on the server is full/);
      expect(filesOnServer(dav, a)).toEqual([]);
      // The download half ran: the other secretary's file came in on the first run.
      if (run === 0) expect(result.receipts.map((r) => [r.status, r.producer])).toEqual([['imported', b.id]]);
    }
    expect(a.context.db.sqlite.prepare("SELECT count(*) FROM export_marks WHERE target LIKE 'webdav:%'").pluck().get()).toBe(0);

    dav.setHook(null);
    expect((await a.api.sync.run({ id: ta })).status.lastError).toBeNull();
    expect(filesOnServer(dav, a)).toHaveLength(1);
  });

  it('recognises a file a lost MOVE answer left in place, by name and read-back hash: the run succeeds and nothing is sent twice', async () => {
    const { dav, url, a } = await setting();
    const ta = await saveTarget(a, url);
    await recordVisit(a);
    dav.setHook(loseMoveAnswers(1));
    const first = await a.api.sync.run({ id: ta });
    expect(first.status.lastError).toBeNull();
    expect(filesOnServer(dav, a)).toHaveLength(1);
    expect(filesOnServer(dav, a)[0]).toMatch(/\.cunji$/);

    dav.setHook(null);
    const again = await a.api.sync.run({ id: ta });
    expect(again.exported?.file ?? null).toBeNull();
    expect(filesOnServer(dav, a)).toHaveLength(1);
  });

  it('removes a .part an interrupted run left in its own folder', async () => {
    const { dav, url, a } = await setting();
    const ta = await saveTarget(a, url);
    await recordVisit(a);
    expect((await a.api.sync.run({ id: ta })).status.lastError).toBeNull();
    const own = join(dav.disk, FOLDER, a.id);
    mkdirSync(own, { recursive: true });
    writeFileSync(join(own, '0190a000-0000-7000-8000-000000000001.cunji.part'), Buffer.alloc(4096, 1));
    expect((await a.api.sync.run({ id: ta })).status.lastError).toBeNull();
    expect(filesOnServer(dav, a).filter((name) => name.endsWith('.part'))).toEqual([]);
  });
});
