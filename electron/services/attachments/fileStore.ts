// The attachment files of one data folder, kept once each under their SHA-256:
// `<dataDir>/attachments/ab/abcdef….jpg`. Beside the database, never in it, so the database stays
// small enough to back up every day and a file can travel on its own, named by what it holds.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AttachmentRefused } from './errors';

export const ATTACHMENTS_DIR = 'attachments';
/** The only extensions a stored file can have: what ingest produces. */
export const STORED_EXTENSIONS = ['jpg', 'png', 'pdf'] as const;
export type StoredExtension = (typeof STORED_EXTENSIONS)[number];

const HASH = /^[0-9a-f]{64}$/;
/** A write in progress: `<hash>.<ext>.<random>.part`, renamed into place only when complete. */
const PART_SUFFIX = '.part';

export interface PutResult {
  hash: string;
  ext: StoredExtension;
  /** False when the same bytes were already kept (nothing was written). */
  written: boolean;
}

export interface FileStore {
  readonly root: string;
  /** Keeps the bytes under their hash; `expectedHash` (a file arriving by sync) must match them. */
  put(bytes: Uint8Array, ext: StoredExtension, expectedHash?: string): PutResult;
  has(hash: string): boolean;
  /** The bytes, checked against their hash; a file damaged on disk is refused, never returned. */
  read(hash: string): Buffer;
  /** The path of a complete file, or null. */
  pathOf(hash: string): string | null;
  /** Every complete file's hash (not the `.part` files of writes that never finished). */
  list(): string[];
  /** Removes `.part` files a crash left behind; returns how many. Safe only when no write is under way. */
  sweepParts(): number;
  /** When the file was last written (ms), or null when it is not kept. */
  writtenAt(hash: string): number | null;
  /** Removes a kept file (the sweep's, once nothing refers to it); false when there was none. */
  remove(hash: string): boolean;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function attachmentsDirOf(dataDir: string): string {
  return join(dataDir, ATTACHMENTS_DIR);
}

export function openFileStore(dataDir: string): FileStore {
  const root = attachmentsDirOf(dataDir);
  const shardOf = (hash: string) => join(root, hash.slice(0, 2));

  function checkHash(hash: string): void {
    if (!HASH.test(hash)) throw new AttachmentRefused('ATTACHMENT_HASH', `not a SHA-256 in lower-case hex: ${JSON.stringify(hash)}`);
  }

  function pathOf(hash: string): string | null {
    checkHash(hash);
    for (const ext of STORED_EXTENSIONS) {
      const path = join(shardOf(hash), `${hash}.${ext}`);
      if (existsSync(path)) return path;
    }
    return null;
  }

  function readVerified(path: string, hash: string): Buffer {
    const bytes = readFileSync(path);
    const actual = sha256Hex(bytes);
    if (actual !== hash) throw new AttachmentRefused('ATTACHMENT_HASH', `${path} holds bytes hashing to ${actual}, not ${hash}`);
    return bytes;
  }

  function put(bytes: Uint8Array, ext: StoredExtension, expectedHash?: string): PutResult {
    if (!STORED_EXTENSIONS.includes(ext)) throw new AttachmentRefused('ATTACHMENT_TYPE', `cannot keep a .${String(ext)} file`);
    const hash = sha256Hex(bytes);
    if (expectedHash !== undefined && expectedHash !== hash) {
      throw new AttachmentRefused('ATTACHMENT_HASH', `the bytes hash to ${hash}, not the ${expectedHash} they came as`);
    }
    const existing = pathOf(hash);
    if (existing) {
      // Same bytes, same name: nothing to do, unless the copy on disk was damaged since.
      try {
        readVerified(existing, hash);
        return { hash, ext, written: false };
      } catch (error) {
        if (!(error instanceof AttachmentRefused)) throw error;
      }
    }
    const dir = shardOf(hash);
    mkdirSync(dir, { recursive: true });
    const final = join(dir, `${hash}.${ext}`);
    // A name of its own per write, so two writers of the same file never share a .part; the rename
    // is atomic on one file system, so a reader sees no file or the whole file, never half of one.
    const part = `${final}.${randomBytes(6).toString('hex')}${PART_SUFFIX}`;
    const fd = openSync(part, 'wx');
    try {
      let offset = 0;
      while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
      fsyncSync(fd);
    } catch (error) {
      closeSync(fd);
      rmSync(part, { force: true });
      throw error;
    }
    closeSync(fd);
    renameSync(part, final);
    return { hash, ext, written: true };
  }

  function list(): string[] {
    if (!existsSync(root)) return [];
    const hashes: string[] = [];
    for (const shard of readdirSync(root).sort()) {
      if (!/^[0-9a-f]{2}$/.test(shard)) continue;
      for (const name of readdirSync(join(root, shard)).sort()) {
        const match = /^([0-9a-f]{64})\.(jpg|png|pdf)$/.exec(name);
        if (match && match[1]!.startsWith(shard)) hashes.push(match[1]!);
      }
    }
    return hashes;
  }

  function sweepParts(): number {
    if (!existsSync(root)) return 0;
    let removed = 0;
    for (const shard of readdirSync(root)) {
      if (!/^[0-9a-f]{2}$/.test(shard)) continue;
      for (const name of readdirSync(join(root, shard))) {
        if (!name.endsWith(PART_SUFFIX)) continue;
        rmSync(join(root, shard, name), { force: true });
        removed++;
      }
    }
    return removed;
  }

  return {
    root,
    put,
    has: (hash) => pathOf(hash) !== null,
    read(hash) {
      const path = pathOf(hash);
      if (!path) throw new AttachmentRefused('ATTACHMENT_MISSING', `no file is kept under ${hash}`);
      return readVerified(path, hash);
    },
    pathOf,
    list,
    sweepParts,
    writtenAt(hash) {
      const path = pathOf(hash);
      return path ? statSync(path).mtimeMs : null;
    },
    remove(hash) {
      const path = pathOf(hash);
      if (!path) return false;
      rmSync(path, { force: true });
      return true;
    },
  };
}
