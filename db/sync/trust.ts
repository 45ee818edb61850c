// The devices this one trusts, and what each may write (its scope).
//
// `trusted_devices.villages` holds a JSON array of scope entries:
//   - a village id (UUID): the device may write rows of that village;
//   - `township:<name>`: the device may write rows of every village whose `township` is <name>
//     (a coordinator's whole township; a village's township is read from the villages ledger,
//     or from the same file when the village arrives with it).
// A secretary is enrolled with its village ids; a coordinator with its township entry (and any
// village ids it was given besides). This device itself is always trusted, with no scope limit.
//
// Enrolment: whoever trusts a device signs what it trusted — the device's key, name, role and
// scope — with its own key, and keeps that signature with the row. The bundle's device cards
// carry it, so a district that trusts a coordinator also accepts the devices the coordinator
// vouched for (db/sync/enrolment.ts judges them). A device accepted through another's enrolment
// keeps that enrolment verbatim, to pass it on when relaying upward. A newer enrolment by the same
// issuer replaces the scope of a device trusted on an older one (`rewidenEnrolled`). A revoked
// device stays here, its revocations carried on its card (db/sync/revocation.ts).
import { createHash, createPublicKey, sign, verify } from 'node:crypto';
import type { Sqlite } from '../open';
import type { BundleDeviceCard } from './segments/bundle';
import { keyIdOf, type DeviceKeys } from './segments/seal';
import type { TrustedDeviceRow } from '../schema';
import { listRevocations, type Revocation } from './revocation';

export const TOWNSHIP_SCOPE_PREFIX = 'township:';

export interface TrustedDevice {
  readonly deviceId: string;
  readonly publicKey: string;
  readonly name: string;
  readonly role: string;
  /** Scope entries, as stored (see above). */
  readonly villages: readonly string[];
  readonly trustedAt: string;
  /** Who vouches for it and their signature; null for rows trusted before enrolments existed. */
  readonly enrolment: Enrolment | null;
}

/** A device's trust, signed by the device vouching for it: what a bundle's device card carries. */
export interface Enrolment {
  readonly issuer: string;
  readonly issuedAt: string;
  /** The enrolled device's scope entries, as signed (see above). */
  readonly scope: readonly string[];
  /** Base64 Ed25519 signature of the issuer over `enrolmentMessage`. */
  readonly signature: string;
}

/** What an enrolment vouches for. */
export type EnrolledDevice = Pick<TrustedDevice, 'deviceId' | 'publicKey' | 'name' | 'role' | 'villages'>;

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
  const enrolment =
    row.enrolled_by !== null && row.enrolment_at !== null && row.enrolment_sig !== null
      ? { issuer: row.enrolled_by, issuedAt: row.enrolment_at, scope: villages, signature: row.enrolment_sig }
      : null;
  return { deviceId: row.device_id, publicKey: row.public_key, name: row.name, role: row.role, villages, trustedAt: row.trusted_at, enrolment };
}

const ENROLMENT_DOMAIN = 'cunji-enrolment/1';

/**
 * The bytes an enrolment signs: a JSON array of strings in a fixed order (JSON of strings has one
 * spelling), the key as its SPKI DER so PEM line breaks do not matter, the scope sorted and
 * deduplicated. Null when the key cannot be read.
 */
export function enrolmentMessage(device: Omit<EnrolledDevice, 'villages'>, enrolment: Omit<Enrolment, 'signature'>): Buffer | null {
  let spki: string;
  try {
    spki = createPublicKey(device.publicKey).export({ type: 'spki', format: 'der' }).toString('base64');
  } catch {
    return null;
  }
  const scope = [...new Set(enrolment.scope)].sort();
  return Buffer.from(JSON.stringify([ENROLMENT_DOMAIN, device.deviceId, spki, device.name, device.role, scope, enrolment.issuer, enrolment.issuedAt]), 'utf8');
}

