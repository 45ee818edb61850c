// Sealing: this device's unsealed changes become the next numbered segment of its hash chain,
// signed once (never per change). Received segments are stored verbatim, so they can be relayed
// upward unchanged and still verify against their origin's key.
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import type { Change } from '../apply';
import { createClockWriter } from '../clocks';
import type { Sqlite } from '../../open';
import { SYNC_SCHEMA_VERSION } from '../../ledgers';
import { encodeChanges, type Compression } from './codec';
import type { SegmentRow } from '../../schema';

/** What the origin signs about a segment, besides its body. */
export interface SegmentHeader {
  readonly origin: string;
  readonly seq: number;
  readonly prevHash: string | null;
  readonly hlcMin: string;
  readonly hlcMax: string;
  readonly count: number;
  readonly schema: number;
  readonly keyId: string;
}

export interface SealedSegment extends SegmentHeader {
  /** SHA-256 (hex) of the canonical header and the body. */
  readonly hash: string;
  readonly signature: Buffer;
  readonly body: Buffer;
}

export interface DeviceKeys {
  readonly deviceId: string;
  readonly privateKey: KeyObject;
  readonly publicKeyPem: string;
  readonly keyId: string;
}

const SEGMENT_DOMAIN = 'cunji-segment/1';
/**
 * Changes sealed into one segment at most. An importer holds one decoded segment at a time, so
 * this bounds its memory: 10,000 changes decode to a few MB. Measured on a township of 30
 * villages (npm run bench:sync): against 50,000, peak RSS 147 MB instead of 158 and less CPU
 * (fewer objects live long enough to be promoted), for about 12% more bytes per change.
 */
export const DEFAULT_SEGMENT_CHANGES = 10_000;

/** SHA-256 of the SPKI DER, first 16 bytes, hex: names a key in headers and rows. */
export function keyIdOf(publicKey: string | KeyObject): string {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  return createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 32);
}

export function deviceKeys(deviceId: string, privateKeyPem: string): DeviceKeys {
  const privateKey = createPrivateKey(privateKeyPem);
  const publicKey = createPublicKey(privateKey);
  return { deviceId, privateKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), keyId: keyIdOf(publicKey) };
}

/** This device's keys, from the meta rows electron/services/identity writes on first run. */
export function loadDeviceKeys(sqlite: Sqlite): DeviceKeys {
  const meta = (key: string) => (sqlite.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined) ?? null;
  const deviceId = meta('device_id');
  const privateKey = meta('private_key');
  if (!deviceId || !privateKey) throw new Error('This device has no identity yet (device_id and private_key in meta).');
  return deviceKeys(deviceId, privateKey);
}

/** The bytes hashed before the body: every field on its own line, in a fixed order. */
export function canonicalHeader(h: SegmentHeader): Buffer {
  return Buffer.from(
    `${SEGMENT_DOMAIN}\norigin=${h.origin}\nseq=${h.seq}\nprev=${h.prevHash ?? ''}\nhlc=${h.hlcMin}..${h.hlcMax}\ncount=${h.count}\nschema=${h.schema}\nkey=${h.keyId}\n`,
    'utf8',
  );
}

export function segmentHash(header: SegmentHeader, body: Uint8Array): string {
  return createHash('sha256').update(canonicalHeader(header)).update(body).digest('hex');
}

export function signSegmentHash(hash: string, privateKey: KeyObject): Buffer {
  return sign(null, Buffer.from(`${SEGMENT_DOMAIN}\n${hash}`), privateKey);
}

export function verifySegmentHash(hash: string, signature: Uint8Array, publicKey: KeyObject): boolean {
  return signature.length === 64 && verify(null, Buffer.from(`${SEGMENT_DOMAIN}\n${hash}`), publicKey, signature);
}


export function segmentFromRow(row: SegmentRow): SealedSegment {
  return {
    hash: row.hash, origin: row.origin, seq: row.seq, prevHash: row.prev_hash, hlcMin: row.hlc_min, hlcMax: row.hlc_max,
    count: row.count, schema: row.schema_version, keyId: row.key_id, signature: row.signature, body: row.body,
  };
}

export interface SealOptions {
  /** Changes per segment at most (default 50,000). */
  readonly maxChanges?: number;
  readonly compression?: Compression;
}

/**
 * Seals up to `maxChanges` of this device's unsealed changes, in id order, into the next
 * segment; returns it, or null when nothing was waiting. One transaction.
 */
export function sealSegment(sqlite: Sqlite, keys: DeviceKeys, options: SealOptions = {}): SealedSegment | null {
  const limit = options.maxChanges ?? DEFAULT_SEGMENT_CHANGES;
  return sqlite.transaction((): SealedSegment | null => {
    const rows = sqlite
      .prepare('SELECT id, tbl, row_id, village_id, col, value, hlc, origin, seen FROM changes WHERE origin = ? AND segment IS NULL ORDER BY id LIMIT ?')
      .all(keys.deviceId, limit) as (Omit<Change, 'seen'> & { seen: string })[];
    if (rows.length === 0) return null;
    const changes: Change[] = rows.map((r) => ({ ...r, seen: JSON.parse(r.seen) as string[] }));
    // Its own main history: segments of its origin that came back on a fork branch (another
    // copy of this device wrote them) are never taken as its last one.
    const last = sqlite.prepare('SELECT seq, hash FROM segments WHERE origin = ? AND branch IS NULL ORDER BY seq DESC LIMIT 1').get(keys.deviceId) as
      | { seq: number; hash: string }
      | undefined;
    const body = encodeChanges(keys.deviceId, changes, options.compression);
    const header: SegmentHeader = {
      origin: keys.deviceId,
      seq: (last?.seq ?? 0) + 1,
      prevHash: last?.hash ?? null,
      hlcMin: changes[0]!.hlc,
      hlcMax: changes[changes.length - 1]!.hlc,
      count: changes.length,
      schema: SYNC_SCHEMA_VERSION,
      keyId: keys.keyId,
    };
    const hash = segmentHash(header, body);
    const segment: SealedSegment = { ...header, hash, signature: signSegmentHash(hash, keys.privateKey), body };
    storeSegment(sqlite, segment);
    // From now on the log reads these changes from the stored segment: their rows go.
    createClockWriter(sqlite).sealed(hash, changes);
    sqlite.prepare('DELETE FROM changes WHERE origin = ? AND segment IS NULL AND id <= ?').run(keys.deviceId, changes[changes.length - 1]!.id);
    return segment;
  })();
}

/** Seals everything waiting, segment after segment; returns the new segments' headers. */
export function sealAll(sqlite: Sqlite, keys: DeviceKeys, options: SealOptions = {}): SegmentHeader[] {
  const sealed: SegmentHeader[] = [];
  for (;;) {
    const segment = sealSegment(sqlite, keys, options);
    if (!segment) return sealed;
    const { body: _body, signature: _signature, ...header } = segment;
    sealed.push(header);
  }
}

/**
 * Keeps a segment verbatim (ours, or a verified one received for relaying), on the main history
 * of its origin or on a fork `branch` (db/sync/forks.ts decides). False when it was already there.
 */
export function storeSegment(sqlite: Sqlite, s: SealedSegment, branch: string | null = null): boolean {
  return (
    sqlite
      .prepare(
        `INSERT INTO segments (hash, origin, seq, prev_hash, hlc_min, hlc_max, count, schema_version, key_id, signature, body, branch)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING`,
      )
      .run(s.hash, s.origin, s.seq, s.prevHash, s.hlcMin, s.hlcMax, s.count, s.schema, s.keyId, s.signature, s.body, branch).changes === 1
  );
}
