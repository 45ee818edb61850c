// Sync passwords in the desktop app: encrypted with Electron's safeStorage (the macOS Keychain,
// Windows DPAPI, libsecret or KWallet on Linux), kept in the same `secrets.json` the plain file
// store uses. Where the OS offers no real key store (Linux with the `basic_text` backend, or
// encryption unavailable), it says so: the store falls back to the plain codec and reports
// `protectedAtRest: false`, which the sync screen shows, rather than pretend. Call after
// `app.whenReady()` (before it, safeStorage knows no backend).
import { safeStorage } from 'electron';
import { createFileSecretStore, PLAIN_CODEC, type SecretCodec, type SecretStore } from '../services/sync/secrets';

const SAFE_STORAGE_CODEC: SecretCodec = {
  scheme: 'electron-safeStorage',
  protectedAtRest: true,
  encode: (value) => safeStorage.encryptStringAsync(value),
  decode: async (bytes) => (await safeStorage.decryptStringAsync(bytes)).result,
};

/** Whether safeStorage encrypts with a key the OS keeps for this user (not a fixed one). */
async function keychainAvailable(): Promise<boolean> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) return false;
  if (process.platform !== 'linux') return true;
  const backend = safeStorage.getSelectedStorageBackend();
  return backend !== 'basic_text' && backend !== 'unknown';
}

export async function createSafeStorageSecretStore(dataDir: string): Promise<SecretStore> {
  const codec = (await keychainAvailable()) ? SAFE_STORAGE_CODEC : PLAIN_CODEC;
  return createFileSecretStore(dataDir, codec);
}
