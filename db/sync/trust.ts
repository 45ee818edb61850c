// The devices this one trusts, and what each may write (its scope).
//
// `trusted_devices.villages` holds a JSON array of scope entries:
//   - a village id (UUID): the device may write rows of that village;
//   - `township:<name>`: the device may write rows of every village whose `township` is <name>
//     (a coordinator's whole township; a village's township is read from the villages ledger,
//     or from the same file when the village arrives with it).
// A secretary is enrolled with its village ids; a coordinator with its township entry (and any
// village ids it was given besides). This device itself is always trusted, with no scope limit.
import { createHash, createPublicKey } from 'node:crypto';
import type { Sqlite } from '../open';
import { keyIdOf } from './segments/seal';
import type { TrustedDeviceRow } from '../schema';

export const TOWNSHIP_SCOPE_PREFIX = 'township:';

export interface TrustedDevice {
  readonly deviceId: string;
  readonly publicKey: string;
  readonly name: string;
  readonly role: string;
  /** Scope entries, as stored (see above). */
  readonly villages: readonly string[];
  readonly trustedAt: string;
}

export interface DeviceScope {
  readonly villageIds: ReadonlySet<string>;
  readonly townships: ReadonlySet<string>;
}

/** What a person compares by eye: SHA-256 of the SPKI DER, first 16 bytes, groups of four (as identity.ts). */
export function fingerprintOf(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 32).toUpperCase().match(/.{4}/g)!.join(' ');
}

/** An Ed25519 public key in PEM, or null when the text is not one. */
export function ed25519KeyId(publicKeyPem: string): string | null {
  try {
    const key = createPublicKey(publicKeyPem);
    return key.asymmetricKeyType === 'ed25519' ? keyIdOf(key) : null;
  } catch {
    return null;
  }
}


function fromRow(row: TrustedDeviceRow): TrustedDevice {
  let villages: string[] = [];
  try {
    const parsed: unknown = JSON.parse(row.villages);
    if (Array.isArray(parsed)) villages = parsed.filter((v): v is string => typeof v === 'string');
  } catch {
    villages = [];
  }
  return { deviceId: row.device_id, publicKey: row.public_key, name: row.name, role: row.role, villages, trustedAt: row.trusted_at };
}

export function listTrusted(sqlite: Sqlite): TrustedDevice[] {
  return (sqlite.prepare('SELECT * FROM trusted_devices ORDER BY name, device_id').all() as TrustedDeviceRow[]).map(fromRow);
}

export function trustedDevice(sqlite: Sqlite, deviceId: string): TrustedDevice | null {
  const row = sqlite.prepare('SELECT * FROM trusted_devices WHERE device_id = ?').get(deviceId) as TrustedDeviceRow | undefined;
  return row ? fromRow(row) : null;
}

export class TrustError extends Error {
  constructor(
    readonly code: 'SELF' | 'KEY_MISMATCH' | 'BAD_KEY',
    message: string,
  ) {
    super(message);
    this.name = 'TrustError';
  }
}

/**
 * Trusts a device (or updates its name, role and scope). A device id already trusted with
 * another key is refused: a key is never replaced silently.
 */
export function trustDevice(sqlite: Sqlite, selfId: string, device: Omit<TrustedDevice, 'trustedAt'>, at: string): TrustedDevice {
  if (device.deviceId === selfId) throw new TrustError('SELF', 'This device trusts itself already.');
  const keyId = ed25519KeyId(device.publicKey);
  if (!keyId) throw new TrustError('BAD_KEY', 'The public key is not an Ed25519 key in PEM form.');
  return sqlite.transaction(() => {
    const known = trustedDevice(sqlite, device.deviceId);
    if (known && keyIdOf(known.publicKey) !== keyId) {
      throw new TrustError('KEY_MISMATCH', `Device ${device.deviceId} is trusted already with another key; it is not replaced.`);
    }
    const trustedAt = known?.trustedAt ?? at;
    sqlite
      .prepare(
        `INSERT INTO trusted_devices (device_id, public_key, name, villages, role, trusted_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (device_id) DO UPDATE SET name = excluded.name, villages = excluded.villages, role = excluded.role`,
      )
      .run(device.deviceId, known?.publicKey ?? device.publicKey, device.name, JSON.stringify([...new Set(device.villages)]), device.role, trustedAt);
    return trustedDevice(sqlite, device.deviceId)!;
  })();
}

export function scopeOf(device: Pick<TrustedDevice, 'villages'>): DeviceScope {
  const villageIds = new Set<string>();
  const townships = new Set<string>();
  for (const entry of device.villages) {
    if (entry.startsWith(TOWNSHIP_SCOPE_PREFIX)) townships.add(entry.slice(TOWNSHIP_SCOPE_PREFIX.length));
    else villageIds.add(entry);
  }
  return { villageIds, townships };
}

/**
 * Whether a device of this scope may write a row of the village: enrolled for the village
 * itself, or for its whole township (a coordinator). `townshipOf` answers null when unknown.
 */
export function inScope(scope: DeviceScope, villageId: string, townshipOf: (villageId: string) => string | null): boolean {
  if (scope.villageIds.has(villageId)) return true;
  const township = townshipOf(villageId);
  return township !== null && scope.townships.has(township);
}
