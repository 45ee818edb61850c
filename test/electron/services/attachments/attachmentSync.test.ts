// The attachments' files through the saved sync targets, as issue 14 asks: two secretaries and
// their coordinator on a real WebDAV server (webdav-server, in process, every request counted)
// and through a shared folder, with photos made by sharp: each file uploaded once however many
// records and devices name it, the coordinator's copies byte for byte, an upload cut mid-PUT and
// a full quota that hold back no record and are made good by the next sync, and a coordinator's
// relay to the district that carries the rows without the files.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openFileStore } from '../../../../electron/services/attachments/fileStore';
import { SECRETARY_SETUP } from '../../../helpers/openedApp';
import { useTempDirs } from '../../../helpers/tempDir';
import { DAV_PASSWORD, DAV_USER, startDavServer, type DavHook, type DavServer } from '../sync/davServer';
import { openSyncDevice, recordVisit, township, type SyncDevice } from '../sync/syncApps';
import { makePhoto } from './makeFiles';

const tempDir = useTempDirs();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const FOLDER = '村记';

async function attach(device: SyncDevice, recordId: string, photos: Buffer[]) {
  const { results } = await device.api.attachments.add({ ledger: 'visits', recordId, files: photos.map((p, i) => ({ name: `p${i}.jpg`, data: p.toString('base64') })) });
  return results.map((r) => {
    if (!r.ok) throw new Error(r.message);
    return r.attachment;
  });
}

async function davTownship(): Promise<{ dav: DavServer; a: SyncDevice; b: SyncDevice; c: SyncDevice; run: (d: SyncDevice) => ReturnType<SyncDevice['api']['sync']['run']> }> {
  const dav = await startDavServer();
  cleanups.push(() => dav.close());
  const { a, b, c } = await township(tempDir);
  cleanups.push(() => [a, b, c].forEach((d) => d.close()));
  const url = `${dav.origin}${encodeURIComponent(FOLDER)}/`;
  const ids = new Map<SyncDevice, string>();
  for (const d of [a, b, c]) ids.set(d, (await d.api.sync.saveTarget({ kind: 'webdav', name: '坚果云', url, username: DAV_USER, password: DAV_PASSWORD })).id);
  return { dav, a, b, c, run: (d) => d.api.sync.run({ id: ids.get(d)! }) };
}

/** Uploads of attachment files: the PUTs to a device's temporary `<hash>.<ext>.<random>.part`. */
const filePuts = (dav: DavServer) => dav.requests.filter((r) => r.method === 'PUT' && /\/[0-9a-f]{64}\.(jpg|png|pdf)\.[0-9a-f]+\.part$/.test(r.path));

/** The files under the server's attachments/, by name. */
function onServer(dav: DavServer): string[] {
  const root = join(dav.disk, FOLDER, 'attachments');
  if (!existsSync(root)) return [];
  return readdirSync(root).flatMap((shard) => readdirSync(join(root, shard))).sort();
}

function sameBytes(from: SyncDevice, to: SyncDevice, hashes: string[]): void {
  const [source, copy] = [openFileStore(from.context.dataDir), openFileStore(to.context.dataDir)];
  for (const hash of hashes) expect(copy.read(hash).equals(source.read(hash)), hash).toBe(true);
}

const hashesOf = (items: { sha256: string; thumbSha256: string | null }[]) => [...new Set(items.flatMap((i) => [i.sha256, ...(i.thumbSha256 ? [i.thumbSha256] : [])]))];

