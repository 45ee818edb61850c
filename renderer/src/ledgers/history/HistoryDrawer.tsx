// A record's history in a drawer beside its form: newest first, who and which device, what each
// field was and became, open conflicts and the ones a person settled (records.history).
import { Alert, Drawer, Table, Tag, Typography } from 'antd';
import { useEffect, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { LedgerNoun } from '../../../../shared/api/methods';
import type { HistoryEntry } from '../../../../shared/domain/history';
import { api } from '../../api';
import { useAppStore } from '../../store/useAppStore';
import { loose } from '../labels';
import type { LedgerRow } from '../viewTypes';
import { changeText, shownEntries, whoText } from './historyText';

export interface HistoryDrawerProps {
  noun: LedgerNoun;
  row: LedgerRow;
  /** The record as its list names it (a household by its head), for the title. */
  title: string;
  onClose: () => void;
}

export function HistoryDrawer({ noun, row, title, onClose }: HistoryDrawerProps): JSX.Element {
  const { t } = useTranslation();
  const tl = loose(t);
  const language = useAppStore((s) => s.language);
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.records.history({ ledger: noun, id: row.id }).then(
      (result) => live && setEntries(shownEntries(result.entries)),
      (error: unknown) => live && setFailed(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      live = false;
    };
  }, [noun, row.id]);

  return (
    <Drawer open size={640} title={t('history.title', { record: title })} onClose={onClose} data-testid="history-drawer">
      {failed && <Alert type="error" showIcon title={t('history.loadFailed', { message: failed })} />}
      <Typography.Paragraph type="secondary">{t('history.masked')}</Typography.Paragraph>
      <Table<HistoryEntry>
        size="small"
        rowKey="changeId"
        loading={entries === null && !failed}
        dataSource={entries ?? []}
        pagination={false}
        locale={{ emptyText: t('history.empty') }}
        columns={[
          {
            key: 'when',
            title: t('history.when'),
            width: 150,
            render: (_, e) => new Date(e.at).toLocaleString(language),
          },
          {
            key: 'who',
            title: t('history.who'),
            width: 190,
            render: (_, e) => {
              const { person, device } = whoText(tl, e, language);
              return (
                <span data-testid="history-who">
                  {person}
                  <Typography.Text type="secondary" style={{ display: 'block' }}>
                    {device}
                  </Typography.Text>
                </span>
              );
            },
          },
          {
            key: 'what',
            title: t('history.what'),
            render: (_, e) => (
              <span data-testid="history-change">
                {e.kind === 'created' && e.field !== null && <Tag style={{ marginRight: 8 }}>{t('history.created')}</Tag>}
                {changeText(tl, noun, e, language, row)}
                {e.conflict && <Tag color="orange" style={{ marginLeft: 8 }}>{t('history.conflict')}</Tag>}
                {e.resolved && <Tag color="green" style={{ marginLeft: 8 }}>{t('history.resolved')}</Tag>}
              </span>
            ),
          },
        ]}
      />
    </Drawer>
  );
}
