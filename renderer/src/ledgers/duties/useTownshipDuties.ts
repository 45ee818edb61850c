// The township's plan duties (its coordinator's, synced; the standard five until one is set), read
// once when a form or filter that offers them opens.
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { useNotifyError } from '../../errors/useNotifyError';

export function useTownshipDuties(): readonly string[] {
  const notifyError = useNotifyError();
  const [duties, setDuties] = useState<readonly string[]>([]);
  useEffect(() => {
    let live = true;
    api.settings.get().then(
      (settings) => live && setDuties(settings.duties),
      (error: unknown) => live && notifyError(error),
    );
    return () => {
      live = false;
    };
  }, [notifyError]);
  return duties;
}
