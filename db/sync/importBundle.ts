// Import: verify the whole file first (nothing is written when any check fails), then in ONE
// transaction keep each new segment verbatim, decide each of its changes — applied, or set aside
// in `quarantine` with its reason and the file's hash — merge the applied ones, and record the
// import under the file's hash (a second import of the same bytes changes nothing). Both passes
// read the file a segment at a time, so memory does not grow with the file; the second checks
// each segment's hash again and rolls everything back if the file changed in between.
//
// Set aside, never applied, never dropped:
//   OUT_OF_SCOPE      the row's village is not one its origin device is enrolled for (trust.ts);
//   FUTURE_CLOCK      more than 24 h ahead of this device's clock (it never advances the clock);
//   BAD_VALUE         not the column's kind (db/ledgers), or `_row` not 'deleted'/'alive';
//   VALUE_INVALID     refused by the contract's schema for its column (too long, out of range,
//                     not one of the choices: valueCheck.ts); kept shortened, never whole.
//   VILLAGE_MISMATCH  a row claimed for another village than the one it was created in;
//   DUPLICATE_ID      another change of the same device with the same id, which keeps it (db/sync/forks.ts);
//   VILLAGE_MOVE      a village's township changed by another device, into or out of a township this
//                     device keeps whole: held until a person here confirms it (villageMoves.ts).
//
// A segment that does not follow the stored history of its origin is a fork (a device restored
// from a backup, or copied): it is kept on a branch and merged, and the receipt names the device.
import { basename } from 'node:path';
import type { Sqlite } from '../open';
import type { Change } from './apply';
import { formatHlc, parseHlc, type HlcClock } from './hlc';
import { createBulkMerger, type BatchObserver } from './bulkMerge';
import { createChangeLog } from './changeLog';
import { createRecordTally, type RecordCount } from './recordCounts';
import { canSplit, splitSegment } from './recordImport';
import { createClockWriter } from './clocks';
import { valueProblem } from './valueCheck';
import { safeParse } from './valueText';
import {
  changesOfColumns, columnsOf, fileSource, idAt, rereadSegment, type SegmentColumns, scanBundle, sealAll, storeSegment, SyncFileError, type DeviceKeys, type BundleDeviceCard, type BundleHeader, type ByteSource, type ScannedBundle,
  type SegmentVisitor,
} from './segments/index';
import { createMoveAnswerCheck, movesVillage } from './villageMoves';
import { createCollisionGuard, createForkPlacer, duplicateMessage, type ForkNotice } from './forks';
import { rebuildLedgers } from './rebuild';
import { checkFileVillages, enrolmentsUsed, resolveEnrolments, type AcceptedEnrolment, type EnrolmentProblem, type EnrolmentResolution } from './enrolment';
import { ed25519KeyId, fingerprintOf, inScope, recordEnrolled, scopeOf, trustedDevice, type DeviceScope } from './trust';
import { createTrustGuard, revocationsOf, type RevokedNote, type TrustGuard } from './revocation';
import { judgeFileTownshipSettings } from './townshipSettings';

export const FUTURE_LIMIT_MS = 24 * 60 * 60 * 1000;

export const SET_ASIDE_REASONS = ['OUT_OF_SCOPE', 'FUTURE_CLOCK', 'BAD_VALUE', 'VALUE_INVALID', 'VILLAGE_MISMATCH', 'DUPLICATE_ID', 'VILLAGE_MOVE'] as const;
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
  /** Every township its card names (a district's several; else `township` alone, or none). */
  readonly townships: string[];
  readonly villages: { id: string; name: string }[];
  /** The device its card says vouches for it, when that one is not trusted here either. */
  readonly vouchedBy?: { deviceId: string; name: string | null } | null;
}

