// Step 2: each column of the file with its header and a few values, and what it is imported as
// (guessed from the header, or remembered from the last import); the first rows underneath.
import { Alert, Flex, InputNumber, Select, Table, Typography } from 'antd';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { HEADER_SEARCH_ROWS, IMPORT_COLUMNS, REQUIRED_COLUMNS, type ImportLedger, type ImportMapping, type ImportPreview } from '../../../../shared/domain/imports';
import { importFieldLabel } from './fieldLabel';

export interface MappingStepProps {
  ledger: ImportLedger;
  preview: ImportPreview;
  mapping: ImportMapping;
  onMapping: (mapping: ImportMapping) => void;
  onHeaderRow: (row: number) => void;
}

export function MappingStep({ ledger, preview, mapping, onMapping, onHeaderRow }: MappingStepProps): JSX.Element {
  const { t, i18n } = useTranslation();
  const label = (field: string) => importFieldLabel(t, i18n, ledger, field);
  const fields = Object.keys(IMPORT_COLUMNS[ledger]);
  const fieldOf = (column: number) => mapping.find((m) => m.column === column)?.field ?? '';
  const choose = (column: number, field: string) => {
    const rest = mapping.filter((m) => m.column !== column && m.field !== field);
    onMapping(field ? [...rest, { column, field }].sort((a, b) => a.column - b.column) : rest);
  };
  const stillMissing = REQUIRED_COLUMNS[ledger].filter((f) => !mapping.some((m) => m.field === f));
  return (
    <Flex vertical gap={12}>
      <Flex gap={12} align="center" wrap>
        <Typography.Text>{t('imports.map.intro', { row: preview.headerRow })}</Typography.Text>
        <Typography.Text type="secondary">{t(`imports.map.${preview.mappingFrom}`)}</Typography.Text>
        {preview.encoding && <Typography.Text type="secondary">{t('imports.map.csvEncoding', { encoding: preview.encoding })}</Typography.Text>}
        <Flex gap={6} align="center">
          <Typography.Text>{t('imports.map.headerRow')}</Typography.Text>
          <InputNumber
            size="small"
            min={1}
            max={HEADER_SEARCH_ROWS}
            value={preview.headerRow}
            onChange={(v) => typeof v === 'number' && v !== preview.headerRow && onHeaderRow(v)}
            data-testid="imports-header-row"
            style={{ width: 64 }}
          />
        </Flex>
      </Flex>
      {stillMissing.length > 0 && <Alert type="warning" showIcon title={t('imports.map.missing', { fields: stillMissing.map(label).join('、') })} />}
      <Table
        size="small"
        data-testid="imports-mapping"
        pagination={false}
        scroll={{ y: 196 }}
        dataSource={preview.columns.map((c) => ({ ...c, key: c.index }))}
        columns={[
          { title: t('imports.map.column'), dataIndex: 'header', width: 160, render: (h: string, c) => h || `#${c.index + 1}` },
          { title: t('imports.map.samples'), dataIndex: 'samples', ellipsis: true, render: (s: string[]) => s.join(' / ') },
          {
            title: t('imports.map.field'),
            key: 'field',
            width: 220,
            render: (_: unknown, c) => (
              <Select
                size="small"
                value={fieldOf(c.index)}
                onChange={(v: string) => choose(c.index, v)}
                options={[{ value: '', label: t('imports.map.skip') }, ...fields.map((f) => ({ value: f, label: label(f) }))]}
                data-testid={`imports-map-${c.index}`}
                aria-label={`${t('imports.map.field')} ${c.header}`}
                style={{ width: 200 }}
              />
            ),
          },
        ]}
      />
      <Typography.Text strong>{t('imports.map.preview', { count: preview.sample.length })}</Typography.Text>
      <Table
        size="small"
        pagination={false}
        tableLayout="fixed"
        scroll={{ x: 56 + 128 * preview.columns.length, y: 112 }}
        dataSource={preview.sample.map((r) => ({ key: r.row, row: r.row, ...Object.fromEntries(r.cells.map((c, i) => [`c${i}`, c])) }))}
        columns={[
          { title: t('imports.map.row'), dataIndex: 'row', width: 56, fixed: 'left' as const },
          ...preview.columns.map((c) => ({ title: fieldOf(c.index) ? label(fieldOf(c.index)) : c.header || `#${c.index + 1}`, dataIndex: `c${c.index}`, ellipsis: true, width: 128 })),
        ]}
      />
    </Flex>
  );
}
