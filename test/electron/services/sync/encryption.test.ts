// The township passphrase end to end: two secretaries and their coordinator sync encrypted
// through a shared folder and through a real WebDAV server (in process, on 127.0.0.1). What
// lands on the target is the envelope (no bundle magic, no names in clear); a device without
// the passphrase or with another one is refused with a reason and keeps its database
// byte-identical; a file of another township opens with a passphrase given for it; a file seen
// before is skipped without decrypting; and the private temp folder, where plain bundles exist
// for a moment, is empty after every path, refusals included, and emptied at start.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ENVELOPE_MAGIC } from '../../../../db/sync/envelope';
import { importBundle } from '../../../../db/sync/importBundle';
import { BUNDLE_MAGIC } from '../../../../db/sync/segments/bundle';
import { PASSPHRASE_SECRET_KEY, SYNC_TEMP_FOLDER } from '../../../../electron/services/sync/encryption';
import { V } from '../../../../shared/domain/validation';
import { expectRefused, snapshotDatabase } from '../../../helpers/openedApp';
import { useTempDirs } from '../../../helpers/tempDir';
import { corruptDownloadsOf, DAV_PASSWORD, DAV_USER, startDavServer } from './davServer';
import { openSyncDevice, recordVisit, township, type SyncDevice } from './syncApps';
import { villageNamesIn } from '../../../helpers/databaseDump';

const tempDir = useTempDirs();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const PASSPHRASE = '青石镇 同步口令 2026';
const OTHER_TOWNSHIP = '柳林镇的另一个口令';
/** What a bundle carries in clear (the devices' cards, the ledgers' rows) and an envelope must not. */
const NAMES = ['李家村', '张家村', '李明', '王芳', '赵镇', '青石镇'];

async function three() {
  const devices = await township(tempDir);
  cleanups.push(() => [devices.a, devices.b, devices.c].forEach((d) => d.close()));
  return { ...devices, folder: tempDir() };
}

/** What the private temp folder holds (nothing, once a call has returned). */
function tempFilesOf(device: SyncDevice): string[] {
  const root = join(device.context.dataDir, SYNC_TEMP_FOLDER);
  return existsSync(root) ? readdirSync(root, { recursive: true }).map(String) : [];
}

