// Rows of households already in the ledger: which household each adds members to (its head and
// group as kept), the rows whose member joins it, and the rows whose member it already has.
import { Table, Typography } from 'antd';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportJoin } from '../../../../shared/domain/imports';

export function JoinsTable({ joins, done }: { joins: readonly ImportJoin[]; done: boolean }): JSX.Element | null {
  const { t } = useTranslation();
  if (joins.length === 0) return null;
  const rows = (list: readonly number[]) => (list.length ? list.join(t('imports.joins.rowSeparator')) : t('common.none'));
  return (
    <>
      <Typography.Text strong>{done ? t('imports.joins.titleDone', { count: joins.length }) : t('imports.joins.title', { count: joins.length })}</Typography.Text>
      <Table<ImportJoin & { key: number }>
        size="small"
        data-testid="imports-joins"
        dataSource={joins.map((j, key) => ({ ...j, key }))}
        pagination={joins.length > 5 ? { pageSize: 5, showSizeChanger: false, size: 'small' } : false}
        columns={[
          {
            title: t('imports.joins.household'),
            key: 'household',
            width: 170,
            render: (_: unknown, j: ImportJoin) => (j.villagerGroup ? t('imports.joins.householdInGroup', { head: j.household, group: j.villagerGroup }) : j.household),
          },
          { title: t('imports.joins.rows'), key: 'rows', width: 110, render: (_: unknown, j: ImportJoin) => rows(j.rows) },
          { title: t('imports.joins.added'), key: 'added', render: (_: unknown, j: ImportJoin) => rows(j.added) },
          { title: t('imports.joins.present'), key: 'present', render: (_: unknown, j: ImportJoin) => rows(j.present) },
        ]}
      />
    </>
  );
}
