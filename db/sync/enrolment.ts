// Which of a file's unknown devices arrive vouched for by a device trusted here: a person
// accepts the coordinator once, and the devices the coordinator accepted come with it.
//
// A device card's enrolment is accepted when, in this order:
//   - the card's key is an Ed25519 key and is the key that signed the device's data in the file;
//   - its issuer is trusted here, or is itself accepted from this file (resolved to a fixpoint,
//     so a chain city ← district ← coordinator ← secretary works and a cycle accepts nothing);
//   - the signature verifies with the issuer's key (over the card's id, key, name, role, scope);
//   - the issuer may vouch: its scope holds a township (a coordinator's or a district's) — by
//     scope, not by the role the card claims, since a role is only a label the device chose —
//     or the card is its successor within its own villages (a copied device continuing under a
//     new id: it may write nothing its predecessor could not);
//   - the enrolled scope lies within the issuer's: township entries among its townships, villages
//     of its townships (`inScope`). A village this device's ledger does not know is judged with
//     the township the file claims for it, after the scan (`checkFileVillages`).
// An enrolment naming this device as issuer is checked with this device's own key: a forgery is
// refused, one it did sign is accepted (its database may be older than that trust). A device
// known here is never taken back from a file; a newer enrolment by the issuer it was trusted on
// replaces its scope (`renewedEnrolments`: the coordinator widened what she vouches for). A
// revoked device vouches for no one (db/sync/revocation.ts).
import type { BundleDeviceCard, BundleHeader } from './segments/bundle';
import { shown } from './segments/errors';
import { ed25519KeyId, enrolmentSignedBy, inScope, scopeOf, TOWNSHIP_SCOPE_PREFIX, type DeviceScope, type EnrolledDevice, type Enrolment, type TrustedDevice } from './trust';

export interface AcceptedEnrolment {
  readonly device: EnrolledDevice;
  readonly enrolment: Enrolment;
  readonly scope: DeviceScope;
  /** The issuer's name as this device knows it (trusted here, or from its accepted card). */
  readonly issuerName: string;
  /** Villages of the scope whose township only the file can tell. */
  readonly fileVillages: readonly string[];
}

export interface EnrolmentProblem {
  /** ISSUER_UNKNOWN: vouched for by a device not trusted here; BAD_ENROLMENT: a forgery or an overreach. */
  readonly kind: 'ISSUER_UNKNOWN' | 'BAD_ENROLMENT';
  readonly message: string;
  /** For ISSUER_UNKNOWN: the issuer named. */
  readonly issuer?: string;
}

export interface EnrolmentResolution {
  readonly accepted: ReadonlyMap<string, AcceptedEnrolment>;
  /** Why a card's enrolment was not accepted. */
  readonly problems: ReadonlyMap<string, EnrolmentProblem>;
}

export interface EnrolmentLookups {
  readonly selfId: string;
  /** This device's own key: an enrolment naming this device as issuer is checked with it. */
  readonly selfPublicKey?: string;
  /** A device trusted here. */
  trusted(deviceId: string): TrustedDevice | null;
  /** A village's township in this device's ledger; undefined when the ledger has no such village. */
  ledgerTownshipOf(villageId: string): string | null | undefined;
  /** Whether a device's trust was revoked here: it vouches for no one (absent: none was). */
  revoked?(deviceId: string): boolean;
}

type CardWithEnrolment = BundleDeviceCard & { readonly enrolment: Enrolment };

