// Villages (or townships) side by side: one row each, every measure a sortable column, the five
// with lines first and coloured, every figure a link to its records, and the whole's totals in
// a last row. The first column stays put while the rest scroll, so it reads at 1366×768.
import { Card, Table, Typography, type TableColumnType, type TableColumnsType } from 'antd';
import { useMemo, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { Measures, Thresholds } from '../../../../../shared/domain/dashboard';
import { loose } from '../../../ledgers/labels';
import type { Route } from '../../../shell/route';
import { navigate } from '../../../shell/useRoute';
import { measureLink, type FigureScope } from '../figureLinks';
import { columnWidth, compareMeasure, isThresholdMeasure, MEASURE_GROUPS, type MeasureKey } from './measureColumns';
import { MeasureCell } from './MeasureCell';
import { cellRag, linesText } from './rag';

/** Several villages show these as the mean per village, not a sum (shared/domain/dashboard). */
const MEAN_MEASURES = new Set<MeasureKey>(['presenceMonthDays', 'presenceYearDays', 'leaveMonthDays', 'leaveYearDays', 'diaryMonthEntries']);

export interface MeasureTableProps<R extends Measures> {
  rows: readonly R[];
  rowKey: (row: R) => string;
  /** The fixed first column: the village or township, a link one level down. */
  first: TableColumnType<R>;
  /** Whose records a row's figures count (a village, or null for several). */
  scopeOf: (row: R) => FigureScope;
  /** Where a figure leads; by default the ledger list behind it. */
  linkOf?: (measure: MeasureKey, scope: FigureScope) => Route;
  totals: Measures;
  totalsLabel: string;
  totalsScope: FigureScope;
  /** The lines in force (null until read: cells stay plain). */
  lines: Thresholds | null;
  loading: boolean;
  testId: string;
}

export function MeasureTable<R extends Measures>(props: MeasureTableProps<R>): JSX.Element {
  const { rows, rowKey, first, scopeOf, totals, totalsLabel, totalsScope, lines, loading, testId } = props;
  const linkOf = props.linkOf ?? measureLink;
  const { t } = useTranslation();
  const lt = loose(t);

  const columns = useMemo<TableColumnsType<R>>(() => {
    const cell = (key: MeasureKey, value: number | null, scope: FigureScope, id: string) => (
      <MeasureCell
        measure={key}
        value={value}
        rag={lines ? cellRag(key, value, lines) : null}
        linesText={lines && isThresholdMeasure(key) ? linesText(lt, key, lines) : undefined}
        onOpen={() => navigate(linkOf(key, scope))}
        testId={`cell-${id}-${key}`}
      />
    );
    const groups = MEASURE_GROUPS.map(({ group, measures }) => ({
      key: group,
      title: t(`dashboard.measures.groups.${group}`),
      children: measures.map(
        (key): TableColumnType<R> => ({
          key,
          dataIndex: key,
          title: t(`dashboard.measures.${key}`),
          width: columnWidth(key, t(`dashboard.measures.${key}`)),
          align: 'right',
          sorter: compareMeasure<R>(key),
          sortDirections: ['descend', 'ascend'],
          showSorterTooltip: false,
          render: (_: unknown, row: R) => cell(key, row[key], scopeOf(row), rowKey(row)),
        }),
      ),
    }));
    return [{ ...first, fixed: 'left' }, ...groups];
  }, [t, lt, first, lines, linkOf, scopeOf, rowKey]);

  const leaves = MEASURE_GROUPS.flatMap((g) => g.measures);
  const scrollX = (first.width as number) + leaves.reduce((sum, key) => sum + columnWidth(key, t(`dashboard.measures.${key}`)), 0);

  return (
    <Table<R>
      data-testid={testId}
      size="small"
      bordered
      rowKey={rowKey}
      columns={columns}
      dataSource={rows as R[]}
      loading={loading}
      pagination={false}
      scroll={{ x: scrollX }}
      summary={() => (
        <Table.Summary>
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <strong>{totalsLabel}</strong>
            </Table.Summary.Cell>
            {leaves.map((key, i) => (
              <Table.Summary.Cell key={key} index={i + 1} align="right">
                <MeasureCell
                  measure={key}
                  value={totals[key]}
                  rag={lines ? cellRag(key, totals[key], lines) : null}
                  linesText={lines && isThresholdMeasure(key) ? linesText(lt, key, lines) : undefined}
                  note={MEAN_MEASURES.has(key) && rows.length > 1 ? t('dashboard.measures.meanHint') : undefined}
                  onOpen={() => navigate(linkOf(key, totalsScope))}
                  testId={`cell-totals-${key}`}
                />
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        </Table.Summary>
      )}
    />
  );
}

/** The table in its card, as both overviews show it: a title and the hint that cells are links. */
export function MeasureTableCard<R extends Measures>({ title, ...table }: MeasureTableProps<R> & { title: string }): JSX.Element {
  const { t } = useTranslation();
  return (
    <Card size="small" title={title} extra={<Typography.Text type="secondary">{t('dashboard.township.sortHint')}</Typography.Text>} style={{ marginBottom: 16 }}>
      <MeasureTable<R> {...table} />
    </Card>
  );
}
