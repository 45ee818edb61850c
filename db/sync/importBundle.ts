// Import: verify the whole file first (nothing is written when any check fails), then in ONE
// transaction keep each new segment verbatim, decide each of its changes — applied, or set aside
// in `quarantine` with its reason and the file's hash — merge the applied ones, and record the
// import under the file's hash (a second import of the same bytes changes nothing).
//
// Set aside, never applied, never dropped:
//   OUT_OF_SCOPE      the row's village is not one its origin device is enrolled for (trust.ts);
//   FUTURE_CLOCK      more than 24 h ahead of this device's clock (it never advances the clock);
//   BAD_VALUE         not the column's kind (db/ledgers), or `_row` not 'deleted'/'alive';
//   VILLAGE_MISMATCH  a row claimed for another village than the one it was created in.
import { basename } from 'node:path';
import { LEDGERS, ROW_COLUMN, type ColumnKind } from '../ledgers';
import type { Sqlite } from '../open';
import type { Change } from './apply';
import { HLC_HEX_LENGTH, parseHlc, type HlcClock } from './hlc';
import { mergeChanges } from './merge';
import {
  changesOf, fileSource, storeSegment, SyncFileError, verifyBundle, type BundleDeviceCard, type BundleHeader, type ByteSource, type VerifiedBundle,
} from './segments/index';
import { ed25519KeyId, fingerprintOf, scopeOf, trustedDevice, type DeviceScope } from './trust';

export const FUTURE_LIMIT_MS = 24 * 60 * 60 * 1000;

export const SET_ASIDE_REASONS = ['OUT_OF_SCOPE', 'FUTURE_CLOCK', 'BAD_VALUE', 'VILLAGE_MISMATCH'] as const;
export type SetAsideReason = (typeof SET_ASIDE_REASONS)[number];

/** A device the file names that this one does not trust yet, as the file describes it. */
export interface OfferedDevice {
  readonly deviceId: string;
  /** The key that signed the file's data (null when the file does not offer one). */
  readonly publicKey: string | null;
  readonly fingerprint: string | null;
  readonly name: string | null;
  readonly role: string | null;
  readonly township: string | null;
  readonly villages: { id: string; name: string }[];
}

export interface ImportRefusal {
  /** A SyncFileError reason, or UNREADABLE (the file could not be opened or read). */
  readonly reason: string;
  readonly message: string;
  /** For UNKNOWN_DEVICE: every device of the file not trusted here. */
  readonly devices: OfferedDevice[];
}

export interface ImportReceipt {
  readonly file: string;
  readonly fileHash: string | null;
  readonly producer: string | null;
  readonly status: 'imported' | 'already-imported' | 'refused';
  readonly segmentsNew: number;
  readonly segmentsKnown: number;
  readonly changesNew: number;
  readonly changesKnown: number;
  /** Cells that had at most one head before and more than one after. */
  readonly conflictsCreated: number;
  readonly setAside: Partial<Record<SetAsideReason, number>>;
  /** e.g. "device 1a2b…, segment 17 missing". */
  readonly gaps: string[];
  readonly refusal: ImportRefusal | null;
}

export interface ImportOptions {
  /** This device: always trusted, its own changes never limited by scope. */
  readonly selfId: string;
  readonly selfPublicKey: string;
  /** The wall clock (ms). */
  readonly now: () => number;
}

const empty = (file: string): Omit<ImportReceipt, 'status' | 'refusal'> => ({
  file, fileHash: null, producer: null, segmentsNew: 0, segmentsKnown: 0, changesNew: 0, changesKnown: 0, conflictsCreated: 0, setAside: {}, gaps: [],
});

function refused(file: string, reason: string, message: string, devices: OfferedDevice[] = []): ImportReceipt {
  return { ...empty(file), status: 'refused', refusal: { reason, message, devices } };
}

/** The file's hash as its trailer states it (unverified): enough to skip a file imported before. */
export function statedFileHash(path: string): string | null {
  try {
    const source = fileSource(path);
    try {
      if (source.size < 12 + 104) return null;
      return source.read(source.size - 104, 32).toString('hex');
    } finally {
      source.close();
    }
  } catch {
    return null;
  }
}

export function isImported(sqlite: Sqlite, fileHash: string): boolean {
  return sqlite.prepare('SELECT 1 FROM imports WHERE file_hash = ?').get(fileHash) !== undefined;
}

