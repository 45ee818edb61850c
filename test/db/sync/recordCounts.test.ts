// The record tally (db/sync/recordCounts.ts) against a plain model of what it counts: for any
// histories of several devices, delivered in shuffled batches (a record's changes apart, some
// twice, rows known before the file), a record is new when its ledger had no row before the
// batch that first brought it, deleted when the last batch bringing it ends on `_row` deleted,
// and changed otherwise — per origin and ledger, as an import's receipt says.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Change } from '../../../db/sync/apply';
import { mergeChanges, readChanges } from '../../../db/sync/merge';
import { createRecordTally } from '../../../db/sync/recordCounts';
import { openTestDevice, START_TIME } from '../../helpers/device';
import { op, openDevices, run } from '../../helpers/syncArbitraries';
import { useTempDirs } from '../../helpers/tempDir';
import type { Sqlite } from '../../../db/open';

const tempDir = useTempDirs();

/** The model: one noting per record and origin, judged one by one against the ledger. */
function modelNote(sqlite: Sqlite, noted: Map<string, { fresh: boolean; deleted: boolean }>, batch: readonly Change[]): void {
  const rows = new Map<string, { tbl: string; rowId: string; origin: string; deleted: boolean }>();
  for (const c of batch) {
    const key = JSON.stringify([c.origin, c.tbl, c.row_id]);
    const row = rows.get(key) ?? { tbl: c.tbl, rowId: c.row_id, origin: c.origin, deleted: false };
    if (c.col === '_row') row.deleted = c.value === '"deleted"';
    rows.set(key, row);
  }
  for (const [key, row] of rows) {
    const fresh = sqlite.prepare(`SELECT 1 FROM "${row.tbl}" WHERE id = ?`).get(row.rowId) === undefined;
    noted.set(key, { fresh: noted.get(key)?.fresh ?? fresh, deleted: row.deleted });
  }
}

function modelCounts(noted: Map<string, { fresh: boolean; deleted: boolean }>): { origin: string; tbl: string; created: number; changed: number; deleted: number }[] {
  const counts = new Map<string, { origin: string; tbl: string; created: number; changed: number; deleted: number }>();
  for (const [key, { fresh, deleted }] of noted) {
    const [origin, tbl] = JSON.parse(key) as [string, string];
    const count = counts.get(`${origin} ${tbl}`) ?? { origin, tbl, created: 0, changed: 0, deleted: 0 };
    if (deleted) count.deleted++;
    else if (fresh) count.created++;
    else count.changed++;
    counts.set(`${origin} ${tbl}`, count);
  }
  return [...counts.values()].sort((a, b) => (a.origin + a.tbl < b.origin + b.tbl ? -1 : 1));
}

describe('the record tally', () => {
  it('counts records new, changed and deleted per origin and ledger as the model does, however the changes are batched', async () => {
    let round = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 50 }), fc.integer(), fc.integer({ min: 1, max: 15 }), fc.nat({ max: 100 }), async (ops, seed, chunk, knownShare) => {
        const dir = tempDir();
        round++;
        const { devices, clocks } = await openDevices(dir, round);
        for (const o of ops) run(devices, clocks, o);
        const union = devices.flatMap((d) => readChanges(d.db.sqlite));
        const shuffled = fc.sample(fc.shuffledSubarray(union, { minLength: union.length, maxLength: union.length }), { seed, numRuns: 1 })[0]!;
        const receiver = await openTestDevice(`${dir}/receiver`, `${round.toString(16).padStart(8, '0')}000000ee`);
        // Some of the changes arrived by an earlier file: their rows are in the ledger already.
        const before = shuffled.slice(0, Math.floor((shuffled.length * knownShare) / 100));
        if (before.length) mergeChanges(receiver.db.sqlite, receiver.clock, before);
        const tally = createRecordTally(receiver.db.sqlite);
        const noted = new Map<string, { fresh: boolean; deleted: boolean }>();
        for (let i = 0; i < shuffled.length; i += chunk) {
          const part = shuffled.slice(i, i + chunk);
          const batch = i % (2 * chunk) === 0 ? part : [...part, ...[...part].reverse()];
          modelNote(receiver.db.sqlite, noted, batch);
          tally.noteBatch(batch);
          mergeChanges(receiver.db.sqlite, receiver.clock, batch);
        }
        const counted = tally.counts().map(({ originName: _name, ...count }) => count);
        expect(counted).toEqual(modelCounts(noted));
        // Counting empties the tally.
        expect(tally.counts()).toEqual([]);
        for (const device of [...devices, receiver]) device.close();
      }),
      { numRuns: 12 },
    );
  });

  it('keeps apart two devices writing one record one after the other, and counts a record deleted before the file as changed, not new', async () => {
    const dir = tempDir();
    const receiver = await openTestDevice(dir, '00000000000000e1');
    const [a, b] = ['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb'];
    const at = (ms: number, origin: string) => `${(START_TIME + ms).toString(16).padStart(12, '0')}0000${origin}`;
    const change = (ms: number, origin: string, row: string, col: string, value: unknown): Change => {
      const id = at(ms, origin);
      return { id, tbl: 'villages', row_id: row, village_id: row, col, value: JSON.stringify(value), hlc: id.slice(0, 16), origin, seen: [] };
    };
    // An earlier file: village r1 created, village r2 created and deleted.
    mergeChanges(receiver.db.sqlite, receiver.clock, [change(1, a, 'r1', 'name', '甲村'), change(2, a, 'r2', 'name', '乙村'), change(3, a, 'r2', '_row', 'deleted')]);
    const tally = createRecordTally(receiver.db.sqlite);
    const batch = [
      change(10, b, 'r1', 'notes', 'b 写的'), // b, then a, write r1 back to back
      change(11, a, 'r1', 'name', '甲村二'),
      change(12, b, 'r2', 'notes', '删除后'), // r2 is in the ledger (deleted): changed, not new
      change(13, b, 'r3', 'name', '丙村'), // new here
    ];
    tally.noteBatch(batch);
    mergeChanges(receiver.db.sqlite, receiver.clock, batch);
    expect(tally.counts().map(({ originName: _name, ...count }) => count)).toEqual([
      { origin: a, tbl: 'villages', created: 0, changed: 1, deleted: 0 },
      { origin: b, tbl: 'villages', created: 1, changed: 2, deleted: 0 },
    ]);
    receiver.close();
  });
});
