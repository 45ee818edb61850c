// A township passphrase around a `.cunji` bundle: AES-256-GCM in fixed-size chunks, streamed
// both ways so a file of any size passes through a few chunks of memory.
//
//   magic "CUNJIE1\n" | u32 BE header length | header JSON | SHA-256 of the three before (32) |
//   chunk 0 | chunk 1 | … | chunk n-1            (chunk = ciphertext | 16-byte GCM tag)
//
// Every chunk holds `chunkSize` plaintext bytes except the last, which holds 0…chunkSize (an
// empty file is one empty chunk). Key: scrypt(passphrase, salt) → 64 bytes: the AES key, and a
// key that makes `keyCheck` (so a wrong passphrase is told apart from a damaged file). Nonce:
// the file's random 8-byte prefix | u32 BE chunk index. Authenticated data: the header's hash |
// u64 BE chunk index | last-chunk flag — so an edited header, chunks reordered, repeated, dropped
// or cut off at a chunk boundary all fail authentication. The header states the plaintext
// length, so a short or long file is named as such before any key is derived.
//
// A hostile file cannot make us work hard: the header is at most 4 KiB, and its scrypt cost is
// checked against SCRYPT_LIMITS (N, r, p and memory) before any key is derived.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { SyncFileError } from './segments/errors';

export const ENVELOPE_MAGIC = Buffer.from('CUNJIE1\n', 'latin1');
export const ENVELOPE_FORMAT = 1;
export const DEFAULT_CHUNK_SIZE = 1024 * 1024;
export const MAX_ENVELOPE_HEADER_BYTES = 4096;
/** Cost of the key derivation: about 0.1 s and 32 MiB on a township laptop. */
export const DEFAULT_SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;
/** What a file may ask for: a lower N would weaken the file, a higher cost could stall us. */
export const SCRYPT_LIMITS = { minLogN: 10, maxLogN: 20, maxR: 16, maxP: 4, maxMemoryBytes: 256 * 1024 ** 2 } as const;
const CHUNK_SIZE_LIMITS = { min: 16, max: 16 * 1024 * 1024 } as const;
const TAG_BYTES = 16;
const HASH_BYTES = 32;
const PREFIX_BYTES = ENVELOPE_MAGIC.length + 4;
const KEY_CHECK_LABEL = 'cunji-envelope/1 key check';

const base64Of = (bytes: number) => z.string().refine((s) => /^[A-Za-z0-9+/]*={0,2}$/.test(s) && Buffer.from(s, 'base64').length === bytes, `${bytes} bytes in base64`);

const headerSchema = z.strictObject({
  format: z.literal(ENVELOPE_FORMAT),
  cipher: z.literal('aes-256-gcm'),
  kdf: z.strictObject({
    name: z.literal('scrypt'),
    // Below the minimum only weakens the file: refused as malformed, not as too costly.
    logN: z.number().int().min(SCRYPT_LIMITS.minLogN),
    r: z.number().int(),
    p: z.number().int(),
    salt: base64Of(16),
  }),
  keyCheck: base64Of(32),
  noncePrefix: base64Of(8),
  chunkSize: z.number().int().min(CHUNK_SIZE_LIMITS.min).max(CHUNK_SIZE_LIMITS.max),
  /** Plaintext bytes. */
  length: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
});
export type EnvelopeHeader = z.infer<typeof headerSchema>;

export interface EncryptOptions {
  /** Plaintext bytes a chunk (default 1 MiB; small ones only make tests fast). */
  readonly chunkSize?: number;
  /** scrypt cost (default DEFAULT_SCRYPT; tests lower it). N must be a power of two. */
  readonly scrypt?: { readonly N: number; readonly r: number; readonly p: number };
}

export interface EnvelopeResult {
  readonly path: string;
  /** Plaintext bytes. */
  readonly length: number;
  readonly chunks: number;
  /** Bytes of the encrypted file. */
  readonly bytes: number;
}

/** True when the file starts with the envelope's magic (false for a plain bundle, or no file). */
export function isEncryptedFile(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return false;
  }
  try {
    const head = Buffer.alloc(ENVELOPE_MAGIC.length);
    return readSync(fd, head, 0, head.length, 0) === head.length && head.equals(ENVELOPE_MAGIC);
  } finally {
    closeSync(fd);
  }
}