describe('attachment files through a WebDAV server', () => {
  it('two secretaries and a coordinator: each file PUT once, however many records and devices name it; the copies byte-identical', async () => {
    const { dav, a, b, c, run } = await davTownship();
    const [visitA, visitA2, visitB] = [await recordVisit(a), await recordVisit(a), await recordVisit(b)];
    const same = await makePhoto({ width: 900, height: 600 });
    const onA = [...(await attach(a, visitA, [same, await makePhoto({ width: 600, height: 900 })])), ...(await attach(a, visitA2, [same]))];
    // The same photo at the other secretary too: one file on the server for both.
    const onB = await attach(b, visitB, [same, await makePhoto({ width: 700, height: 700 })]);
    for (const d of [a, b, c]) expect((await run(d)).status.lastError).toBeNull();
    // The other way too: the coordinator adds a photo to the secretary's visit.
    const onC = await attach(c, visitA, [await makePhoto({ width: 640, height: 480 })]);
    const files = hashesOf([...onA, ...onB, ...onC]);
    expect(files).toHaveLength(8); // four photos and their thumbnails
    for (const d of [c, a, b]) expect((await run(d)).status.lastError).toBeNull();
    expect(filePuts(dav)).toHaveLength(8);
    expect(onServer(dav)).toEqual(files.map((h) => `${h}.jpg`).sort());

    // The coordinator has every record and file, byte for byte; the secretary has the coordinator's.
    for (const [recordId, from] of [[visitA, a], [visitB, b]] as const) {
      const items = (await c.api.attachments.list({ recordId })).items.filter((i) => onC.every((x) => x.id !== i.id));
      expect(items.every((i) => i.present)).toBe(true);
      sameBytes(from, c, hashesOf(items));
    }
    const atA = (await a.api.attachments.list({ recordId: visitA })).items;
    expect(atA.map((i) => i.present)).toEqual([true, true, true]);
    sameBytes(c, a, hashesOf(onC));

    // What is there was learnt by listing a folder at a time, never by asking per file.
    const shards = new Set(files.map((h) => h.slice(0, 2))).size;
    expect(dav.requests.filter((r) => r.method === 'PROPFIND' && r.path.includes('/attachments/')).length).toBeLessThanOrEqual(6 * (1 + shards));
    // Each device fetches once each file it lacks of the villages it keeps: the coordinator 6, A the
    // coordinator's 2 on her visit, B none — and neither the other village's, whose rows she holds all the same.
    expect(dav.requests.filter((r) => r.method === 'GET' && r.path.includes('/attachments/'))).toHaveLength(6 + 2 + 0);
    const ofB = hashesOf(onB).filter((h) => !hashesOf(onA).includes(h));
    expect(ofB).toHaveLength(2);
    expect((await a.api.attachments.list({ recordId: visitB })).items).toEqual([]); // not shown at A: B's village
    expect(a.context.db.sqlite.prepare('SELECT count(*) FROM attachments WHERE village_id = ?').pluck().get(b.villageId)).toBe(2);
    for (const hash of ofB) expect(openFileStore(a.context.dataDir).has(hash), hash).toBe(false);
    // Later syncs send and fetch nothing, and ask nothing: every file is known to be there, and nothing there is ever deleted.
    const before = dav.requests.length;
    for (const d of [a, b, c]) expect((await run(d)).files).toMatchObject({ sent: 0, received: 0, missing: 0, refused: [] });
    expect(filePuts(dav)).toHaveLength(8);
    expect(dav.requests.slice(before).filter((r) => r.path.includes('/attachments/'))).toEqual([]);
  });

  it('an upload cut mid-PUT, then a full quota: the records arrive, the partial file is never taken for the file, the next sync sends it', async () => {
    const { dav, a, c, run } = await davTownship();
    const visit = await recordVisit(a);
    const photos = await attach(a, visit, [await makePhoto({ width: 1200, height: 900, noise: true }), await makePhoto({ width: 500, height: 500 })]);
    const files = hashesOf(photos);

    // The server takes the first bytes of every attachment upload into its temporary file, then the connection drops.
    const cut: DavHook = (req) => {
      if (req.method !== 'PUT' || !/[0-9a-f]{64}\.(jpg|png|pdf)(\.[0-9a-f]+\.part)?$/.test(decodeURIComponent(req.url ?? ''))) return false;
      req.once('data', () => setImmediate(() => req.socket.destroy()));
      return false;
    };
    dav.setHook(cut);
    const first = await run(a);
    expect(first.status.lastError?.code).toBe('INTERRUPTED');
    expect(first.exported!.file).not.toBeNull(); // the records went
    const partials = readdirSync(join(dav.disk, FOLDER, a.id)).filter((n) => /\.jpg\.[0-9a-f]+\.part$/.test(n));
    expect(onServer(dav)).toEqual([]);

    const atC = await run(c);
    expect(atC.status.lastError).toBeNull();
    expect(atC.files).toMatchObject({ received: 0, missing: 4, refused: [] });
    expect((await c.api.attachments.list({ recordId: visit })).items.map((i) => i.present)).toEqual([false, false]);

    // The storage is full when the file is moved into place: the named error, nothing half there.
    dav.setHook((req, res) => {
      if (req.method !== 'MOVE' || !decodeURIComponent(String(req.headers.destination ?? '')).includes('/attachments/')) return false;
      res.writeHead(507).end();
      return true;
    });
    const full = await run(a);
    expect(full.status.lastError?.code).toBe('QUOTA_FULL');
    expect(onServer(dav)).toEqual([]);

    dav.setHook(null);
    const puts = filePuts(dav).length;
    const resumed = await run(a);
    expect(resumed.status.lastError).toBeNull();
    expect(resumed.files).toMatchObject({ sent: 4, refused: [] });
    expect(filePuts(dav).length - puts).toBe(4);
    expect(onServer(dav)).toEqual(files.map((h) => `${h}.jpg`).sort());
    // The temporary files of the cut uploads are gone from this device's folder (its own, cleared at the next run).
    expect(partials.length).toBeGreaterThan(0);
    expect(readdirSync(join(dav.disk, FOLDER, a.id)).filter((n) => n.endsWith('.part'))).toEqual([]);

    const after = await run(c);
    expect(after.files).toMatchObject({ received: 4, missing: 0, refused: [] });
    expect((await c.api.attachments.list({ recordId: visit })).items.map((i) => i.present)).toEqual([true, true]);
    sameBytes(a, c, files);
  });

  it('checked on arrival: bytes that do not hash to the name and a size other than the row gives are refused, the records kept; a file gone from the server is missing', async () => {
    const { dav, a, c, run } = await davTownship();
    const visit = await recordVisit(a);
    const [flipped, cut, gone] = await attach(a, visit, [await makePhoto({ width: 400, height: 300 }), await makePhoto({ width: 300, height: 400 }), await makePhoto({ width: 350, height: 350 })]);
    expect((await run(a)).files).toMatchObject({ sent: 6 });
    const pathOf = (hash: string) => join(dav.disk, FOLDER, 'attachments', hash.slice(0, 2), `${hash}.jpg`);
    const bytes = readFileSync(pathOf(flipped!.sha256));
    bytes[bytes.length >> 1] = bytes[bytes.length >> 1]! ^ 0x40;
    writeFileSync(pathOf(flipped!.sha256), bytes);
    writeFileSync(pathOf(cut!.sha256), readFileSync(pathOf(cut!.sha256)).subarray(0, 100));

    const atC = await run(c);
    expect(atC.status.lastError).toBeNull();
    expect(atC.files!.refused.map((r) => [r.hash, r.reason.split(':')[0]]).sort()).toEqual(
      [[flipped!.sha256, 'ATTACHMENT_HASH'], [cut!.sha256, 'ATTACHMENT_TOO_LARGE']].sort(),
    );
    const shown = new Map((await c.api.attachments.list({ recordId: visit })).items.map((i) => [i.id, i.present]));
    expect([shown.get(flipped!.id), shown.get(cut!.id), shown.get(gone!.id)]).toEqual([false, false, true]);
    expect(openFileStore(c.context.dataDir).has(flipped!.sha256)).toBe(false);

    // Seen there before, then removed by hand: the fetch finds nothing, counts it missing, and fails nothing.
    rmSync(pathOf(flipped!.sha256));
    const again = await run(c);
    expect(again.status.lastError).toBeNull();
    expect(again.files).toMatchObject({ received: 0, missing: 1, refused: [{ hash: cut!.sha256 }] });
  });
});

