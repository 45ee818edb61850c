// Township settings: the days-in-village threshold and the plan duties are the township's, set by
// its coordinator. The coordinator's device signs a declaration; it travels in the header of every
// export (relayed verbatim, like revocations), so secretaries and the district hold the same one.
//
// Kept per township: the newest `issuedAt` wins (ties by issuer id). A declaration is kept only
// when its issuer is this device or trusted here and its scope holds the whole township; a forged
// or overreaching one refuses the whole file (BAD_TOWNSHIP_SETTINGS). One whose issuer is not
// known here cannot be judged and does nothing.
import { createPublicKey, sign, verify } from 'node:crypto';
import type { Sqlite } from '../open';
import type { BundleHeader } from './segments/bundle';
import type { DeviceKeys } from './segments/seal';
import type { DeviceScope } from './trust';

export interface TownshipSettings {
  readonly township: string;
  readonly presenceThreshold: number;
  /** The plan duties' names, in the scheme's order. */
  readonly duties: readonly string[];
  /**
   * The member-development clocks it sets (shared/domain/party/clocks.ts: a count in each clock's
   * default unit); absent in a declaration that sets none, as every one signed before they existed.
   */
  readonly partyClocks?: Readonly<Record<string, number>>;
  /** The device that set them. */
  readonly issuer: string;
  /** When, by the issuer's clock (ISO). */
  readonly issuedAt: string;
  /** Base64 Ed25519 signature of the issuer over `townshipSettingsMessage`. */
  readonly signature: string;
}

const DOMAIN = 'cunji-township-settings/1';

/** The clocks set, by name in a fixed order; null when none is (a declaration of the older shape). */
function clocksSigned(clocks: TownshipSettings['partyClocks']): [string, number][] | null {
  const entries = Object.entries(clocks ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.length > 0 ? entries : null;
}

/** The bytes a declaration signs: a JSON array in a fixed order (the clocks last, only when some are set,
 *  so a declaration signed before they existed verifies unchanged). */
export function townshipSettingsMessage(s: Omit<TownshipSettings, 'signature'>): Buffer {
  const clocks = clocksSigned(s.partyClocks);
  return Buffer.from(JSON.stringify([DOMAIN, s.township, s.presenceThreshold, [...s.duties], s.issuer, s.issuedAt, ...(clocks ? [clocks] : [])]), 'utf8');
}

/** A declaration's fields with the clocks left out when none is set. */
function withClocks<T extends { partyClocks?: TownshipSettings['partyClocks'] }>(s: T): T {
  const { partyClocks, ...rest } = s;
  const clocks = clocksSigned(partyClocks);
  return (clocks ? { ...rest, partyClocks: Object.fromEntries(clocks) } : rest) as T;
}

export function issueTownshipSettings(signer: DeviceKeys, unsigned: Omit<TownshipSettings, 'signature' | 'issuer'>): TownshipSettings {
  const s = withClocks({ ...unsigned, duties: [...unsigned.duties], issuer: signer.deviceId });
  return { ...s, signature: sign(null, townshipSettingsMessage(s), signer.privateKey).toString('base64') };
}

export function townshipSettingsSignedBy(s: TownshipSettings, issuerPublicKey: string): boolean {
  const signature = Buffer.from(s.signature, 'base64');
  if (signature.length !== 64) return false;
  try {
    return verify(null, townshipSettingsMessage(s), createPublicKey(issuerPublicKey), signature);
  } catch {
    return false;
  }
}

/** Whether `a` replaces `b`: a later issue time, or the same time and a greater issuer id. */
export function isNewer(a: Pick<TownshipSettings, 'issuedAt' | 'issuer'>, b: Pick<TownshipSettings, 'issuedAt' | 'issuer'>): boolean {
  const ta = Date.parse(a.issuedAt);
  const tb = Date.parse(b.issuedAt);
  return ta !== tb ? ta > tb : a.issuer > b.issuer;
}

interface Row {
  township: string;
  presence_threshold: number;
  duties: string;
  party_clocks: string | null;
  issuer: string;
  issued_at: string;
  signature: string;
}

const fromRow = (r: Row): TownshipSettings => ({
  township: r.township, presenceThreshold: r.presence_threshold, duties: JSON.parse(r.duties) as string[],
  ...(r.party_clocks ? { partyClocks: JSON.parse(r.party_clocks) as Record<string, number> } : {}),
  issuer: r.issuer, issuedAt: r.issued_at, signature: r.signature,
});

/** The export mark (an `export_marks` origin no device has) of the township settings last sent to a target. */
export const TOWNSHIP_SETTINGS_MARK = 'township-settings';

/** When (ms) a declaration was last stored here, 0 when none: an export sends them again after it. */
export function latestTownshipSettingsRecorded(sqlite: Sqlite): number {
  const at = sqlite.prepare('SELECT max(recorded_at) FROM township_settings').pluck().get() as string | null;
  const ms = at ? Date.parse(at) : NaN;
  return Number.isNaN(ms) ? 0 : ms;
}

export function listTownshipSettings(sqlite: Sqlite): TownshipSettings[] {
  return (sqlite.prepare('SELECT * FROM township_settings ORDER BY township').all() as Row[]).map(fromRow);
}

export function townshipSettingsOf(sqlite: Sqlite, township: string): TownshipSettings | null {
  const row = sqlite.prepare('SELECT * FROM township_settings WHERE township = ?').get(township) as Row | undefined;
  return row ? fromRow(row) : null;
}

/** Keeps a verified declaration when it is newer than the one held for its township. */
export function recordTownshipSettings(sqlite: Sqlite, s: TownshipSettings, at: string): boolean {
  const held = townshipSettingsOf(sqlite, s.township);
  if (held && !isNewer(s, held)) return false;
  sqlite
    .prepare(
      `INSERT INTO township_settings (township, presence_threshold, duties, party_clocks, issuer, issued_at, signature, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (township) DO UPDATE SET presence_threshold = excluded.presence_threshold, duties = excluded.duties, party_clocks = excluded.party_clocks,
         issuer = excluded.issuer, issued_at = excluded.issued_at, signature = excluded.signature, recorded_at = excluded.recorded_at`,
    )
    // Strictly after the last one stored, so the next export sees it as news even within one millisecond.
    .run(s.township, s.presenceThreshold, JSON.stringify(s.duties), clocksSigned(s.partyClocks) ? JSON.stringify(s.partyClocks) : null, s.issuer, s.issuedAt, s.signature, new Date(Math.max(Date.parse(at) || 0, latestTownshipSettingsRecorded(sqlite) + 1)).toISOString());
  return true;
}

export class TownshipSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TownshipSettingsError';
  }
}

