// The coordinator's dashboard lines, read from this device's settings; null until read, so no
// cell shows a colour from lines that are not the coordinator's.
import { useCallback, useEffect, useState } from 'react';
import type { Thresholds } from '../../../../../shared/domain/dashboard';
import { api } from '../../../api';
import { useNotifyError } from '../../../errors/useNotifyError';

export interface ThresholdsState {
  thresholds: Thresholds | null;
  /** After the editor saved: the lines the main process kept. */
  replace(next: Thresholds): void;
}

export function useThresholds(): ThresholdsState {
  const notifyError = useNotifyError();
  const [thresholds, setThresholds] = useState<Thresholds | null>(null);

  useEffect(() => {
    let live = true;
    api.settings.get().then((settings) => live && setThresholds(settings.dashboardThresholds), (error: unknown) => live && notifyError(error));
    return () => {
      live = false;
    };
  }, [notifyError]);

  const replace = useCallback((next: Thresholds) => setThresholds(next), []);
  return { thresholds, replace };
}
