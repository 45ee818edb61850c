// Revocation: a coordinator (or a district) withdraws a device's trust — a lost or stolen laptop.
// The revoker signs, with its device key, the revoked device's id and key, the time, the last
// segment of that device it held, and a reason; the signature is kept here and travels on the
// revoked device's card in every export (like an enrolment), so every replica refuses alike.
//
// A segment of a revoked device passes when the revoker held it (`seq <= seenSeq`), or when all
// its changes were written before the revocation (`hlcMax` no later than `revokedAt`); any other
// is refused with REVOKED_DEVICE (docs/sync-revocation.md says why). What merged before stays.
//
// Who may revoke: a device whose scope covers the revoked device's whole scope and holds a
// township (a coordinator for her township's secretaries, a district for its coordinators). A
// forged revocation, or one that overreaches, refuses the whole file (BAD_REVOCATION).
import { createPublicKey, sign, verify } from 'node:crypto';
import type { Sqlite } from '../open';
import { parseHlc } from './hlc';
import type { BundleDeviceCard, BundleHeader } from './segments/bundle';
import { shown } from './segments/errors';
import { keyIdOf, type DeviceKeys } from './segments/seal';
import { checkFileVillages, renewedEnrolments, type AcceptedEnrolment } from './enrolment';
import { inScope, rewidenEnrolled, scopeOf, TOWNSHIP_SCOPE_PREFIX, trustedDevice, type DeviceScope } from './trust';

export interface Revocation {
  /** The revoked device. */
  readonly deviceId: string;
  /** The revoked device's key id (a revocation names one key: a new key is a new device). */
  readonly keyId: string;
  readonly issuer: string;
  /** When it was revoked, by the issuer's clock (ISO). */
  readonly revokedAt: string;
  /** The greatest `seq` of the revoked device's segments the issuer held when it revoked (0: none). */
  readonly seenSeq: number;
  /** What the person revoking wrote (a lost laptop …). */
  readonly reason: string;
  /** Base64 Ed25519 signature of the issuer over `revocationMessage`. */
  readonly signature: string;
}

export const MAX_REVOCATION_REASON = 200;
const REVOCATION_DOMAIN = 'cunji-revocation/1';

/** The bytes a revocation signs: a JSON array of strings and one number, in a fixed order. */
export function revocationMessage(r: Omit<Revocation, 'signature'>): Buffer {
  return Buffer.from(JSON.stringify([REVOCATION_DOMAIN, r.deviceId, r.keyId, r.issuer, r.revokedAt, r.seenSeq, r.reason]), 'utf8');
}

export function issueRevocation(signer: DeviceKeys, unsigned: Omit<Revocation, 'signature' | 'issuer'>): Revocation {
  const r = { ...unsigned, issuer: signer.deviceId };
  return { ...r, signature: sign(null, revocationMessage(r), signer.privateKey).toString('base64') };
}

export function revocationSignedBy(r: Revocation, issuerPublicKey: string): boolean {
  const signature = Buffer.from(r.signature, 'base64');
  if (signature.length !== 64) return false;
  try {
    return verify(null, revocationMessage(r), createPublicKey(issuerPublicKey), signature);
  } catch {
    return false;
  }
}

/**
 * Whether a device of scope `issuer` may revoke a device of scope entries `revoked`: the issuer
 * holds a township (a secretary revokes no one) and every entry of the revoked scope lies within
 * the issuer's (township entries among its townships, villages of its townships).
 */
export function mayRevoke(issuer: DeviceScope, revoked: readonly string[], townshipOf: (villageId: string) => string | null): boolean {
  if (issuer.townships.size === 0) return false;
  return revoked.every((entry) =>
    entry.startsWith(TOWNSHIP_SCOPE_PREFIX) ? issuer.townships.has(entry.slice(TOWNSHIP_SCOPE_PREFIX.length)) : inScope(issuer, entry, townshipOf),
  );
}

/** The wall time (ms) of a segment's latest change. */
const wallOf = (hlc: string) => parseHlc(hlc).wall;

/** The revocation that refuses this segment of its origin, or null when every one lets it pass. */
export function refusingRevocation(revocations: readonly Revocation[], segment: { seq: number; hlcMax: string }): Revocation | null {
  for (const r of revocations) {
    if (segment.seq <= r.seenSeq) continue;
    if (wallOf(segment.hlcMax) <= Date.parse(r.revokedAt)) continue;
    return r;
  }
  return null;
}

interface RevocationRow {
  device_id: string;
  issuer: string;
  key_id: string;
  revoked_at: string;
  seen_seq: number;
  reason: string;
  signature: string;
}

const fromRow = (row: RevocationRow): Revocation => ({
  deviceId: row.device_id, keyId: row.key_id, issuer: row.issuer, revokedAt: row.revoked_at, seenSeq: row.seen_seq, reason: row.reason, signature: row.signature,
});

