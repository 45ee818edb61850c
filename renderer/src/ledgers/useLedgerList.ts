// One page of a ledger as the screen asks for it: search, filters, date range, overdue,
// sort and page go to SQLite; only the page on show is held. Reads again after every write.
import { useCallback, useEffect, useState } from 'react';
import type { LedgerNoun } from '../../../shared/api/methods';
import { useNotifyError } from '../errors/useNotifyError';
import { useAppStore } from '../store/useAppStore';
import { ledgerApi, type ListQuery } from './ledgerApi';
import type { LedgerRow } from './viewTypes';

export interface ListState {
  search: string;
  filters: Record<string, unknown>;
  from?: string;
  to?: string;
  /** The date from/to bound when not the ledger's usual one (a dashboard's "needs closed"). */
  dateField?: string;
  /** Only the villages of this township (a district's figure), unless one village is chosen. */
  township?: string;
  overdue: boolean;
  sort?: { field: string; order: 'asc' | 'desc' };
  page: number;
  pageSize: number;
}

export const FIRST_PAGE: Pick<ListState, 'page'> = { page: 1 };

const START: ListState = { search: '', filters: {}, overdue: false, page: 1, pageSize: 20 };

/** `initial` narrows the list from the start (a link from a dashboard figure). */
export function useLedgerList(noun: LedgerNoun, fixed: Record<string, unknown>, initial: Partial<ListState> = {}) {
  const notifyError = useNotifyError();
  const villageId = useAppStore((s) => s.ledgerVillageId);
  const changes = useAppStore((s) => s.ledgerChanges);
  const [state, setState] = useState<ListState>(() => ({ ...START, ...initial }));
  const [result, setResult] = useState<{ key: string; items: LedgerRow[]; total: number }>({ key: '', items: [], total: 0 });
  const fixedKey = JSON.stringify(fixed);
  const key = JSON.stringify([noun, state, villageId, changes, fixedKey]);

  useEffect(() => {
    let live = true;
    const filters = Object.fromEntries(
      Object.entries({ ...state.filters, ...(JSON.parse(fixedKey) as Record<string, unknown>) }).filter(([, v]) => v !== undefined && v !== ''),
    );
    const query: ListQuery = {
      ...(villageId ? { villageId } : state.township ? { township: state.township } : {}),
      ...(state.search.trim() ? { search: state.search.trim() } : {}),
      ...(Object.keys(filters).length ? { filters } : {}),
      ...(state.from ? { from: state.from } : {}),
      ...(state.to ? { to: state.to } : {}),
      ...(state.dateField && (state.from || state.to) ? { dateField: state.dateField } : {}),
      ...(state.overdue ? { overdue: true } : {}),
      ...(state.sort ? { sort: state.sort } : {}),
      offset: (state.page - 1) * state.pageSize,
      limit: state.pageSize,
    };
    ledgerApi(noun)
      .list(query)
      .then((page) => live && setResult({ key, ...page }))
      .catch((error: unknown) => {
        if (!live) return;
        setResult((r) => ({ ...r, key }));
        notifyError(error);
      });
    // Only the newest read may land: typing starts reads faster than they finish.
    return () => {
      live = false;
    };
  }, [noun, state, villageId, changes, fixedKey, key, notifyError]);

  /** Change the query; anything but the page itself starts again from the first page. */
  const update = useCallback((change: Partial<ListState>) => {
    setState((s) => ({ ...s, ...('page' in change ? {} : FIRST_PAGE), ...change }));
  }, []);

  return { state, update, rows: result.items, total: result.total, loading: result.key !== key };
}