/** This device (`signer`) vouches for `device` as it trusts it now. */
export function issueEnrolment(signer: DeviceKeys, device: EnrolledDevice, at: string): Enrolment {
  const unsigned = { issuer: signer.deviceId, issuedAt: at, scope: [...new Set(device.villages)] };
  const message = enrolmentMessage(device, unsigned);
  if (!message) throw new TrustError('BAD_KEY', 'The public key is not an Ed25519 key in PEM form.');
  return { ...unsigned, signature: sign(null, message, signer.privateKey).toString('base64') };
}

/** Whether `enrolment` is the issuer's signature (key `issuerPublicKey`) over exactly this device. */
export function enrolmentSignedBy(device: Omit<EnrolledDevice, 'villages'>, enrolment: Enrolment, issuerPublicKey: string): boolean {
  const message = enrolmentMessage(device, enrolment);
  const signature = Buffer.from(enrolment.signature, 'base64');
  if (!message || signature.length !== 64) return false;
  try {
    return verify(null, message, createPublicKey(issuerPublicKey), signature);
  } catch {
    return false;
  }
}

/**
 * Trusts a device on another's enrolment, verified by the caller (db/sync/enrolment.ts): the row
 * is the enrolment's device and scope exactly, so it can be relayed with the same signature.
 */