/** Every bundle file in a shared folder (or a WebDAV server's disk), by device folder. */
function bundlesIn(folder: string): string[] {
  return readdirSync(folder, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.cunji'))
    .map((name) => join(folder, name))
    .sort();
}

/** An envelope: its magic, not a bundle's; no name in clear; unreadable to the bundle reader. */
function expectSealed(device: SyncDevice, path: string): void {
  const bytes = readFileSync(path);
  expect(bytes.subarray(0, ENVELOPE_MAGIC.length).equals(ENVELOPE_MAGIC), path).toBe(true);
  expect(bytes.includes(BUNDLE_MAGIC), path).toBe(false);
  for (const name of NAMES) expect(bytes.includes(Buffer.from(name, 'utf8')), `${name} in ${path}`).toBe(false);
  const { sqlite } = device.context.db;
  const receipt = importBundle(sqlite, device.context.clock, path, { selfId: device.id, selfPublicKey: device.context.identity.publicKeyPem, now: device.context.now });
  expect(receipt.refusal?.reason).toBe('BAD_MAGIC');
}

const encryptedFileRows = (device: SyncDevice) => device.context.db.sqlite.prepare('SELECT * FROM encrypted_files').all();

describe('the township passphrase', () => {
  it('is kept in the secret store, never shown; too short is refused naming the field; null removes it', async () => {
    const { a, folder } = await three();
    expect(await a.api.sync.encryption()).toEqual({ passphraseSet: false, passwordProtected: false });
    const error = await expectRefused(a, 'sync.setPassphrase', { passphrase: '1234567' });
    expect(error).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['passphrase'], message: V.passphraseShort }] });
    expect(await a.context.secrets.get(PASSPHRASE_SECRET_KEY)).toBeNull();

    expect(await a.api.sync.setPassphrase({ passphrase: PASSPHRASE })).toEqual({ passphraseSet: true, passwordProtected: false });
    expect(await a.context.secrets.get(PASSPHRASE_SECRET_KEY)).toBe(PASSPHRASE);
    for (const view of [await a.api.sync.encryption(), await a.api.sync.status(), await a.api.sync.targets()]) expect(JSON.stringify(view)).not.toContain(PASSPHRASE);
    await recordVisit(a);
    const sealed = await a.api.sync.exportFile({ path: folder });
    expect(sealed).toMatchObject({ encrypted: true });
    expectSealed(a, sealed.file!);

    // Removed: the next file is plain again, and the names the check looks for are in it.
    expect(await a.api.sync.setPassphrase({ passphrase: null })).toEqual({ passphraseSet: false, passwordProtected: false });
    await recordVisit(a);
    const plain = await a.api.sync.exportFile({ path: folder });
    expect(plain.encrypted).toBeUndefined();
    const bytes = readFileSync(plain.file!);
    expect(bytes.subarray(0, BUNDLE_MAGIC.length).equals(BUNDLE_MAGIC)).toBe(true);
    expect(bytes.includes(Buffer.from('李家村', 'utf8'))).toBe(true);
    expect(tempFilesOf(a)).toEqual([]);
  });

  it('two secretaries and their coordinator sync encrypted through a shared folder; a file seen before is not decrypted again', async () => {
    const { a, b, c, folder } = await three();
    for (const device of [a, b, c]) await device.api.sync.setPassphrase({ passphrase: PASSPHRASE });
    await recordVisit(a);
    await recordVisit(b);
    const fromA = await a.api.sync.now({ folder });
    expect(fromA.exported).toMatchObject({ encrypted: true, file: expect.stringContaining(join(folder, a.id)) });
    await b.api.sync.now({ folder });
    const atC = await c.api.sync.now({ folder });
    expect(atC.receipts.map((r) => [r.status, r.encrypted])).toEqual([
      ['imported', true],
      ['imported', true],
    ]);
    expect((await c.api.visits.list({})).total).toBe(2);
    // The coordinator relays; the secretaries receive each other's village.
    await c.api.sync.now({ folder });
    await a.api.sync.now({ folder });
    await b.api.sync.now({ folder });
    expect(villageNamesIn(a.context.db.sqlite)).toEqual(['张家村', '李家村']);
    expect(villageNamesIn(b.context.db.sqlite)).toEqual(['张家村', '李家村']);

    const files = bundlesIn(folder);
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const file of files) expectSealed(c, file);
    for (const device of [a, b, c]) expect(tempFilesOf(device)).toEqual([]);

    // Once more with everything read, then without the passphrase: a file it decrypted again
    // would now be refused as ENCRYPTED, so receipts [] prove each was known by its own hash.
    await c.api.sync.now({ folder });
    await c.api.sync.setPassphrase({ passphrase: null });
    const others = bundlesIn(folder).filter((file) => !file.startsWith(join(folder, c.id)));
    const again = await c.api.sync.now({ folder });
    expect(again.receipts).toEqual([]);
    expect(again.known).toBe(others.length);
    expect(encryptedFileRows(c)).toHaveLength(others.length);
    expect(tempFilesOf(c)).toEqual([]);
  });

  it('refuses without the passphrase (ENCRYPTED), with another (WRONG_PASSPHRASE), damaged (its reason), leaving the database byte-identical', async () => {
    const { a, c, folder } = await three();
    await a.api.sync.setPassphrase({ passphrase: PASSPHRASE });
    await recordVisit(a);
    const file = (await a.api.sync.exportFile({ path: folder })).file!;
    const damaged = join(tempDir(), 'damaged.cunji');
    copyFileSync(file, damaged);
    const bytes = readFileSync(damaged);
    bytes[bytes.length - 40] = bytes[bytes.length - 40]! ^ 0x01;
    writeFileSync(damaged, bytes);
    const cut = join(tempDir(), 'cut.cunji');
    copyFileSync(file, cut);
    truncateSync(cut, readFileSync(cut).length - 100);

    const before = snapshotDatabase(c.context.db.sqlite);
    const reasonsOf = async (input: { paths: string[]; passphrase?: string }) => {
      const result = await c.api.sync.importFiles(input);
      expect(result.released).toBe(0);
      return result.receipts.map((r) => [r.status, r.refusal?.reason, r.encrypted]);
    };
    expect(await reasonsOf({ paths: [file, cut] })).toEqual([
      ['refused', 'ENCRYPTED', true],
      ['refused', 'TRUNCATED', true],
    ]);
    expect((await c.api.sync.now({ folder })).receipts.map((r) => r.refusal?.reason)).toEqual(['ENCRYPTED']);
    await c.api.sync.setPassphrase({ passphrase: OTHER_TOWNSHIP });
    expect(await reasonsOf({ paths: [file] })).toEqual([['refused', 'WRONG_PASSPHRASE', true]]);
    expect(await reasonsOf({ paths: [damaged], passphrase: PASSPHRASE })).toEqual([['refused', 'CORRUPT_ENCRYPTION', true]]);
    expect(snapshotDatabase(c.context.db.sqlite)).toBe(before);
    expect(encryptedFileRows(c)).toEqual([]);
    expect(tempFilesOf(c)).toEqual([]);

    // A file of another township opens with its passphrase, given for this import only.
    const opened = await c.api.sync.importFiles({ paths: [file], passphrase: PASSPHRASE });
    expect(opened.receipts.map((r) => [r.status, r.encrypted, r.producer])).toEqual([['imported', true, a.id]]);
    expect((await c.api.visits.list({})).total).toBe(1);
    expect(await c.context.secrets.get(PASSPHRASE_SECRET_KEY)).toBe(OTHER_TOWNSHIP);
    // Known now by its own hash: the stored passphrase (the wrong one) is never tried on it.
    const again = await c.api.sync.importFiles({ paths: [file] });
    expect(again.receipts).toEqual([expect.objectContaining({ status: 'already-imported', producer: a.id, encrypted: true, refusal: null })]);
    expect(again.receipts[0]!.changesKnown).toBe(opened.receipts[0]!.changesNew);
    expect(tempFilesOf(c)).toEqual([]);
  });

  it('empties the private temp folder at start (a decrypt killed part way leaves plaintext there) and drops staged marks', async () => {
    const dir = tempDir();
    const device = await openSyncDevice(dir, null);
    const stale = join(dir, SYNC_TEMP_FOLDER, 'in-killed');
    mkdirSync(stale, { recursive: true });
    writeFileSync(join(stale, 'bundle.cunji.part'), 'plain bundle bytes');
    writeFileSync(join(dir, SYNC_TEMP_FOLDER, 'stray.cunji'), 'plain bundle bytes');
    device.context.db.sqlite.prepare("INSERT INTO export_marks (target, origin, last_seq) VALUES ('staged:x:folder:/tmp', 'abc', 3)").run();
    device.close();
    const reopened = await openSyncDevice(dir, null);
    cleanups.push(() => reopened.close());
    expect(tempFilesOf(reopened)).toEqual([]);
    expect(reopened.context.db.sqlite.prepare('SELECT * FROM export_marks').all()).toEqual([]);
  });
});

