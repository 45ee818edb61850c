// A scheduled sync that brought changes in refreshes what is on show; one that brought nothing,
// or a status read again with the same run, does not.
import { describe, expect, it } from 'vitest';
import type { SyncTargetStatus } from '../../shared/domain/sync';
import { broughtChanges, runsOf } from '../../renderer/src/shell/syncArrivals';

const target = (over: Partial<SyncTargetStatus>): SyncTargetStatus => ({
  targetId: 't1', name: 'U盘', kind: 'folder', state: 'idle', reachable: true, lastAttemptAt: null, lastSuccessAt: null,
  lastCounts: null, lastError: null, nextRunAt: null, passwordProtected: false, ...over,
});
const counts = (changesIn: number, released = 0) => ({ filesOut: 0, changesOut: 0, filesIn: 1, changesIn, conflicts: 0, refused: 0, released, skippedRefused: 0 });

describe('broughtChanges', () => {
  it('is true only for a new successful run that took changes in or released held ones', () => {
    const before = runsOf([target({ lastSuccessAt: '2026-11-27T08:00:00Z', lastCounts: counts(5) })]);
    expect(broughtChanges(before, [target({ lastSuccessAt: '2026-11-27T08:00:00Z', lastCounts: counts(5) })])).toBe(false);
    expect(broughtChanges(before, [target({ lastSuccessAt: '2026-11-27T08:05:00Z', lastCounts: counts(0) })])).toBe(false);
    expect(broughtChanges(before, [target({ lastSuccessAt: '2026-11-27T08:05:00Z', lastCounts: counts(3) })])).toBe(true);
    expect(broughtChanges(before, [target({ lastSuccessAt: '2026-11-27T08:05:00Z', lastCounts: counts(0, 2) })])).toBe(true);
  });

  it('does not count a place it had not seen before (its first status is the baseline)', () => {
    expect(broughtChanges(runsOf([]), [target({ lastSuccessAt: '2026-11-27T08:05:00Z', lastCounts: counts(3) })])).toBe(false);
  });
});
