// The file SecretStore of the browser host and the tests: what it keeps, where, how it says it is
// not encrypted, and how the desktop store's codec reads a password the plain store saved.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileSecretStore, SECRETS_FILE_NAME, type SecretCodec } from '../../../../electron/services/sync/secrets';
import { useTempDirs } from '../../../helpers/tempDir';

const tempDir = useTempDirs();

/** Stands in for safeStorage: reversible, but not the plain scheme. */
const REVERSED: SecretCodec = {
  scheme: 'test-reversed',
  protectedAtRest: true,
  encode: async (value) => Buffer.from([...value].reverse().join(''), 'utf8'),
  decode: async (bytes) => [...bytes.toString('utf8')].reverse().join(''),
};

describe('the file secret store', () => {
  it('keeps, replaces and removes secrets in one 0600 file, and says it is not encrypted at rest', async () => {
    const dir = tempDir();
    const store = createFileSecretStore(dir);
    expect(store.protectedAtRest).toBe(false);
    expect(await store.get('sync-target:x')).toBeNull();
    await store.set('sync-target:x', '密码 one');
    await store.set('sync-target:y', 'two');
    await store.set('sync-target:x', '密码 three');
    expect([await store.get('sync-target:x'), await store.get('sync-target:y'), store.has('sync-target:y')]).toEqual(['密码 three', 'two', true]);
    if (process.platform !== 'win32') expect(statSync(join(dir, SECRETS_FILE_NAME)).mode & 0o777).toBe(0o600);
    await store.delete('sync-target:y');
    await store.delete('sync-target:never');
    expect([store.has('sync-target:y'), await createFileSecretStore(dir).get('sync-target:x')]).toEqual([false, '密码 three']);
    expect(await store.get('__proto__')).toBeNull();
  });

  it('lets the keychain store read what the plain store saved, re-encoding it on the next write; never the other way', async () => {
    const dir = tempDir();
    await createFileSecretStore(dir).set('k', 'from the browser host');
    const desktop = createFileSecretStore(dir, REVERSED);
    expect(await desktop.get('k')).toBe('from the browser host');
    await desktop.set('k', 'from the desktop');
    expect(readFileSync(join(dir, SECRETS_FILE_NAME), 'utf8')).not.toContain(Buffer.from('from the desktop').toString('base64'));
    await expect(createFileSecretStore(dir).get('k')).rejects.toThrow(/another kind of store/);
  });
});
