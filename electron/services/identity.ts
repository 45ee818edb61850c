// This device's identity: a random device id and an Ed25519 key pair, made once on first open
// and kept in the local meta table. The key signs what the device sends (issue 4).
import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { getMeta, setMeta } from '../../db/meta';
import { newDeviceId, type RandomBytes } from '../../db/ids';
import type { OpenedDatabase } from '../../db/open';

export interface DeviceIdentity {
  readonly deviceId: string;
  readonly publicKeyPem: string;
  readonly keyFingerprint: string;
}

export function ensureDeviceIdentity(db: OpenedDatabase, random?: RandomBytes): DeviceIdentity {
  return db.sqlite.transaction(() => {
    let deviceId = getMeta(db, 'device_id');
    let publicKeyPem = getMeta(db, 'public_key');
    if (!deviceId || !publicKeyPem) {
      deviceId = newDeviceId(random);
      const { publicKey, privateKey } = generateKeyPairSync('ed25519');
      publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
      setMeta(db, 'device_id', deviceId);
      setMeta(db, 'public_key', publicKeyPem);
      setMeta(db, 'private_key', privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    }
    return { deviceId, publicKeyPem, keyFingerprint: keyFingerprint(publicKeyPem) };
  })();
}

/** What a person compares by eye: SHA-256 of the raw key, first 16 bytes, in groups of four. */
export function keyFingerprint(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  const hex = createHash('sha256').update(der).digest('hex').slice(0, 32).toUpperCase();
  return hex.match(/.{4}/g)!.join(' ');
}
