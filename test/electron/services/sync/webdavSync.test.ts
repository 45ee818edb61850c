// Two secretaries and their coordinator sync through a real WebDAV server (webdav-server, in
// process, on 127.0.0.1) that refuses writes at its root like 坚果云, and that misbehaves on
// demand: busy (503, 429 with Retry-After), a connection dropped mid-upload, a corrupted
// read-back, a wrong password. Real databases, real HTTP, real files on the server's disk.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SECRETARY_SETUP } from '../../../helpers/openedApp';
import { useTempDirs } from '../../../helpers/tempDir';
import { busyFor, corruptDownloadsOf, DAV_PASSWORD, DAV_USER, dropUploads, startDavServer, type DavServer } from './davServer';
import { openSyncDevice, QUICK_WEBDAV, recordVisit, township, type SyncDevice } from './syncApps';
import { villageNamesIn } from '../../../helpers/databaseDump';

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
  // The folder does not exist yet: the first run creates it.
  return { dav, url: `${dav.origin}${encodeURIComponent(FOLDER)}/`, a, b, c };
}

async function saveTarget(device: SyncDevice, url: string, password = DAV_PASSWORD): Promise<string> {
  const view = await device.api.sync.saveTarget({ kind: 'webdav', name: '坚果云', url, username: DAV_USER, password });
  return view.id;
}

const marksOf = (device: SyncDevice) => device.context.db.sqlite.prepare('SELECT * FROM export_marks ORDER BY target, origin').all();
const filesOnServer = (dav: DavServer, device: SyncDevice) => {
  const dir = join(dav.disk, FOLDER, device.id);
  return existsSync(dir) ? readdirSync(dir).sort() : [];
};

