// Input set aside at import waits in `quarantine` until what kept it out has changed: the
// person trusted its device for more villages (OUT_OF_SCOPE), or this computer's clock caught
// up with it (FUTURE_CLOCK). Re-judging merges what now passes exactly as an import would have,
// so a device that trusted late ends byte-identical to one that trusted from the start.
// BAD_VALUE, VALUE_INVALID and VILLAGE_MISMATCH never pass: they stay, with their reasons, for a person to see.
//
// A release runs after every import batch, and the quarantine can hold many thousands of
// changes, so it re-reads only the held changes whose verdict can have changed since the last
// release on the same connection: changes set aside since then; out-of-scope changes of a
// device whose trust row changed, or whose township scope covers a village whose township
// changed; changes from the future that the clock has now caught up with. Everything else is
// still judged as it was, because a verdict reads nothing else (see `verdict`): a change that
// was out of scope stays so while its device's scope and its village's township stay, and one
// from the future stays so until the clock reaches it. The first release on a connection, or
// one after the clock went back, judges everything (what was remembered may no longer hold).
// Held rows leave the quarantine, or change reason, only here; imports only add rows, with
// ever greater ids (AUTOINCREMENT).
import type { Sqlite } from '../open';
import type { Change } from './apply';
import { HLC_HEX_LENGTH, parseHlc, type HlcClock } from './hlc';
import { mergeChanges } from './merge';
import { createProjectedRows } from './projectedRows';
import { createReleaseForkRule } from './forks';
import { FUTURE_LIMIT_MS } from './importBundle';
import { createMoveAnswerCheck } from './villageMoves';
import { inScope, listTrusted, scopeOf, trustedDevice, type TrustedDevice } from './trust';

export interface QuarantineOptions {
  readonly selfId: string;
  readonly now: () => number;
}

export interface ReleaseResult {
  /** Changes that now pass and were merged (including ones the log already had). */
  readonly released: number;
  /** Changes still set aside. */
  readonly held: number;
}

interface Held {
  readonly id: number;
  readonly reason: string;
  readonly segment: string | null;
  readonly change: Change;
}

/** A held change naming a village's township (read when the ledger does not know the village yet). */
interface Claim {
  readonly villageId: string;
  readonly changeId: string;
  readonly township: unknown;
}

/** What the held changes were last judged against, on one connection. */
interface Judgement {
  /** The greatest quarantine id then: greater ones were set aside since. */
  readonly lastId: number;
  readonly limit: number;
  /** Each trusted device's row, as text: any change to it counts as a change of trust. */
  readonly trust: ReadonlyMap<string, string>;
  /** Each village's township as judging read it. */
  readonly townships: ReadonlyMap<string, string | null>;
  /** The held township claims, by quarantine id. */
  readonly claims: ReadonlyMap<number, Claim>;
  /** No held FUTURE_CLOCK change was written earlier than this (ms). */
  readonly earliestFuture: number;
  /** Changes held for scope or clock afterwards. */
  readonly held: number;
}

const RECHECKED = ['OUT_OF_SCOPE', 'FUTURE_CLOCK'];
const RECHECKED_SQL = RECHECKED.map((reason) => `'${reason}'`).join(', ');

const lastJudgement = new WeakMap<Sqlite, Judgement>();

const wallOf = (changeId: string) => parseHlc(changeId.slice(0, HLC_HEX_LENGTH)).wall;

/** Re-judges the changes set aside for scope or clock, and merges those that now pass, in one transaction. */
export function releaseQuarantine(sqlite: Sqlite, clock: HlcClock, options: QuarantineOptions): ReleaseResult {
  const limit = options.now() + FUTURE_LIMIT_MS;
  // Inside a caller's transaction, a rollback after this returns would undo what is remembered.
  const remembered = sqlite.inTransaction ? undefined : lastJudgement.get(sqlite);
  const before = remembered && remembered.limit <= limit ? remembered : undefined;
  lastJudgement.delete(sqlite);
  const { result, judgement } = sqlite.transaction(() => releaseHeld(sqlite, clock, options.selfId, limit, before, new Date(options.now()).toISOString()))();
  if (!sqlite.inTransaction) lastJudgement.set(sqlite, judgement);
  return result;
}

