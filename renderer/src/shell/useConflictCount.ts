// How many cells wait for a person to resolve a sync conflict (for the menu's badge), read
// again after every write (an import and a resolve note one too) — as a count the main process
// takes from indexes (conflicts.count), never by listing every conflict.
import { useEffect, useState } from 'react';
import { api } from '../api';
import { useAppStore } from '../store/useAppStore';

export function useConflictCount(): number {
  const changes = useAppStore((s) => s.ledgerChanges);
  const [count, setCount] = useState(0);
  useEffect(() => {
    let live = true;
    api.conflicts
      .count()
      .then((found) => live && setCount(found.count))
      // A badge that cannot be read is left as it was; the sync screen reports the error.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [changes]);
  return count;
}
