// One page of a ledger as a table: columns from its view, sorted and paged by the main
// process (clicking a header asks SQLite), overdue rows marked, edit and delete on each row.
// Every column has a width and the table's scroll width is their sum, so the pinned actions
// column sits beside the last column instead of over it.
import { Button, Popconfirm, Space, Table, Tag, Typography, type ButtonProps, type TableColumnsType, type TablePaginationConfig } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import type { HTMLAttributes, JSX, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { LedgerNoun } from '../../../shared/api/methods';
import { useAppStore } from '../store/useAppStore';
import { schemasOf } from './definitions';
import { displayText, isOverdue, todayIso } from './display';
import { LEDGER_EXTRAS } from './extras/registry';
import { useRowData } from './extras/useRowData';
import { fieldLabel } from './labels';
import type { ListState } from './useLedgerList';
import { LEDGER_VIEWS } from './views/index';
import type { FieldView, LedgerRow } from './viewTypes';

export interface LedgerTableProps {
  noun: LedgerNoun;
  rows: LedgerRow[];
  total: number;
  loading: boolean;
  state: ListState;
  update: (change: Partial<ListState>) => void;
  hidden: readonly string[];
  onEdit: (row: LedgerRow) => void;
  onDelete: (row: LedgerRow) => Promise<void>;
}

const UNSORTABLE = new Set(['reference', 'choices', 'duties', 'textarea']);

/** What a cell of each kind needs to show its value; long text takes what is left (at least FLEX_MIN). */
const KIND_WIDTH: Record<FieldView['kind'], number | null> = {
  text: 90, textarea: null, choice: 90, choices: 130, duty: 130, duties: 160, date: 100, money: 120, integer: 80, number: 80,
  boolean: 70, reference: 100, idNumber: 180, phone: 120,
};
const FLEX_MIN = 140;
const OVERDUE_TAG = 44;

/** A header's width: its words (a Chinese character about 14 px, a Latin letter 8), padding and a sort arrow. */
export function headerWidth(title: string, sortable: boolean): number {
  const text = [...title].reduce((sum, c) => sum + (/[\u2e80-\uffff]/.test(c) ? 14 : 8), 0);
  return Math.ceil(text + 20 + (sortable ? 16 : 0));
}

/** What a column takes of the table's scroll width: its own, or the least a flexible one is given. */
function widthOf(column: { width?: number | string }): number {
  return typeof column.width === 'number' ? column.width : FLEX_MIN;
}

export function LedgerTable({ noun, rows, total, loading, state, update, hidden, onEdit, onDelete }: LedgerTableProps): JSX.Element {
  const { t } = useTranslation();
  const { language, scopeVillages, ledgerVillageId } = useAppStore(
    useShallow((s) => ({ language: s.language, scopeVillages: s.scopeVillages, ledgerVillageId: s.ledgerVillageId })),
  );
  const view = LEDGER_VIEWS[noun];
  const { def } = schemasOf(noun);
  const extras = LEDGER_EXTRAS[noun];
  const rowData = useRowData(extras?.rowData, rows);
  const today = todayIso();
  const none = t('common.none');

  function cell(field: FieldView, row: LedgerRow): ReactNode {
    if (field.kind === 'boolean') return row[field.name] ? <Tag color="green">{t('ledgers.yes')}</Tag> : <Typography.Text type="secondary">{t('ledgers.no')}</Typography.Text>;
    const text = displayText(field, row, language);
    if (text === null) return none;
    if (def.due?.field === field.name && isOverdue(def.due, row, today)) {
      return (
        <Space size={4}>
          {text}
          <Tag color="red">{t('ledgers.overdue')}</Tag>
        </Space>
      );
    }
    if (field.kind === 'money') return <span className="mono">{text}</span>;
    if (field.kind === 'idNumber' || field.kind === 'phone') return <span className="mono">{text}</span>;
    return text;
  }

  const fieldColumns: TableColumnsType<LedgerRow> = view.columns
    .filter((name) => !hidden.includes(name))
    .map((name) => {
      const field = view.fields.find((x) => x.name === name)!;
      const sorted = state.sort?.field === name ? (state.sort.order === 'asc' ? 'ascend' : 'descend') : null;
      const title = field.kind === 'money' ? `${fieldLabel(t, noun, name)}${t('ledgers.yuanUnit')}` : fieldLabel(t, noun, name);
      const sortable = !UNSORTABLE.has(field.kind);
      const base = KIND_WIDTH[field.kind];
      const need = base === null ? null : base + (def.due?.field === name ? OVERDUE_TAG : 0);
      return {
        key: name,
        dataIndex: name,
        title,
        sorter: sortable,
        sortOrder: sorted,
        align: field.kind === 'money' || field.kind === 'integer' || field.kind === 'number' ? 'right' : undefined,
        ellipsis: field.kind === 'textarea' || field.kind === 'text' ? { showTitle: true } : undefined,
        width: need === null ? undefined : Math.max(need, headerWidth(title, sortable)),
        render: (_: unknown, row: LedgerRow) => cell(field, row),
      };
    });

  // Rows of several villages side by side (a coordinator's view) say which village each is from.
  const villageNames = new Map(scopeVillages.map((v) => [v.id, v.name]));
  const villageColumn: TableColumnsType<LedgerRow> =
    !ledgerVillageId && scopeVillages.length > 1
      ? [{ key: 'village', title: t('ledgers.village'), width: Math.max(80, headerWidth(t('ledgers.village'), false)), render: (_: unknown, row: LedgerRow) => villageNames.get(row.villageId) ?? none }]
      : [];

  const columns: TableColumnsType<LedgerRow> = [
    ...villageColumn,
    // What a ledger adds (a warning, a clock) leads: it is what a person scans the table for.
    ...(extras?.columns?.(t, language, rowData) ?? []),
    ...fieldColumns,
    ...(extras?.afterColumns?.(t, language, rowData) ?? []),
    {
      key: 'recordedBy',
      title: t('ledgers.recordedBy'),
      width: Math.max(80, headerWidth(t('ledgers.recordedBy'), false)),
      ellipsis: { showTitle: true },
      render: (_: unknown, row: LedgerRow) =>
        row.recordedBy ? (row.recordedBy.name ?? <span className="mono">{row.recordedBy.deviceId.slice(0, 8)}</span>) : none,
    },
    {
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      width: extras?.rowActions ? 180 : 100,
      render: (_: unknown, row) => (
        <Space size={0}>
          {extras?.rowActions?.(row)}
          <Button type="link" size="small" onClick={() => onEdit(row)} data-testid={`ledger-edit-${row.id}`}>
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('ledgers.confirmDelete')}
            description={t('ledgers.confirmDeleteBody')}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true, 'data-testid': 'ledger-delete-confirm' } as ButtonProps}
            onConfirm={() => onDelete(row)}
          >
            <Button type="link" size="small" danger data-testid={`ledger-delete-${row.id}`}>
              {t('common.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  function onChange(pagination: TablePaginationConfig, sorter: SorterResult<LedgerRow> | SorterResult<LedgerRow>[], action: string): void {
    if (action === 'paginate') return update({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? state.pageSize });
    const one = Array.isArray(sorter) ? sorter[0] : sorter;
    update({ sort: one?.order ? { field: String(one.columnKey), order: one.order === 'ascend' ? 'asc' : 'desc' } : undefined });
  }

  return (
    <Table<LedgerRow>
      data-testid={`ledger-${noun}-table`}
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={rows}
      loading={loading}
      scroll={{ x: columns.reduce((sum, column) => sum + widthOf(column), 0) }}
      tableLayout="fixed"
      rowClassName={(row) => (isOverdue(def.due, row, today) ? 'ledger-row-overdue' : '')}
      onRow={(row) => ({ 'data-testid': `ledger-row-${row.id}` }) as HTMLAttributes<HTMLElement>}
      onChange={(pagination, _filters, sorter, extra) => onChange(pagination, sorter, extra.action)}
      locale={{ emptyText: t('ledgers.empty') }}
      pagination={{
        current: state.page,
        pageSize: state.pageSize,
        total,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100],
        showTotal: (count) => t('ledgers.total', { count }),
      }}
    />
  );
}
