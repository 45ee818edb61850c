// Cells two devices changed without seeing each other's change: each competing value with who
// wrote it and when, the one the ledger shows marked. Choosing one (or typing another) resolves.
// A record one device deleted while another edited it is told in plain words, with its edits,
// and resolved as a whole: keep it deleted, or restore it (with the edits). Every conflict names
// its record (recordText.ts), a deleted one too.
import { CheckOutlined, DeleteOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Input, Space, Table, Tag, Typography } from 'antd';
import { useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConflictItem } from '../../../../shared/domain/sync';
import { api } from '../../api';
import { useNotifyError } from '../../errors/useNotifyError';
import { loose } from '../../ledgers/labels';
import { useAppStore } from '../../store/useAppStore';
import { deleteVsEditSentence, recordName } from './recordText';
import { deleteVsEditOf, fieldLabel, shortId, tableLabel, typedValue, valueText } from './syncText';

export interface ConflictsPanelProps {
  items: ConflictItem[];
  loading: boolean;
  /** After a resolve: read the list (and the menu's count) again. */
  onResolved: () => void;
}

const keyOf = (c: ConflictItem) => `${c.tbl}/${c.rowId}/${c.col}`;

export function ConflictsPanel({ items, loading, onResolved }: ConflictsPanelProps): JSX.Element {
  const { t, i18n } = useTranslation();
  const tl = loose(t);
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const language = useAppStore((s) => s.language);
  const villageName = useAppStore((s) => s.scopeVillages);
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);

  const nameOf = (h: ConflictItem['heads'][number]) => h.originName ?? t('sync.conflicts.unknownDevice', { id: shortId(h.origin) });
  const byText = (h: ConflictItem['heads'][number]) => t('sync.conflicts.by', { name: nameOf(h), time: new Date(h.at).toLocaleString(language) });

  /** Delete-vs-edit: what happened, who deleted, each edit (field, value, who), and the two ways out. */
  function rowChoice(c: ConflictItem, found: NonNullable<ReturnType<typeof deleteVsEditOf>>): JSX.Element {
    return (
      <div data-testid="conflict-row">
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          title={t('sync.conflicts.deletedEdited')}
          description={<span data-testid="conflict-summary">{deleteVsEditSentence(tl, language, (key) => i18n.exists(key), c, found, nameOf)}</span>}
        />
        <ul className="sync-receipt-lines">
          {found.deletions.map((h) => (
            <li key={h.changeId} data-testid="conflict-deletion">
              {t('sync.conflicts.deletedBy', { by: byText(h) })}
            </li>
          ))}
          {found.edits.map((h) => (
            <li key={h.changeId} data-testid="conflict-edit">
              {t('sync.conflicts.editedBy', {
                field: fieldLabel(tl, (key) => i18n.exists(key), c.tbl, h.col),
                value: valueText(tl, language, c.tbl, h.col, h.value),
                by: byText(h),
              })}
            </li>
          ))}
        </ul>
        <Space wrap style={{ marginTop: 4 }}>
          <Button icon={<DeleteOutlined />} loading={busy === keyOf(c)} onClick={() => void resolve(c, 'deleted')} data-testid="conflict-keep-deleted">
            {t('sync.conflicts.keepDeleted')}
          </Button>
          <Button type="primary" icon={<UndoOutlined />} loading={busy === keyOf(c)} onClick={() => void resolve(c, 'alive')} data-testid="conflict-restore">
            {t('sync.conflicts.restore')}
          </Button>
        </Space>
      </div>
    );
  }

  async function resolve(c: ConflictItem, value: string | number | null): Promise<void> {
    setBusy(keyOf(c));
    try {
      await api.conflicts.resolve({ tbl: c.tbl, rowId: c.rowId, col: c.col, value });
      void message.success(t('sync.conflicts.resolved'));
      setTyped(({ [keyOf(c)]: _, ...rest }) => rest);
      onResolved();
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(null);
    }
  }

  return (
    <Card data-testid="conflicts">
      <Typography.Paragraph type="secondary">{t('sync.conflicts.hint')}</Typography.Paragraph>
      <Table<ConflictItem>
        rowKey={keyOf}
        loading={loading}
        dataSource={items}
        pagination={items.length > 20 ? { pageSize: 20 } : false}
        locale={{ emptyText: t('sync.conflicts.empty') }}
        columns={[
          {
            key: 'ledger',
            title: t('sync.conflicts.ledger'),
            width: 160,
            render: (_, c) => (
              <div>
                <div>{tableLabel(tl, c.tbl)}</div>
                <div data-testid="conflict-record">{recordName(tl, language, c)}</div>
                <Typography.Text type="secondary">{villageName.find((v) => v.id === c.villageId)?.name ?? ''}</Typography.Text>
              </div>
            ),
          },
          {
            key: 'field',
            title: t('sync.conflicts.field'),
            width: 140,
            render: (_, c) => (deleteVsEditOf(c) ? t('sync.conflicts.wholeRecord') : fieldLabel(tl, (key) => i18n.exists(key), c.tbl, c.col)),
          },
          {
            key: 'values',
            title: t('sync.conflicts.values'),
            render: (_, c) => {
              const deleteVsEdit = deleteVsEditOf(c);
              if (deleteVsEdit) return rowChoice(c, deleteVsEdit);
              return (
              <Space direction="vertical" style={{ width: '100%' }}>
                {c.heads.map((h) => (
                  <div key={h.changeId} className={h.shown ? 'conflict-head conflict-head-shown' : 'conflict-head'} data-testid="conflict-head">
                    <div style={{ flex: 1, minWidth: 0 }}>
                      <Typography.Text strong>{valueText(tl, language, c.tbl, c.col, h.value)}</Typography.Text>{' '}
                      {h.shown && <Tag color="blue">{t('sync.conflicts.shown')}</Tag>}
                      <br />
                      <Typography.Text type="secondary">{byText(h)}</Typography.Text>
                    </div>
                    <Button
                      icon={<CheckOutlined />}
                      loading={busy === keyOf(c)}
                      onClick={() => void resolve(c, h.value)}
                      data-testid="conflict-choose"
                    >
                      {t('sync.conflicts.choose')}
                    </Button>
                  </div>
                ))}
                <Space.Compact style={{ width: '100%' }}>
                  <Input
                    placeholder={t('sync.conflicts.otherPlaceholder')}
                    aria-label={t('sync.conflicts.other')}
                    value={typed[keyOf(c)] ?? ''}
                    onChange={(e) => setTyped((all) => ({ ...all, [keyOf(c)]: e.target.value }))}
                    data-testid="conflict-other"
                  />
                  <Button
                    disabled={!(typed[keyOf(c)] ?? '').trim()}
                    loading={busy === keyOf(c)}
                    onClick={() => void resolve(c, typedValue(c.tbl, c.col, typed[keyOf(c)] ?? ''))}
                    data-testid="conflict-apply"
                  >
                    {t('sync.conflicts.apply')}
                  </Button>
                </Space.Compact>
              </Space>
              );
            },
          },
        ]}
      />
    </Card>
  );
}
