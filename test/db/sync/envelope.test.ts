// The passphrase envelope: round trips of every shape, and every way a file can be wrong —
// passphrase, flipped bytes, cuts, chunks moved about, hostile headers — refused with its
// reason and no plaintext left behind.
import { randomBytes, createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CHUNK_SIZE, decryptFile, encryptFile, ENVELOPE_MAGIC, isEncryptedFile, type EncryptOptions } from '../../../db/sync/envelope';
import { BUNDLE_MAGIC } from '../../../db/sync/segments/bundle';
import { SyncFileError, type SyncFileReason } from '../../../db/sync/segments/errors';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();
const PASSPHRASE = '青石镇 2026 冬季同步 🔐';
/** The lowest cost a file may ask for, and small chunks: hundreds of decryptions stay quick. */
const FAST: EncryptOptions = { scrypt: { N: 2 ** 10, r: 8, p: 1 }, chunkSize: 32 };
const TAG = 16;

async function encrypted(plain: Buffer, options: EncryptOptions = FAST): Promise<{ dir: string; path: string; bytes: Buffer }> {
  const dir = tempDir();
  writeFileSync(join(dir, 'plain.cunji'), plain);
  const path = join(dir, 'sealed.cunji');
  await encryptFile(join(dir, 'plain.cunji'), path, PASSPHRASE, options);
  return { dir, path, bytes: readFileSync(path) };
}

/** Decrypts `bytes` in a fresh folder; the reason it was refused (and nothing else left there), or 'OPENED'. */
async function outcome(bytes: Buffer, passphrase: string | null = PASSPHRASE): Promise<SyncFileReason | 'OPENED'> {
  const dir = tempDir();
  writeFileSync(join(dir, 'in'), bytes);
  try {
    await decryptFile(join(dir, 'in'), join(dir, 'out'), passphrase);
    return 'OPENED';
  } catch (error) {
    if (!(error instanceof SyncFileError)) throw error;
    expect(readdirSync(dir)).toEqual(['in']); // no plaintext, whole or partial
    return error.reason;
  }
}

/** The parts of an envelope, to rebuild one with changes. */
function split(bytes: Buffer) {
  const headerLength = bytes.readUInt32BE(ENVELOPE_MAGIC.length);
  const headerEnd = ENVELOPE_MAGIC.length + 4 + headerLength;
  const header = JSON.parse(bytes.subarray(ENVELOPE_MAGIC.length + 4, headerEnd).toString('utf8')) as Record<string, unknown> & { chunkSize: number; length: number };
  const data = bytes.subarray(headerEnd + 32);
  const chunks: Buffer[] = [];
  for (let at = 0; at < data.length; at += header.chunkSize + TAG) chunks.push(data.subarray(at, Math.min(at + header.chunkSize + TAG, data.length)));
  return { header, chunks };
}

