// Any ledger as a screen: its toolbar, one page of it, and the add/edit form. Used whole for a
// menu entry and embedded (fixed to a household or a project) inside a drawer.
import { App, Card, Typography } from 'antd';
import { useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { LedgerNoun } from '../../../shared/api/methods';
import { useNotifyError } from '../errors/useNotifyError';
import { useAppStore } from '../store/useAppStore';
import { LEDGER_EXTRAS } from './extras/registry';
import { ledgerTitle } from './labels';
import { ledgerApi } from './ledgerApi';
import { LedgerFormModal } from './LedgerFormModal';
import { LedgerTable } from './LedgerTable';
import { LedgerToolbar } from './LedgerToolbar';
import { useLedgerList } from './useLedgerList';
import type { LedgerRow } from './viewTypes';

export interface LedgerScreenProps {
  noun: LedgerNoun;
  /** Fields fixed by the parent (householdId of a household's members). */
  fixed?: Record<string, unknown>;
  /** The parent's village, for new records inside a drawer. */
  villageId?: string;
  embedded?: boolean;
}

const NO_FIXED = {};

export function LedgerScreen({ noun, fixed = NO_FIXED, villageId, embedded }: LedgerScreenProps): JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const noteLedgerChange = useAppStore((s) => s.noteLedgerChange);
  const { state, update, rows, total, loading } = useLedgerList(noun, fixed);
  const [editing, setEditing] = useState<{ row: LedgerRow | null } | null>(null);
  const hidden = Object.keys(fixed);
  const Header = LEDGER_EXTRAS[noun]?.header;

  async function onDelete(row: LedgerRow): Promise<void> {
    try {
      await ledgerApi(noun).delete({ id: row.id });
      noteLedgerChange();
      void message.success(t('ledgers.deleted'));
    } catch (error) {
      notifyError(error);
    }
  }

  const body = (
    <>
      {Header && <Header fixed={fixed} />}
      <LedgerToolbar noun={noun} state={state} update={update} hidden={hidden} embedded={embedded} onAdd={() => setEditing({ row: null })} />
      <LedgerTable
        noun={noun}
        rows={rows}
        total={total}
        loading={loading}
        state={state}
        update={update}
        hidden={hidden}
        onEdit={(row) => setEditing({ row })}
        onDelete={onDelete}
      />
      {editing && <LedgerFormModal noun={noun} row={editing.row} fixed={fixed} villageId={villageId} onClose={() => setEditing(null)} />}
    </>
  );
  return (
    <div data-testid={`ledger-${noun}`}>
      {embedded ? (
        body
      ) : (
        <>
          <Typography.Title level={3} className="screen-title">
            {ledgerTitle(t, noun)}
          </Typography.Title>
          <Card>{body}</Card>
        </>
      )}
    </div>
  );
}
