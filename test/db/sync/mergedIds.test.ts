// MergedIds answers `has` exactly as a set of every id added would, whether ids came one by one
// or as runs; `allBefore` says whether every id so far sorts before a given one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MergedIds } from '../../../db/sync/mergedIds';

const id = fc.integer({ min: 0, max: 400 }).map((n) => n.toString(16).padStart(16, '0') + 'device01');

describe('MergedIds', () => {
  it('knows exactly the ids added, singly or in runs, and the greatest of them', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(id.map((single) => ({ single })), fc.uniqueArray(id, { maxLength: 30 }).map((run) => ({ run: [...run].sort() })))), fc.array(id), (steps, probes) => {
        const ids = new MergedIds();
        const all = new Set<string>();
        for (const step of steps) {
          if ('single' in step) ids.add(step.single);
          else ids.addRun(step.run);
          for (const added of 'single' in step ? [step.single] : step.run) all.add(added);
        }
        for (const probe of [...probes, ...all]) {
          expect(ids.has(probe)).toBe(all.has(probe));
          expect(ids.allBefore(probe)).toBe([...all].every((added) => added < probe));
        }
      }),
      { numRuns: 300 },
    );
  });
});