/** Encrypts `plainPath` into `encryptedPath` (.part, fsync, rename; never overwrites). */
export async function encryptFile(plainPath: string, encryptedPath: string, passphrase: string, options: EncryptOptions = {}): Promise<EnvelopeResult> {
  if (!passphrase) throw new Error('A passphrase is needed to encrypt a file.');
  const { N, r, p } = options.scrypt ?? DEFAULT_SCRYPT;
  const logN = Math.log2(N);
  const kdf = { name: 'scrypt' as const, logN, r, p, salt: randomBytes(16).toString('base64') };
  const costProblem = scryptProblem(kdf);
  if (costProblem) throw new RangeError(costProblem);
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  if (!Number.isInteger(chunkSize) || chunkSize < CHUNK_SIZE_LIMITS.min || chunkSize > CHUNK_SIZE_LIMITS.max) throw new RangeError(`chunk size ${chunkSize} out of range`);

  const input = await open(plainPath, 'r');
  try {
    const length = (await input.stat()).size;
    const keys = await deriveKeys(passphrase, kdf);
    const header: EnvelopeHeader = {
      format: ENVELOPE_FORMAT,
      cipher: 'aes-256-gcm',
      kdf,
      keyCheck: keys.check.toString('base64'),
      noncePrefix: randomBytes(8).toString('base64'),
      chunkSize,
      length,
    };
    const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
    const prefix = Buffer.concat([ENVELOPE_MAGIC, u32(headerBytes.length), headerBytes]);
    const headerHash = createHash('sha256').update(prefix).digest();
    const chunks = chunkCount(length, chunkSize);
    const noncePrefix = Buffer.from(header.noncePrefix, 'base64');

    return await writeAtomically(encryptedPath, async (out) => {
      let bytes = await writeAll(out, Buffer.concat([prefix, headerHash]));
      const plain = Buffer.alloc(chunkSize);
      for (let index = 0; index < chunks; index++) {
        const want = index === chunks - 1 ? length - index * chunkSize : chunkSize;
        const got = await readFully(input, plain, want, index * chunkSize);
        if (got !== want) throw new Error(`${plainPath} changed while it was being encrypted`);
        const cipher = createCipheriv('aes-256-gcm', keys.aes, nonceOf(noncePrefix, index));
        cipher.setAAD(aadOf(headerHash, index, index === chunks - 1));
        bytes += await writeAll(out, Buffer.concat([cipher.update(plain.subarray(0, want)), cipher.final(), cipher.getAuthTag()]));
      }
      // The header states the length: a file that grew meanwhile would be cut without a word.
      if ((await readFully(input, plain, 1, length)) !== 0) throw new Error(`${plainPath} changed while it was being encrypted`);
      return { path: encryptedPath, length, chunks, bytes };
    });
  } finally {
    await input.close();
  }
}

/**
 * Decrypts into `plainOutPath` (.part, fsync, rename), chunk by chunk. Every chunk is
 * authenticated before its plaintext is written, and the .part is removed on any failure, so a
 * refused file leaves no plaintext behind. Throws SyncFileError: ENCRYPTED (no passphrase),
 * WRONG_PASSPHRASE, TRUNCATED, BAD_MAGIC, BAD_HEADER, TOO_LARGE, CORRUPT_ENCRYPTION.
 */
