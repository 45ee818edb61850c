// One dashboard's figures from the main process, read again after every ledger write and every
// sync that brought changes (the store's ledgerChanges), never by loading ledgers here.
import { useEffect, useState } from 'react';
import type { ApiInput, ApiOutput } from '../../../../shared/api/types';
import { api } from '../../api';
import { useNotifyError } from '../../errors/useNotifyError';
import { useAppStore } from '../../store/useAppStore';

type DashboardMethod = 'dashboard.village' | 'dashboard.township' | 'dashboard.district';

const CALLS: { [M in DashboardMethod]: (input: ApiInput<M>) => Promise<ApiOutput<M>> } = {
  'dashboard.village': (input) => api.dashboard.village(input),
  'dashboard.township': (input) => api.dashboard.township(input),
  'dashboard.district': (input) => api.dashboard.district(input),
};

export interface Figures<M extends DashboardMethod> {
  data: ApiOutput<M> | null;
  /** True while the figures on show are not yet those of the current input. */
  loading: boolean;
}

/** `input` null: nothing to ask yet (no village chosen). */
export function useFigures<M extends DashboardMethod>(method: M, input: ApiInput<M> | null): Figures<M> {
  const notifyError = useNotifyError();
  const changes = useAppStore((s) => s.ledgerChanges);
  const key = JSON.stringify([method, input, changes]);
  const [result, setResult] = useState<{ key: string; data: ApiOutput<M> | null }>({ key: '', data: null });

  const asked = input !== null;
  useEffect(() => {
    if (!asked) return;
    let live = true;
    CALLS[method](JSON.parse(key)[1] as ApiInput<M>)
      .then((data) => live && setResult({ key, data }))
      .catch((error: unknown) => {
        if (!live) return;
        setResult((r) => ({ ...r, key }));
        notifyError(error);
      });
    // Only the newest read may land: a quick change of period starts reads faster than they end.
    return () => {
      live = false;
    };
  }, [method, key, asked, notifyError]);

  return { data: result.data, loading: input !== null && result.key !== key };
}
