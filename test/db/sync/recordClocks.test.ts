// The compact store's clock (docs/compact-store.md, step 2) always says what the change log says:
// for every cell its greatest change (and that change's seen), for every record the segments its
// changes came in — after any history of edits, deletes and lossy, duplicated, reordered
// deliveries, merged in bulk or change by change, after sealing, after a rebuild, and on a fresh
// device merging everything in any order and grouping.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeChanges, mergeChangesOneByOne, readChanges } from '../../../db/sync/merge';
import { rebuildLedgers } from '../../../db/sync/rebuild';
import { sealAll } from '../../../db/sync/segments/seal';
import { decodeClock, encodeClock } from '../../../db/sync/clocks';
import { openTestDevice } from '../../helpers/device';
import { clockSays, logSays } from '../../helpers/recordClocks';
import { op, openDevices, run } from '../../helpers/syncArbitraries';
import { useTempDirs } from '../../helpers/tempDir';
import { newKeys } from './bundleHelpers';

const tempDir = useTempDirs();

describe('record clocks', () => {
  it('give every cell the greatest change of the log, and every record its segments, after any history, merge path, seal and rebuild', async () => {
    let round = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 50 }), fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }), fc.integer(), async (ops, bulk, seed) => {
        const dir = tempDir();
        round++;
        const { devices, clocks } = await openDevices(dir, round);
        let turn = 0;
        // Each delivery by the bulk merger or change by change, as drawn.
        const merge = (...args: Parameters<typeof mergeChanges>) => (bulk[turn++ % bulk.length] ? mergeChanges(...args) : mergeChangesOneByOne(...args));
        for (const o of ops) run(devices, clocks, o, undefined, merge);
        sealAll(devices[0]!.db.sqlite, newKeys(devices[0]!.deviceId));
        for (const device of devices) expect(clockSays(device.db.sqlite)).toBe(logSays(device.db.sqlite));

        for (const from of devices) for (const to of devices) if (from !== to) merge(to.db.sqlite, to.clock, readChanges(from.db.sqlite));
        for (const device of devices) expect(clockSays(device.db.sqlite)).toBe(logSays(device.db.sqlite));

        rebuildLedgers(devices[1]!.db.sqlite);
        expect(clockSays(devices[1]!.db.sqlite)).toBe(logSays(devices[1]!.db.sqlite));

        // A fresh device: the union in shuffled chunks, each chunk as if from one of three segments.
        const union = readChanges(devices[0]!.db.sqlite);
        const fresh = await openTestDevice(dir, `${round.toString(16).padStart(8, '0')}000000ff`);
        const shuffled = fc.sample(fc.shuffledSubarray(union, { minLength: union.length, maxLength: union.length }), { seed, numRuns: 1 })[0]!;
        for (let i = 0; i < shuffled.length; i += 5) {
          const chunk = shuffled.slice(i, i + 5);
          const segment = `segment-${(i / 5) % 3}`;
          if (bulk[(i / 5) % bulk.length]) mergeChanges(fresh.db.sqlite, fresh.clock, chunk, segment);
          else mergeChangesOneByOne(fresh.db.sqlite, fresh.clock, chunk, segment);
        }
        expect(clockSays(fresh.db.sqlite)).toBe(logSays(fresh.db.sqlite));
        if (union.length) expect(fresh.db.sqlite.prepare('SELECT count(*) FROM clocks WHERE segment IS NOT NULL').pluck().get()).toBeGreaterThan(0);
        for (const device of [...devices, fresh]) device.close();
      }),
      { numRuns: 12 },
    );
  });

  it('packs a clock that decodes to the cells it was made of, whatever their times', () => {
    const hlc = fc.tuple(fc.integer({ min: 0, max: 2 ** 48 - 1 }), fc.integer({ min: 0, max: 0xffff })).map(([wall, counter]) => wall.toString(16).padStart(12, '0') + counter.toString(16).padStart(4, '0'));
    // Any text for `seen` (surrogates and all: the buffer is sized for the worst UTF-8), and numbers up to the safe limit.
    const cell = fc.record({
      col: fc.oneof(fc.nat({ max: 100_000 }), fc.maxSafeNat()),
      hlc,
      origin: fc.oneof(fc.nat({ max: 100_000 }), fc.maxSafeNat()),
      seen: fc.oneof(fc.constant(''), fc.json(), fc.string({ unit: 'binary', maxLength: 40 })),
    });
    fc.assert(
      fc.property(fc.uniqueArray(cell, { selector: (c) => c.col, maxLength: 30 }), hlc, fc.nat({ max: 100_000 }), fc.boolean(), (cells, firstHlc, firstOrigin, nonCausal) => {
        const first = { hlc: firstHlc, origin: firstOrigin };
        expect(decodeClock(encodeClock({ first, nonCausal, cells }))).toEqual({ first, nonCausal, cells: [...cells].sort((a, b) => a.col - b.col) });
      }),
    );
    // The worst case the buffer is sized for: every number at the safe limit, `seen` all three-byte characters.
    const widest = { col: Number.MAX_SAFE_INTEGER, hlc: 'ffffffffffffffff', origin: Number.MAX_SAFE_INTEGER, seen: '已见'.repeat(200) };
    const clock = { first: { hlc: '0000000000000000', origin: Number.MAX_SAFE_INTEGER }, nonCausal: true, cells: [widest, { ...widest, col: 1 }] };
    expect(decodeClock(encodeClock(clock))).toEqual({ ...clock, cells: [...clock.cells].sort((a, b) => a.col - b.col) });
  });
});
