// The period on show: the person's kept choice, worked out on today's date, with "term to date"
// starting when the current secretary's term began (read from the secretaries ledger).
import { useEffect, useMemo, useState } from 'react';
import { periodOf, type Period } from '../../../../shared/domain/period';
import { api } from '../../api';
import { todayIso } from '../../ledgers/display';
import { useAppStore } from '../../store/useAppStore';

export function usePeriod(villageId: string | null): Period & { today: string } {
  const choice = useAppStore((s) => s.periodChoice);
  const today = todayIso();
  const [termStart, setTermStart] = useState<string | null>(null);

  useEffect(() => {
    if (choice.kind !== 'term') return;
    let live = true;
    // The latest term begun by today among the villages counted: the current secretary's.
    api.secretaries
      .list({ ...(villageId ? { villageId } : {}), to: today, sort: { field: 'termStart', order: 'desc' }, limit: 1 })
      .then((page) => live && setTermStart(page.items[0]?.termStart ?? null), () => live && setTermStart(null));
    return () => {
      live = false;
    };
  }, [choice.kind, villageId, today]);

  return useMemo(() => ({ ...periodOf(choice, today, termStart), today }), [choice, today, termStart]);
}
