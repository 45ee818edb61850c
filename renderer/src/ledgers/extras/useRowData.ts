// What a ledger shows beside the rows on its page that the rows themselves do not hold (a
// project's money): one call for the whole page, made again whenever the page is read again.
import { useEffect, useState } from 'react';
import { useNotifyError } from '../../errors/useNotifyError';
import type { LedgerRow } from '../viewTypes';

/** Figures by row id. */
export type RowData = Readonly<Record<string, unknown>>;
export type RowDataLoader = (rows: readonly LedgerRow[]) => Promise<RowData>;

const NONE: RowData = {};

export function useRowData(load: RowDataLoader | undefined, rows: readonly LedgerRow[]): RowData {
  const notifyError = useNotifyError();
  const [data, setData] = useState<{ rows: readonly LedgerRow[]; data: RowData } | null>(null);
  useEffect(() => {
    if (!load || rows.length === 0) return;
    let live = true;
    load(rows)
      .then((loaded) => live && setData({ rows, data: loaded }))
      .catch((error: unknown) => live && notifyError(error));
    return () => {
      live = false;
    };
  }, [load, rows, notifyError]);
  // Figures of an older page are kept while the new ones load: the same projects mostly.
  return data?.data ?? NONE;
}