/** A device this import trusted on another's enrolment (db/sync/enrolment.ts). */
export interface EnrolledByImport {
  readonly deviceId: string;
  readonly name: string;
  readonly issuer: string;
  readonly issuerName: string;
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
  /** The devices trusted because a device trusted here vouched for them; absent when none. */
  readonly enrolled?: EnrolledByImport[];
  /** Devices that wrote two histories (restored from a backup, or copied); absent when none. */
  readonly forks?: ForkNotice[];
  /** What came in as records: per device and ledger, new, changed and deleted; absent when nothing merged. */
  readonly records?: RecordCount[];
  /** Revoked devices whose segments signed after the revocation were refused (REVOKED_DEVICE); absent when none. */
  readonly revoked?: RevokedNote[];
  /** Devices whose scope a newer enrolment by their voucher replaced; absent when none. */
  readonly renewed?: EnrolledByImport[];
}

export interface ImportOptions {
  /** This device: always trusted, its own changes never limited by scope. */
  readonly selfId: string;
  readonly selfPublicKey: string;
  /** The wall clock (ms). */
  readonly now: () => number;
  /**
   * This device's keys: when a file brings segments of this device's own origin that it does not
   * hold (another copy of it wrote them), what waits unsealed is sealed first, so both copies'
   * writes travel as segments and every replica judges a doubled change id alike.
   */
  readonly keys?: DeviceKeys;
  /**
   * The townships this device keeps whole (a coordinator's, a district's): another device's
   * change moving a village into or out of one of them is held as VILLAGE_MOVE for a person.
   */
  readonly townships?: readonly string[];
  /** A demo installation: files marked as demo are imported (a real one refuses them as DEMO_FILE). */
  readonly acceptDemo?: boolean;
  /**
   * Records merged whole where they can be (db/sync/recordImport.ts); on unless false. Off, every
   * change takes the change-by-change path: the tests import both ways and compare.
   */
  readonly recordPath?: boolean;
}

/** Set when this device learnt it was copied: it continues under a new id at its next start (db/sync/succession.ts). */
export const SUCCESSOR_NEEDED = 'successor_needed';

const empty = (file: string): Omit<ImportReceipt, 'status' | 'refusal'> => ({
  file, fileHash: null, producer: null, segmentsNew: 0, segmentsKnown: 0, changesNew: 0, changesKnown: 0, conflictsCreated: 0, setAside: {}, gaps: [],
});

