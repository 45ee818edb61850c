// A village's change of township, received from another device by one that keeps whole
// townships, moves the village out of one scope and into another: it is held in `quarantine`
// as VILLAGE_MOVE (never re-judged by releaseQuarantine) until a person on this device confirms
// it, which merges it, or keeps the village where it was (electron/services/villageMoves.ts).
import type { Sqlite } from '../open';
import { createChangeApplier, type Change } from './apply';
import { createChangeLog, createSegmentCache } from './changeLog';
import { HLC_HEX_LENGTH, parseHlc, type HlcClock } from './hlc';
import { createReleaseForkRule } from './forks';
import { mergeChanges } from './merge';

export interface HeldVillageMove {
  readonly id: number;
  readonly villageId: string;
  readonly villageName: string | null;
  /** The township the ledger has now. */
  readonly from: string | null;
  /** The township the held change names. */
  readonly to: string | null;
  readonly origin: string;
  /** The mover's device as trusted here (null when only an enrolment vouched for it and it left no name). */
  readonly originName: string | null;
  /** When the change was written (ISO), from its clock. */
  readonly at: string;
}

/**
 * Whether a change would move a village this ledger holds into or out of one of `townships`:
 * only a township cell that names another township than the ledger's.
 */
export function movesVillage(sqlite: Sqlite, change: Pick<Change, 'tbl' | 'col' | 'row_id' | 'value'>, townships: ReadonlySet<string>): boolean {
  if (change.tbl !== 'villages' || change.col !== 'township' || townships.size === 0) return false;
  const row = sqlite.prepare('SELECT township FROM villages WHERE id = ?').get(change.row_id) as { township: string | null } | undefined;
  if (!row) return false; // a village this ledger meets for the first time moves nowhere
  const to = JSON.parse(change.value) as unknown;
  if (to === row.township) return false;
  return (row.township !== null && townships.has(row.township)) || (typeof to === 'string' && townships.has(to));
}

interface HeldRow {
  id: number;
  origin: string;
  detail: string;
}

function heldChange(row: HeldRow): { change: Change; segment: string | null } {
  const detail = JSON.parse(row.detail) as { segment?: string | null; change: Change };
  return { change: detail.change, segment: detail.segment ?? null };
}

/** The moves waiting for a person here, oldest first. */
export function listVillageMoves(sqlite: Sqlite): HeldVillageMove[] {
  const rows = sqlite.prepare("SELECT id, origin, detail FROM quarantine WHERE reason = 'VILLAGE_MOVE' ORDER BY id").all() as HeldRow[];
  const village = sqlite.prepare('SELECT name, township FROM villages WHERE id = ?');
  const device = sqlite.prepare('SELECT name FROM trusted_devices WHERE device_id = ?').pluck();
  return rows.map((row) => {
    const { change } = heldChange(row);
    const known = village.get(change.row_id) as { name: string | null; township: string | null } | undefined;
    const to = JSON.parse(change.value) as unknown;
    return {
      id: row.id,
      villageId: change.row_id,
      villageName: known?.name ?? null,
      from: known?.township ?? null,
      to: typeof to === 'string' ? to : null,
      origin: row.origin,
      originName: (device.get(row.origin) as string | undefined) ?? null,
      at: new Date(parseHlc(change.hlc.slice(0, HLC_HEX_LENGTH)).wall).toISOString(),
    };
  });
}

/** The held move with this id, or null. */
export function heldVillageMove(sqlite: Sqlite, id: number): HeldVillageMove | null {
  return listVillageMoves(sqlite).find((move) => move.id === id) ?? null;
}

/**
 * Merges the held move as an import would have (it then wins or loses its cell like any change)
 * and takes it out of the quarantine. The caller holds the transaction.
 */
export function mergeVillageMove(sqlite: Sqlite, clock: HlcClock, id: number, selfId: string, at: string): void {
  const row = sqlite.prepare("SELECT id, origin, detail FROM quarantine WHERE id = ? AND reason = 'VILLAGE_MOVE'").get(id) as HeldRow | undefined;
  if (!row) return;
  const { change, segment } = heldChange(row);
  // A change of a device that wrote two histories meets the fork rule first, as at import.
  const forkRule = createReleaseForkRule(sqlite, selfId, at);
  const judged = forkRule.judge({ id, change, segment });
  if (judged === 'DUPLICATE_ID') {
    sqlite.prepare("UPDATE quarantine SET reason = 'DUPLICATE_ID' WHERE id = ?").run(id);
    return;
  }
  if (judged === null) mergeChanges(sqlite, clock, [change], segment);
  sqlite.prepare('DELETE FROM quarantine WHERE id = ?').run(id);
  forkRule.finish();
}

/**
 * Whether a change is a township device's answer to a move out of its township: it writes one of
 * its townships back onto a village the log has had in that township, having seen every head of
 * the cell (the move). Such a change is in its scope though the village's township is now
 * another's: keeping a village is the old township's to say, and it reaches the mover this way.
 */
export function createMoveAnswerCheck(sqlite: Sqlite): (change: Change, townships: ReadonlySet<string>) => boolean {
  let applier: ReturnType<typeof createChangeApplier> | null = null;
  // The village's township history, from its segments and rows: a cache for this check's life
  // (segments are immutable by hash; what the log leaves out of one is read on every call).
  const log = createChangeLog(sqlite, createSegmentCache(4));
  const wasIn = (villageId: string, value: string) => log.ofCell('villages', villageId, 'township').some((logged) => logged.value === value);
  return (change, townships) => {
    if (change.tbl !== 'villages' || change.col !== 'township' || townships.size === 0) return false;
    const to = JSON.parse(change.value) as unknown;
    if (typeof to !== 'string' || !townships.has(to) || !wasIn(change.row_id, change.value)) return false;
    applier ??= createChangeApplier(sqlite);
    const heads = applier.headsOfCell('villages', change.row_id, 'township');
    return heads.length > 0 && heads.every((head) => change.seen.includes(head));
  };
}

export interface VillageMovedAway {
  readonly villageId: string;
  readonly villageName: string | null;
  /** The township of `townships` the log last had it in. */
  readonly from: string;
  /** Its township now. */
  readonly to: string | null;
}

/**
 * Live villages the log has had in one of `townships` that now name another township (a move
 * confirmed here, or made here): no longer in this device's lists, still in its database, and
 * said so on the villages screen so nothing seems silently lost.
 */
export function villagesMovedAway(sqlite: Sqlite, townships: readonly string[]): VillageMovedAway[] {
  if (townships.length === 0) return [];
  // Only a village outside them now can have moved away; villages are few, each one's township
  // history is read from the change log.
  const elsewhere = sqlite
    .prepare(
      `SELECT v.id AS villageId, v.name AS villageName, v.township AS "to" FROM villages AS v
        WHERE v.deleted_at IS NULL AND (v.township IS NULL OR v.township NOT IN (SELECT value FROM json_each(?)))
        ORDER BY v.name, v.id`,
    )
    .all(JSON.stringify(townships)) as Omit<VillageMovedAway, 'from'>[];
  const kept = new Set(townships.map((t) => JSON.stringify(t)));
  const log = createChangeLog(sqlite, createSegmentCache(4));
  return elsewhere.flatMap((village) => {
    const last = log
      .ofCell('villages', village.villageId, 'township')
      .filter((logged) => kept.has(logged.value))
      .at(-1);
    return last ? [{ ...village, from: JSON.parse(last.value) as string }] : [];
  });
}
