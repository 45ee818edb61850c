// How many records of a ledger are past their due date (for the menu's badge), read again
// after every ledger write and when the village on show changes.
import { useEffect, useState } from 'react';
import type { LedgerNoun } from '../../../shared/api/methods';
import { useAppStore } from '../store/useAppStore';
import { ledgerApi } from '../ledgers/ledgerApi';

export function useOverdueCount(noun: LedgerNoun): number {
  const villageId = useAppStore((s) => s.ledgerVillageId);
  const changes = useAppStore((s) => s.ledgerChanges);
  const [count, setCount] = useState(0);
  useEffect(() => {
    let live = true;
    ledgerApi(noun)
      .list({ ...(villageId ? { villageId } : {}), overdue: true, offset: 0, limit: 1 })
      .then((page) => live && setCount(page.total))
      // A badge that cannot be read is left as it was; the screen itself reports the error.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [noun, villageId, changes]);
  return count;
}
