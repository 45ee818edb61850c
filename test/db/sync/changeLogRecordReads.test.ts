// A record's changes read from its stored segments (db/sync/changeLog.ts `ofRecord`): a segment
// not in the cache is decoded for the record alone, its part cached by segment and record; read
// again for another record it is decoded whole and cached; either way the record's changes are
// those of the whole log. And the cache keeps within its bound, in changes or in segments.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createUuidV7Source, newDeviceId } from '../../../db/ids';
import { openDatabase, type OpenedDatabase } from '../../../db/open';
import { createStore } from '../../../db/store';
import type { Change } from '../../../db/sync/apply';
import { createChangeLog, createSegmentCache, type LoggedChange } from '../../../db/sync/changeLog';
import { createHlcClock } from '../../../db/sync/hlc';
import { sealSegment } from '../../../db/sync/segments/seal';
import { newKeys } from '../../bench/syncFixture';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();

/** A village and its households edited over four weeks, each week sealed, the last week's edits not; one sealed change left out of its segment. */
async function weeksOfEdits(): Promise<{ db: OpenedDatabase; records: { tbl: string; rowId: string }[]; segments: string[] }> {
  const db = await openDatabase(join(tempDir(), 'log.sqlite'));
  const deviceId = newDeviceId();
  const keys = newKeys(deviceId);
  let now = Date.UTC(2026, 0, 5);
  const tick = () => now++;
  const store = createStore({ db, clock: createHlcClock(tick), newId: createUuidV7Source(tick), deviceId });
  const villageId = store.create('villages', null, { name: '李家村', township: '青石镇', county: '沂南县' });
  const households = [0, 1, 2].map((i) => store.create('households', villageId, { head_name: `王${i}`, address: '村东' }));
  const segments: string[] = [];
  for (let week = 0; week < 5; week++) {
    store.update('villages', villageId, { name: `李家村${week}` });
    store.update('households', households[week % 3]!, { address: `村东${week}` });
    if (week < 4) segments.push(sealSegment(db.sqlite, keys, { maxChanges: 1000 })!.hash);
    now += 7 * 86_400_000;
  }
  // The log leaves out one of the village's changes of the second segment (as a fork's losing id).
  const left = createChangeLog(db.sqlite).ofRecord('villages', villageId).find((c) => c.segment === segments[1])!;
  db.sqlite.prepare('INSERT INTO segment_exclusions (segment, change_id) VALUES (?, ?)').run(segments[1], left.id);
  const records = [{ tbl: 'villages', rowId: villageId }, ...households.map((rowId) => ({ tbl: 'households', rowId }))];
  return { db, records, segments };
}

const ofRecordIn = (all: readonly LoggedChange[], tbl: string, rowId: string) => all.filter((c) => c.tbl === tbl && c.row_id === rowId);

describe("a record's changes from segments not in the cache", () => {
  it('are the whole log\'s changes of the record, read for it alone, a segment again, or whole', async () => {
    const { db, records } = await weeksOfEdits();
    try {
      const all = createChangeLog(db.sqlite).all();
      expect(all.some((c) => c.segment === null)).toBe(true);
      // Each record through a fresh cache (every segment read for it alone), then all of them
      // through one cache, twice (parts, then segments read a second time, whole, then cached).
      for (const { tbl, rowId } of records) expect(createChangeLog(db.sqlite, createSegmentCache()).ofRecord(tbl, rowId)).toEqual(ofRecordIn(all, tbl, rowId));
      const shared = createChangeLog(db.sqlite, createSegmentCache());
      for (const round of [1, 2]) {
        for (const { tbl, rowId } of records) {
          const expected = ofRecordIn(all, tbl, rowId);
          expect(expected.length, `${tbl} ${rowId}`).toBeGreaterThan(0);
          expect(shared.ofRecord(tbl, rowId), `round ${round}: ${tbl} ${rowId}`).toEqual(expected);
        }
      }
    } finally {
      db.close();
    }
  });

  it("are cached as the record's part of each segment at first, and a segment read for a second record is cached whole", async () => {
    const { db, records, segments } = await weeksOfEdits();
    try {
      const cache = createSegmentCache();
      const log = createChangeLog(db.sqlite, cache);
      const [village, first, second] = records as [(typeof records)[0], (typeof records)[0], (typeof records)[0]];
      log.ofRecord(village.tbl, village.rowId);
      for (const hash of segments) {
        expect(cache.get(hash), hash).toBeUndefined();
        expect(cache.getPart(hash, village.tbl, village.rowId)!.every((c) => c.row_id === village.rowId)).toBe(true);
      }
      // The first household was made in the first segment and edited in the first and fourth.
      log.ofRecord(first.tbl, first.rowId);
      const wholeNow = segments.filter((hash) => cache.get(hash) !== undefined);
      expect(wholeNow.length).toBeGreaterThan(0);
      for (const hash of wholeNow) expect(cache.get(hash)!.length).toBeGreaterThan(cache.getPart(hash, village.tbl, village.rowId)!.length);
      // Read again, nothing more is decoded: what the cache holds gives it.
      const before = segments.map((hash) => cache.get(hash));
      expect(log.ofRecord(second.tbl, second.rowId).length).toBeGreaterThan(0);
      expect(log.ofRecord(village.tbl, village.rowId)).toEqual(createChangeLog(db.sqlite).ofRecord(village.tbl, village.rowId));
      segments.forEach((hash, i) => before[i] && expect(cache.get(hash)).toBe(before[i]));
    } finally {
      db.close();
    }
  });
});