export function listRevocations(sqlite: Sqlite): Revocation[] {
  return (sqlite.prepare('SELECT * FROM revocations ORDER BY device_id, issuer').all() as RevocationRow[]).map(fromRow);
}

export function revocationsOf(sqlite: Sqlite, deviceId: string): Revocation[] {
  return (sqlite.prepare('SELECT * FROM revocations WHERE device_id = ? ORDER BY issuer').all(deviceId) as RevocationRow[]).map(fromRow);
}

/** Keeps a verified revocation (a second one by the same issuer for the same device changes nothing). */
export function recordRevocation(sqlite: Sqlite, r: Revocation, at: string): void {
  sqlite
    .prepare(
      `INSERT OR IGNORE INTO revocations (device_id, issuer, key_id, revoked_at, seen_seq, reason, signature, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(r.deviceId, r.issuer, r.keyId, r.revokedAt, r.seenSeq, r.reason, r.signature, at);
}

/** The greatest `seq` of a device's segments held here, on any branch (0: none). */
export function lastHeldSeq(sqlite: Sqlite, deviceId: string): number {
  return (sqlite.prepare('SELECT max(seq) FROM segments WHERE origin = ?').pluck().get(deviceId) as number | null) ?? 0;
}

/** A device as a revocation judge knows it: its key and its scope entries. */
export interface KnownDevice {
  readonly publicKey: string;
  readonly villages: readonly string[];
  readonly scope: DeviceScope;
}

export interface RevocationLookups {
  readonly selfId: string;
  readonly selfPublicKey: string;
  /** A device trusted here, or accepted on an enrolment from the same file; null when neither. */
  known(deviceId: string): KnownDevice | null;
  townshipOf(villageId: string): string | null;
  /** Whether this revocation is kept here already. */
  stored(deviceId: string, issuer: string): boolean;
}

export interface FileRevocations {
  /** Verified revocations the file brings that are not kept here yet. */
  readonly fresh: Revocation[];
  /** A forged or overreaching revocation, in plain words; null when none. */
  readonly problem: string | null;
}

/**
 * The revocations a (validated) header's device cards carry, judged. One about a device this one
 * does not know, or this device itself, or issued by a device not trusted here, does nothing here
 * (it cannot be judged, and nothing here depends on it). One whose signature does not verify with
 * its issuer's key, names another key than the device's, or reaches beyond its issuer's scope is a
 * problem: the whole file is refused.
 */
export function judgeFileRevocations(header: Pick<BundleHeader, 'devices'>, lookups: RevocationLookups): FileRevocations {
  const fresh: Revocation[] = [];
  for (const card of header.devices ?? []) {
    for (const r of card.revocations ?? []) {
      const problem = judgeOne(card, r, lookups);
      if (problem === null) continue;
      if (problem === 'fresh') {
        if (!fresh.some((f) => f.deviceId === r.deviceId && f.issuer === r.issuer)) fresh.push(r);
        continue;
      }
      return { fresh: [], problem };
    }
  }
  return { fresh, problem: null };
}

function judgeOne(card: BundleDeviceCard, r: Revocation, lookups: RevocationLookups): 'fresh' | string | null {
  const who = `device ${r.deviceId}`;
  if (r.deviceId !== card.deviceId) return `the card of device ${card.deviceId} carries a revocation of ${who}`;
  if (r.deviceId === lookups.selfId) return null;
  const revoked = lookups.known(r.deviceId);
  if (!revoked) return null;
  const issuer = r.issuer === lookups.selfId ? { publicKey: lookups.selfPublicKey, scope: null } : lookups.known(r.issuer);
  if (!issuer) return null;
  if (!revocationSignedBy(r, issuer.publicKey)) return `the revocation of ${who} is not signed by device ${r.issuer}: it was altered or forged`;
  if (r.keyId !== keyIdOf(revoked.publicKey)) return `the revocation of ${who} names another key than the one trusted for it`;
  if (Number.isNaN(Date.parse(r.revokedAt))) return `the revocation of ${who} carries no readable time`;
  if (lookups.stored(r.deviceId, r.issuer)) return null;
  // One this device signed (its database may be older than it) has no scope to check: it stands.
  if (issuer.scope && !mayRevoke(issuer.scope, revoked.villages, lookups.townshipOf)) {
    return `device ${r.issuer} revokes ${who}, whose villages or township lie outside its own: it may not`;
  }
  return 'fresh';
}

/** A revocation in plain words, for a refusal: who, since when, by whom. */
export function revokedWords(r: Revocation, deviceName: string | null, issuerName: string | null): string {
  const device = deviceName ? `${shown(deviceName)}'s computer (device ${r.deviceId})` : `device ${r.deviceId}`;
  const issuer = issuerName ? `${shown(issuerName)} (device ${r.issuer})` : `device ${r.issuer}`;
  return `${device} was revoked by ${issuer} at ${r.revokedAt}`;
}

export interface RevokedNote {
  readonly deviceId: string;
  readonly issuer: string;
  readonly revokedAt: string;
  /** Segments of the device in the file refused for it. */
  readonly segments: number;
  readonly message: string;
}

export interface RevocationGate {
  /** A forged or overreaching revocation in the file: refuse it all (BAD_REVOCATION). */
  readonly problem: string | null;
  /** The file was made by a revoked device after its revocation: refuse it all (REVOKED_DEVICE). */
  readonly producerRefusal: { message: string; note: RevokedNote } | null;
  /** Keeps the file's new revocations (inside the import's transaction). */
  record(at: string): void;
  /** Whether a segment of the file is refused (counted for the receipt). */
  refuses(segment: { origin: string; seq: number; hlcMax: string }): boolean;
  /** The devices whose segments were refused, for the receipt. */
  notes(): RevokedNote[];
}

/**
 * What an import does about revocations: the stored ones and the file's new ones, judged before
 * pass 2 writes anything. `names` gives a device's name as known here, for plain words.
 */
export function createRevocationGate(
  sqlite: Sqlite,
  header: Pick<BundleHeader, 'devices' | 'producer' | 'createdAt'> & { segments: readonly { origin: string; seq: number; hlcMax: string }[] },
  lookups: RevocationLookups,
  names: (deviceId: string) => string | null,
): RevocationGate {
  const judged = judgeFileRevocations(header, lookups);
  const byDevice = new Map<string, Revocation[]>();
  const against = (deviceId: string): Revocation[] => {
    if (!byDevice.has(deviceId)) byDevice.set(deviceId, [...revocationsOf(sqlite, deviceId), ...judged.fresh.filter((r) => r.deviceId === deviceId)]);
    return byDevice.get(deviceId)!;
  };
  const words = (r: Revocation) => revokedWords(r, names(r.deviceId), r.issuer === lookups.selfId ? null : names(r.issuer));

  let producerRefusal: RevocationGate['producerRefusal'] = null;
  if (!judged.problem) {
    const producer = header.producer.deviceId;
    const own = header.segments.filter((s) => s.origin === producer);
    for (const r of against(producer)) {
      // Made after the revocation by its own clock, or holding its own segments signed after it.
      const late = Date.parse(header.createdAt) > Date.parse(r.revokedAt) || own.some((s) => refusingRevocation([r], s) !== null);
      if (late) {
        producerRefusal = {
          message: `The file is refused: ${words(r)}, and this file was made after that. What it sent before stays. Nothing was imported.`,
          note: { deviceId: producer, issuer: r.issuer, revokedAt: r.revokedAt, segments: own.length, message: `${words(r)} (REVOKED_DEVICE)` },
        };
        break;
      }
    }
  }

  const refused = new Map<string, { r: Revocation; segments: number }>();
  return {
    problem: judged.problem,
    producerRefusal,
    record(at) {
      for (const r of judged.fresh) recordRevocation(sqlite, r, at);
    },
    refuses(segment) {
      const r = refusingRevocation(against(segment.origin), segment);
      if (!r) return false;
      const noted = refused.get(segment.origin);
      refused.set(segment.origin, { r, segments: (noted?.segments ?? 0) + 1 });
      return true;
    },
    notes: () =>
      [...refused.entries()].map(([deviceId, { r, segments }]) => ({
        deviceId, issuer: r.issuer, revokedAt: r.revokedAt, segments,
        message: `${words(r)}: ${segments} segment${segments === 1 ? '' : 's'} it signed after that were refused (REVOKED_DEVICE)`,
      })),
  };
}

export class RevokeError extends Error {
  constructor(
    readonly code: 'NOT_TRUSTED' | 'MAY_NOT',
    message: string,
  ) {
    super(message);
    this.name = 'RevokeError';
  }
}

/**
 * This device (`signer`, of scope `selfScope`) revokes a device it trusts, now: signed, kept,
 * and carried on the device's card from the next export on. Revoking twice keeps the first.
 */
export function revokeDevice(sqlite: Sqlite, signer: DeviceKeys, selfScope: DeviceScope, deviceId: string, reason: string, at: string): Revocation {
  const device = trustedDevice(sqlite, deviceId);
  if (!device) throw new RevokeError('NOT_TRUSTED', `Device ${deviceId} is not trusted here; only a device trusted here can be revoked.`);
  const township = sqlite.prepare('SELECT township FROM villages WHERE id = ?').pluck();
  if (!mayRevoke(selfScope, device.villages, (id) => (township.get(id) as string | undefined) ?? null)) {
    throw new RevokeError('MAY_NOT', `Device ${deviceId} keeps villages or a township outside this device's own: it may not be revoked from here.`);
  }
  return sqlite.transaction(() => {
    const kept = revocationsOf(sqlite, deviceId).find((r) => r.issuer === signer.deviceId);
    if (kept) return kept;
    const r = issueRevocation(signer, {
      deviceId, keyId: keyIdOf(device.publicKey), revokedAt: at, seenSeq: lastHeldSeq(sqlite, deviceId), reason: reason.trim().slice(0, MAX_REVOCATION_REASON),
    });
    recordRevocation(sqlite, r, at);
    return r;
  })();
}

/** What an import changes in trust besides new devices: revocations, and enrolments renewed. */
export interface TrustGuard extends Pick<RevocationGate, 'refuses'> {
  /** Why the whole file is refused, or null. */
  readonly refusal: { reason: 'BAD_REVOCATION' | 'BAD_ENROLMENT' | 'REVOKED_DEVICE'; message: string; revoked?: RevokedNote } | null;
  /** Keeps the file's new revocations and renewed enrolments (inside the import's transaction). */
  record(at: string): void;
  /** For the receipt: devices whose segments were refused, devices whose scope a newer enrolment replaced. */
  receipt(): { revoked?: RevokedNote[]; renewed?: { deviceId: string; name: string; issuer: string; issuerName: string }[] };
}

export interface TrustGuardOptions {
  readonly selfId: string;
  readonly selfPublicKey: string;
  /** A device accepted from this file on an enrolment (db/sync/enrolment.ts), when any. */
  accepted(deviceId: string): AcceptedEnrolment | undefined;
  ledgerTownshipOf(villageId: string): string | null | undefined;
  /** The township of a village, as the ledger or else the file says. */
  townshipOf(villageId: string): string | null;
}

/** Judges, after the scan and before pass 2, the file's revocations and renewed enrolments. */
export function createTrustGuard(sqlite: Sqlite, header: BundleHeader, options: TrustGuardOptions): TrustGuard {
  const known = (deviceId: string): KnownDevice | null => {
    const trusted = trustedDevice(sqlite, deviceId);
    if (trusted) return { publicKey: trusted.publicKey, villages: trusted.villages, scope: scopeOf(trusted) };
    const accepted = options.accepted(deviceId);
    return accepted ? { publicKey: accepted.device.publicKey, villages: accepted.device.villages, scope: accepted.scope } : null;
  };
  const names = (deviceId: string) =>
    trustedDevice(sqlite, deviceId)?.name ?? options.accepted(deviceId)?.device.name ?? header.devices?.find((c) => c.deviceId === deviceId)?.name ?? null;
  const stored = sqlite.prepare('SELECT 1 FROM revocations WHERE device_id = ? AND issuer = ?').pluck();
  const gate = createRevocationGate(
    sqlite,
    header,
    { selfId: options.selfId, selfPublicKey: options.selfPublicKey, known, townshipOf: options.townshipOf, stored: (d, i) => stored.get(d, i) !== undefined },
    names,
  );
  const renewal = renewedEnrolments(header, {
    selfId: options.selfId,
    selfPublicKey: options.selfPublicKey,
    trusted: (id) => trustedDevice(sqlite, id),
    ledgerTownshipOf: options.ledgerTownshipOf,
    revoked: (id) => revocationsOf(sqlite, id).length > 0,
  });
  const overreach = renewal.problem ?? checkFileVillages(renewal.renewed, (id) => known(id)?.scope ?? null, options.townshipOf);
  const refusal: TrustGuard['refusal'] = gate.problem
    ? { reason: 'BAD_REVOCATION', message: `The file is refused: ${gate.problem}. Nothing was imported.` }
    : overreach
      ? { reason: 'BAD_ENROLMENT', message: `The file is refused: ${overreach}. Nothing was imported.` }
      : gate.producerRefusal
        ? { reason: 'REVOKED_DEVICE', message: gate.producerRefusal.message, revoked: gate.producerRefusal.note }
        : null;
  return {
    refusal,
    refuses: gate.refuses,
    record(at) {
      gate.record(at);
      for (const e of renewal.renewed) rewidenEnrolled(sqlite, e.device, e.enrolment);
    },
    receipt() {
      const revoked = gate.notes();
      const renewed = renewal.renewed.map((e) => ({ deviceId: e.device.deviceId, name: e.device.name, issuer: e.enrolment.issuer, issuerName: e.issuerName }));
      return { ...(revoked.length > 0 ? { revoked } : {}), ...(renewed.length > 0 ? { renewed } : {}) };
    },
  };
}
