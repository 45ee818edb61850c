// This device's identity: a random device id and an Ed25519 key pair, made once on first open
// and kept in the local meta table. The key signs what the device sends (issue 4). A device that
// learnt it was copied continues here under a new identity its old key vouches for.
import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { getMeta, setMeta } from '../../db/meta';
import { newDeviceId, type RandomBytes } from '../../db/ids';
import type { OpenedDatabase } from '../../db/open';
import { continueAsSuccessor, successorNeeded } from '../../db/sync/succession';
import { TOWNSHIP_SCOPE_PREFIX } from '../../db/sync/trust';
import { deviceProfile, keepsWholeTownships, townshipsOf } from '../../shared/domain/device';

export interface DeviceIdentity {
  readonly deviceId: string;
  readonly publicKeyPem: string;
  readonly keyFingerprint: string;
}

export function ensureDeviceIdentity(db: OpenedDatabase, random?: RandomBytes, now: () => number = Date.now): DeviceIdentity {
  continueIfCopied(db, random, now);
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

/**
 * A device that learnt at an import that it was copied (restored from a backup, or cloned) takes
 * a new id and key here, before anything is written, vouched for by its old key within its
 * profile's scope (db/sync/succession.ts, docs/sync-forks.md).
 */
function continueIfCopied(db: OpenedDatabase, random: RandomBytes | undefined, now: () => number): void {
  if (!successorNeeded(db.sqlite)) return;
  const text = getMeta(db, 'profile');
  const profile = text ? deviceProfile.safeParse(JSON.parse(text)) : null;
  if (!profile?.success) return;
  const p = profile.data;
  const scope = keepsWholeTownships(p.role) ? townshipsOf(p).map((t) => `${TOWNSHIP_SCOPE_PREFIX}${t}`) : p.villageIds;
  db.sqlite.transaction(() => {
    const keys = continueAsSuccessor(db.sqlite, {
      name: p.name,
      role: p.role,
      scope,
      at: new Date(now()).toISOString(),
      newIdentity: () => {
        const { privateKey } = generateKeyPairSync('ed25519');
        return { deviceId: newDeviceId(random), privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
      },
    });
    if (keys) setMeta(db, 'profile', JSON.stringify({ ...p, deviceId: keys.deviceId, keyFingerprint: keyFingerprint(keys.publicKeyPem) }));
  })();
}
