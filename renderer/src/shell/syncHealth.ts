// The indicator's reading of the sync status: the latest success of any kind, and a saved
// target whose last attempt failed after its last success. Free of React and of the api.
import type { SyncStatusView, SyncTargetStatus } from '../../../shared/domain/sync';

export interface SyncHealth {
  /** The latest successful sync of any kind, ISO; null: never. */
  lastSuccess: string | null;
  /** A saved target whose last attempt failed (after its last success), to be named. */
  failing: SyncTargetStatus | null;
  /** What the last run brought in, as records (from the database); absent until read. */
  arrivals?: SyncStatusArrivals | null;
}

export type SyncStatusArrivals = NonNullable<SyncStatusView['arrivals']>;

function latest(times: (string | null)[]): string | null {
  return times.reduce<string | null>((best, time) => (time !== null && (best === null || time > best) ? time : best), null);
}

export function summarise(targets: readonly SyncTargetStatus[], localLast: string | null): SyncHealth {
  const failing = targets.find((t) => t.lastError !== null && (t.lastSuccessAt === null || (t.lastAttemptAt ?? '') > t.lastSuccessAt)) ?? null;
  return { lastSuccess: latest([localLast, ...targets.map((t) => t.lastSuccessAt)]), failing };
}

/** The later of two ISO times (null: none). */
export function latestOf(a: string | null, b: string | null): string | null {
  return latest([a, b]);
}
