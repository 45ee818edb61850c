// The preview's tables on the report screen: each under its caption, subtotal rows bold inside
// the table and the totals row(s) kept in view at its foot, with how many rows the file will hold.
import { Table, Typography } from 'antd';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportPreview, ReportRowView, ReportTableView } from '../../../../shared/domain/reports';
import type { Lang } from '../../../../shared/domain/labels';
import { cellText, isNumericColumn } from './cellText';
import './reports.css';

interface Row {
  key: number;
  row: ReportRowView;
}

function PreviewTable({ table, lang }: { table: ReportTableView; lang: Lang }): JSX.Element {
  const { t } = useTranslation();
  const columns = table.columns.map((column, i) => ({
    key: column.key,
    title: column.header,
    align: isNumericColumn(column) ? ('right' as const) : undefined,
    width: Math.max(64, Math.min(260, column.width * 8 + 16)),
    render: (_: unknown, { row }: Row) => cellText(table.columns, row, i, lang),
  }));
  return (
    <div className="report-table" data-testid={`report-table-${table.key}`}>
      <Typography.Text strong>{table.caption}</Typography.Text>
      <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
        {t('reports.preview.rows', { count: table.dataRows })}
      </Typography.Text>
      <Table<Row>
        size="small"
        bordered
        columns={columns}
        dataSource={table.rows.map((row, key) => ({ key, row }))}
        rowClassName={({ row }) => (row.kind === 'data' ? '' : 'report-row-total')}
        pagination={table.rows.length > 20 ? { pageSize: 20, showSizeChanger: false, size: 'small' } : false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('reports.preview.empty') }}
        summary={() =>
          table.totals.length > 0 ? (
            <Table.Summary fixed>
              {table.totals.map((row, r) => (
                <Table.Summary.Row key={r} className="report-row-total" data-testid={`report-total-${table.key}`}>
                  {table.columns.map((column, i) => (
                    <Table.Summary.Cell key={column.key} index={i} align={isNumericColumn(column) ? 'right' : undefined}>
                      {cellText(table.columns, row, i, lang)}
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              ))}
            </Table.Summary>
          ) : null
        }
      />
      {table.truncated && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('reports.preview.truncated', { shown: table.rows.filter((row) => row.kind === 'data').length, count: table.dataRows })}
        </Typography.Text>
      )}
    </div>
  );
}

export function ReportTables({ preview }: { preview: ReportPreview }): JSX.Element {
  return (
    <div data-testid="report-preview">
      <Typography.Title level={4} style={{ marginTop: 0, marginBottom: 4, textAlign: 'center' }} data-testid="report-title">
        {preview.title}
      </Typography.Title>
      {preview.titleRows.map((line, i) => (
        <Typography.Paragraph key={i} type="secondary" style={{ marginBottom: 2, textAlign: 'center', fontSize: 13 }} data-testid="report-title-row">
          {line}
        </Typography.Paragraph>
      ))}
      {preview.tables.map((table) => (
        <PreviewTable key={table.key} table={table} lang={preview.language} />
      ))}
    </div>
  );
}