function refused(file: string, reason: string, message: string, offer: OfferedDevices = { producer: null, devices: [] }): ImportReceipt {
  return { ...empty(file), producer: offer.producer, status: 'refused', refusal: { reason, message, devices: offer.devices } };
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
  const trustedKeyOf = (deviceId: string): string | null =>
    deviceId === options.selfId ? options.selfPublicKey : (trustedDevice(sqlite, deviceId)?.publicKey ?? null);
  const lastSeqOf = (origin: string): number =>
    (sqlite.prepare('SELECT max(seq) FROM segments WHERE origin = ? AND branch IS NULL').pluck().get(origin) as number | null) ?? 0;

  let source: ByteSource;
  try {
    source = fileSource(path);
  } catch (error) {
    return refused(file, 'UNREADABLE', `The file cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    // Made-up villages never mix with real ones: a demo file is refused before any trust is asked
    // (its header is signed with the file; a forged mark can only make a real file refused).
    if (headerOf(source)?.demo === true && options.acceptDemo !== true) {
      return refused(file, 'DEMO_FILE', 'The file comes from the demo township (made-up data) and this installation keeps real data. Nothing was imported.');
    }
    // A device not trusted here may still be vouched for by one that is: asked only then.
    const ledgerTownshipOf = ledgerTownshipReader(sqlite);
    const gate = createEnrolmentGate(sqlite, source, options, ledgerTownshipOf);
    const keyOf = (deviceId: string): string | null => trustedKeyOf(deviceId) ?? gate.keyOf(deviceId);
    // Pass 1 reads the file a segment at a time and writes nothing; it also gathers the little
    // the judging of pass 2 needs from the whole file (villages' townships as it claims them).
    const facts = createFileFacts(sqlite, options.selfId, gate, ledgerTownshipOf);
    let scanned: ScannedBundle;
    try {
      scanned = scanBundle(source, { keyOf, lastSeqOf }, facts.visit, facts.needed);
    } catch (error) {
      if (error instanceof SyncFileError) {
        if (error.reason !== 'UNKNOWN_DEVICE') return refused(file, error.reason, error.message);
        const offer = offeredDevices(source, keyOf, gate.resolution());
        const problem = error.device ? gate.problemBehind(error.device.deviceId) : null;
        if (problem?.kind === 'BAD_ENROLMENT') return refused(file, 'BAD_ENROLMENT', badEnrolmentMessage(problem.message), { ...offer, devices: [] });
        return refused(file, error.reason, problem ? `${error.message} (${capitalised(problem.message)}.)` : error.message, offer);
      }
      return refused(file, 'UNREADABLE', `The file cannot be read: ${error instanceof Error ? error.message : String(error)}`);
    }

    const base = { ...empty(file), fileHash: scanned.fileHash, producer: scanned.header.producer.deviceId, gaps: [...scanned.warnings] };
    if (isImported(sqlite, scanned.fileHash)) {
      return { ...base, status: 'already-imported', segmentsKnown: scanned.segments.length, changesKnown: scanned.changes, refusal: null };
    }
    const enrol = gate.used();
    const overreach = checkFileVillages(enrol, facts.scopeFor, facts.townshipOf);
    if (overreach) return refused(file, 'BAD_ENROLMENT', badEnrolmentMessage(overreach), { producer: base.producer, devices: [] });
    // Revocations the file carries, and newer enrolments of devices trusted here (db/sync/revocation.ts).
    const accepted = (id: string) => gate.resolution()?.accepted.get(id);
    const guard = createTrustGuard(sqlite, scanned.header, { ...options, accepted, ledgerTownshipOf, townshipOf: facts.townshipOf });
    if (guard.refusal) {
      const receipt = refused(file, guard.refusal.reason, guard.refusal.message, { producer: base.producer, devices: [] });
      return guard.refusal.revoked ? { ...receipt, revoked: [guard.refusal.revoked] } : receipt;
    }
    // The township settings the file carries (db/sync/townshipSettings.ts): kept in the import's transaction.
    const township = judgeFileTownshipSettings(sqlite, scanned.header, {
      selfId: options.selfId, selfPublicKey: options.selfPublicKey,
      known: (id) => {
        const trusted = trustedDevice(sqlite, id);
        const enrolled = trusted ? null : accepted(id);
        if (trusted) return { publicKey: trusted.publicKey, scope: scopeOf(trusted) };
        return enrolled ? { publicKey: enrolled.device.publicKey, scope: enrolled.scope } : null;
      },
    });
    if (township.problem) return refused(file, 'BAD_TOWNSHIP_SETTINGS', `The file is refused: ${township.problem}. Nothing was imported.`, { producer: base.producer, devices: [] });
    const guarded: TrustGuard = {
      ...guard,
      record(at) {
        guard.record(at);
        township.record(at);
      },
    };
    try {
      return applyScanned(sqlite, clock, source, scanned, facts, { ...options, file, base, enrol, guard: guarded });
    } catch (error) {
      if (error instanceof SyncFileError) return { ...base, status: 'refused', refusal: { reason: error.reason, message: error.message, devices: [] } };
      throw error;
    }
  } finally {
    source.close();
  }
}

interface ApplyContext extends ImportOptions {
  readonly file: string;
  readonly base: Omit<ImportReceipt, 'status' | 'refusal'>;
  /** Devices to trust on another's enrolment, in the import's transaction. */
  readonly enrol: readonly AcceptedEnrolment[];
  /** Revocations and renewed enrolments: kept in the transaction; refuses revoked segments. */
  readonly guard: TrustGuard;
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const badEnrolmentMessage = (problem: string) => `The file is refused: ${problem}. Nothing was imported.`;

/**
 * Enrolments, judged only when the import meets a device not trusted here: the header (validated
 * by the scan before it asks for any key) is read once and its device cards resolved.
 */
interface EnrolmentGate {
  /** The key of a device accepted on an enrolment (noted as used), or null. */
  keyOf(deviceId: string): string | null;
  /** The scope of a device accepted on an enrolment, or null. */
  scopeOf(deviceId: string): DeviceScope | null;
  /** Null until a device not trusted here was asked about. */
  resolution(): EnrolmentResolution | null;
  /** Why a device was not accepted; for one whose issuer failed in turn, the issuer's reason. */
  problemBehind(deviceId: string): EnrolmentProblem | null;
  /** The enrolments of the keys the scan used, and of their issuers up the chain. */
  used(): AcceptedEnrolment[];
}

/** A village's township in this device's ledger; undefined when the ledger has no such village. */
type LedgerTownshipOf = (villageId: string) => string | null | undefined;

function ledgerTownshipReader(sqlite: Sqlite): LedgerTownshipOf {
  const township = sqlite.prepare('SELECT township FROM villages WHERE id = ?').pluck();
  return (villageId) => township.get(villageId) as string | null | undefined;
}

function createEnrolmentGate(sqlite: Sqlite, source: ByteSource, self: Pick<ImportOptions, 'selfId' | 'selfPublicKey'>, ledgerTownshipOf: LedgerTownshipOf): EnrolmentGate {
  const keysUsed = new Set<string>();
  let resolution: EnrolmentResolution | null = null;
  const resolve = (): EnrolmentResolution => {
    if (!resolution) {
      const header = headerOf(source);
      resolution = header
        ? resolveEnrolments(header, {
            selfId: self.selfId,
            selfPublicKey: self.selfPublicKey,
            trusted: (id) => trustedDevice(sqlite, id),
            ledgerTownshipOf,
            revoked: (id) => revocationsOf(sqlite, id).length > 0,
          })
        : { accepted: new Map(), problems: new Map() };
    }
    return resolution;
  };
  return {
    keyOf(deviceId) {
      const accepted = resolve().accepted.get(deviceId);
      if (!accepted) return null;
      keysUsed.add(deviceId);
      return accepted.device.publicKey;
    },
    scopeOf: (deviceId) => resolve().accepted.get(deviceId)?.scope ?? null,
    resolution: () => resolution,
    problemBehind(deviceId) {
      const { problems } = resolve();
      let problem = problems.get(deviceId) ?? null;
      // Up the chain (bounded: a cycle of vouchers repeats, and stops at the length of the list).
      for (let step = 0; problem?.kind === 'ISSUER_UNKNOWN' && problem.issuer && step < problems.size; step++) {
        const behind = problems.get(problem.issuer);
        if (!behind) break;
        problem = behind;
      }
      return problem;
    },
    used: () => (resolution ? enrolmentsUsed(resolution, keysUsed) : []),
  };
}

/** What the judging needs to know of the whole file and of the database before the import. */
interface FileFacts {
  readonly visit: SegmentVisitor;
  /**
   * Whether pass 1 must decode the file to gather facts: only when one of its origins may write
   * by township (a coordinator), whose scope check needs the townships the file claims.
   * Otherwise each segment is decoded once, in pass 2.
   */
  needed(origins: ReadonlySet<string>): boolean;
  scopeFor(origin: string): DeviceScope | null;
  /** The township of a village: the ledger's before this import, else the file's latest claim. */
  townshipOf(villageId: string): string | null;
}

function createFileFacts(sqlite: Sqlite, selfId: string, enrolled: Pick<EnrolmentGate, 'scopeOf'>, ledgerTownshipOf: LedgerTownshipOf): FileFacts {
  const segmentStored = sqlite.prepare('SELECT 1 FROM segments WHERE hash = ?').pluck();
  // Only villages a scoped device writes outside its enrolled list: a handful, not the file.
  const ledgerTownship = new Map<string, string | null | undefined>();
  const fileTownship = new Map<string, { id: string; township: unknown }>();
  const scopes = new Map<string, DeviceScope | null>();
  const notTrustedHere = new Set<string>();
  const scopeFor = (origin: string): DeviceScope | null => {
    if (!scopes.has(origin)) {
      // Only this device writes unlimited; one trusted neither here nor by enrolment, nothing.
      const trusted = origin === selfId ? null : trustedDevice(sqlite, origin);
      if (origin !== selfId && !trusted) notTrustedHere.add(origin);
      const scope = origin === selfId ? null : trusted ? scopeOf(trusted) : (enrolled.scopeOf(origin) ?? { villageIds: new Set<string>(), townships: new Set<string>() });
      scopes.set(origin, scope);
    }
    return scopes.get(origin)!;
  };
  return {
    scopeFor,
    // A device trusted by enrolment may hold villages the ledger does not know: the file's claims judge them.
    needed: (origins) => [...origins].some((origin) => (scopeFor(origin)?.townships.size ?? 0) > 0 || notTrustedHere.has(origin)),
    visit(segment, _body, changes) {
      // A segment stored already was decided when it first came: it is not judged again.
      if (segmentStored.get(segment.hash) !== undefined) return;
      for (const c of changes) {
        if (c.tbl === 'villages' && c.col === 'township') {
          const before = fileTownship.get(c.row_id);
          if (!before || c.id > before.id) fileTownship.set(c.row_id, { id: c.id, township: safeParse(c.value) });
        }
        const scope = scopeFor(c.origin);
        if (scope && !scope.villageIds.has(c.village_id) && !ledgerTownship.has(c.village_id)) {
          ledgerTownship.set(c.village_id, ledgerTownshipOf(c.village_id));
        }
      }
    },
    townshipOf(villageId) {
      const known = ledgerTownship.get(villageId);
      if (known !== undefined) return known;
      const claimed = fileTownship.get(villageId)?.township;
      return typeof claimed === 'string' ? claimed : null;
    },
  };
}

/**
 * Pass 2, in ONE transaction, a segment at a time: read it again (its hash checked once more),
 * keep it verbatim, judge its changes, merge the accepted ones. Only one segment is in memory.
 */
function applyScanned(sqlite: Sqlite, clock: HlcClock, source: ByteSource, scanned: ScannedBundle, facts: FileFacts, ctx: ApplyContext): ImportReceipt {
  const limit = ctx.now() + FUTURE_LIMIT_MS;
  // HLCs are fixed-width hex: one written later than the limit sorts after this text.
  const latestHlc = formatHlc({ wall: limit, counter: 0xffff });
  const quarantine = sqlite.prepare('INSERT INTO quarantine (at, reason, detail, file_hash, origin, change_id) VALUES (?, ?, ?, ?, ?, ?)');
  const exclude = sqlite.prepare('INSERT OR IGNORE INTO segment_exclusions (segment, change_id) VALUES (?, ?)');
  const log = createChangeLog(sqlite);

  const at = new Date(ctx.now()).toISOString();

  return sqlite.transaction((): ImportReceipt => {
    // Trusted on the enrolments the scan relied on, kept verbatim to be relayed on.
    for (const e of ctx.enrol) recordEnrolled(sqlite, e.device, e.enrolment, at);
    ctx.guard.record(at);
    const held = sqlite.prepare('SELECT 1 FROM segments WHERE hash = ?').pluck();
    const copiedSelf = scanned.segments.filter((s) => s.origin === ctx.selfId && held.get(s.hash) === undefined);
    if (copiedSelf.length > 0 && ctx.keys) sealAll(sqlite, ctx.keys);
    const placer = createForkPlacer(sqlite);
    const collisions = createCollisionGuard(sqlite);
    const forks: ForkNotice[] = [];
    const recordFork = sqlite.prepare('INSERT OR IGNORE INTO forks (branch, origin, seq, at, file_name, self) VALUES (?, ?, ?, ?, ?, ?)');
    let rebuild = false;
    const conflicts = createConflictTally(sqlite);
    const merger = createBulkMerger(sqlite, conflicts.observer);
    const tally = createRecordTally(sqlite);
    // A row's village, as accepted within the segment being judged; earlier segments are merged
    // by then, so the log answers for them.
    const villageOfRow = new Map<string, string>();
    const setAside: Partial<Record<SetAsideReason, number>> = {};
    let segmentsNew = 0;
    let segmentsKnown = 0;
    let changesNew = 0;
    let changesKnown = 0;
    let greatest = '';
    const keptTownships = new Set(ctx.townships ?? []);
    const answersMove = createMoveAnswerCheck(sqlite);

    // The change accepted last, when its village and scope checks passed on their own (not as the
    // answer to a move): the next change of the same record, village and device passes them too
    // (nothing they read has changed), and a segment keeps a record's changes together.
    let settled: Change | null = null;
    function judge(change: Change): [SetAsideReason, string] | null {
      // The value first: a change held for its clock or scope may be merged later without it.
      const bad = valueProblem(change);
      if (bad) return bad;
      if (change.hlc > latestHlc) {
        return ['FUTURE_CLOCK', `written at ${new Date(parseHlc(change.hlc).wall).toISOString()}, more than 24 hours ahead of this computer's clock`];
      }
      const same = settled !== null && change.row_id === settled.row_id && change.tbl === settled.tbl && change.village_id === settled.village_id && change.origin === settled.origin;
      let rowKey = '';
      let ownScope = same;
      if (!same) {
        settled = null;
        rowKey = `${change.tbl}\u0000${change.row_id}`;
        const village = villageOfRow.get(rowKey) ?? merger.loggedVillageOf(change.tbl, change.row_id);
        if (change.tbl === 'villages' && change.village_id !== change.row_id) return ['VILLAGE_MISMATCH', 'a village row must be its own village'];
        if (village !== undefined && village !== change.village_id) return ['VILLAGE_MISMATCH', `the row belongs to village ${village}, not ${change.village_id}`];
        const scope = facts.scopeFor(change.origin);
        if (scope && !inScope(scope, change.village_id, facts.townshipOf)) {
          if (!answersMove(change, scope.townships)) return ['OUT_OF_SCOPE', `device ${change.origin} is not enrolled for village ${change.village_id}`];
        } else ownScope = true;
      }
      // Judged against the ledger as merged so far: a village created earlier in the file moves nowhere.
      if (change.origin !== ctx.selfId && movesVillage(sqlite, change, keptTownships)) {
        return ['VILLAGE_MOVE', `device ${change.origin} moved village ${change.row_id} to another township; a person here confirms it`];
      }
      if (!same) villageOfRow.set(rowKey, change.village_id);
      settled = ownScope ? change : null;
      return null;
    }

    const names = createClockWriter(sqlite);
    // Records new here, one device's chain of changes each, are merged whole (db/sync/recordImport.ts);
    // the rest change by change. A segment whose ids hold rows of the log (this device's unsealed
    // writes, or a merge without segments) takes the change-by-change path whole.
    const splitOf = (columns: SegmentColumns, origin: string) => {
      if (!canSplit(columns) || merger.hasRowsBetween(idAt(columns, 0), idAt(columns, columns.count - 1))) return null;
      const scope = facts.scopeFor(origin);
      return splitSegment(columns, {
        latestWall: limit,
        isNew: (tbl, rowId) => !merger.isLogged(tbl, rowId),
        inScope: (village) => !scope || inScope(scope, village, facts.townshipOf),
      });
    };

    const setAsideOne = (reason: SetAsideReason, message: string, segment: string | null, change: Change, logged = false) => {
      setAside[reason] = (setAside[reason] ?? 0) + 1;
      quarantine.run(at, reason, JSON.stringify({ message, segment, change: heldForm(change, reason) }), scanned.fileHash, change.origin, change.id);
      // Its stored segment holds a change the log does not (db/sync/changeLog.ts reads the log from the segments).
      if (segment !== null && !logged) exclude.run(segment, change.id);
    };

    for (const scannedSegment of scanned.segments) {
      // Signed by a revoked device after its revocation: neither kept nor merged (REVOKED_DEVICE).
      if (ctx.guard.refuses(scannedSegment)) continue;
      const segment = rereadSegment(source, scannedSegment);
      settled = null;
      // A known segment was decided when it first came.
      if (held.get(segment.hash) !== undefined) {
        segmentsKnown++;
        changesKnown += segment.count;
        continue;
      }
      const place = placer.place(segment);
      storeSegment(sqlite, segment, place.branch);
      if (place.opened) {
        recordFork.run(place.branch, segment.origin, segment.seq, at, ctx.file, segment.origin === ctx.selfId ? 1 : 0);
        if (segment.origin !== ctx.selfId) forks.push({ deviceId: segment.origin, seq: segment.seq, self: false });
      }
      segmentsNew++;
      // Two copies of one device can write one change id: judged whenever the origin has forked.
      const guarded = segment.origin === ctx.selfId || placer.hasForks(segment.origin);
      const columns = columnsOf(segment);
      names.internSegment(segment.hash, segment.origin, columns.tables, columns.columns);
      const split = guarded || ctx.recordPath === false ? null : splitOf(columns, segment.origin);
      const accepted: Change[] = [];
      for (const change of split ? split.rest : changesOfColumns(columns)) {
        const reason = judge(change);
        if (reason) {
          // The log may hold it already, as it is (this device's own write, sealed again by a copy of
          // it): then its segment gives what the log has, and nothing of it is excluded.
          setAsideOne(reason[0], reason[1], segment.hash, change, log.holds(change, segment.hash));
          continue;
        }
        const verdict = guarded ? collisions.judge(change, segment.hash) : ({ kind: 'merge' } as const);
        if (verdict.kind === 'merge') accepted.push(change);
        else if (verdict.kind === 'aside') setAsideOne('DUPLICATE_ID', duplicateMessage(change), segment.hash, change);
        else {
          const { segment: storedIn, ...stored } = verdict.stored;
          setAsideOne('DUPLICATE_ID', duplicateMessage(stored), storedIn, stored);
          collisions.loseId(stored);
          collisions.replace(change, segment.hash);
          merger.forgetProbes(); // the log has changed under the merger's probes
          changesNew++;
          rebuild = true;
        }
      }
      tally.noteBatch(accepted);
      if (split) tally.noteWhole(segment.origin, split.whole);
      const result = merger.mergeBatch(accepted, segment.hash);
      villageOfRow.clear();
      changesNew += result.added;
      changesKnown += result.known;
      if (result.greatest > greatest) greatest = result.greatest;
      if (split?.whole.length) {
        const whole = merger.mergeWhole(columns, split.whole, segment.hash);
        changesNew += whole.added;
        if (whole.greatest > greatest) greatest = whole.greatest;
      }
    }
    if (greatest) clock.receive(greatest);
    // A change that took its id from one merged before: the ledgers are replayed from the log (rare).
    if (rebuild) rebuildLedgers(sqlite);
    if (copiedSelf.length > 0) {
      forks.unshift({ deviceId: ctx.selfId, seq: Math.min(...copiedSelf.map((s) => s.seq)), self: true });
      sqlite.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(SUCCESSOR_NEEDED, at);
    }

    const records = tally.counts();
    const receipt: ImportReceipt = {
      ...ctx.base,
      status: 'imported',
      segmentsNew,
      segmentsKnown,
      changesNew,
      changesKnown,
      conflictsCreated: conflicts.count(),
      setAside,
      refusal: null,
      ...(ctx.enrol.length > 0
        ? { enrolled: ctx.enrol.map((e) => ({ deviceId: e.device.deviceId, name: e.device.name, issuer: e.enrolment.issuer, issuerName: e.issuerName })) }
        : {}),
      ...(forks.length > 0 ? { forks } : {}),
      ...ctx.guard.receipt(),
      ...(records.length > 0 ? { records } : {}),
    };
    sqlite
      .prepare('INSERT INTO imports (file_hash, file_name, producer, at, result) VALUES (?, ?, ?, ?, ?)')
      .run(scanned.fileHash, ctx.file, scanned.header.producer.deviceId, at, JSON.stringify(receipt));
    return receipt;
  })();
}

