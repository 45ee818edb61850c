// The township's days-in-village threshold from the device's settings (20 until it is read).
import { useEffect, useState } from 'react';
import { DEFAULT_SETTINGS } from '../../../../shared/domain/settings';
import { api } from '../../api';
import { useNotifyError } from '../../errors/useNotifyError';

export function usePresenceThreshold(): number {
  const notifyError = useNotifyError();
  const [threshold, setThreshold] = useState(DEFAULT_SETTINGS.presenceThreshold);
  useEffect(() => {
    let live = true;
    api.settings
      .get()
      .then((settings) => live && setThreshold(settings.presenceThreshold))
      .catch((error: unknown) => live && notifyError(error));
    return () => {
      live = false;
    };
  }, [notifyError]);
  return threshold;
}
