// On a record form opened by a device that keeps whole townships (a coordinator, a district):
// the township's rule said where it is written — a coordinator may add, correct and delete a
// secretary's records; each change is kept under the coordinator's own device in the change
// log, travels with the next sync, and the secretary sees in the record's history who changed it.
import { Alert } from 'antd';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { keepsWholeTownships } from '../../../../shared/domain/device';
import { useAppStore } from '../../store/useAppStore';

export function CoordinatorEditNote({ editing }: { readonly editing: boolean }): JSX.Element | null {
  const { t } = useTranslation();
  const profile = useAppStore((s) => s.profile);
  if (!profile || !keepsWholeTownships(profile.role)) return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginTop: 12 }}
      data-testid="coordinator-edit-note"
      title={t(editing ? 'syncPlain.coordinatorEdit.editing' : 'syncPlain.coordinatorEdit.adding', { name: profile.name })}
    />
  );
}