/**
 * Cells that had at most one head before the file and more than one after. New rows report
 * their conflicts as they are merged; a cell merged change by change is noted (in a temporary
 * table, not in memory) with its head count before the file, and counted at the end.
 */
function createConflictTally(sqlite: Sqlite): { observer: BatchObserver; count(): number } {
  sqlite.exec('CREATE TEMP TABLE IF NOT EXISTS import_cells (tbl TEXT, row_id TEXT, col TEXT, before INTEGER, PRIMARY KEY (tbl, row_id, col)) WITHOUT ROWID');
  sqlite.exec('DELETE FROM temp.import_cells');
  const noted = sqlite.prepare('SELECT 1 FROM temp.import_cells WHERE tbl = ? AND row_id = ? AND col = ?').pluck();
  const note = sqlite.prepare('INSERT OR IGNORE INTO temp.import_cells (tbl, row_id, col, before) VALUES (?, ?, ?, ?)');
  const headCount = sqlite.prepare('SELECT count(*) FROM cell_heads WHERE tbl = ? AND row_id = ? AND col = ?').pluck();
  return {
    observer: {
      beforeCellByChange(tbl, rowId, col) {
        if (noted.get(tbl, rowId, col) !== undefined) return;
        // A cell merged earlier in this file as part of a new row has no head rows or one, unless
        // it is a conflict (then newRowConflict noted it): counted as not in conflict before, as it was not.
        note.run(tbl, rowId, col, headCount.get(tbl, rowId, col) as number);
      },
      newRowConflict(tbl, rowId, col) {
        note.run(tbl, rowId, col, 0);
      },
    },
    count() {
      const counted = sqlite
        .prepare(
          `SELECT count(*) FROM temp.import_cells AS i
            WHERE i.before <= 1 AND (SELECT count(*) FROM cell_heads AS h WHERE h.tbl = i.tbl AND h.row_id = i.row_id AND h.col = i.col) > 1`,
        )
        .pluck()
        .get() as number;
      sqlite.exec('DELETE FROM temp.import_cells');
      return counted;
    },
  };
}

