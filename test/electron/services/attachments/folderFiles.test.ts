import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exchangeAttachmentFiles, SHARED_ATTACHMENTS_DIR } from '../../../../electron/services/attachments/folderFiles';
import { openFileStore } from '../../../../electron/services/attachments/fileStore';
import { useTempDirs } from '../../../helpers/tempDir';
import { recordVisit, township, type SyncDevice } from '../sync/syncApps';
import { makePhoto } from './makeFiles';

const tempDir = useTempDirs();
const opened: SyncDevice[] = [];
afterEach(() => {
  for (const app of opened.splice(0)) app.close();
});

/** Every file in the folder's attachments, with its modification time (a rewrite would move it). */
function sharedFiles(folder: string): Map<string, number> {
  const root = join(folder, SHARED_ATTACHMENTS_DIR);
  const found = new Map<string, number>();
  for (const shard of readdirSync(root)) for (const name of readdirSync(join(root, shard))) found.set(name, statSync(join(root, shard, name)).mtimeMs);
  return found;
}

async function attach(device: SyncDevice, recordId: string, photos: Buffer[]) {
  const { results } = await device.api.attachments.add({ ledger: 'visits', recordId, files: photos.map((p, i) => ({ name: `p${i}.jpg`, data: p.toString('base64') })) });
  return results.map((r) => {
    if (!r.ok) throw new Error(r.message);
    return r.attachment;
  });
}

describe('attachment files through a shared folder', () => {
  it('two secretaries and a coordinator: each file written once, byte-identical at the coordinator, a tampered one refused and the records not held back', async () => {
    const { a, b, c } = await township(tempDir);
    opened.push(a, b, c);
    const folder = tempDir();
    const [visitA, visitA2, visitB] = [await recordVisit(a), await recordVisit(a), await recordVisit(b)];
    const same = await makePhoto({ width: 900, height: 600 });
    const [onA] = await attach(a, visitA, [same, await makePhoto({ width: 600, height: 900 })]);
    await attach(a, visitA2, [same]); // the same photo on a second record: still one file
    const [onB] = await attach(b, visitB, [await makePhoto({ width: 700, height: 700 })]);

    await a.api.sync.now({ folder });
    const afterA = sharedFiles(folder);
    expect(afterA.size).toBe(4); // two photos and their thumbnails
    await b.api.sync.now({ folder });
    expect(sharedFiles(folder).size).toBe(6);
    await c.api.sync.now({ folder });

    // The coordinator has every record and every file, byte for byte.
    const cList = await c.api.attachments.list({ recordId: visitA });
    expect(cList.items.map((i) => i.present)).toEqual([true, true]);
    const cStore = openFileStore(c.context.dataDir);
    for (const hash of openFileStore(a.context.dataDir).list()) expect(cStore.read(hash).equals(openFileStore(a.context.dataDir).read(hash))).toBe(true);
    expect(cStore.read(onB!.sha256).equals(openFileStore(b.context.dataDir).read(onB!.sha256))).toBe(true);

    // Syncing again sends nothing: each file is in the folder once, never rewritten.
    await a.api.sync.now({ folder });
    await c.api.sync.now({ folder });
    const again = sharedFiles(folder);
    expect(again.size).toBe(6);
    for (const [name, mtime] of afterA) expect(again.get(name)).toBe(mtime);
    expect(exchangeAttachmentFiles(c.context, folder)).toEqual({ sent: 0, received: 0, missing: 0, refused: [] });

    // A file damaged in the folder is refused on arrival; the record comes anyway, its file later.
    const [late] = await attach(a, visitA, [await makePhoto({ width: 500, height: 400 })]);
    await a.api.sync.now({ folder });
    const damaged = join(folder, SHARED_ATTACHMENTS_DIR, late!.sha256.slice(0, 2), `${late!.sha256}.jpg`);
    const bytes = readFileSync(damaged);
    bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0xff;
    writeFileSync(damaged, bytes);
    await c.api.sync.now({ folder });
    const row = (await c.api.attachments.list({ recordId: visitA })).items.find((i) => i.id === late!.id)!;
    expect(row.present).toBe(false);
    expect(exchangeAttachmentFiles(c.context, folder).refused.map((r) => r.reason.split(':')[0])).toEqual(['ATTACHMENT_HASH']);
    expect(onA!.sha256).not.toBe(late!.sha256);
  });

  it('a file not in the folder yet is missing, not an error, and arrives on a later sync', async () => {
    const { a, c } = await township(tempDir);
    opened.push(a, c);
    const folder = tempDir();
    const visit = await recordVisit(a);
    const [photo] = await attach(a, visit, [await makePhoto({ width: 300, height: 200 })]);
    // The records travel first (a sync file only); the files are not in the folder.
    const exported = await a.api.sync.exportFile({ path: tempDir() });
    await c.api.sync.importFiles({ paths: [exported.file!] });
    expect(exchangeAttachmentFiles(c.context, folder)).toEqual({ sent: 0, received: 0, missing: 2, refused: [] });
    expect((await c.api.attachments.list({ recordId: visit })).items[0]!.present).toBe(false);
    await a.api.sync.now({ folder });
    await c.api.sync.now({ folder });
    expect((await c.api.attachments.list({ recordId: visit })).items[0]).toMatchObject({ id: photo!.id, present: true });
  });
});
