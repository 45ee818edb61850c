// The rows refused: the row number in the file, the column's header, and the reason in words.
import { Table, Typography } from 'antd';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportLedger, ImportRefusal } from '../../../../shared/domain/imports';
import { loose } from '../../ledgers/labels';
import { importFieldLabel } from './fieldLabel';

export function useRefusalText(): (refusal: ImportRefusal) => string {
  const { t } = useTranslation();
  return (refusal) => loose(t)(refusal.message, refusal.params ?? {});
}

export function RefusalsTable({ ledger, refusals, total }: { ledger: ImportLedger; refusals: readonly ImportRefusal[]; total: number }): JSX.Element {
  const { t, i18n } = useTranslation();
  const reason = useRefusalText();
  return (
    <>
      <Table<ImportRefusal & { key: number }>
        size="small"
        data-testid="imports-refusals"
        dataSource={refusals.map((r, key) => ({ ...r, key }))}
        pagination={refusals.length > 8 ? { pageSize: 8, showSizeChanger: false, size: 'small' } : false}
        columns={[
          { title: t('imports.refusal.row'), dataIndex: 'row', width: 70 },
          // A field the file has no column for (a member's relation left out) is named by its label.
          { title: t('imports.refusal.column'), dataIndex: 'column', width: 130, render: (c: string | null, r: ImportRefusal) => c ?? (r.field ? importFieldLabel(t, i18n, ledger, r.field) : t('common.none')) },
          { title: t('imports.refusal.reason'), key: 'reason', render: (_: unknown, r: ImportRefusal) => reason(r) },
        ]}
      />
      {total > refusals.length && <Typography.Text type="secondary">{t('imports.check.moreRefused', { shown: refusals.length, total })}</Typography.Text>}
    </>
  );
}