export function importBundle(sqlite: Sqlite, clock: HlcClock, path: string, options: ImportOptions): ImportReceipt {
  const file = basename(path);
  const keyOf = (deviceId: string): string | null =>
    deviceId === options.selfId ? options.selfPublicKey : (trustedDevice(sqlite, deviceId)?.publicKey ?? null);
  const lastSeqOf = (origin: string): number => (sqlite.prepare('SELECT max(seq) FROM segments WHERE origin = ?').pluck().get(origin) as number | null) ?? 0;

  let source: ByteSource;
  try {
    source = fileSource(path);
  } catch (error) {
    return refused(file, 'UNREADABLE', `The file cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  let verified: VerifiedBundle;
  try {
    try {
      verified = verifyBundle(source, { keyOf, lastSeqOf });
    } catch (error) {
      if (error instanceof SyncFileError) {
        return refused(file, error.reason, error.message, error.reason === 'UNKNOWN_DEVICE' ? offeredDevices(source, keyOf) : []);
      }
      return refused(file, 'UNREADABLE', `The file cannot be read: ${error instanceof Error ? error.message : String(error)}`);
    }
  } finally {
    source.close();
  }

  const base = { ...empty(file), fileHash: verified.fileHash, producer: verified.header.producer.deviceId, gaps: [...verified.warnings] };
  if (isImported(sqlite, verified.fileHash)) {
    return { ...base, status: 'already-imported', segmentsKnown: verified.segments.length, changesKnown: verified.changes, refusal: null };
  }
  try {
    return applyVerified(sqlite, clock, verified, { ...options, file, base });
  } catch (error) {
    if (error instanceof SyncFileError) return { ...base, status: 'refused', refusal: { reason: error.reason, message: error.message, devices: [] } };
    throw error;
  }
}

interface ApplyContext extends ImportOptions {
  readonly file: string;
  readonly base: Omit<ImportReceipt, 'status' | 'refusal'>;
}

function applyVerified(sqlite: Sqlite, clock: HlcClock, verified: VerifiedBundle, ctx: ApplyContext): ImportReceipt {
  const limit = ctx.now() + FUTURE_LIMIT_MS;
  const ledgerVillageOf = sqlite.prepare('SELECT village_id FROM "changes" WHERE tbl = ? AND row_id = ? LIMIT 1').pluck();
  const ledgerTownshipOf = sqlite.prepare('SELECT township FROM villages WHERE id = ?').pluck();
  const headCount = sqlite.prepare('SELECT count(*) FROM cell_heads WHERE tbl = ? AND row_id = ? AND col = ?').pluck();
  const quarantine = sqlite.prepare('INSERT INTO quarantine (at, reason, detail, file_hash, origin, change_id) VALUES (?, ?, ?, ?, ?, ?)');
  const at = new Date(ctx.now()).toISOString();

  return sqlite.transaction((): ImportReceipt => {
    // Keep the new segments verbatim; a known one was decided when it first came.
    const fresh: { hash: string; changes: Change[] }[] = [];
    let segmentsKnown = 0;
    let changesKnown = 0;
    for (const segment of verified.segments) {
      let stored: boolean;
      try {
        stored = storeSegment(sqlite, segment);
      } catch (error) {
        if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
          throw new SyncFileError('FORKED_CHAIN', `Device ${segment.origin} has two different segments numbered ${segment.seq}: the device may have been cloned.`);
        }
        throw error;
      }
      if (stored) fresh.push({ hash: segment.hash, changes: changesOf(segment) });
      else {
        segmentsKnown++;
        changesKnown += segment.count;
      }
    }

    // Townships of villages that arrive with this file (the ledger's own answer comes first).
    const fileTownship = new Map<string, { id: string; township: unknown }>();
    for (const { changes } of fresh) {
      for (const c of changes) {
        if (c.tbl !== 'villages' || c.col !== 'township') continue;
        const before = fileTownship.get(c.row_id);
        if (!before || c.id > before.id) fileTownship.set(c.row_id, { id: c.id, township: safeParse(c.value) });
      }
    }
    const townshipOf = (villageId: string): string | null => {
      const known = ledgerTownshipOf.get(villageId) as string | null | undefined;
      if (known !== undefined) return known;
      const claimed = fileTownship.get(villageId)?.township;
      return typeof claimed === 'string' ? claimed : null;
    };
    const scopes = new Map<string, DeviceScope | null>();
    const scopeFor = (origin: string): DeviceScope | null => {
      if (!scopes.has(origin)) {
        const trusted = origin === ctx.selfId ? null : trustedDevice(sqlite, origin);
        scopes.set(origin, trusted ? scopeOf(trusted) : null);
      }
      return scopes.get(origin)!;
    };
    const villageOfRow = new Map<string, string>();

    const setAside: Partial<Record<SetAsideReason, number>> = {};
    const put = (change: Change, segment: string, reason: SetAsideReason, message: string) => {
      setAside[reason] = (setAside[reason] ?? 0) + 1;
      quarantine.run(at, reason, JSON.stringify({ message, segment, change }), verified.fileHash, change.origin, change.id);
    };

    const accepted: { hash: string; changes: Change[] }[] = [];
    for (const { hash, changes } of fresh) {
      const ok: Change[] = [];
      for (const change of changes) {
        const reason = judge(change);
        if (reason) put(change, hash, reason[0], reason[1]);
        else ok.push(change);
      }
      accepted.push({ hash, changes: ok });
    }

    function judge(change: Change): [SetAsideReason, string] | null {
      if (parseHlc(change.hlc.slice(0, HLC_HEX_LENGTH)).wall > limit) {
        return ['FUTURE_CLOCK', `written at ${new Date(parseHlc(change.hlc).wall).toISOString()}, more than 24 hours ahead of this computer's clock`];
      }
      const bad = badValue(change);
      if (bad) return ['BAD_VALUE', bad];
      const rowKey = `${change.tbl}\u0000${change.row_id}`;
      const village = villageOfRow.get(rowKey) ?? (ledgerVillageOf.get(change.tbl, change.row_id) as string | undefined);
      if (change.tbl === 'villages' && change.village_id !== change.row_id) return ['VILLAGE_MISMATCH', 'a village row must be its own village'];
      if (village !== undefined && village !== change.village_id) return ['VILLAGE_MISMATCH', `the row belongs to village ${village}, not ${change.village_id}`];
      const scope = scopeFor(change.origin);
      if (scope && !scope.villageIds.has(change.village_id)) {
        const township = townshipOf(change.village_id);
        if (township === null || !scope.townships.has(township)) {
          return ['OUT_OF_SCOPE', `device ${change.origin} is not enrolled for village ${change.village_id}`];
        }
      }
      villageOfRow.set(rowKey, change.village_id);
      return null;
    }

    // Merge what passed, segment by segment (each change remembers its segment).
    const cells = new Map<string, [string, string, string]>();
    for (const { changes } of accepted) for (const c of changes) cells.set(`${c.tbl}\u0000${c.row_id}\u0000${c.col}`, [c.tbl, c.row_id, c.col]);
    const before = new Map<string, number>();
    for (const [key, [t, r, c]] of cells) before.set(key, headCount.get(t, r, c) as number);
    let changesNew = 0;
    for (const { hash, changes } of accepted) {
      const result = mergeChanges(sqlite, clock, changes, hash);
      changesNew += result.added;
      changesKnown += result.known;
    }
    let conflictsCreated = 0;
    for (const [key, [t, r, c]] of cells) if ((before.get(key) ?? 0) <= 1 && (headCount.get(t, r, c) as number) > 1) conflictsCreated++;

    const receipt: ImportReceipt = {
      ...ctx.base,
      status: 'imported',
      segmentsNew: fresh.length,
      segmentsKnown,
      changesNew,
      changesKnown,
      conflictsCreated,
      setAside,
      refusal: null,
    };
    sqlite
      .prepare('INSERT INTO imports (file_hash, file_name, producer, at, result) VALUES (?, ?, ?, ?, ?)')
      .run(verified.fileHash, ctx.file, verified.header.producer.deviceId, at, JSON.stringify(receipt));
    return receipt;
  })();
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Why a value cannot go into its column, or null when it can. */
export function badValue(change: Pick<Change, 'tbl' | 'col' | 'value'>): string | null {
  const value = safeParse(change.value);
  if (value === undefined) return 'the value is not valid JSON';
  if (change.col === ROW_COLUMN) return value === 'deleted' || value === 'alive' ? null : `_row may only be 'deleted' or 'alive'`;
  const kind = (LEDGERS[change.tbl] as Record<string, ColumnKind | undefined>)[change.col];
  if (!kind) return `${change.tbl} has no column ${change.col}`;
  if (value === null) return null;
  if (kind === 'text') return typeof value === 'string' ? null : `${change.tbl}.${change.col} holds text`;
  if (kind === 'integer') return typeof value === 'number' && Number.isSafeInteger(value) ? null : `${change.tbl}.${change.col} holds whole numbers`;
  return typeof value === 'number' && Number.isFinite(value) ? null : `${change.tbl}.${change.col} holds numbers`;
}

