// Forks (docs/sync-forks.md): a device restored from a backup or copied writes a second genuine
// history under its id. Each incoming segment is placed against the stored main history of its
// origin — on it, or on a fork branch — and its changes merge like any others. Two different
// changes with one id (the same HLC on both copies) are ordered by their content's hash, the same
// way on every replica: the smaller one is merged, the other set aside as DUPLICATE_ID.
import { createHash } from 'node:crypto';
import type { Sqlite } from '../open';
import type { Change } from './apply';
import { createChangeLog } from './changeLog';
import { createClockWriter } from './clocks';
import { rebuildLedgers } from './rebuild';
import type { SegmentHeader } from './segments/seal';

/** A device that wrote two histories, as an import receipt names it. */
export interface ForkNotice {
  readonly deviceId: string;
  /** Where its histories part (for this device itself: the first of its segments it did not hold). */
  readonly seq: number;
  /** The device is this one: it was restored from a backup or copied, and continues under a new id at its next start. */
  readonly self: boolean;
}

export interface ForkPlacement {
  /** Null on the main history; else the branch. */
  readonly branch: string | null;
  /** The segment opened a new branch. */
  readonly opened: boolean;
}

/** Where new segments go, judged against what is stored (segments of the same import included). */
export function createForkPlacer(sqlite: Sqlite): {
  place(segment: SegmentHeader & { readonly hash: string }): ForkPlacement;
  hasForks(origin: string): boolean;
} {
  const mainAt = sqlite.prepare('SELECT hash, prev_hash FROM segments WHERE origin = ? AND seq = ? AND branch IS NULL');
  const byHash = sqlite.prepare('SELECT origin, seq, branch FROM segments WHERE hash = ?');
  const branchHolds = sqlite.prepare('SELECT 1 FROM segments WHERE branch = ? AND seq = ?').pluck();
  const anyFork = sqlite.prepare('SELECT 1 FROM segments WHERE origin = ? AND branch IS NOT NULL LIMIT 1').pluck();
  type Main = { hash: string; prev_hash: string | null } | undefined;
  return {
    place(s) {
      const here = mainAt.get(s.origin, s.seq) as Main;
      const before = s.seq > 1 ? (mainAt.get(s.origin, s.seq - 1) as Main) : undefined;
      const after = mainAt.get(s.origin, s.seq + 1) as Main;
      const links = s.seq === 1 || s.prevHash !== null;
      if (!here && links && (!before || before.hash === s.prevHash) && (!after || after.prev_hash === s.hash)) return { branch: null, opened: false };
      if (s.prevHash !== null) {
        const previous = byHash.get(s.prevHash) as { origin: string; seq: number; branch: string | null } | undefined;
        if (previous?.branch && previous.origin === s.origin && previous.seq === s.seq - 1 && branchHolds.get(previous.branch, s.seq) === undefined) {
          return { branch: previous.branch, opened: false };
        }
      }
      return { branch: s.hash, opened: true };
    },
    hasForks: (origin) => anyFork.get(origin) !== undefined,
  };
}

/** What decides between two different changes with one id: SHA-256 of everything but the id. */
export function changeContentHash(c: Pick<Change, 'tbl' | 'row_id' | 'village_id' | 'col' | 'value' | 'seen'>): string {
  return createHash('sha256').update(JSON.stringify([c.tbl, c.row_id, c.village_id, c.col, c.value, [...c.seen]])).digest('hex');
}

export type CollisionVerdict =
  /** No change with its id is stored, or the same change is: merge as usual. */
  | { readonly kind: 'merge' }
  /** Another change holds the id and keeps it: this one is set aside. */
  | { readonly kind: 'aside' }
  /** This one takes the id: the stored one (returned) is set aside and the log row replaced. */
  | { readonly kind: 'replace'; readonly stored: Change & { readonly segment: string | null } };

/** Why a change was set aside as DUPLICATE_ID: its device wrote another change with its id. */
export function duplicateMessage(change: Pick<Change, 'origin' | 'id'>): string {
  return `device ${change.origin} wrote two different changes with the same id ${change.id} (two copies of it wrote at the same moment); the other one was kept`;
}

