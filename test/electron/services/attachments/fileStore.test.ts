import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AttachmentRefused } from '../../../../electron/services/attachments/errors';
import { openFileStore, sha256Hex } from '../../../../electron/services/attachments/fileStore';
import { useTempDirs } from '../../../helpers/tempDir';

const tempDir = useTempDirs();

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
}

async function refusal(run: () => unknown): Promise<string> {
  try {
    await run();
  } catch (error) {
    if (error instanceof AttachmentRefused) return error.code;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the attachment file store', () => {
  it('keeps bytes under their SHA-256 in a two-letter folder beside the database', () => {
    const dataDir = tempDir();
    const store = openFileStore(dataDir);
    const bytes = Buffer.from('a scanned invoice, say');
    const { hash, written } = store.put(bytes, 'pdf');
    expect(hash).toBe(sha256Hex(bytes));
    expect(written).toBe(true);
    const path = join(dataDir, 'attachments', hash.slice(0, 2), `${hash}.pdf`);
    expect(readFileSync(path)).toEqual(bytes);
    expect(store.pathOf(hash)).toBe(path);
    expect(store.has(hash)).toBe(true);
    expect(store.read(hash)).toEqual(bytes);
    expect(store.list()).toEqual([hash]);
  });

  it('keeps the same bytes once however often they are put', () => {
    const dataDir = tempDir();
    const store = openFileStore(dataDir);
    const bytes = Buffer.from('the same photo');
    const first = store.put(bytes, 'jpg');
    const second = store.put(Buffer.from(bytes), 'jpg');
    expect(second).toEqual({ ...first, written: false });
    expect(filesUnder(store.root)).toEqual([`${first.hash}.jpg`]);
  });

  it('refuses bytes that do not hash to the name they arrived under, and writes nothing', async () => {
    const store = openFileStore(tempDir());
    const bytes = Buffer.from('what arrived');
    expect(await refusal(() => store.put(bytes, 'jpg', sha256Hex(Buffer.from('what was announced'))))).toBe('ATTACHMENT_HASH');
    expect(filesUnder(store.root)).toEqual([]);
    expect(store.put(bytes, 'jpg', sha256Hex(bytes)).written).toBe(true);
  });

  it('never returns a file damaged on disk, and a later put of the right bytes repairs it', async () => {
    const store = openFileStore(tempDir());
    const bytes = Buffer.from('a photo of the vote');
    const { hash } = store.put(bytes, 'jpg');
    writeFileSync(store.pathOf(hash)!, Buffer.from('a photo of the votf'));
    expect(await refusal(() => store.read(hash))).toBe('ATTACHMENT_HASH');
    expect(store.put(bytes, 'jpg').written).toBe(true);
    expect(store.read(hash)).toEqual(bytes);
  });

  it('never shows a half-written .part as a file, and sweeps what a crash left', async () => {
    const store = openFileStore(tempDir());
    const bytes = Buffer.from('a whole file, of which a crash wrote half');
    const hash = sha256Hex(bytes);
    const shard = join(store.root, hash.slice(0, 2));
    mkdirSync(shard, { recursive: true });
    writeFileSync(join(shard, `${hash}.jpg.0a1b2c3d4e5f.part`), bytes.subarray(0, 10));
    expect(store.has(hash)).toBe(false);
    expect(store.pathOf(hash)).toBeNull();
    expect(store.list()).toEqual([]);
    expect(await refusal(() => store.read(hash))).toBe('ATTACHMENT_MISSING');
    // A new write goes through a .part of its own and leaves none behind.
    expect(store.put(bytes, 'jpg').written).toBe(true);
    expect(filesUnder(shard).sort()).toEqual([`${hash}.jpg`, `${hash}.jpg.0a1b2c3d4e5f.part`]);
    expect(store.sweepParts()).toBe(1);
    expect(filesUnder(shard)).toEqual([`${hash}.jpg`]);
    expect(store.read(hash)).toEqual(bytes);
  });

  it('refuses a hash that is not 64 lower-case hex digits, so no name can climb out of the folder', async () => {
    const store = openFileStore(tempDir());
    expect(await refusal(() => store.has('../../cunji.sqlite'))).toBe('ATTACHMENT_HASH');
    expect(await refusal(() => store.read('AB'.repeat(32)))).toBe('ATTACHMENT_HASH');
  });
});