/** The enrolled devices of a (validated) header this device can accept, and why the others are not. */
export function resolveEnrolments(header: BundleHeader, asked: EnrolmentLookups): EnrolmentResolution {
  // Each device looked up once: a hostile chain of a thousand cards accepts one a round.
  const trustedHere = new Map<string, TrustedDevice | null>();
  const lookups: EnrolmentLookups = {
    ...asked,
    trusted: (id) => {
      if (!trustedHere.has(id)) trustedHere.set(id, asked.trusted(id));
      return trustedHere.get(id)!;
    },
  };
  // The key ids each device signs with in this file: the producer's and each segment's.
  const keyIds = new Map<string, Set<string>>();
  const note = (id: string, keyId: string) => keyIds.set(id, (keyIds.get(id) ?? new Set<string>()).add(keyId));
  note(header.producer.deviceId, header.producer.keyId);
  for (const s of header.segments) note(s.origin, s.keyId);

  const accepted = new Map<string, AcceptedEnrolment>();
  const problems = new Map<string, EnrolmentProblem>();
  const pending = new Map<string, CardWithEnrolment>();
  for (const card of header.devices ?? []) {
    // The first card of a device speaks for it (a second one cannot add an enrolment).
    if (pending.has(card.deviceId) || problems.has(card.deviceId) || !card.enrolment) continue;
    if (card.deviceId === lookups.selfId || lookups.trusted(card.deviceId)) continue;
    const keyId = ed25519KeyId(card.publicKey);
    const signing = keyIds.get(card.deviceId) ?? new Set<string>();
    if (!keyId) problems.set(card.deviceId, bad(`the card of device ${card.deviceId} carries no readable Ed25519 key`));
    else if ([...signing].some((k) => k !== keyId)) {
      problems.set(card.deviceId, bad(`the card of device ${card.deviceId} offers another key than the one that signed its data (key swapped)`));
    } else pending.set(card.deviceId, card as CardWithEnrolment);
  }

  // An enrolment naming this device as its issuer: this device holds that key, so it knows at
  // once whether it signed it. One it never signed is a forgery, never a question for a person.
  for (const [deviceId, card] of pending) {
    if (card.enrolment.issuer !== lookups.selfId) continue;
    pending.delete(deviceId);
    if (!lookups.selfPublicKey || !enrolmentSignedBy(card, card.enrolment, lookups.selfPublicKey)) {
      problems.set(deviceId, bad(`the enrolment of device ${deviceId} names this device as its issuer, but this device never signed it: it is forged`));
    } else {
      // Signed here before (this database may be older than that trust, restored from a backup).
      const device: EnrolledDevice = { deviceId, publicKey: card.publicKey, name: card.name, role: card.role, villages: [...new Set(card.enrolment.scope)] };
      accepted.set(deviceId, { device, enrolment: card.enrolment, scope: scopeOf(device), issuerName: '', fileVillages: [] });
    }
  }

  // Resolve to a fixpoint: each round accepts the cards whose issuer became known.
  for (let progress = true; progress; ) {
    progress = false;
    for (const [deviceId, card] of pending) {
      const issuer = issuerOf(card.enrolment.issuer, lookups, accepted);
      if (!issuer) continue;
      pending.delete(deviceId);
      progress = true;
      const judged = judge(card, issuer, lookups);
      if ('problem' in judged) problems.set(deviceId, judged.problem);
      else accepted.set(deviceId, judged.accepted);
    }
  }
  for (const [deviceId, card] of pending) {
    const issuerCard = header.devices?.find((c) => c.deviceId === card.enrolment.issuer);
    const who = issuerCard ? `${shown(issuerCard.name)} (device ${card.enrolment.issuer})` : `device ${card.enrolment.issuer}`;
    const why = lookups.revoked?.(card.enrolment.issuer) ? 'whose trust was revoked: it vouches for no one' : 'which is not trusted here';
    problems.set(deviceId, { kind: 'ISSUER_UNKNOWN', issuer: card.enrolment.issuer, message: `device ${deviceId} is vouched for by ${who}, ${why}` });
  }
  return { accepted, problems };
}

interface Issuer {
  readonly deviceId: string;
  readonly name: string;
  readonly publicKey: string;
  readonly scope: DeviceScope;
}

function issuerOf(issuerId: string, lookups: EnrolmentLookups, accepted: ReadonlyMap<string, AcceptedEnrolment>): Issuer | null {
  // This device's own enrolments coming back in a file change nothing (a device it no longer trusts stays so).
  if (issuerId === lookups.selfId || lookups.revoked?.(issuerId)) return null;
  const trusted = lookups.trusted(issuerId);
  if (trusted) return { deviceId: issuerId, name: trusted.name, publicKey: trusted.publicKey, scope: scopeOf(trusted) };
  const enrolled = accepted.get(issuerId);
  return enrolled ? { deviceId: issuerId, name: enrolled.device.name, publicKey: enrolled.device.publicKey, scope: enrolled.scope } : null;
}

const bad = (message: string): EnrolmentProblem => ({ kind: 'BAD_ENROLMENT', message });