/** The devices of a refused file that this one does not trust, as the file describes them. */
function offeredDevices(source: ByteSource, keyOf: (id: string) => string | null): OfferedDevice[] {
  let header: BundleHeader;
  try {
    // verifyBundle validated this header before asking about trust.
    const length = source.read(8, 4).readUInt32BE(0);
    header = JSON.parse(source.read(12, length).toString('utf8')) as BundleHeader;
  } catch {
    return [];
  }
  const cards = new Map<string, BundleDeviceCard>();
  for (const card of header.devices ?? []) if (!cards.has(card.deviceId)) cards.set(card.deviceId, card);
  const keyIds = new Map<string, string>([[header.producer.deviceId, header.producer.keyId]]);
  for (const s of header.segments) if (!keyIds.has(s.origin)) keyIds.set(s.origin, s.keyId);
  const out: OfferedDevice[] = [];
  for (const [deviceId, keyId] of keyIds) {
    if (keyOf(deviceId) !== null) continue;
    const card = cards.get(deviceId);
    const offered = deviceId === header.producer.deviceId ? header.producer.publicKey : (card?.publicKey ?? null);
    const publicKey = offered !== null && ed25519KeyId(offered) === keyId ? offered : null;
    out.push({
      deviceId,
      publicKey,
      fingerprint: publicKey ? fingerprintOf(publicKey) : null,
      name: card?.name ?? null,
      role: card?.role ?? null,
      township: card?.township ?? null,
      villages: (card?.villages ?? []).map((v) => ({ id: v.id, name: v.name })),
    });
  }
  return out;
}