/**
 * This device (of scope `selfScope`) sets its township's settings now: signed and kept, carried in
 * every export from now on. A device whose scope does not hold the township (a secretary) may not.
 */
export function setTownshipSettings(
  sqlite: Sqlite,
  signer: DeviceKeys,
  selfScope: DeviceScope,
  values: { township: string; presenceThreshold: number; duties: readonly string[]; partyClocks?: TownshipSettings['partyClocks'] },
  at: string,
): TownshipSettings {
  if (!selfScope.townships.has(values.township)) {
    throw new TownshipSettingsError(`Only a coordinator of ${values.township} sets its days-in-village threshold, plan duties and member-development clocks.`);
  }
  return sqlite.transaction(() => {
    const held = townshipSettingsOf(sqlite, values.township);
    // Never behind the one held (a clock set back): the new one must win everywhere.
    const issuedAt = held && Date.parse(held.issuedAt) >= Date.parse(at) ? new Date(Date.parse(held.issuedAt) + 1).toISOString() : at;
    const s = issueTownshipSettings(signer, { ...values, issuedAt });
    recordTownshipSettings(sqlite, s, at);
    return s;
  })();
}

export interface TownshipSettingsLookups {
  readonly selfId: string;
  readonly selfPublicKey: string;
  /** A device trusted here, or accepted on an enrolment from the same file; null when neither. */
  known(deviceId: string): { publicKey: string; scope: DeviceScope } | null;
}

export interface FileTownshipSettings {
  /** Verified declarations newer than the ones held here. */
  readonly fresh: TownshipSettings[];
  /** A forged or overreaching declaration, in plain words; null when none. */
  readonly problem: string | null;
  /** Keeps the fresh ones (inside the import's transaction). */
  record(at: string): void;
}

/** The declarations a (validated) header carries, judged before anything is written. */
export function judgeFileTownshipSettings(sqlite: Sqlite, header: Pick<BundleHeader, 'townshipSettings'>, lookups: TownshipSettingsLookups): FileTownshipSettings {
  const fresh: TownshipSettings[] = [];
  const none = (problem: string): FileTownshipSettings => ({ fresh: [], problem, record: () => undefined });
  for (const s of header.townshipSettings ?? []) {
    const of = `the settings of ${s.township} (days in the village, plan duties, member-development clocks)`;
    const self = s.issuer === lookups.selfId;
    const issuer = self ? { publicKey: lookups.selfPublicKey, scope: null } : lookups.known(s.issuer);
    if (!issuer) continue;
    if (!townshipSettingsSignedBy(s, issuer.publicKey)) return none(`${of} are not signed by device ${s.issuer}: they were altered or forged`);
    if (Number.isNaN(Date.parse(s.issuedAt))) return none(`${of} carry no readable time`);
    // One this device signed (its database may be older than it) has no scope to check: it stands.
    if (issuer.scope && !issuer.scope.townships.has(s.township)) {
      return none(`device ${s.issuer} sets ${of}, a township it does not keep: only its coordinator may`);
    }
    const held = townshipSettingsOf(sqlite, s.township);
    const before = fresh.find((f) => f.township === s.township);
    if ((held && !isNewer(s, held)) || (before && !isNewer(s, before))) continue;
    if (before) fresh.splice(fresh.indexOf(before), 1);
    fresh.push(s);
  }
  return {
    fresh,
    problem: null,
    record(at) {
      for (const s of fresh) recordTownshipSettings(sqlite, s, at);
    },
  };
}
