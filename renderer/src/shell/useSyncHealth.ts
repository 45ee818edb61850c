// When this computer last synced, and whether a saved sync target is failing: the main
// process's `sync.status` (saved targets, their last success and error), together with the
// last folder sync run by hand from the sync screen (kept on this computer). Read again every
// half minute, after a sync, and when the connection comes back — then `sync.online` also tells
// the scheduler to try the targets it was waiting on.
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { SyncTargetStatus } from '../../../shared/domain/sync';
import { api } from '../api';
import { readLastSynced, subscribeLastSynced } from '../screens/sync/syncStorage';
import { summarise, type SyncHealth } from './syncHealth';
import { onReconnect } from './useConnectivity';

const REFRESH_MS = 30_000;

export function useSyncHealth(): SyncHealth {
  const localLast = useSyncExternalStore(subscribeLastSynced, readLastSynced, () => null);
  const [targets, setTargets] = useState<SyncTargetStatus[]>([]);
  // A status that cannot be read leaves the indicator as it was: the sync screen reports errors.
  const read = useCallback(() => {
    api.sync.status().then((status) => setTargets(status.targets), () => undefined);
  }, []);

  useEffect(() => {
    read();
    const timer = window.setInterval(read, REFRESH_MS);
    const stopSynced = subscribeLastSynced(read);
    const stopReconnect = onReconnect(() => {
      api.sync.online().then((status) => setTargets(status.targets), () => undefined);
    });
    return () => {
      window.clearInterval(timer);
      stopSynced();
      stopReconnect();
    };
  }, [read]);

  return summarise(targets, localLast);
}
