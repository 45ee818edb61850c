// Runs a write; when the main process answers NEEDS_CONFIRMATION it asks the person (in their
// language, naming what is unusual) and, if they agree, sends the same write again with
// `confirm`. Resolves to null when they chose to go back and change it.
import { App, type ButtonProps } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../shared/api/result';
import type { Confirmation } from '../../../shared/domain/ledgers/define';
import { translateMessage } from '../i18n/translateMessage';
import { useAppStore } from '../store/useAppStore';
import { confirmationsOf } from './confirmations';

export type ConfirmedWrite = <T>(write: (confirm: Confirmation[] | undefined) => Promise<T>) => Promise<T | null>;

export function useConfirmedWrite(): ConfirmedWrite {
  const { modal } = App.useApp();
  const { t, i18n } = useTranslation();
  const noteLedgerChange = useAppStore((s) => s.noteLedgerChange);

  const ask = useCallback(
    (error: ApiError) =>
      new Promise<boolean>((resolve) => {
        const reasons = (error.issues ?? []).map((issue) => translateMessage(i18n, issue.message));
        modal.confirm({
          title: t('ledgers.confirm.title'),
          content: `${reasons.join('；')}${t('ledgers.confirm.question')}`,
          okText: t('ledgers.confirm.ok'),
          cancelText: t('ledgers.confirm.back'),
          okButtonProps: { 'data-testid': 'confirm-ok' } as ButtonProps,
          onOk: () => resolve(true),
          onCancel: () => resolve(false),
        });
      }),
    [modal, t, i18n],
  );

  return useCallback(
    async <T,>(write: (confirm: Confirmation[] | undefined) => Promise<T>): Promise<T | null> => {
      let accepted: Confirmation[] = [];
      for (;;) {
        try {
          const result = await write(accepted.length ? accepted : undefined);
          noteLedgerChange();
          return result;
        } catch (error) {
          const asked = confirmationsOf(error);
          if (asked.length === 0 || asked.every((c) => accepted.includes(c))) throw error;
          if (!(await ask(error as ApiError))) return null;
          accepted = [...new Set([...accepted, ...asked])];
        }
      }
    },
    [ask, noteLedgerChange],
  ) as ConfirmedWrite;
}