/** Judges a change against a stored one with the same id; `replace` swaps the log row. */
export function createCollisionGuard(sqlite: Sqlite): {
  /** `segment`: the stored segment the change comes in, left out of the look-up. */
  judge(change: Change, segment: string): CollisionVerdict;
  replace(change: Change, segment: string): void;
  /**
   * The stored change lost its id (`replace` gave it to another): every stored segment holding it
   * leaves it out, since a copy of its device may have sealed it a second time.
   */
  loseId(stored: Change): void;
} {
  const log = createChangeLog(sqlite);
  // A doubled id held by a row (a change merged with no stored segment) is swapped in place; one
  // held by a stored segment is left out of it (the import's set-aside wrote its exclusion).
  const swap = sqlite.prepare('UPDATE changes SET tbl = ?, row_id = ?, village_id = ?, col = ?, value = ?, seen = ?, segment = ? WHERE id = ?');
  const clocks = createClockWriter(sqlite);
  const exclude = sqlite.prepare('INSERT OR IGNORE INTO segment_exclusions (segment, change_id) VALUES (?, ?)');
  return {
    judge(change, segment) {
      const held = log.byId(change.id, segment);
      if (!held) return { kind: 'merge' };
      const mine = changeContentHash(change);
      const theirs = changeContentHash(held);
      if (mine === theirs) return { kind: 'merge' };
      // Not sealed yet: this device's own write, still to travel; it keeps its id here, and every
      // other replica applies the rule once it arrives sealed.
      if (held.segment === null || theirs < mine) return { kind: 'aside' };
      return { kind: 'replace', stored: held };
    },
    loseId(stored) {
      for (const hash of log.segmentsHolding(stored)) exclude.run(hash, stored.id);
    },
    replace(change, segment) {
      const before = log.byId(change.id, segment);
      if (before && log.isRow(before)) swap.run(change.tbl, change.row_id, change.village_id, change.col, change.value, JSON.stringify(change.seen), segment, change.id);
      // The id's new holder is read from its segment: its record gains the segment (then refreshed below).
      else clocks.note([change], segment);
      // The clocks of the record the id left and of the one it joined follow.
      clocks.refresh(before ? [before, change] : [change], (tbl, rowId) => log.ofRecord(tbl, rowId));
    },
  };
}

/**
 * The fork rule for changes released from the quarantine (a scope widened, a village move confirmed): a change whose id the log holds with
 * other content is judged by content hash, the same way on every replica. It loses: it stays held
 * as DUPLICATE_ID. It wins: the held change goes into the log, the one it displaces is held as
 * DUPLICATE_ID and left out of every segment holding it, and the ledgers are replayed (rare).
 */
export function createReleaseForkRule(
  sqlite: Sqlite,
  selfId: string,
  at: string,
): { judge(item: { readonly id: number; readonly change: Change; readonly segment: string | null }): 'DUPLICATE_ID' | 'REPLACED' | null; finish(): void } {
  const placer = createForkPlacer(sqlite);
  const collisions = createCollisionGuard(sqlite);
  const hold = sqlite.prepare('INSERT INTO quarantine (at, reason, detail, file_hash, origin, change_id) SELECT ?, ?, ?, file_hash, ?, ? FROM quarantine WHERE id = ?');
  const include = sqlite.prepare('DELETE FROM segment_exclusions WHERE segment = ? AND change_id = ?');
  let replaced = false;
  return {
    judge(item) {
      const { change, segment } = item;
      if (segment === null || (change.origin !== selfId && !placer.hasForks(change.origin))) return null;
      const verdict = collisions.judge(change, segment);
      if (verdict.kind === 'merge') return null;
      if (verdict.kind === 'aside') return 'DUPLICATE_ID';
      const { segment: storedIn, ...stored } = verdict.stored;
      hold.run(at, 'DUPLICATE_ID', JSON.stringify({ message: duplicateMessage(stored), segment: storedIn, change: stored }), stored.origin, stored.id, item.id);
      collisions.loseId(stored);
      collisions.replace(change, segment);
      // It is the log's now, read from its segment; the caller takes it out of the quarantine.
      include.run(segment, change.id);
      replaced = true;
      return 'REPLACED';
    },
    finish() {
      if (replaced) rebuildLedgers(sqlite);
    },
  };
}
