// Input set aside at import waits in `quarantine` until what kept it out has changed: the
// person trusted its device for more villages (OUT_OF_SCOPE), or this computer's clock caught
// up with it (FUTURE_CLOCK). Re-judging merges what now passes exactly as an import would have,
// so a device that trusted late ends byte-identical to one that trusted from the start.
// BAD_VALUE and VILLAGE_MISMATCH never pass: they stay, with their reasons, for a person to see.
import type { Sqlite } from '../open';
import type { Change } from './apply';
import { HLC_HEX_LENGTH, parseHlc, type HlcClock } from './hlc';
import { mergeChanges } from './merge';
import { FUTURE_LIMIT_MS } from './importBundle';
import { inScope, scopeOf, trustedDevice } from './trust';

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

const RECHECKED = ['OUT_OF_SCOPE', 'FUTURE_CLOCK'];

/** Re-judges the changes set aside for scope or clock, and merges those that now pass, in one transaction. */
export function releaseQuarantine(sqlite: Sqlite, clock: HlcClock, options: QuarantineOptions): ReleaseResult {
  const rows = sqlite
    .prepare(`SELECT id, reason, detail FROM quarantine WHERE reason IN (${RECHECKED.map(() => '?').join(', ')}) ORDER BY id`)
    .all(...RECHECKED) as { id: number; reason: string; detail: string }[];
  if (!rows.length) return { released: 0, held: 0 };

  const held: Held[] = rows.map((row) => {
    const detail = JSON.parse(row.detail) as { segment?: string; change: Change };
    return { id: row.id, reason: row.reason, segment: detail.segment ?? null, change: detail.change };
  });
  const limit = options.now() + FUTURE_LIMIT_MS;
  const ledgerVillageOf = sqlite.prepare('SELECT village_id FROM changes WHERE tbl = ? AND row_id = ? LIMIT 1').pluck();
  const ledgerTownshipOf = sqlite.prepare('SELECT township FROM villages WHERE id = ?').pluck();
  // A village that waits here with its rows: its township as the waiting change states it.
  const heldTownship = new Map<string, { id: string; township: unknown }>();
  for (const { change } of held) {
    if (change.tbl !== 'villages' || change.col !== 'township') continue;
    const before = heldTownship.get(change.row_id);
    if (!before || change.id > before.id) heldTownship.set(change.row_id, { id: change.id, township: JSON.parse(change.value) as unknown });
  }
  const townshipOf = (villageId: string): string | null => {
    const known = ledgerTownshipOf.get(villageId) as string | null | undefined;
    if (known !== undefined) return known;
    const claimed = heldTownship.get(villageId)?.township;
    return typeof claimed === 'string' ? claimed : null;
  };

  const verdict = (change: Change): 'OUT_OF_SCOPE' | 'FUTURE_CLOCK' | 'VILLAGE_MISMATCH' | null => {
    if (parseHlc(change.hlc.slice(0, HLC_HEX_LENGTH)).wall > limit) return 'FUTURE_CLOCK';
    if (change.origin !== options.selfId) {
      const device = trustedDevice(sqlite, change.origin);
      if (!device || !inScope(scopeOf(device), change.village_id, townshipOf)) return 'OUT_OF_SCOPE';
    }
    const village = ledgerVillageOf.get(change.tbl, change.row_id) as string | undefined;
    if (village !== undefined && village !== change.village_id) return 'VILLAGE_MISMATCH';
    return null;
  };

  return sqlite.transaction((): ReleaseResult => {
    const release = sqlite.prepare('DELETE FROM quarantine WHERE id = ?');
    const rejudge = sqlite.prepare('UPDATE quarantine SET reason = ? WHERE id = ?');
    const bySegment = new Map<string | null, Change[]>();
    let released = 0;
    for (const item of held) {
      const reason = verdict(item.change);
      if (reason === null) {
        const list = bySegment.get(item.segment) ?? [];
        list.push(item.change);
        bySegment.set(item.segment, list);
        release.run(item.id);
        released++;
      } else if (reason !== item.reason) {
        rejudge.run(reason, item.id);
      }
    }
    for (const [segment, changes] of bySegment) mergeChanges(sqlite, clock, changes, segment);
    return { released, held: held.length - released };
  })();
}