describe('the township passphrase through a WebDAV server', () => {
  it('uploads only envelopes, verifies the encrypted bytes read back, and skips a delivered file next time', async () => {
    const dav = await startDavServer();
    cleanups.push(() => dav.close());
    const { a, b, c } = await three();
    const url = `${dav.origin}${encodeURIComponent('村记')}/`;
    const save = async (device: SyncDevice) => (await device.api.sync.saveTarget({ kind: 'webdav', name: '坚果云', url, username: DAV_USER, password: DAV_PASSWORD })).id;
    const [ta, tb, tc] = [await save(a), await save(b), await save(c)];
    for (const device of [a, c]) await device.api.sync.setPassphrase({ passphrase: PASSPHRASE });
    await recordVisit(a);

    const sent = await a.api.sync.run({ id: ta });
    expect(sent.status.lastError).toBeNull();
    expect(sent.exported).toMatchObject({ encrypted: true, file: expect.stringMatching(new RegExp(`^${url}${a.id}/`)) });
    const onServer = bundlesIn(dav.disk);
    expect(onServer).toHaveLength(1);
    expectSealed(c, onServer[0]!);
    expect(sent.exported!.bytes).toBe(readFileSync(onServer[0]!).length);

    const atC = await c.api.sync.run({ id: tc });
    expect(atC.receipts.map((r) => [r.status, r.encrypted])).toEqual([['imported', true]]);
    expect(atC.status.lastCounts).toMatchObject({ filesIn: 1, refused: 0, released: 0 });
    expect((await c.api.visits.list({})).total).toBe(1);
    const start = dav.requests.length;
    const again = await c.api.sync.run({ id: tc });
    expect(again.receipts).toEqual([]);
    // Only its own relayed file is read (back); a's is not downloaded again.
    expect(dav.requests.slice(start).filter((r) => r.method === 'GET' && !r.path.includes(`/${c.id}/`))).toEqual([]);

    // A secretary without the passphrase: a's file and c's relay refused as ENCRYPTED, read again on the next run.
    const atB = await b.api.sync.run({ id: tb });
    expect(atB.receipts.map((r) => [r.producer, r.refusal?.reason])).toEqual([
      [null, 'ENCRYPTED'],
      [null, 'ENCRYPTED'],
    ]);
    expect(atB.status.lastCounts).toMatchObject({ filesIn: 0, refused: 2 });
    await b.api.sync.setPassphrase({ passphrase: PASSPHRASE });
    expect((await b.api.sync.run({ id: tb })).receipts.map((r) => [r.status, r.encrypted])).toEqual([
      ['imported', true],
      ['imported', true],
    ]);
    expect(villageNamesIn(b.context.db.sqlite)).toEqual(['张家村', '李家村']);

    // The read-back compares the encrypted bytes: a corrupted download marks nothing as sent.
    await recordVisit(a);
    dav.setHook(corruptDownloadsOf(a.id));
    const marks = a.context.db.sqlite.prepare('SELECT * FROM export_marks ORDER BY target, origin').all();
    const corrupted = await a.api.sync.run({ id: ta });
    expect(corrupted.status.lastError).toMatchObject({ code: 'VERIFY_MISMATCH' });
    expect(a.context.db.sqlite.prepare('SELECT * FROM export_marks ORDER BY target, origin').all()).toEqual(marks);
    for (const device of [a, b, c]) expect(tempFilesOf(device)).toEqual([]);
  });
});