export async function decryptFile(encryptedPath: string, plainOutPath: string, passphrase: string | null | undefined): Promise<EnvelopeResult> {
  const input = await open(encryptedPath, 'r');
  try {
    const size = (await input.stat()).size;
    const { header, headerHash, dataStart } = await readHeader(input, size);
    const chunks = chunkCount(header.length, header.chunkSize);
    const expected = dataStart + header.length + chunks * TAG_BYTES;
    if (size < expected) {
      throw new SyncFileError('TRUNCATED', `The encrypted file is cut short: ${size} bytes of the ${expected} its header announces (an interrupted copy?).`);
    }
    if (size > expected) {
      throw new SyncFileError('CORRUPT_ENCRYPTION', `The encrypted file is ${size - expected} bytes longer than its header announces: it has been altered.`);
    }
    if (!passphrase) throw new SyncFileError('ENCRYPTED', 'The file is encrypted with a township passphrase; enter the passphrase to open it.');
    const keys = await deriveKeys(passphrase, header.kdf);
    if (!timingSafeEqual(keys.check, Buffer.from(header.keyCheck, 'base64'))) {
      throw new SyncFileError('WRONG_PASSPHRASE', 'The passphrase is wrong: it does not open this file.');
    }

    const noncePrefix = Buffer.from(header.noncePrefix, 'base64');
    const sealed = Buffer.alloc(header.chunkSize + TAG_BYTES);
    return await writeAtomically(plainOutPath, async (out) => {
      let position = dataStart;
      for (let index = 0; index < chunks; index++) {
        const plainBytes = index === chunks - 1 ? header.length - index * header.chunkSize : header.chunkSize;
        const got = await readFully(input, sealed, plainBytes + TAG_BYTES, position);
        if (got !== plainBytes + TAG_BYTES) throw new SyncFileError('TRUNCATED', `The encrypted file ends inside chunk ${index + 1} of ${chunks}.`);
        position += got;
        const decipher = createDecipheriv('aes-256-gcm', keys.aes, nonceOf(noncePrefix, index));
        decipher.setAAD(aadOf(headerHash, index, index === chunks - 1));
        decipher.setAuthTag(sealed.subarray(plainBytes, plainBytes + TAG_BYTES));
        let plain: Buffer;
        try {
          plain = Buffer.concat([decipher.update(sealed.subarray(0, plainBytes)), decipher.final()]);
        } catch {
          throw new SyncFileError(
            'CORRUPT_ENCRYPTION',
            `Chunk ${index + 1} of ${chunks} of the encrypted file fails its check: the file is damaged, or its chunks were reordered, repeated or removed.`,
          );
        }
        await writeAll(out, plain);
      }
      return { path: plainOutPath, length: header.length, chunks, bytes: size };
    });
  } finally {
    await input.close();
  }
}

async function readHeader(input: FileHandle, size: number): Promise<{ header: EnvelopeHeader; headerHash: Buffer; dataStart: number }> {
  const start = Buffer.alloc(PREFIX_BYTES);
  const got = await readFully(input, start, PREFIX_BYTES, 0);
  const magicBytes = Math.min(got, ENVELOPE_MAGIC.length);
  if (!start.subarray(0, magicBytes).equals(ENVELOPE_MAGIC.subarray(0, magicBytes))) {
    throw new SyncFileError('BAD_MAGIC', 'The file is not an encrypted Cunji file.');
  }
  if (got < PREFIX_BYTES) throw new SyncFileError('TRUNCATED', `The encrypted file is cut short: ${size} bytes, too few for its header.`);
  const headerLength = start.readUInt32BE(ENVELOPE_MAGIC.length);
  if (headerLength > MAX_ENVELOPE_HEADER_BYTES) {
    throw new SyncFileError('TOO_LARGE', `The encrypted file declares a header of ${headerLength} bytes; at most ${MAX_ENVELOPE_HEADER_BYTES} are allowed.`);
  }
  const rest = Buffer.alloc(headerLength + HASH_BYTES);
  if ((await readFully(input, rest, rest.length, PREFIX_BYTES)) < rest.length) {
    throw new SyncFileError('TRUNCATED', `The encrypted file is cut short: ${size} bytes, too few for its ${headerLength}-byte header.`);
  }
  const headerBytes = rest.subarray(0, headerLength);
  const headerHash = createHash('sha256').update(start).update(headerBytes).digest();
  if (!headerHash.equals(rest.subarray(headerLength))) {
    throw new SyncFileError('CORRUPT_ENCRYPTION', 'The header of the encrypted file is damaged (its checksum does not match).');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(headerBytes.toString('utf8'));
  } catch {
    throw new SyncFileError('BAD_HEADER', 'The header of the encrypted file is not valid JSON.');
  }
  const result = headerSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new SyncFileError('BAD_HEADER', `The header of the encrypted file is invalid at ${issue.path.join('.') || 'the top'}: ${issue.message}.`);
  }
  const problem = scryptProblem(result.data.kdf);
  if (problem) throw new SyncFileError('TOO_LARGE', `The encrypted file asks for a key derivation we refuse: ${problem}.`);
  return { header: result.data, headerHash, dataStart: PREFIX_BYTES + rest.length };
}