function judge(card: CardWithEnrolment, issuer: Issuer, lookups: EnrolmentLookups): { accepted: AcceptedEnrolment } | { problem: EnrolmentProblem } {
  const who = `device ${card.deviceId}`;
  if (!enrolmentSignedBy(card, card.enrolment, issuer.publicKey)) {
    return { problem: bad(`the enrolment of ${who} is not signed by device ${issuer.deviceId}: it was altered or forged`) };
  }
  if (issuer.scope.townships.size === 0) {
    // A device of a few villages vouches only for its own successor (the same computer continuing
    // under a new id after it learnt it was copied: db/sync/succession.ts), never beyond its villages.
    const successor = card.enrolment.scope.length > 0 && card.enrolment.scope.every((entry) => issuer.scope.villageIds.has(entry));
    if (!successor) return { problem: bad(`device ${issuer.deviceId} vouches for ${who} but may not vouch for others: it is not trusted here for a whole township`) };
    const device: EnrolledDevice = { deviceId: card.deviceId, publicKey: card.publicKey, name: card.name, role: card.role, villages: [...new Set(card.enrolment.scope)] };
    return { accepted: { device, enrolment: card.enrolment, scope: scopeOf(device), issuerName: issuer.name, fileVillages: [] } };
  }
  const fileVillages: string[] = [];
  for (const entry of new Set(card.enrolment.scope)) {
    if (entry.startsWith(TOWNSHIP_SCOPE_PREFIX)) {
      const township = entry.slice(TOWNSHIP_SCOPE_PREFIX.length);
      if (!issuer.scope.townships.has(township)) {
        return { problem: bad(`device ${issuer.deviceId} vouches for ${who} in township ${shown(township)}, outside its own townships`) };
      }
      continue;
    }
    const township = lookups.ledgerTownshipOf(entry);
    if (township === undefined && !issuer.scope.villageIds.has(entry)) {
      fileVillages.push(entry);
      continue;
    }
    if (!inScope(issuer.scope, entry, () => township ?? null)) {
      return { problem: bad(`device ${issuer.deviceId} vouches for ${who} in village ${shown(entry)}, outside its own townships`) };
    }
  }
  const device: EnrolledDevice = { deviceId: card.deviceId, publicKey: card.publicKey, name: card.name, role: card.role, villages: [...new Set(card.enrolment.scope)] };
  return { accepted: { device, enrolment: card.enrolment, scope: scopeOf(device), issuerName: issuer.name, fileVillages } };
}

/**
 * After the scan: each accepted enrolment's villages unknown to the ledger must lie in its
 * issuer's townships as the file claims them. The first problem found, or null.
 */
export function checkFileVillages(
  used: readonly AcceptedEnrolment[],
  issuerScope: (issuerId: string) => DeviceScope | null,
  townshipOf: (villageId: string) => string | null,
): string | null {
  for (const { device, enrolment, fileVillages } of used) {
    const scope = issuerScope(enrolment.issuer);
    for (const village of fileVillages) {
      if (!scope || !inScope(scope, village, townshipOf)) {
        return `device ${enrolment.issuer} vouches for device ${device.deviceId} in village ${shown(village)}, which is not in its townships`;
      }
    }
  }
  return null;
}

/**
 * The accepted enrolments the import needs: those of the devices whose keys it used, and of
 * their issuers up the chain (so the chain can be relayed on). In acceptance order.
 */
export function enrolmentsUsed(resolution: EnrolmentResolution, keysUsed: ReadonlySet<string>): AcceptedEnrolment[] {
  const needed = new Set<string>();
  for (const id of keysUsed) {
    for (let at: string | undefined = id; at !== undefined && resolution.accepted.has(at) && !needed.has(at); ) {
      needed.add(at);
      at = resolution.accepted.get(at)!.enrolment.issuer;
    }
  }
  return [...resolution.accepted.values()].filter((a) => needed.has(a.device.deviceId));
}

/**
 * Devices trusted here on an enrolment by the issuer whose newer enrolment the file carries: the
 * issuer (still trusted, not revoked) widened or narrowed what it vouches for. Judged as a new
 * enrolment would be; a forged or overreaching one is a problem that refuses the file.
 */
export function renewedEnrolments(header: BundleHeader, lookups: EnrolmentLookups): { renewed: AcceptedEnrolment[]; problem: string | null } {
  const renewed: AcceptedEnrolment[] = [];
  const seen = new Set<string>();
  for (const card of header.devices ?? []) {
    if (seen.has(card.deviceId) || !card.enrolment) continue;
    seen.add(card.deviceId);
    const known = lookups.trusted(card.deviceId);
    const before = known?.enrolment;
    if (!known || !before || before.issuer !== card.enrolment.issuer || before.issuer === lookups.selfId) continue;
    if (card.enrolment.issuedAt <= before.issuedAt || ed25519KeyId(card.publicKey) !== ed25519KeyId(known.publicKey)) continue;
    const issuer = issuerOf(card.enrolment.issuer, lookups, new Map());
    if (!issuer) continue;
    const judged = judge(card as CardWithEnrolment, issuer, lookups);
    if ('problem' in judged) return { renewed: [], problem: judged.problem.message };
    renewed.push(judged.accepted);
  }
  return { renewed, problem: null };
}
