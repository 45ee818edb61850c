// When this computer last synced, and whether a saved sync target is failing: the main
// process's `sync.status` (saved targets, their last success and error), together with the
// last folder sync run by hand from the sync screen (kept on this computer). Read again every
// half minute, after a sync, and when the connection comes back — then `sync.online` also tells
// the scheduler to try the targets it was waiting on.
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { SyncTargetStatus } from '../../../shared/domain/sync';
import { api } from '../api';
import { readLastSynced, subscribeLastSynced } from '../screens/sync/syncStorage';
import { useAppStore } from '../store/useAppStore';
import { broughtChanges, runsOf, type SeenRuns } from './syncArrivals';
import { latestOf, summarise, type SyncHealth, type SyncStatusArrivals } from './syncHealth';
import { onReconnect } from './useConnectivity';

const REFRESH_MS = 30_000;

export function useSyncHealth(): SyncHealth {
  const localLast = useSyncExternalStore(subscribeLastSynced, readLastSynced, () => null);
  const [targets, setTargets] = useState<SyncTargetStatus[]>([]);
  /** The last sync the database remembers: what a reload (or another origin's empty storage) shows. */
  const [stored, setStored] = useState<string | null>(null);
  const [arrivals, setArrivals] = useState<SyncStatusArrivals | null>(null);
  const noteLedgerChange = useAppStore((s) => s.noteLedgerChange);
  const seen = useRef<SeenRuns | null>(null);
  // A scheduled run that brought changes in makes every figure and list on show read again.
  const take = useCallback(
    (next: SyncTargetStatus[]) => {
      if (seen.current && broughtChanges(seen.current, next)) noteLedgerChange();
      seen.current = runsOf(next);
      setTargets(next);
    },
    [noteLedgerChange],
  );
  // A status that cannot be read leaves the indicator as it was: the sync screen reports errors.
  const read = useCallback(() => {
    api.sync.status().then((status) => {
      take(status.targets);
      setStored(status.last?.at ?? null);
      setArrivals(status.arrivals ?? null);
    }, () => undefined);
  }, [take]);

  useEffect(() => {
    read();
    const timer = window.setInterval(read, REFRESH_MS);
    const stopSynced = subscribeLastSynced(read);
    const stopReconnect = onReconnect(() => {
      api.sync.online().then((status) => take(status.targets), () => undefined);
    });
    return () => {
      window.clearInterval(timer);
      stopSynced();
      stopReconnect();
    };
  }, [read, take]);

  return { ...summarise(targets, latestOf(localLast, stored)), arrivals };
}
