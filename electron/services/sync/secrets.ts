// Where sync passwords are kept: a SecretStore port. The Electron shell passes one backed by the
// OS keychain (electron/main/secrets.ts, safeStorage); the browser host and the tests use the
// file store below, which says plainly that it is NOT encrypted at rest (`protectedAtRest:
// false`, shown as `passwordProtected: false`). Passwords never go back to the renderer.
import { chmodSync, closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export interface SecretStore {
  /** True only when secrets are encrypted with a key this user's OS keeps (keychain, DPAPI, libsecret). */
  readonly protectedAtRest: boolean;
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
  has(key: string): boolean;
}

/** How one entry's bytes are kept: 'plain' (base64 of UTF-8, not encryption) or a keychain's ciphertext. */
export interface SecretCodec {
  readonly scheme: string;
  readonly protectedAtRest: boolean;
  encode(value: string): Promise<Buffer>;
  decode(bytes: Buffer): Promise<string>;
}

export const SECRETS_FILE_NAME = 'secrets.json';

export const PLAIN_CODEC: SecretCodec = {
  scheme: 'plain',
  protectedAtRest: false,
  encode: async (value) => Buffer.from(value, 'utf8'),
  decode: async (bytes) => bytes.toString('utf8'),
};

const secretsFile = z.object({
  format: z.literal(1),
  entries: z.record(z.string(), z.object({ scheme: z.string(), data: z.string() })),
});
type SecretsFile = z.infer<typeof secretsFile>;

/**
 * Secrets in `<dataDir>/secrets.json` (mode 0600, written atomically). An entry written with
 * another scheme than this store's (a password saved by the browser host, then opened in the
 * desktop app) is still read when its scheme is 'plain', and re-encoded on the next write.
 */
export function createFileSecretStore(dataDir: string, codec: SecretCodec = PLAIN_CODEC): SecretStore {
  const path = join(dataDir, SECRETS_FILE_NAME);
  const load = (): SecretsFile => {
    if (!existsSync(path)) return { format: 1, entries: {} };
    return secretsFile.parse(JSON.parse(readFileSync(path, 'utf8')));
  };
  const save = (file: SecretsFile) => {
    const part = `${path}.part`;
    writeFileSync(part, `${JSON.stringify(file, null, 1)}\n`, { mode: 0o600 });
    const fd = openSync(part, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(part, path);
    try {
      chmodSync(path, 0o600);
    } catch {
      // Windows has no such modes; the data folder is the user's own.
    }
  };
  return {
    protectedAtRest: codec.protectedAtRest,
    has: (key) => Object.hasOwn(load().entries, key),
    get: async (key) => {
      const { entries } = load();
      const entry = Object.hasOwn(entries, key) ? entries[key] : undefined;
      if (!entry) return null;
      const bytes = Buffer.from(entry.data, 'base64');
      if (entry.scheme === codec.scheme) return codec.decode(bytes);
      if (entry.scheme === PLAIN_CODEC.scheme) return PLAIN_CODEC.decode(bytes);
      throw new Error(`The stored secret ${key} was written by another kind of store (${entry.scheme}); save the password again.`);
    },
    set: async (key, value) => {
      const data = (await codec.encode(value)).toString('base64');
      const file = load();
      file.entries[key] = { scheme: codec.scheme, data };
      save(file);
    },
    delete: async (key) => {
      const file = load();
      if (!Object.hasOwn(file.entries, key)) return;
      delete file.entries[key];
      save(file);
    },
  };
}
