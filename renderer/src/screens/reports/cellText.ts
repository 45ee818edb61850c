// How a report table's cells and rows read on the screen and the print page: each cell in its
// own type where the row says so (the monthly overview mixes days, % and money), else the column's.
import { formatCell } from '../../../../shared/domain/reportCells';
import type { ColumnType, ReportColumnView, ReportRowView } from '../../../../shared/domain/reports';
import type { Lang } from '../../../../shared/domain/labels';

const NUMERIC: readonly ColumnType[] = ['integer', 'decimal', 'yuan', 'wanYuan', 'percent'];

export function isNumericColumn(column: ReportColumnView): boolean {
  return NUMERIC.includes(column.type);
}

export function cellText(columns: readonly ReportColumnView[], row: ReportRowView, index: number, lang: Lang): string {
  const type = row.types?.[index] ?? columns[index]?.type ?? 'text';
  return formatCell(type, row.cells[index] ?? null, lang);
}