/** Longest value text a set-aside change keeps: the quarantine never holds a hostile value whole. */
const HELD_VALUE_CHARS = 200;

/** A set-aside change as the quarantine keeps it: a refused value cut short, with its length. */
function heldForm(change: Change, reason: SetAsideReason): Change | (Change & { valueLength: number }) {
  if ((reason !== 'BAD_VALUE' && reason !== 'VALUE_INVALID') || change.value.length <= HELD_VALUE_CHARS) return change;
  return { ...change, value: `${change.value.slice(0, HELD_VALUE_CHARS)}…`, valueLength: change.value.length };
}

interface OfferedDevices {
  /** Who made the file, as its (validated, not yet trusted) header says. */
  readonly producer: string | null;
  readonly devices: OfferedDevice[];
}

/** The header of a file whose scan has validated it (it asks about trust only after that), or null. */
function headerOf(source: ByteSource): BundleHeader | null {
  try {
    const length = source.read(8, 4).readUInt32BE(0);
    return JSON.parse(source.read(12, length).toString('utf8')) as BundleHeader;
  } catch {
    return null;
  }
}

/** The devices of a refused file that this one does not trust, as the file describes them. */
function offeredDevices(source: ByteSource, keyOf: (id: string) => string | null, enrolments: EnrolmentResolution | null): OfferedDevices {
  const header = headerOf(source);
  if (!header) return { producer: null, devices: [] };
  const cards = new Map<string, BundleDeviceCard>();
  for (const card of header.devices ?? []) if (!cards.has(card.deviceId)) cards.set(card.deviceId, card);
  const keyIds = new Map<string, string>([[header.producer.deviceId, header.producer.keyId]]);
  for (const s of header.segments) if (!keyIds.has(s.origin)) keyIds.set(s.origin, s.keyId);
  // Trusting the voucher brings the device along: say who it is (as its own card names it).
  const vouchedBy = (deviceId: string): Pick<OfferedDevice, 'vouchedBy'> => {
    const issuer = enrolments?.problems.get(deviceId)?.kind === 'ISSUER_UNKNOWN' ? cards.get(deviceId)?.enrolment?.issuer : undefined;
    return issuer ? { vouchedBy: { deviceId: issuer, name: cards.get(issuer)?.name ?? null } } : {};
  };
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
      townships: card?.townships ? [...card.townships] : card?.township ? [card.township] : [],
      villages: (card?.villages ?? []).map((v) => ({ id: v.id, name: v.name })),
      ...vouchedBy(deviceId),
    });
  }
  return { producer: header.producer.deviceId, devices: out };
}