export function recordEnrolled(sqlite: Sqlite, device: EnrolledDevice, enrolment: Enrolment, at: string): TrustedDevice {
  sqlite
    .prepare(
      `INSERT INTO trusted_devices (device_id, public_key, name, villages, role, trusted_at, enrolled_by, enrolment_at, enrolment_sig)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(device.deviceId, device.publicKey, device.name, JSON.stringify([...new Set(enrolment.scope)]), device.role, at, enrolment.issuer, enrolment.issuedAt, enrolment.signature);
  return trustedDevice(sqlite, device.deviceId)!;
}

/**
 * Replaces the scope of a device trusted on an older enrolment by the same issuer with a newer
 * one (verified by the caller): the coordinator widened (or narrowed) what it vouches for.
 */
export function rewidenEnrolled(sqlite: Sqlite, device: Omit<EnrolledDevice, 'publicKey' | 'villages'>, enrolment: Enrolment): void {
  // Name and role as signed, so the row relays with the same signature.
  sqlite
    .prepare(
      `UPDATE trusted_devices SET villages = ?, name = ?, role = ?, enrolment_at = ?, enrolment_sig = ?
        WHERE device_id = ? AND enrolled_by = ? AND enrolment_at < ?`,
    )
    .run(JSON.stringify([...new Set(enrolment.scope)]), device.name, device.role, enrolment.issuedAt, enrolment.signature, device.deviceId, enrolment.issuer, enrolment.issuedAt);
}

/** Signs, as this device's own, the trusted rows that have no enrolment yet (trusted before 0070). */
export function enrolUnenrolled(sqlite: Sqlite, signer: DeviceKeys, at: string): number {
  const rows = (sqlite.prepare('SELECT * FROM trusted_devices WHERE enrolled_by IS NULL').all() as TrustedDeviceRow[]).map(fromRow);
  const store = sqlite.prepare('UPDATE trusted_devices SET enrolled_by = ?, enrolment_at = ?, enrolment_sig = ? WHERE device_id = ? AND enrolled_by IS NULL');
  sqlite.transaction(() => {
    for (const device of rows) {
      const enrolment = issueEnrolment(signer, device, at);
      store.run(enrolment.issuer, enrolment.issuedAt, enrolment.signature, device.deviceId);
    }
  })();
  return rows.length;
}

export function listTrusted(sqlite: Sqlite): TrustedDevice[] {
  return (sqlite.prepare('SELECT * FROM trusted_devices ORDER BY name, device_id').all() as TrustedDeviceRow[]).map(fromRow);
}

export function trustedDevice(sqlite: Sqlite, deviceId: string): TrustedDevice | null {
  const row = sqlite.prepare('SELECT * FROM trusted_devices WHERE device_id = ?').get(deviceId) as TrustedDeviceRow | undefined;
  return row ? fromRow(row) : null;
}

/** The name a trusted device is known by here (null when it is not trusted). */
export function trustedDeviceName(sqlite: Sqlite, deviceId: string): string | null {
  return (sqlite.prepare('SELECT name FROM trusted_devices WHERE device_id = ?').pluck().get(deviceId) as string | undefined) ?? null;
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
 * another key is refused: a key is never replaced silently. With `signer` (this device's keys)
 * a person here vouches for it: an enrolment is issued and kept, to travel on device cards.
 * Without, any enrolment kept before is dropped, since it no longer describes the row.
 */
export function trustDevice(sqlite: Sqlite, selfId: string, device: EnrolledDevice, at: string, signer?: DeviceKeys): TrustedDevice {
  if (device.deviceId === selfId) throw new TrustError('SELF', 'This device trusts itself already.');
  const keyId = ed25519KeyId(device.publicKey);
  if (!keyId) throw new TrustError('BAD_KEY', 'The public key is not an Ed25519 key in PEM form.');
  return sqlite.transaction(() => {
    const known = trustedDevice(sqlite, device.deviceId);
    if (known && keyIdOf(known.publicKey) !== keyId) {
      throw new TrustError('KEY_MISMATCH', `Device ${device.deviceId} is trusted already with another key; it is not replaced.`);
    }
    const trustedAt = known?.trustedAt ?? at;
    const kept = { ...device, publicKey: known?.publicKey ?? device.publicKey, villages: [...new Set(device.villages)] };
    if (signer && signer.deviceId !== selfId) throw new Error(`The enrolment must be signed by this device (${selfId}), not ${signer.deviceId}.`);
    const enrolment = signer ? issueEnrolment(signer, kept, at) : null;
    sqlite
      .prepare(
        `INSERT INTO trusted_devices (device_id, public_key, name, villages, role, trusted_at, enrolled_by, enrolment_at, enrolment_sig) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (device_id) DO UPDATE SET name = excluded.name, villages = excluded.villages, role = excluded.role,
           enrolled_by = excluded.enrolled_by, enrolment_at = excluded.enrolment_at, enrolment_sig = excluded.enrolment_sig`,
      )
      .run(
        kept.deviceId, kept.publicKey, kept.name, JSON.stringify(kept.villages), kept.role, trustedAt,
        enrolment?.issuer ?? null, enrolment?.issuedAt ?? null, enrolment?.signature ?? null,
      );
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

/**
 * The devices this one relays, described on a bundle's device cards: as trusted here, with the
 * enrolment that vouches for each (this device's own, or the one it was accepted on).
 */
export function relayedDeviceCards(sqlite: Sqlite, villageName: (villageId: string) => string): BundleDeviceCard[] {
  const revoked = new Map<string, Revocation[]>();
  for (const r of listRevocations(sqlite)) revoked.set(r.deviceId, [...(revoked.get(r.deviceId) ?? []), r]);
  return listTrusted(sqlite).map((d): BundleDeviceCard => {
    const scope = scopeOf(d);
    const revocations = revoked.get(d.deviceId);
    return {
      deviceId: d.deviceId,
      publicKey: d.publicKey,
      name: d.name,
      role: d.role,
      township: [...scope.townships][0] ?? null,
      ...(scope.townships.size > 1 ? { townships: [...scope.townships] } : {}),
      villages: [...scope.villageIds].map((id) => ({ id, name: villageName(id) })),
      ...(d.enrolment ? { enrolment: { ...d.enrolment, scope: [...d.enrolment.scope] } } : {}),
      // Only when revoked: a file without revocations stays readable by a Cunji from before them.
      ...(revocations ? { revocations: revocations.map((r) => ({ ...r })) } : {}),
    };
  });
}