function releaseHeld(sqlite: Sqlite, clock: HlcClock, selfId: string, limit: number, before: Judgement | undefined, at: string): { result: ReleaseResult; judgement: Judgement } {
  const lastId = (sqlite.prepare('SELECT max(id) FROM quarantine').pluck().get() as number | null) ?? 0;
  const trust = new Map(
    (sqlite.prepare('SELECT * FROM trusted_devices').all() as { device_id: string }[]).map((row) => [row.device_id, JSON.stringify(row)]),
  );
  const newer = readHeld(sqlite, `id > ? AND reason IN (${RECHECKED_SQL})`, before?.lastId ?? 0);

  const claims = new Map(before?.claims);
  for (const item of newer) {
    const { change } = item;
    if (change.tbl === 'villages' && change.col === 'township') claims.set(item.id, { villageId: change.row_id, changeId: change.id, township: JSON.parse(change.value) as unknown });
  }
  const townships = townshipsOf(sqlite, claims.values());
  const townshipOf = (villageId: string) => townships.get(villageId) ?? null;

  let examined = newer;
  let earliestFuture = Infinity;
  if (before) {
    const rechecked = [...originsToRecheck(sqlite, before, trust, townships)];
    const dueFuture = before.earliestFuture <= limit ? futureOnesDue(sqlite, before.lastId, limit) : { ids: [], earliestLeft: before.earliestFuture };
    earliestFuture = dueFuture.earliestLeft;
    examined = [
      ...(rechecked.length ? readHeld(sqlite, "reason = 'OUT_OF_SCOPE' AND id <= ? AND origin IN (SELECT value FROM json_each(?))", before.lastId, JSON.stringify(rechecked)) : []),
      ...(dueFuture.ids.length ? readHeld(sqlite, "reason = 'FUTURE_CLOCK' AND id IN (SELECT value FROM json_each(?))", JSON.stringify(dueFuture.ids)) : []),
      ...newer,
    ].sort((a, b) => a.id - b.id);
  }

  // The village of a record in the log: its projected row's (every record the log has is projected).
  const projected = createProjectedRows(sqlite);
  const devices = new Map<string, TrustedDevice | null>();
  const deviceOf = (origin: string) => {
    if (!devices.has(origin)) devices.set(origin, trustedDevice(sqlite, origin));
    return devices.get(origin)!;
  };
  // Reads the clock, the device's scope and the township of the change's village; the village
  // the ledger gives its row only once those pass (the judgement above relies on this).
  const answersMove = createMoveAnswerCheck(sqlite);
  const verdict = (change: Change): HeldReason | null => {
    if (parseHlc(change.hlc.slice(0, HLC_HEX_LENGTH)).wall > limit) return 'FUTURE_CLOCK';
    if (change.origin !== selfId) {
      const device = deviceOf(change.origin);
      const scope = device ? scopeOf(device) : null;
      if (!scope || (!inScope(scope, change.village_id, townshipOf) && !answersMove(change, scope.townships))) return 'OUT_OF_SCOPE';
    }
    const village = projected(change.tbl, change.row_id)?.villageId;
    if (village !== undefined && village !== change.village_id) return 'VILLAGE_MISMATCH';
    return null;
  };

  const release = sqlite.prepare('DELETE FROM quarantine WHERE id = ?');
  const rejudge = sqlite.prepare('UPDATE quarantine SET reason = ? WHERE id = ?');
  const bySegment = new Map<string | null, Change[]>();
  // A change of a device that wrote two histories meets the fork rule as at import: it may find
  // its id taken by the other copy's change (then it stays held, as DUPLICATE_ID), or take it.
  const forkRule = createReleaseForkRule(sqlite, selfId, at);
  let released = 0;
  let leftRechecked = 0;
  for (const item of examined) {
    const judged = verdict(item.change) ?? forkRule.judge(item);
    if (judged === 'REPLACED') {
      // In the log already (the fork rule gave it its id): out of the quarantine, not merged again.
      claims.delete(item.id);
      release.run(item.id);
      released++;
      continue;
    }
    const reason = judged;
    if (reason === 'FUTURE_CLOCK') earliestFuture = Math.min(earliestFuture, wallOf(item.change.id));
    if (reason === null || reason === 'VILLAGE_MISMATCH') claims.delete(item.id);
    if (reason === null) {
      const list = bySegment.get(item.segment) ?? [];
      list.push(item.change);
      bySegment.set(item.segment, list);
      release.run(item.id);
      released++;
    } else if (reason !== item.reason) {
      rejudge.run(reason, item.id);
      if (reason === 'VILLAGE_MISMATCH') leftRechecked++;
    }
  }
  for (const [segment, changes] of bySegment) mergeChanges(sqlite, clock, changes, segment);
  forkRule.finish();

  const heldBefore = (before?.held ?? 0) + newer.length;
  return {
    result: { released, held: heldBefore - released },
    judgement: { lastId, limit, trust, townships, claims, earliestFuture, held: heldBefore - released - leftRechecked },
  };
}