describe('the segment cache', () => {
  const changes = (n: number, tag: string): Change[] =>
    Array.from({ length: n }, (_, i) => ({ id: `${tag}${i}`, tbl: 'villages', row_id: tag, village_id: tag, col: 'name', value: 'null', hlc: '', origin: '', seen: [] }));

  it('bounded by changes holds no more than its bound, whole segments and parts together, dropping the least recently used', () => {
    const cache = createSegmentCache({ changes: 100 });
    cache.set('a', changes(40, 'a'));
    cache.set('b', changes(40, 'b'));
    cache.setPart('c', 'villages', 'x', changes(9, 'c')); // 10 with its entry
    expect(cache.get('a')).toHaveLength(40); // a used: b is now the oldest
    cache.set('d', changes(20, 'd')); // 110: b goes
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toHaveLength(40);
    expect(cache.getPart('c', 'villages', 'x')).toHaveLength(9);
    expect(cache.get('d')).toHaveLength(20);
    // Something bigger than the bound is not kept, and drops nothing.
    cache.set('huge', changes(101, 'h'));
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.get('a')).toHaveLength(40);
    // Many parts: the least recently used go, the whole one among them.
    for (let i = 0; i < 60; i++) cache.setPart('e', 'villages', `r${i}`, changes(1, `e${i}`)); // 2 each
    expect(cache.get('a')).toBeUndefined();
    expect(cache.getPart('e', 'villages', 'r59')).toHaveLength(1);
    expect(cache.getPart('e', 'villages', 'r0')).toBeUndefined();
  });

  it('drops as many as it takes, and counts a part of no changes as one', () => {
    const cache = createSegmentCache({ changes: 10 });
    for (let i = 0; i < 11; i++) cache.setPart('s', 'villages', `r${i}`, []);
    expect(Array.from({ length: 11 }, (_, i) => cache.getPart('s', 'villages', `r${i}`) !== undefined)).toEqual([false, ...Array<boolean>(10).fill(true)]);
    cache.set('a', changes(3, 'a'));
    cache.set('b', changes(10, 'b'));
    expect(cache.get('a')).toBeUndefined();
    expect(cache.getPart('s', 'villages', 'r10')).toBeUndefined();
    expect(cache.get('b')).toHaveLength(10);
  });

  it('bounded by segments holds that many whole, however many parts', () => {
    const cache = createSegmentCache(2);
    for (const hash of ['a', 'b', 'c']) cache.set(hash, changes(5, hash));
    for (let i = 0; i < 10; i++) cache.setPart('p', 'villages', `r${i}`, changes(1, `p${i}`));
    expect(['a', 'b', 'c'].map((hash) => cache.get(hash) !== undefined)).toEqual([false, true, true]);
    expect(cache.getPart('p', 'villages', 'r0')).toHaveLength(1);
  });

  it('tells whether a segment was read for one record before', () => {
    const cache = createSegmentCache();
    expect(cache.readPartly('a')).toBe(false);
    expect(cache.readPartly('b')).toBe(false);
    expect(cache.readPartly('a')).toBe(true);
  });
});
