// 历史 on a record's form: opens its history in a drawer beside the form.
import { HistoryOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { LedgerNoun } from '../../../../shared/api/methods';
import { useAppStore } from '../../store/useAppStore';
import { loose } from '../labels';
import { LEDGER_VIEWS } from '../views/index';
import type { LedgerRow } from '../viewTypes';
import { HistoryDrawer } from './HistoryDrawer';
import { valueText } from './historyText';

export function HistoryButton({ noun, row }: { noun: LedgerNoun; row: LedgerRow }): JSX.Element {
  const { t } = useTranslation();
  const language = useAppStore((s) => s.language);
  const [open, setOpen] = useState(false);
  // The record named as its list's first column names it (a household by its head).
  const first = LEDGER_VIEWS[noun].columns[0]!;
  const title = valueText(loose(t), noun, first, (row[first] ?? null) as string | number | null, language, row);
  return (
    <>
      <Button size="small" icon={<HistoryOutlined />} title={t('history.openHint')} onClick={() => setOpen(true)} style={{ marginLeft: 12 }} data-testid="history-open">
        {t('history.open')}
      </Button>
      {open && <HistoryDrawer noun={noun} row={row} title={title} onClose={() => setOpen(false)} />}
    </>
  );
}