type HeldReason = 'OUT_OF_SCOPE' | 'FUTURE_CLOCK' | 'VILLAGE_MISMATCH' | 'DUPLICATE_ID';

function readHeld(sqlite: Sqlite, where: string, ...params: unknown[]): Held[] {
  const rows = sqlite.prepare(`SELECT id, reason, detail FROM quarantine WHERE ${where} ORDER BY id`).all(...params) as { id: number; reason: string; detail: string }[];
  return rows.map((row) => {
    const detail = JSON.parse(row.detail) as { segment?: string; change: Change };
    return { id: row.id, reason: row.reason, segment: detail.segment ?? null, change: detail.change };
  });
}

/**
 * Every village's township as judging reads it: the ledger's (even NULL) when the ledger has
 * the village, else the greatest held change's that names it, when that is text.
 */
function townshipsOf(sqlite: Sqlite, claims: Iterable<Claim>): Map<string, string | null> {
  const greatest = new Map<string, Claim>();
  for (const claim of claims) {
    const known = greatest.get(claim.villageId);
    if (!known || claim.changeId > known.changeId) greatest.set(claim.villageId, claim);
  }
  const townships = new Map<string, string | null>();
  for (const [villageId, claim] of greatest) townships.set(villageId, typeof claim.township === 'string' ? claim.township : null);
  for (const [id, township] of sqlite.prepare('SELECT id, township FROM villages').raw().all() as [string, string | null][]) townships.set(id, township);
  return townships;
}

/**
 * Devices whose out-of-scope changes may pass now: those whose trust row changed, and those
 * trusted for a township that a village left or joined.
 */
function originsToRecheck(sqlite: Sqlite, before: Judgement, trust: ReadonlyMap<string, string>, townships: ReadonlyMap<string, string | null>): Set<string> {
  const origins = new Set<string>();
  for (const id of new Set([...before.trust.keys(), ...trust.keys()])) if (before.trust.get(id) !== trust.get(id)) origins.add(id);
  const moved = new Set<string>();
  for (const id of new Set([...before.townships.keys(), ...townships.keys()])) {
    const [was, is] = [before.townships.get(id) ?? null, townships.get(id) ?? null];
    if (was === is) continue;
    if (was !== null) moved.add(was);
    if (is !== null) moved.add(is);
  }
  if (moved.size) {
    for (const device of listTrusted(sqlite)) if ([...scopeOf(device).townships].some((township) => moved.has(township))) origins.add(device.deviceId);
  }
  return origins;
}

/** Held FUTURE_CLOCK changes (up to `lastId`) the clock has reached, and the earliest one it has not. */
function futureOnesDue(sqlite: Sqlite, lastId: number, limit: number): { ids: number[]; earliestLeft: number } {
  const ids: number[] = [];
  let earliestLeft = Infinity;
  for (const [id, changeId] of sqlite.prepare("SELECT id, change_id FROM quarantine WHERE reason = 'FUTURE_CLOCK' AND id <= ?").raw().iterate(lastId) as Iterable<[number, string]>) {
    const wall = wallOf(changeId);
    if (wall <= limit) ids.push(id);
    else earliestLeft = Math.min(earliestLeft, wall);
  }
  return { ids, earliestLeft };
}