describe('a coordinator relaying upward', () => {
  it('through shared folders: the district gets the rows without the files ("not here"), never failing, until the coordinator chooses to send them', async () => {
    const { a, b, c } = await township(tempDir);
    cleanups.push(() => [a, b, c].forEach((d) => d.close()));
    const district = await openSyncDevice(tempDir(), { ...SECRETARY_SETUP, role: 'district', name: '组织部', township: '青石镇', townships: ['青石镇'], villages: [] });
    cleanups.push(() => district.close());
    await district.api.devices.trust({ deviceId: c.id, publicKey: c.context.identity.publicKeyPem, name: '赵镇', role: 'coordinator', villages: [], township: '青石镇' });

    const [townshipFolder, districtFolder] = [tempDir(), tempDir()];
    const save = async (d: SyncDevice, folder: string, attachmentFiles?: boolean) =>
      (await d.api.sync.saveTarget({ kind: 'folder', name: '共享', folder, ...(attachmentFiles === undefined ? {} : { attachmentFiles }) })).id;
    const [ta, tb, tc] = [await save(a, townshipFolder), await save(b, townshipFolder), await save(c, townshipFolder)];
    const upward = await save(c, districtFolder, false);
    const atDistrict = await save(district, districtFolder);
    expect((await c.api.sync.targets()).items.find((t) => t.id === upward)).toMatchObject({ attachmentFiles: false });

    const visitA = await recordVisit(a);
    const visitB = await recordVisit(b);
    const photos = [...(await attach(a, visitA, [await makePhoto({ width: 800, height: 600 })])), ...(await attach(b, visitB, [await makePhoto({ width: 600, height: 800 })]))];
    for (const [d, id] of [[a, ta], [b, tb], [c, tc]] as const) expect((await d.api.sync.run({ id })).status.lastError).toBeNull();
    expect((await c.api.attachments.list({ recordId: visitA })).items[0]!.present).toBe(true);

    // Upward without files: the rows arrive, the files are "not here", the run succeeds.
    expect((await c.api.sync.run({ id: upward })).status.lastError).toBeNull();
    expect(existsSync(join(districtFolder, 'attachments'))).toBe(false);
    const first = await district.api.sync.run({ id: atDistrict });
    expect(first.status.lastError).toBeNull();
    expect(first.files).toMatchObject({ received: 0, missing: 4 });
    for (const recordId of [visitA, visitB]) expect((await district.api.attachments.list({ recordId })).items.map((i) => i.present)).toEqual([false]);
    await expect(district.api.attachments.content({ hash: photos[0]!.sha256 })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    // The coordinator changes her mind: the same target now carries the files (changing only that keeps the rest).
    await c.api.sync.saveTarget({ id: upward, kind: 'folder', name: '共享', folder: districtFolder, attachmentFiles: true });
    expect((await c.api.sync.run({ id: upward })).files).toMatchObject({ sent: 4 });
    expect((await district.api.sync.run({ id: atDistrict })).files).toMatchObject({ received: 4, missing: 0 });
    for (const recordId of [visitA, visitB]) expect((await district.api.attachments.list({ recordId })).items.map((i) => i.present)).toEqual([true]);
    sameBytes(a, district, hashesOf(photos.slice(0, 1)));
    sameBytes(b, district, hashesOf(photos.slice(1)));
  });
});
