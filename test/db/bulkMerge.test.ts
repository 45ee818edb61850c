// The set-based merge (db/sync/bulkMerge.ts) against the change-by-change reference
// (`mergeChangesOneByOne`, the path every merge took before): for random multi-device histories
// both leave byte-identical databases — change log (with each change's segment), heads and
// ledgers with their created_at/updated_at/deleted_at — on every device, after every delivery.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Change } from '../../db/sync/apply';
import { mergeChanges, mergeChangesOneByOne, readChanges, type MergeResult } from '../../db/sync/merge';
import { openTestDevice, START_TIME, type TestDevice } from '../helpers/device';
import { DEVICES, op, openDevices, run, state, type MergeFn } from '../helpers/syncArbitraries';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();

/** Everything a merge writes, the log included. */
function fullState(device: TestDevice): string {
  const log = (device.db.sqlite.prepare('SELECT * FROM changes ORDER BY id').raw().all() as unknown[][]).map((r) => JSON.stringify(r)).join('\n');
  return `${state(device)}\n--log--\n${log}`;
}

/** Two replicas of one device fed identically, one through each merge path. */
async function twins(dir: string, deviceId: string): Promise<{ bulk: TestDevice; byChange: TestDevice }> {
  return { bulk: await openTestDevice(`${dir}/bulk`, deviceId), byChange: await openTestDevice(`${dir}/by-change`, deviceId) };
}

describe('bulk merge', () => {
  it('gives the same database as change-by-change merging, for any history, delivery order, duplication and grouping', async () => {
    let round = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 60 }), fc.integer(), fc.integer({ min: 1, max: 12 }), async (ops, seed, chunk) => {
        const dir = tempDir();
        round++;
        // The same history played twice (ids and clocks are deterministic): every delivery of
        // one world goes through the bulk merge, of the other through the reference.
        const worlds = await Promise.all(
          ([mergeChanges, mergeChangesOneByOne] as MergeFn[]).map(async (merge, w) => ({ merge, ...(await openDevices(`${dir}/${w}`, round)) })),
        );
        for (const o of ops) {
          for (const world of worlds) run(world.devices, world.clocks, o, new Map(), world.merge);
          if (o.kind === 'send') expect(fullState(worlds[0]!.devices[o.to]!)).toBe(fullState(worlds[1]!.devices[o.to]!));
        }
        for (let i = 0; i < DEVICES; i++) expect(fullState(worlds[0]!.devices[i]!)).toBe(fullState(worlds[1]!.devices[i]!));

        // Fresh pairs take the union (conflicts and resolutions included) shuffled: in one delivery
        // (every row new, every conflict inside one batch), and in chunks each sent once more
        // reversed (duplicates, rows known already, changes arriving after one that saw them).
        const union = worlds[0]!.devices.flatMap((d) => readChanges(d.db.sqlite));
        const shuffled = fc.sample(fc.shuffledSubarray(union, { minLength: union.length, maxLength: union.length }), { seed, numRuns: 1 })[0]!;
        const pairs = [];
        for (const [p, size] of [shuffled.length, chunk].entries()) {
          const { bulk, byChange } = await twins(`${dir}/fresh${p}`, `${round.toString(16).padStart(8, '0')}000000ff`);
          for (let i = 0; i < shuffled.length; i += size) {
            const part = shuffled.slice(i, i + size);
            const delivery = [...part, ...[...part].reverse()];
            const results = [bulk, byChange].map((d, k) => (k === 0 ? mergeChanges : mergeChangesOneByOne)(d.db.sqlite, d.clock, delivery, `seg${i}`));
            expect(results[0]).toEqual(results[1]);
            expect(fullState(bulk)).toBe(fullState(byChange));
          }
          expect(bulk.clock.last()).toBe(byChange.clock.last());
          pairs.push(bulk, byChange);
        }
        for (const device of [...worlds.flatMap((w) => w.devices), ...pairs]) device.close();
      }),
      { numRuns: 20 },
    );
  });

  it('merges a history that is not causal (seen naming a later change, changes seeing each other) exactly as change by change', async () => {
    const dir = tempDir();
    const { bulk, byChange } = await twins(dir, '00000000000000c1');
    const at = (ms: number, origin: string) => `${(START_TIME + ms).toString(16).padStart(12, '0')}0000${origin}`;
    const change = (id: string, col: string, value: unknown, seen: string[], row = 'r1'): Change => ({
      id, tbl: 'villages', row_id: row, village_id: row, col, value: JSON.stringify(value), hlc: id.slice(0, 16), origin: id.slice(16), seen,
    });
    const [a, b, c] = [at(1, 'aaaaaaaaaaaaaaaa'), at(2, 'bbbbbbbbbbbbbbbb'), at(3, 'cccccccccccccccc')];
    const hostile = [
      change(a, 'name', '甲', [c]), // names a later change
      change(b, 'name', '乙', []),
      change(c, 'name', '丙', [b]),
      change(a, 'notes', 'x', [b], 'r2'), // two changes that have seen each other
      change(b, 'notes', 'y', [a], 'r2'),
      change(c, '_row', 'deleted', [], 'r2'),
    ];
    const results: MergeResult[] = [];
    for (const [device, merge] of [[bulk, mergeChanges], [byChange, mergeChangesOneByOne]] as const) results.push(merge(device.db.sqlite, device.clock, hostile));
    expect(results[0]).toEqual(results[1]);
    expect(fullState(bulk)).toBe(fullState(byChange));
    bulk.close();
    byChange.close();
  });

  it('refuses a change naming a column that is no ledger column, and writes nothing', async () => {
    const dir = tempDir();
    const device = await openTestDevice(dir, '00000000000000c2');
    const id = device.store.create('villages', null, { name: '李家村' });
    const before = fullState(device);
    const good = readChanges(device.db.sqlite)[0]!;
    const bad: Change = { ...good, id: `${good.hlc}00000000000000d1`, row_id: 'r9', village_id: 'r9', col: 'evil"; DROP TABLE villages; --' };
    expect(() => mergeChanges(device.db.sqlite, device.clock, [{ ...good, id: `${good.hlc}00000000000000d2`, row_id: 'r8', village_id: 'r8' }, bad])).toThrow(
      /Not a ledger column/,
    );
    expect(fullState(device)).toBe(before);
    expect(device.db.sqlite.prepare('SELECT name FROM villages WHERE id = ?').pluck().get(id)).toBe('李家村');
    device.close();
  });
});