/** An envelope with this header text and these chunks, its header checksum made to match. */
function rebuild(headerText: string, chunks: readonly Buffer[]): Buffer {
  const headerBytes = Buffer.from(headerText, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(headerBytes.length);
  const prefix = Buffer.concat([ENVELOPE_MAGIC, length, headerBytes]);
  return Buffer.concat([prefix, createHash('sha256').update(prefix).digest(), ...chunks]);
}

describe('the passphrase envelope', () => {
  it.each([
    ['empty', 0],
    ['one byte', 1],
    ['exactly one chunk', 32],
    ['many chunks and a short last one', 32 * 9 + 5],
    ['many full chunks', 32 * 8],
  ])('round-trips a file: %s', async (_name, size) => {
    const plain = randomBytes(size);
    const { dir, path, bytes } = await encrypted(plain);
    expect(isEncryptedFile(path)).toBe(true);
    expect(bytes.subarray(0, 8).equals(ENVELOPE_MAGIC)).toBe(true);
    expect(split(bytes).chunks).toHaveLength(Math.max(1, Math.ceil(size / 32)));
    const result = await decryptFile(path, join(dir, 'back.cunji'), PASSPHRASE);
    expect(result.length).toBe(size);
    expect(readFileSync(join(dir, 'back.cunji')).equals(plain)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['back.cunji', 'plain.cunji', 'sealed.cunji']); // no .part
  });

  it('round-trips with the default cost and chunk size (1 MiB exactly, and one byte more)', async () => {
    for (const size of [DEFAULT_CHUNK_SIZE, DEFAULT_CHUNK_SIZE + 1]) {
      const plain = randomBytes(size);
      const { dir, path, bytes } = await encrypted(plain, {});
      expect(split(bytes).header).toMatchObject({ kdf: { name: 'scrypt', logN: 15, r: 8, p: 1 }, chunkSize: DEFAULT_CHUNK_SIZE, length: size });
      await decryptFile(path, join(dir, 'back'), PASSPHRASE);
      expect(readFileSync(join(dir, 'back')).equals(plain)).toBe(true);
    }
  });

  it('tells an encrypted file from a plain bundle and from no file, and never overwrites', async () => {
    const { dir, path } = await encrypted(Buffer.from('secret'));
    writeFileSync(join(dir, 'plain.cunji'), Buffer.concat([BUNDLE_MAGIC, Buffer.from('rest')]));
    expect(isEncryptedFile(join(dir, 'plain.cunji'))).toBe(false);
    expect(isEncryptedFile(join(dir, 'missing'))).toBe(false);
    expect(await outcome(readFileSync(join(dir, 'plain.cunji')))).toBe('BAD_MAGIC');
    await expect(decryptFile(path, join(dir, 'plain.cunji'), PASSPHRASE)).rejects.toThrow(/never overwritten/);
    await expect(encryptFile(join(dir, 'plain.cunji'), path, PASSPHRASE, FAST)).rejects.toThrow(/never overwritten/);
  });

  it('the same plaintext and passphrase encrypt differently every time (fresh salt and nonces)', async () => {
    const plain = Buffer.from('同一份数据'.repeat(20));
    const [one, two] = [await encrypted(plain), await encrypted(plain)];
    expect(one.bytes.equals(two.bytes)).toBe(false);
    expect(one.bytes.includes(plain.subarray(0, 16))).toBe(false);
  });

  it('refuses a wrong passphrase, and asks for one when none is given', async () => {
    const { bytes } = await encrypted(randomBytes(100));
    expect(await outcome(bytes, 'wrong')).toBe('WRONG_PASSPHRASE');
    expect(await outcome(bytes, PASSPHRASE.slice(0, -2))).toBe('WRONG_PASSPHRASE');
    expect(await outcome(bytes, null)).toBe('ENCRYPTED');
    expect(await outcome(bytes, '')).toBe('ENCRYPTED');
    expect(await outcome(bytes)).toBe('OPENED');
    // The same passphrase typed decomposed (e + combining accent) opens it too.
    const dir = tempDir();
    writeFileSync(join(dir, 'p'), 'x');
    await encryptFile(join(dir, 'p'), join(dir, 'e'), 'caf\u00e9', FAST);
    await decryptFile(join(dir, 'e'), join(dir, 'd'), 'cafe\u0301');
    expect(readFileSync(join(dir, 'd'), 'utf8')).toBe('x');
  });

  it('refuses every single-byte flip, naming where it hit', async () => {
    const { bytes } = await encrypted(randomBytes(100));
    const headerEnd = 8 + 4 + bytes.readUInt32BE(8);
    for (let at = 0; at < bytes.length; at++) {
      const bad = Buffer.from(bytes);
      bad[at] = bad[at]! ^ 0x5a;
      const reason = await outcome(bad);
      const expected: SyncFileReason[] =
        at < 8 ? ['BAD_MAGIC']
        : at < 12 ? ['TOO_LARGE', 'TRUNCATED', 'CORRUPT_ENCRYPTION'] // the header length
        : at < headerEnd + 32 ? ['CORRUPT_ENCRYPTION'] // the header or its checksum
        : ['CORRUPT_ENCRYPTION']; // a chunk or its tag
      expect(expected, `byte ${at}`).toContain(reason);
    }
  });

  it('refuses the file cut at every offset as truncated', async () => {
    const { bytes } = await encrypted(randomBytes(100));
    for (let at = 0; at < bytes.length; at++) expect(await outcome(bytes.subarray(0, at)), `cut at ${at}`).toBe('TRUNCATED');
  });

  it('refuses chunks reordered, duplicated or dropped, and a last chunk removed, even with the header rewritten to match', async () => {
    const { bytes } = await encrypted(randomBytes(32 * 4 + 10));
    const { header, chunks } = split(bytes);
    const text = JSON.stringify(header);
    const [c0, c1, c2, c3, c4] = chunks as [Buffer, Buffer, Buffer, Buffer, Buffer];
    expect(await outcome(rebuild(text, chunks))).toBe('OPENED'); // the rebuilder itself is faithful
    expect(await outcome(rebuild(text, [c0, c2, c1, c3, c4]))).toBe('CORRUPT_ENCRYPTION');
    expect(await outcome(rebuild(text, [c1, c0, c2, c3, c4]))).toBe('CORRUPT_ENCRYPTION');
    expect(await outcome(rebuild(text, [c0, c1, c1, c2, c3, c4]))).toBe('CORRUPT_ENCRYPTION');
    expect(await outcome(rebuild(text, [c0, c1, c3, c4]))).toBe('TRUNCATED');
    expect(await outcome(rebuild(text, [c0, c1, c2, c3]))).toBe('TRUNCATED');
    // The header's length edited to fit: the header hash and the last-chunk flag in each
    // chunk's authenticated data still refuse it.
    const withLength = (length: number) => JSON.stringify({ ...header, length });
    expect(await outcome(rebuild(withLength(32 * 4), [c0, c1, c2, c3]))).toBe('CORRUPT_ENCRYPTION');
    expect(await outcome(rebuild(withLength(32 * 3 + 10), [c0, c1, c3, c4]))).toBe('CORRUPT_ENCRYPTION');
    expect(await outcome(rebuild(withLength(32 * 5 + 10), [c0, c1, c1, c2, c3, c4]))).toBe('CORRUPT_ENCRYPTION');
  });

  it('refuses absurd scrypt costs before deriving anything, and a huge or malformed header', async () => {
    const { bytes } = await encrypted(Buffer.from('x'));
    const { header, chunks } = split(bytes);
    const kdf = header.kdf as Record<string, unknown>;
    const withKdf = (change: Record<string, unknown>) => rebuild(JSON.stringify({ ...header, kdf: { ...kdf, ...change } }), chunks);
    expect(await outcome(withKdf({ logN: 40 }))).toBe('TOO_LARGE');
    expect(await outcome(withKdf({ logN: 21 }))).toBe('TOO_LARGE');
    expect(await outcome(withKdf({ r: 1_000_000 }))).toBe('TOO_LARGE');
    expect(await outcome(withKdf({ p: 1000 }))).toBe('TOO_LARGE');
    expect(await outcome(withKdf({ logN: 20, r: 16 }))).toBe('TOO_LARGE'); // 2 GiB of memory
    expect(await outcome(withKdf({ logN: 4 }))).toBe('BAD_HEADER'); // too weak to be ours
    expect(await outcome(withKdf({ r: 0 }))).toBe('TOO_LARGE');
    expect(await outcome(withKdf({ logN: 15.5 }))).toBe('BAD_HEADER');

    const declared = (length: number) => Buffer.concat([ENVELOPE_MAGIC, Buffer.from([length >>> 24, (length >>> 16) & 255, (length >>> 8) & 255, length & 255]), Buffer.alloc(64)]);
    expect(await outcome(declared(0xffffffff))).toBe('TOO_LARGE');
    expect(await outcome(declared(4097))).toBe('TOO_LARGE');
    expect(await outcome(rebuild('{"format":1', chunks))).toBe('BAD_HEADER');
    expect(await outcome(rebuild(JSON.stringify({ ...header, extra: 1 }), chunks))).toBe('BAD_HEADER');
    expect(await outcome(rebuild(JSON.stringify({ ...header, chunkSize: 2 ** 30 }), chunks))).toBe('BAD_HEADER');
    expect(await outcome(rebuild(JSON.stringify({ ...header, format: 2 }), chunks))).toBe('BAD_HEADER');
  });

  it('leaves no .part behind when the input is refused half way through', async () => {
    const { dir, path, bytes } = await encrypted(randomBytes(32 * 6));
    const bad = Buffer.from(bytes);
    bad[bad.length - 3] = bad[bad.length - 3]! ^ 1; // the last chunk: five chunks' plaintext were already written
    writeFileSync(path, bad);
    await expect(decryptFile(path, join(dir, 'out'), PASSPHRASE)).rejects.toMatchObject({ reason: 'CORRUPT_ENCRYPTION', message: expect.stringMatching(/Chunk 6 of 6/) });
    expect(existsSync(join(dir, 'out'))).toBe(false);
    expect(existsSync(join(dir, 'out.part'))).toBe(false);
  });
});