describe('syncing through a WebDAV server', () => {
  it('moves both villages to the coordinator and back, one request at a time, folders first, never writing at the root', async () => {
    const { dav, url, a, b, c } = await setting();
    const [ta, tb, tc] = [await saveTarget(a, url), await saveTarget(b, url), await saveTarget(c, url)];
    await recordVisit(a);
    await recordVisit(b);

    const first = await a.api.sync.run({ id: ta });
    expect(first.status.lastError).toBeNull();
    expect(first.exported!.file).not.toBeNull();
    // Folders before any upload; uploads to .part then MOVE; nothing written in the root.
    const writes = dav.requests.filter((r) => ['MKCOL', 'PUT', 'MOVE'].includes(r.method)).map((r) => `${r.method} ${r.path}`);
    expect(writes[0]).toBe(`MKCOL /${FOLDER}/`);
    expect(writes[1]).toBe(`MKCOL /${FOLDER}/${a.id}/`);
    expect(writes[2]).toMatch(new RegExp(`^PUT /${FOLDER}/${a.id}/[0-9a-f-]{36}\\.cunji\\.part$`));
    expect(writes[3]).toBe(`MOVE ${writes[2]!.slice(4)}`);
    expect(filesOnServer(dav, a)).toEqual([`${writes[3]!.slice(writes[3]!.lastIndexOf('/') + 1).replace(/\.part$/, '')}`]);
    // The file on the server is the file exported, byte for byte (it was read back and compared).
    expect(dav.requests.some((r) => r.method === 'GET' && r.path === writes[3]!.slice(5).replace(/\.part$/, ''))).toBe(true);

    await b.api.sync.run({ id: tb });
    const atC = await c.api.sync.run({ id: tc });
    expect(atC.receipts.map((r) => r.status)).toEqual(['imported', 'imported']);
    expect(villageNamesIn(c.context.db.sqlite)).toEqual(['张家村', '李家村']);
    expect((await c.api.visits.list({})).total).toBe(2);
    expect(atC.status).toMatchObject({ reachable: true, lastError: null, lastCounts: { filesIn: 2, refused: 0 } });
    expect(atC.status.lastSuccessAt).not.toBeNull();

    // The secretaries receive each other's village on their next run (the coordinator had nothing of its own to send).
    expect(atC.exported!.file).toBeNull();
    const atA = await a.api.sync.run({ id: ta });
    expect(atA.receipts.map((r) => [r.status, r.producer])).toEqual([['imported', b.id]]);
    expect(villageNamesIn(a.context.db.sqlite)).toEqual(['张家村', '李家村']);
    // The coordinator relays what it received; the exported file is named where it now lives.
    const relay = await c.api.sync.run({ id: tc });
    expect(relay.exported!.file).toBe(`${url}${c.id}/${relay.exported!.file!.split('/').pop()}`);
    expect(dav.maxConcurrent()).toBe(1);

    // Again: nothing new to send, and files delivered before are not even downloaded.
    const before = dav.requests.length;
    const again = await c.api.sync.run({ id: tc });
    expect(again.receipts).toEqual([]);
    expect(again.exported!.file).toBeNull();
    expect(dav.requests.slice(before).filter((r) => r.method === 'GET')).toEqual([]);
    expect(dav.requests.filter((r) => r.method === 'DELETE')).toEqual([]);
    expect(readdirSync(join(dav.disk, FOLDER)).sort()).toEqual([a.id, b.id, c.id].sort());
  });

  it('keeps the password in the main process: the list says only that one is stored, and that it is not encrypted here', async () => {
    const { url, a } = await setting();
    const id = await saveTarget(a, url);
    const { items } = await a.api.sync.targets();
    expect(items).toEqual([expect.objectContaining({ id, kind: 'webdav', url, username: DAV_USER, hasPassword: true, passwordProtected: false, auto: true, intervalMinutes: 5 })]);
    expect(JSON.stringify(items)).not.toContain(DAV_PASSWORD);
    expect(JSON.stringify(await a.api.sync.status())).not.toContain(DAV_PASSWORD);
    expect(JSON.stringify(a.context.db.sqlite.prepare('SELECT * FROM sync_targets').all())).not.toContain(DAV_PASSWORD);
    // Editing without a password keeps it; null removes it.
    await a.api.sync.saveTarget({ id, kind: 'webdav', name: '坚果云（镇）', url, username: DAV_USER });
    expect((await a.api.sync.targets()).items[0]).toMatchObject({ name: '坚果云（镇）', hasPassword: true });
    expect(await a.context.secrets.get(`sync-target:${id}`)).toBe(DAV_PASSWORD);
    await a.api.sync.saveTarget({ id, kind: 'webdav', name: '坚果云', url, username: DAV_USER, password: null });
    expect((await a.api.sync.targets()).items[0]!.hasPassword).toBe(false);
    const run = await a.api.sync.run({ id });
    expect(run.status.lastError).toMatchObject({ code: 'NO_PASSWORD' });
    await a.api.sync.deleteTarget({ id });
    expect((await a.api.sync.targets()).items).toEqual([]);
    expect(readFileSync(join(a.context.dataDir, 'secrets.json'), 'utf8')).not.toContain(id);
  });

  it('says plainly when the password is wrong, and marks nothing', async () => {
    const { url, a } = await setting();
    const id = await saveTarget(a, url, 'not-the-password');
    await recordVisit(a);
    const run = await a.api.sync.run({ id });
    expect(run.status).toMatchObject({ reachable: true, lastSuccessAt: null, lastError: { code: 'AUTH' } });
    expect(run.status.lastError!.message).toMatch(/user name or password/);
    expect(marksOf(a)).toEqual([]);
  });
});