/** Why scrypt parameters are out of bounds, or null when they are fine. */
function scryptProblem({ logN, r, p }: { logN: number; r: number; p: number }): string | null {
  const L = SCRYPT_LIMITS;
  if (!Number.isInteger(logN) || logN < L.minLogN || logN > L.maxLogN) return `N = 2^${logN} (allowed 2^${L.minLogN}…2^${L.maxLogN})`;
  if (!Number.isInteger(r) || r < 1 || r > L.maxR) return `r = ${r} (allowed 1…${L.maxR})`;
  if (!Number.isInteger(p) || p < 1 || p > L.maxP) return `p = ${p} (allowed 1…${L.maxP})`;
  if (scryptMemory(logN, r) > L.maxMemoryBytes) return `${scryptMemory(logN, r) / 1024 ** 2} MiB of memory (allowed ${L.maxMemoryBytes / 1024 ** 2} MiB)`;
  return null;
}

const scryptMemory = (logN: number, r: number) => 128 * 2 ** logN * r;

async function deriveKeys(passphrase: string, kdf: EnvelopeHeader['kdf']): Promise<{ aes: Buffer; check: Buffer }> {
  const options: ScryptOptions = { N: 2 ** kdf.logN, r: kdf.r, p: kdf.p, maxmem: scryptMemory(kdf.logN, kdf.r) + 1024 ** 2 };
  // NFC: the same passphrase typed on two systems may arrive composed differently.
  const derived = await new Promise<Buffer>((resolve, reject) =>
    scrypt(passphrase.normalize('NFC'), Buffer.from(kdf.salt, 'base64'), 64, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
  return { aes: derived.subarray(0, 32), check: createHmac('sha256', derived.subarray(32)).update(KEY_CHECK_LABEL).digest() };
}

const chunkCount = (length: number, chunkSize: number) => Math.max(1, Math.ceil(length / chunkSize));

function nonceOf(prefix: Buffer, index: number): Buffer {
  return Buffer.concat([prefix, u32(index)]);
}

function aadOf(headerHash: Buffer, index: number, last: boolean): Buffer {
  const tail = Buffer.alloc(9);
  tail.writeBigUInt64BE(BigInt(index));
  tail[8] = last ? 1 : 0;
  return Buffer.concat([headerHash, tail]);
}

function u32(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return bytes;
}

async function readFully(file: FileHandle, into: Buffer, length: number, position: number): Promise<number> {
  let done = 0;
  while (done < length) {
    const { bytesRead } = await file.read(into, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done;
}

async function writeAll(file: FileHandle, data: Buffer): Promise<number> {
  let done = 0;
  while (done < data.length) done += (await file.write(data, done, data.length - done)).bytesWritten;
  return done;
}

/** Writes through `<path>.part`: fsync, rename, directory fsync; the .part is removed on failure. */
async function writeAtomically<T>(path: string, write: (out: FileHandle) => Promise<T>): Promise<T> {
  const part = `${path}.part`;
  if (await exists(path)) throw new Error(`${path} exists already; it is never overwritten.`);
  // A .part left by an interrupted run is ours to replace.
  const out = await open(part, 'w');
  let result: T;
  try {
    result = await write(out);
    await out.sync();
  } catch (error) {
    await out.close();
    await unlink(part).catch(() => undefined);
    throw error;
  }
  await out.close();
  await rename(part, path);
  await syncDirectory(dirname(path));
  return result;
}

async function exists(path: string): Promise<boolean> {
  try {
    await (await open(path, 'r')).close();
    return true;
  } catch {
    return false;
  }
}

async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Not every platform can fsync a directory (Windows); the rename is still atomic.
  }
}
