// The township passphrase and what encrypting bundles needs around db/sync/envelope.ts: where
// the passphrase is kept (the SecretStore, never a view), the app's private temp folder (under
// the data folder, never a shared one) where plain bundles exist for a moment before they are
// encrypted or after they are decrypted. The encrypted files already imported are remembered by
// db/sync/encryptedFiles.ts.
import { createHash } from 'node:crypto';
import { createReadStream, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
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

