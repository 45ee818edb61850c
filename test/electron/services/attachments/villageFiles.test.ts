// Which files a device fetches: only those of the villages it keeps. A secretary's database holds
// the rows of the township's other villages (the coordinator's sync files relay them, and the other
// secretary's files lie in the same shared folder), but she never sees their photos, so she never
// downloads them, nor counts one missing; the coordinator fetches every village's.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exchangeAttachmentFiles, filesToExchange, SHARED_ATTACHMENTS_DIR } from '../../../../electron/services/attachments/folderFiles';
import { openFileStore } from '../../../../electron/services/attachments/fileStore';
import { useTempDirs } from '../../../helpers/tempDir';
import { recordVisit, township, type SyncDevice } from '../sync/syncApps';
import { makePhoto } from './makeFiles';

const tempDir = useTempDirs();
const opened: SyncDevice[] = [];
afterEach(() => {
  for (const app of opened.splice(0)) app.close();
});

async function attach(device: SyncDevice, recordId: string, photos: Buffer[]) {
  const { results } = await device.api.attachments.add({ ledger: 'visits', recordId, files: photos.map((p, i) => ({ name: `p${i}.jpg`, data: p.toString('base64') })) });
  return results.map((r) => {
    if (!r.ok) throw new Error(r.message);
    return r.attachment;
  });
}

const hashesOf = (items: readonly { sha256: string; thumbSha256: string | null }[]) => [...new Set(items.flatMap((i) => [i.sha256, ...(i.thumbSha256 ? [i.thumbSha256] : [])]))].sort();
const held = (d: SyncDevice) => openFileStore(d.context.dataDir).list().sort();
const inFolder = (folder: string) => readdirSync(join(folder, SHARED_ATTACHMENTS_DIR)).flatMap((shard) => readdirSync(join(folder, SHARED_ATTACHMENTS_DIR, shard))).sort();
const rowsOfVillage = (d: SyncDevice, villageId: string) =>
  (d.context.db.sqlite.prepare('SELECT id FROM attachments WHERE village_id = ? AND deleted_at IS NULL ORDER BY id').pluck().all(villageId) as string[]).sort();

describe('attachment files fetched only for the villages a device keeps', () => {
  it("through a shared folder: secretary A holds her village's files and none of B's although her database holds B's rows; the coordinator holds all; another village's absent file is not missing", async () => {
    const { a, b, c } = await township(tempDir);
    opened.push(a, b, c);
    const folder = tempDir();
    const [visitA, visitB] = [await recordVisit(a), await recordVisit(b)];
    const sharedPhoto = await makePhoto({ width: 640, height: 480 });
    const onA = await attach(a, visitA, [await makePhoto({ width: 900, height: 600 })]);
    const [onlyB, sharedB] = await attach(b, visitB, [await makePhoto({ width: 700, height: 700 }), sharedPhoto]);
    for (const d of [a, b, c]) await d.api.sync.now({ folder });
    // The coordinator puts the same photo as one of B's on A's visit: those bytes now belong to A's village too.
    const [onCtoA] = await attach(c, visitA, [sharedPhoto]);
    expect(onCtoA!.sha256).toBe(sharedB!.sha256);
    for (const d of [c, a, b, a, c]) await d.api.sync.now({ folder });

    // A's database does hold B's rows (trusted, relayed): only their files stay away.
    expect(rowsOfVillage(a, b.villageId!)).toEqual([onlyB!.id, sharedB!.id].sort());
    expect(held(a)).toEqual(hashesOf([...onA, onCtoA!]));
    expect(held(b)).toEqual(hashesOf([onlyB!, sharedB!]));
    expect(held(c)).toEqual(hashesOf([...onA, onlyB!, sharedB!]));
    for (const [from, items] of [[a, onA], [b, [onlyB!, sharedB!]]] as const) {
      for (const hash of hashesOf(items)) expect(openFileStore(c.context.dataDir).read(hash).equals(openFileStore(from.context.dataDir).read(hash)), hash).toBe(true);
    }
    // Each file in the folder once; on A's side her records show every file present.
    expect(inFolder(folder)).toEqual(hashesOf([...onA, onlyB!, sharedB!]).map((h) => `${h}.jpg`));
    expect((await a.api.attachments.list({ recordId: visitA })).items.map((i) => i.present)).toEqual([true, true]);
    expect(filesToExchange(a.context, openFileStore(a.context.dataDir)).map((f) => f.hash).sort()).toEqual(hashesOf([...onA, onCtoA!]));
    for (const d of [a, b, c]) expect(exchangeAttachmentFiles(d.context, folder)).toEqual({ sent: 0, received: 0, missing: 0, refused: [] });

    // B's next photo travels as records only (its file not in the folder yet): missing at the coordinator, not wanted at A.
    const [late] = await attach(b, visitB, [await makePhoto({ width: 320, height: 240 })]);
    const exported = await b.api.sync.exportFile({ path: tempDir() });
    for (const d of [a, c]) expect((await d.api.sync.importFiles({ paths: [exported.file!] })).receipts.map((r) => r.status)).toEqual(['imported']);
    expect(rowsOfVillage(a, b.villageId!)).toContain(late!.id);
    expect(exchangeAttachmentFiles(a.context, folder)).toEqual({ sent: 0, received: 0, missing: 0, refused: [] });
    expect(exchangeAttachmentFiles(c.context, folder)).toEqual({ sent: 0, received: 0, missing: 2, refused: [] });
  });
});
