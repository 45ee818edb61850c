// Whether a saved place's newest run brought anything in since the last look: then every
// figure and list on show reads again (the dashboard refreshes after a sync without a reload).
import type { SyncTargetStatus } from '../../../shared/domain/sync';

/** Each target's last successful run, as last seen. */
export type SeenRuns = ReadonlyMap<string, string | null>;

export function runsOf(targets: readonly SyncTargetStatus[]): SeenRuns {
  return new Map(targets.map((t) => [t.targetId, t.lastSuccessAt]));
}

/** True when a target finished a run since `seen` that took changes in or released held ones. */
export function broughtChanges(seen: SeenRuns, targets: readonly SyncTargetStatus[]): boolean {
  return targets.some((t) => {
    if (!t.lastSuccessAt || !seen.has(t.targetId) || seen.get(t.targetId) === t.lastSuccessAt) return false;
    return (t.lastCounts?.changesIn ?? 0) > 0 || (t.lastCounts?.released ?? 0) > 0;
  });
}
