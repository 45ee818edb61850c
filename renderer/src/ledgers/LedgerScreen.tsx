// Any ledger as a screen: its toolbar, one page of it, and the add/edit form. Used whole for a
// menu entry and embedded (fixed to a household or a project) inside a drawer. A menu entry
// keeps its filters, page and the record open in the address, so a reload shows them again.
import { App, Card, Typography } from 'antd';
import { useEffect, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { LedgerNoun } from '../../../shared/api/methods';
import { useNotifyError } from '../errors/useNotifyError';
import { ledgerRoute, type LedgerLink } from '../shell/route';
import { replaceRoute } from '../shell/useRoute';
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
  /** Where a link (a dashboard figure) asked the list to start: its filters, period, a record to open. */
  link?: LedgerLink;
  /** Write the list's state and the open record into the window's address as they change. */
  keepInAddress?: boolean;
}

const NO_FIXED = {};
const NO_LINK: LedgerLink = {};

export function LedgerScreen({ noun, fixed = NO_FIXED, villageId, embedded, link: linkGiven = NO_LINK, keepInAddress }: LedgerScreenProps): JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const noteLedgerChange = useAppStore((s) => s.noteLedgerChange);
  const setLedgerVillageId = useAppStore((s) => s.setLedgerVillageId);
  const ledgerVillageId = useAppStore((s) => s.ledgerVillageId);
  // Where the screen started: the address changes under it as it writes its own state there.
  const [link] = useState(linkGiven);
  const { state, update, rows, total, loading } = useLedgerList(noun, fixed, {
    filters: link.filters ?? {},
    from: link.from,
    to: link.to,
    dateField: link.dateField,
    township: link.township ?? undefined,
    overdue: link.overdue ?? false,
    search: link.search ?? '',
    sort: link.sort,
    page: link.page ?? 1,
  });
  const [editing, setEditing] = useState<{ row: LedgerRow | null } | null>(null);
  // The record a link names stays in the address while it is being fetched, so a screen started
  // again meanwhile (the address moving and its visit counted in two renders) still opens it.
  const [opening, setOpening] = useState(link.id);
  const editingId = editing?.row?.id ?? opening;

  useEffect(() => {
    if (!keepInAddress) return;
    const filters = Object.fromEntries(
      Object.entries(state.filters).filter((entry): entry is [string, string | number | boolean] => ['string', 'number', 'boolean'].includes(typeof entry[1]) && entry[1] !== ''),
    );
    replaceRoute(
      ledgerRoute(noun, {
        village: ledgerVillageId,
        township: state.township,
        filters,
        from: state.from,
        to: state.to,
        dateField: state.dateField,
        overdue: state.overdue,
        search: state.search.trim(),
        sort: state.sort,
        page: state.page,
        id: editingId,
      }),
    );
  }, [keepInAddress, noun, state, ledgerVillageId, editingId]);

  // A link names the village its figure counted (or none: every village) and may open one record.
  useEffect(() => {
    if (embedded || link === NO_LINK) return;
    setLedgerVillageId(link.village ?? null);
    if (!link.id) return;
    let live = true;
    ledgerApi(noun)
      .get({ id: link.id })
      .then((row) => live && setEditing({ row }))
      .catch((error: unknown) => live && notifyError(error))
      .finally(() => live && setOpening(undefined));
    return () => {
      live = false;
    };
  }, [embedded, link, noun, notifyError, setLedgerVillageId]);
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
