// The one way a screen reports an error it did not expect: an antd notification in the
// person's language, and the full error in the console for whoever debugs it.
import { App } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from './describeError';

export function useNotifyError(): (error: unknown) => void {
  const { notification } = App.useApp();
  const { t } = useTranslation();
  return useCallback(
    (error: unknown) => {
      console.error(error);
      const notice = describeError(error, t);
      notification.error({ title: notice.title, description: notice.description, duration: 8 });
    },
    [notification, t],
  );
}
