// What the change log's record reads (db/sync/changeLog.ts `ofRecord`, `ofCell`) promise, checked
// against the whole log (`all()`, which reads every stored segment directly). A record's reads find
// its segments only through its index (its clock's segment and `record_segments`), and that index
// names, for each change the log takes, one segment holding it (the one it came in, or the one a
// seal or a fork's refresh gave the record), not every segment holding a copy of it: a change sealed twice (a device and a copy restored from its backup each seal the
// same unsealed write) or relayed again sits in two stored segments, the index naming one. So a
// record read may read a change from another segment than `all()` does; it must read it as-is.
import { expect } from 'vitest';
import type { Sqlite } from '../../../db/open';
import type { Change } from '../../../db/sync/apply';
import { createChangeLog, createSegmentCache, sameChange, type LoggedChange } from '../../../db/sync/changeLog';
import { decodeChanges } from '../../../db/sync/segments/codec';

const withoutSegment = ({ segment: _segment, ...change }: LoggedChange): Change => change;

/**
 * For every record of the log: `ofRecord` gives the changes `all()` gives of it (ids, content, a
 * row where `all()` reads a row); each change it reads from a segment is one that segment holds
 * as it is and does not leave out; and with a segment left out (`except`, as a merge of that
 * segment asks: db/sync/apply.ts) it still gives every change of the record that segment does not
 * give (set aside there, or not in it). Returns how many changes the log holds in two or more
 * segments (the case the index does not name every copy of).
 */
export function expectRecordReadsServeTheLog(sqlite: Sqlite, who: string): number {
  const log = createChangeLog(sqlite, createSegmentCache(2));
  const excluded = sqlite.prepare('SELECT change_id FROM segment_exclusions WHERE segment = ?').pluck();
  const recordOf = (change: Pick<Change, 'tbl' | 'row_id'>) => JSON.stringify([change.tbl, change.row_id]);
  // Each stored segment's changes it gives (exclusions aside), by id, and the records it holds changes of.
  const gives = new Map<string, Map<string, Change>>();
  const recordsIn = new Map<string, Set<string>>();
  for (const { hash, origin, body } of sqlite.prepare('SELECT hash, origin, body FROM segments').all() as { hash: string; origin: string; body: Buffer }[]) {
    const out = new Set(excluded.all(hash) as string[]);
    const decoded = decodeChanges(origin, body);
    gives.set(hash, new Map(decoded.filter((change) => !out.has(change.id)).map((change) => [change.id, change])));
    recordsIn.set(hash, new Set(decoded.map(recordOf)));
  }
  const givenAsIs = (hash: string, change: Change) => {
    const held = gives.get(hash)?.get(change.id);
    return held !== undefined && sameChange(held, change);
  };

  const records = new Map<string, LoggedChange[]>();
  for (const change of log.all()) {
    const key = recordOf(change);
    records.set(key, [...(records.get(key) ?? []), change]);
  }
  let sealedTwice = 0;
  for (const [key, changes] of records) {
    const [tbl, rowId] = JSON.parse(key) as [string, string];
    const read = log.ofRecord(tbl, rowId);
    expect(read.map(withoutSegment), `${who}: ${tbl} ${rowId} read through its index`).toEqual(changes.map(withoutSegment));
    for (const [i, change] of read.entries()) {
      const whole = changes[i]!;
      if (change.segment === null || whole.segment === null) {
        expect(change.segment, `${who}: ${change.id} is a row of changes, read so by the record and by the whole log`).toBe(whole.segment);
        continue;
      }
      expect(givenAsIs(change.segment, change), `${who}: ${change.id} is read for its record from ${change.segment}, which gives it as it is`).toBe(true);
      if ([...gives.keys()].filter((hash) => givenAsIs(hash, change)).length > 1) sealedTwice++;
    }
    // The segments holding any change of the record, given or left out: each left out in turn.
    const holding = [...recordsIn].filter(([, inIt]) => inIt.has(key)).map(([hash]) => hash);
    for (const except of holding) {
      const without = new Set(log.ofRecord(tbl, rowId, except).map((change) => change.id));
      for (const change of changes) {
        if (givenAsIs(except, change)) continue;
        expect(without.has(change.id), `${who}: ${tbl} ${rowId} read without ${except} gives ${change.id}, which that segment does not give`).toBe(true);
      }
    }
  }
  return sealedTwice;
}
