// The bulk merge of changes read from a stored segment, against the change-by-change reference:
// the ids a merge has taken from the segment decide what is new, so a segment that names an id
// twice, a segment delivered in batches in id order (as the rebuild does), and batches delivered
// again out of order must all leave byte-identical databases and the same counts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createChangeApplier, type Change } from '../../../db/sync/apply';
import { createBulkMerger } from '../../../db/sync/bulkMerge';
import { mergeChanges, mergeChangesOneByOne, readChanges } from '../../../db/sync/merge';
import { storeSegment } from '../../../db/sync/segments/seal';
import { openTestDevice } from '../../helpers/device';
import { op, openDevices, run, state } from '../../helpers/syncArbitraries';
import { useTempDirs } from '../../helpers/tempDir';
import { newKeys, sealChanges } from './bundleHelpers';

const tempDir = useTempDirs();

/** How a segment's changes are handed to the merge. */
const delivery = fc.oneof(
  fc.constant({ kind: 'whole' as const }),
  fc.record({ kind: fc.constant('inOrder' as const), size: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('againReversed' as const), size: fc.integer({ min: 1, max: 4 }) }),
);

function batchesOf(changes: readonly Change[], how: { kind: 'whole' } | { kind: 'inOrder' | 'againReversed'; size: number }): Change[][] {
  if (how.kind === 'whole') return [[...changes]];
  const out: Change[][] = [];
  for (let i = 0; i < changes.length; i += how.size) {
    const part = changes.slice(i, i + how.size);
    out.push(how.kind === 'inOrder' ? part : [...part, ...[...part].reverse()]);
  }
  return out;
}

describe('merging the changes of a stored segment', () => {
  it('gives the same database and counts in bulk as change by change, with ids named twice and batches in and out of order', async () => {
    let round = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 40 }), fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 6 }), fc.constantFrom('same', 'value', 'record'), delivery, async (ops, doubled, copyKind, how) => {
        const dir = tempDir();
        round++;
        const { devices, clocks } = await openDevices(`${dir}/world`, round);
        for (const o of ops) run(devices, clocks, o);
        // One device's own writes, in id order as sealing writes them, some ids named twice
        // further on (a hostile segment).
        const source = devices[0]!;
        const own = readChanges(source.db.sqlite).filter((c) => c.origin === source.deviceId);
        for (const device of devices) device.close();
        if (!own.length) return;
        const changes = [...own];
        for (const [n, later] of doubled) {
          const at = n % changes.length;
          const original = changes[at]!;
          // The copy as it is, with another value, or naming another record (new to the log).
          const copy =
            copyKind === 'value' && original.col !== '_row'
              ? { ...original, value: JSON.stringify(`copy ${n}`) }
              : copyKind === 'record'
                ? { ...original, row_id: `${original.row_id.slice(0, -4)}${(n % 0x10000).toString(16).padStart(4, '0')}` }
                : original;
          changes.splice(at + 1 + (later % (changes.length - at)), 0, copy);
        }
        const segment = sealChanges(newKeys(source.deviceId), 1, null, changes);

        const [bulk, byChange] = await Promise.all(['bulk', 'byChange'].map((name) => openTestDevice(`${dir}/${name}`, `${round.toString(16).padStart(8, '0')}000000ff`)));
        for (const twin of [bulk!, byChange!]) storeSegment(twin.db.sqlite, segment);
        // One merge over all the batches, as the rebuild merges a segment past MERGE_BATCH: the
        // ids it has taken from the segment carry from batch to batch.
        const merger = createBulkMerger(bulk!.db.sqlite);
        const applier = createChangeApplier(byChange!.db.sqlite);
        for (const batch of batchesOf(changes, how)) {
          const bulkResult = bulk!.db.sqlite.transaction(() => merger.mergeBatch(batch, segment.hash))();
          let added = 0;
          byChange!.db.sqlite.transaction(() => {
            for (const change of batch) {
              if (!applier.record(change, segment.hash)) continue;
              applier.apply(change);
              added++;
            }
          })();
          expect([bulkResult.added, bulkResult.known]).toEqual([added, batch.length - added]);
          expect(state(bulk!)).toBe(state(byChange!));
        }
        // And the whole segment once more, in a merge of its own.
        const again = [bulk!, byChange!].map((twin, k) => (k === 0 ? mergeChanges : mergeChangesOneByOne)(twin.db.sqlite, twin.clock, changes, segment.hash));
        expect(again[0]).toEqual(again[1]);
        expect(state(bulk!)).toBe(state(byChange!));
        expect(JSON.stringify(readChanges(bulk!.db.sqlite))).toBe(JSON.stringify(readChanges(byChange!.db.sqlite)));
        for (const twin of [bulk!, byChange!]) twin.close();
      }),
      { numRuns: 30 },
    );
  });
});
