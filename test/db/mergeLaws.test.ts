// The merge laws on real SQLite (docs/architecture.md, Sync): several devices edit, delete and exchange changes
// with drops, duplicates and reordering; after a full exchange every device holds
// byte-identical ledgers and heads, and so does a fresh device that merges everything in any
// order, in any grouping, any number of times.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dumpHeads, listHeads } from '../../db/sync/dump';
import { createChangeApplier, type Change } from '../../db/sync/apply';
import { mergeChanges, readChanges } from '../../db/sync/merge';
import { rebuildLedgers } from '../../db/sync/rebuild';
import { openTestDevice, START_TIME } from '../helpers/device';
import { DEVICES, op, openDevices, run, state, type Knowledge } from '../helpers/syncArbitraries';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();

describe('merge laws', () => {
  it('devices converge to identical ledgers and heads after any edits and any lossy, duplicated, reordered delivery', async () => {
    let round = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 60 }), fc.integer(), async (ops, seed) => {
        const dir = tempDir();
        round++;
        const { devices, clocks } = await openDevices(dir, round);
        for (const o of ops) run(devices, clocks, o);

        // Full exchange, in an order drawn from the seed.
        const order = fc.sample(fc.shuffledSubarray([...devices.keys()], { minLength: DEVICES, maxLength: DEVICES }), { seed, numRuns: 1 })[0]!;
        for (let pass = 0; pass < 2; pass++) {
          for (const from of order) for (const to of order) if (from !== to) mergeChanges(devices[to]!.db.sqlite, devices[to]!.clock, readChanges(devices[from]!.db.sqlite));
        }
        const expected = state(devices[0]!);
        for (const device of devices) expect(state(device)).toBe(expected);

        // The ledgers are still the projection of the log on every device.
        rebuildLedgers(devices[1]!.db.sqlite);
        expect(state(devices[1]!)).toBe(expected);

        // A fresh device merging the union in shuffled chunks, twice, gets the same.
        const union = readChanges(devices[0]!.db.sqlite);
        const fresh = await openTestDevice(dir, `${round.toString(16).padStart(8, '0')}000000ff`);
        const shuffled = fc.sample(fc.shuffledSubarray(union, { minLength: union.length, maxLength: union.length }), { seed: seed + 1, numRuns: 1 })[0]!;
        for (let i = 0; i < shuffled.length; i += 7) mergeChanges(fresh.db.sqlite, fresh.clock, shuffled.slice(i, i + 7));
        mergeChanges(fresh.db.sqlite, fresh.clock, union);
        expect(state(fresh)).toBe(expected);

        for (const device of [...devices, fresh]) device.close();
      }),
      { numRuns: 25 },
    );
  });

  it('flags a conflict exactly when two writes to one cell were concurrent (neither author had the other)', async () => {
    let round = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 50 }), async (ops) => {
        const dir = tempDir();
        round++;
        const { devices, clocks } = await openDevices(dir, round);
        const knowledge: Knowledge = new Map();
        for (const o of ops) run(devices, clocks, o, knowledge);
        for (const from of devices) for (const to of devices) if (from !== to) mergeChanges(to.db.sqlite, to.clock, readChanges(from.db.sqlite));

        // The oracle: a change is a head unless some other change of its cell was written by an
        // author who already had it. (Creations know nothing: they are their cell's first write.)
        const all = readChanges(devices[0]!.db.sqlite);
        const expected = all
          .filter((c) => !all.some((other) => other.tbl === c.tbl && other.row_id === c.row_id && other.col === c.col && knowledge.get(other.id)?.has(c.id)))
          .map((c) => `${c.tbl}\t${c.row_id}\t${c.col}\t${c.id}`)
          .sort()
          .join('\n');
        for (const device of devices) expect(dumpHeads(device.db.sqlite)).toBe(expected);
        for (const device of devices) device.close();
      }),
      { numRuns: 25 },
    );
  });

  it('is commutative and associative on change sets: any order and any grouping of three sets gives the same replica', async () => {
    let round = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 40 }), async (ops) => {
        const dir = tempDir();
        round++;
        const { devices, clocks } = await openDevices(dir, round);
        for (const o of ops) run(devices, clocks, o);
        const [a, b, c] = devices.slice(0, 3).map((d) => readChanges(d.db.sqlite)) as [Change[], Change[], Change[]];
        let replicas = 0; // each grouping on a new, empty device of its own
        const merged = async (...groups: Change[][]) => {
          const device = await openTestDevice(dir, `${round.toString(16).padStart(8, '0')}000000f${++replicas}`);
          for (const group of groups) mergeChanges(device.db.sqlite, device.clock, group);
          const result = state(device);
          device.close();
          return result;
        };
        const abc = await merged(a, b, c);
        expect(await merged(c, b, a)).toBe(abc); // commutative
        expect(await merged(b, a, c)).toBe(abc);
        expect(await merged([...a, ...b], c)).toBe(abc); // associative: (A ∪ B) then C …
        expect(await merged(a, [...b, ...c])).toBe(abc); // … equals A then (B ∪ C)
        for (const device of devices) device.close();
      }),
      { numRuns: 15 },
    );
  });

  it('loses nothing: every change ever made is its cell\'s value, in a conflict, or seen by a later change of its cell', async () => {
    let round = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 60 }), async (ops) => {
        const dir = tempDir();
        round++;
        const { devices, clocks } = await openDevices(dir, round);
        const made = new Set<string>();
        for (const o of ops) {
          run(devices, clocks, o);
          for (const device of devices) for (const change of readChanges(device.db.sqlite)) made.add(change.id);
        }
        for (const from of devices) for (const to of devices) if (from !== to) mergeChanges(to.db.sqlite, to.clock, readChanges(from.db.sqlite));
        for (const device of devices) {
          const changes = readChanges(device.db.sqlite);
          expect(new Set(changes.map((c) => c.id))).toEqual(made);
          const cell = (c: Change) => `${c.tbl}\t${c.row_id}\t${c.col}`;
          const seenInCell = new Set(changes.flatMap((c) => c.seen.map((id) => `${cell(c)}\t${id}`)));
          const heads = new Set(listHeads(device.db.sqlite).map((h) => `${h.tbl}\t${h.row_id}\t${h.col}\t${h.change_id}`));
          for (const change of changes) {
            const key = `${cell(change)}\t${change.id}`;
            expect(heads.has(key) || seenInCell.has(key), `change ${change.id} of ${cell(change)} is lost`).toBe(true);
          }
        }
        for (const device of devices) device.close();
      }),
      { numRuns: 20 },
    );
  });

  it('merging is idempotent and changes nothing the second time', async () => {
    const dir = tempDir();
    const a = await openTestDevice(dir, '00000000000000a1');
    const b = await openTestDevice(dir, '00000000000000b2');
    const id = a.store.create('villages', null, { name: '李家村', township: '青石镇' });
    a.store.update('villages', id, { notes: '修路' });
    const first = mergeChanges(b.db.sqlite, b.clock, readChanges(a.db.sqlite));
    expect(first).toEqual({ added: 3, known: 0 });
    const after = state(b);
    expect(mergeChanges(b.db.sqlite, b.clock, readChanges(a.db.sqlite))).toEqual({ added: 0, known: 3 });
    expect(state(b)).toBe(after);
    a.close();
    b.close();
  });

  it('a write made after merging sorts after, and has seen, what it overwrote', async () => {
    const dir = tempDir();
    const a = await openTestDevice(dir, '00000000000000a1', START_TIME + 3_600_000); // a's clock runs an hour ahead
    const b = await openTestDevice(dir, '00000000000000b2', START_TIME);
    const id = a.store.create('villages', null, { name: '李家村', township: '青石镇' });
    mergeChanges(b.db.sqlite, b.clock, readChanges(a.db.sqlite));
    b.store.update('villages', id, { name: '李家庄' });
    const heads = createChangeApplier(b.db.sqlite).headsOfCell('villages', id, 'name');
    expect(heads).toHaveLength(1);
    expect(heads[0]!.endsWith('00000000000000b2')).toBe(true);
    mergeChanges(a.db.sqlite, a.clock, readChanges(b.db.sqlite));
    expect(a.db.sqlite.prepare('SELECT name FROM villages WHERE id = ?').pluck().get(id)).toBe('李家庄');
    a.close();
    b.close();
  });
});
