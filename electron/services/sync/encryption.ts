// The township passphrase and what encrypting bundles needs around db/sync/envelope.ts: where
// the passphrase is kept (the SecretStore, never a view), the app's private temp folder (under
// the data folder, never a shared one) where plain bundles exist for a moment before they are
// encrypted or after they are decrypted, and the encrypted files already imported (their outer
// hash → the bundle's), so one seen again is skipped without deriving a key or decrypting.
import { createHash } from 'node:crypto';
import { createReadStream, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Sqlite } from '../../../db/open';
import type { SyncEncryptionView } from '../../../shared/domain/sync';
import type { ServiceContext } from '../context';
import type { SecretStore } from './secrets';

export const PASSPHRASE_SECRET_KEY = 'sync-passphrase';

/** `<data folder>/sync-temp`: plain bundles on their way in or out, and nothing else. */
export const SYNC_TEMP_FOLDER = 'sync-temp';

export const privateTempRoot = (dataDir: string) => join(dataDir, SYNC_TEMP_FOLDER);

/** A fresh folder of its own inside the private temp folder (the caller removes it). */
export function privateWorkDir(dataDir: string, prefix: string): string {
  const root = privateTempRoot(dataDir);
  mkdirSync(root, { recursive: true });
  return mkdtempSync(join(root, prefix));
}

/**
 * Empties the private temp folder: a run or a decrypt killed part way leaves plaintext and
 * `.part` files there, and nothing in it outlives the call that made it. Returns what went.
 */
export function clearPrivateTemp(dataDir: string): number {
  let entries: string[];
  try {
    entries = readdirSync(privateTempRoot(dataDir));
  } catch {
    return 0;
  }
  for (const entry of entries) rmSync(join(privateTempRoot(dataDir), entry), { recursive: true, force: true });
  return entries.length;
}

export async function storedPassphrase(secrets: SecretStore): Promise<string | null> {
  return secrets.get(PASSPHRASE_SECRET_KEY);
}

export function encryptionView(ctx: Pick<ServiceContext, 'secrets'>): SyncEncryptionView {
  return { passphraseSet: ctx.secrets.has(PASSPHRASE_SECRET_KEY), passwordProtected: ctx.secrets.protectedAtRest };
}

/** SHA-256 of a file's bytes, streamed (a bundle may be large). */
export function sha256OfFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

export interface KnownEncryptedFile {
  readonly fileHash: string;
  readonly producer: string;
  /** Segments and changes of the bundle inside, as its import recorded them. */
  readonly segments: number;
  readonly changes: number;
}

/** The bundle inside an encrypted file imported before, when its import is still on record. */
export function knownEncryptedFile(sqlite: Sqlite, outerHash: string): KnownEncryptedFile | null {
  const row = sqlite
    .prepare('SELECT i.file_hash, i.producer, i.result FROM encrypted_files e JOIN imports i ON i.file_hash = e.file_hash WHERE e.outer_hash = ?')
    .get(outerHash) as { file_hash: string; producer: string; result: string } | undefined;
  if (!row) return null;
  const result = JSON.parse(row.result) as Partial<Record<'segmentsNew' | 'segmentsKnown' | 'changesNew' | 'changesKnown', number>>;
  return {
    fileHash: row.file_hash,
    producer: row.producer,
    segments: (result.segmentsNew ?? 0) + (result.segmentsKnown ?? 0),
    changes: (result.changesNew ?? 0) + (result.changesKnown ?? 0),
  };
}

export function rememberEncryptedFile(sqlite: Sqlite, outerHash: string, fileHash: string, at: string): void {
  sqlite
    .prepare('INSERT INTO encrypted_files (outer_hash, file_hash, at) VALUES (?, ?, ?) ON CONFLICT (outer_hash) DO UPDATE SET file_hash = excluded.file_hash, at = excluded.at')
    .run(outerHash, fileHash, at);
}