describe('a WebDAV server that misbehaves', () => {
  it('backs off on 503 and on 429 (waiting as long as Retry-After asks), then goes on', async () => {
    const { dav, url, a, c } = await setting();
    const [ta, tc] = [await saveTarget(a, url), await saveTarget(c, url)];
    await recordVisit(a);
    dav.setHook(busyFor(2, 503));
    expect((await a.api.sync.run({ id: ta })).status.lastError).toBeNull();

    dav.setHook(busyFor(1, 429, '1'));
    const start = dav.requests.length;
    const atC = await c.api.sync.run({ id: tc });
    expect(atC.status.lastError).toBeNull();
    expect(atC.receipts.map((r) => r.status)).toEqual(['imported']);
    const [refused, retried] = dav.requests.slice(start, start + 2);
    expect(retried!.at - refused!.at).toBeGreaterThanOrEqual(950);
  });

  it('reports a server that stays busy as BUSY, marks nothing, and sends everything once it recovers', async () => {
    const { dav, url, a, c } = await setting();
    const [ta, tc] = [await saveTarget(a, url), await saveTarget(c, url)];
    await recordVisit(a);
    await a.api.sync.run({ id: ta });
    const marks = marksOf(a);
    await recordVisit(a);
    dav.setHook((req, res) => {
      if (req.method !== 'PUT') return false;
      res.writeHead(503).end();
      return true;
    });
    const busy = await a.api.sync.run({ id: ta });
    expect(busy.status.lastError).toMatchObject({ code: 'BUSY' });
    expect(busy.exported).toBeNull();
    expect(marksOf(a)).toEqual(marks);
    dav.setHook(null);
    const after = await a.api.sync.run({ id: ta });
    expect(after.status.lastError).toBeNull();
    expect(after.exported!.changes).toBeGreaterThan(0);
    await c.api.sync.run({ id: tc });
    expect((await c.api.visits.list({})).total).toBe(2);
  });

  it('sends an upload again when the connection drops in the middle; when it always drops, reports it and marks nothing', async () => {
    const { dav, url, a, c } = await setting();
    const [ta, tc] = [await saveTarget(a, url), await saveTarget(c, url)];
    await recordVisit(a);
    dav.setHook(dropUploads(1));
    const once = await a.api.sync.run({ id: ta });
    expect(once.status.lastError).toBeNull();
    expect(dav.requests.filter((r) => r.method === 'PUT')).toHaveLength(2);

    const marks = marksOf(a);
    await recordVisit(a);
    dav.setHook(dropUploads(1_000));
    const dropped = await a.api.sync.run({ id: ta });
    expect(dropped.status.lastError).toMatchObject({ code: 'INTERRUPTED' });
    expect(marksOf(a)).toEqual(marks);
    expect(filesOnServer(dav, a).filter((f) => f.endsWith('.cunji'))).toHaveLength(1);

    dav.setHook(null);
    expect((await a.api.sync.run({ id: ta })).status.lastError).toBeNull();
    await c.api.sync.run({ id: tc });
    expect((await c.api.visits.list({})).total).toBe(2);
  });

  it('reports a file that reads back different from what was sent, and marks nothing', async () => {
    const { dav, url, a } = await setting();
    const id = await saveTarget(a, url);
    await recordVisit(a);
    dav.setHook(corruptDownloadsOf(a.id));
    const run = await a.api.sync.run({ id });
    expect(run.status.lastError).toMatchObject({ code: 'VERIFY_MISMATCH' });
    expect(run.status.lastSuccessAt).toBeNull();
    expect(marksOf(a)).toEqual([]);
    dav.setHook(null);
    const next = await a.api.sync.run({ id });
    expect(next.status.lastError).toBeNull();
    expect(next.exported).toMatchObject({ full: true });
    expect(marksOf(a)).not.toEqual([]);
  });

  it('gives up on a server that takes the connection but never answers, and calls it unreachable for now', async () => {
    const dav = await startDavServer();
    cleanups.push(() => dav.close());
    const device = await openSyncDevice(tempDir(), SECRETARY_SETUP, { autoStart: false, webdav: { ...QUICK_WEBDAV, timeoutMs: 300 } });
    cleanups.push(() => device.close());
    const { id } = await device.api.sync.saveTarget({ kind: 'webdav', name: '坚果云', url: dav.origin + 'cunji/', username: DAV_USER, password: DAV_PASSWORD });
    dav.setHook(() => true); // holds every request open, says nothing
    const started = Date.now();
    const run = await device.api.sync.run({ id });
    expect(run.status).toMatchObject({ reachable: false, lastError: { code: 'TIMEOUT' } });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
