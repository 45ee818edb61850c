// Closing a form (Esc, Cancel, the ×) asks first when something was filled in or changed, so
// a stray Esc never throws away a visit typed in; an empty or unchanged form closes at once.
import { App, type FormInstance } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** A form value as it compares: dates as text, empty boxes and empty lists as nothing. */
function plain(value: unknown): unknown {
  if (dayjs.isDayjs(value)) return value.isValid() ? value.format('YYYY-MM-DD HH:mm') : null;
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (Array.isArray(value)) return value.length ? value.map(plain) : null;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .map(([key, v]) => [key, plain(v)] as const)
      .filter(([, v]) => v !== null)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return entries.length ? Object.fromEntries(entries) : null;
  }
  return value;
}

/** Whether the form's values differ from those it opened with. */
export function formChanged(initial: Record<string, unknown>, current: Record<string, unknown>): boolean {
  return JSON.stringify(plain(initial)) !== JSON.stringify(plain(current));
}

/** `requestClose` closes at once when nothing changed, and otherwise asks before discarding. */
export function useDiscardGuard(form: FormInstance, initial: Record<string, unknown>, onClose: () => void): () => void {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const asking = useRef(false);
  const initialRef = useRef(initial);
  return useCallback(() => {
    if (asking.current) return;
    if (!formChanged(initialRef.current, form.getFieldsValue(true) as Record<string, unknown>)) return onClose();
    asking.current = true;
    modal.confirm({
      title: t('navigation.discard.title'),
      content: t('navigation.discard.body'),
      okText: t('navigation.discard.ok'),
      cancelText: t('navigation.discard.keep'),
      okButtonProps: { danger: true, 'data-testid': 'discard-confirm' } as never,
      cancelButtonProps: { 'data-testid': 'discard-keep' } as never,
      autoFocusButton: 'cancel',
      onOk: () => {
        asking.current = false;
        onClose();
      },
      onCancel: () => {
        asking.current = false;
      },
    });
  }, [form, modal, onClose, t]);
}
