// A report as plain data, built once and handed to every writer (XLSX, CSV, the preview): title
// rows, then tables, each with typed columns and rows that stream from SQLite. Totals and
// subtotals are rows like any other, carried as values — a viewer that never recalculates
// still shows them.
import type { LabelledValue, Lang } from '../../../shared/domain/labels';
import type { ThumbFiles } from './photos';
import type { CellValue, ColumnType, PrivacyMode, ReportKind, ReportPhotos, RowKind } from '../../../shared/domain/reports';

/** How a totals row fills a column: a sum, a count of true flags, or a ratio of two summed columns. */
export type TotalRule = 'sum' | 'count' | { readonly ratio: readonly [numerator: string, denominator: string] };

export interface ColumnDef {
  readonly key: string;
  readonly label: LabelledValue;
  readonly type: ColumnType;
  /** In characters; a Chinese character counts two. */
  readonly width: number;
  readonly total?: TotalRule;
}

export interface ReportRow {
  readonly kind: RowKind;
  readonly cells: readonly CellValue[];
  /** A cell of another type than its column's (the monthly overview mixes days, percentages and money). */
  readonly types?: readonly (ColumnType | undefined)[];
  /** The record's photos, drawn in the `photos` column (thumbnails asked for). */
  readonly photos?: ReportPhotos;
}

/** A data row's cells, with its record's photos where the table shows them. */
export type DataLine = readonly CellValue[] | { readonly cells: readonly CellValue[]; readonly photos: ReportPhotos };

export interface TableDef {
  readonly key: string;
  /** The sheet's name (at most 31 characters, as Excel allows). */
  readonly sheetName: string;
  /** The table's line under the report's title rows, its unit included. */
  readonly caption: string;
  readonly columns: readonly ColumnDef[];
  /** Rows expected, totals included (a progress bar's whole; counted before streaming). */
  readonly estimate: number;
  /** The rows in file order; called once per writer, each call a fresh stream. */
  rows(): Iterable<ReportRow>;
}

export interface ReportDefinition {
  readonly report: ReportKind;
  readonly language: Lang;
  readonly title: string;
  readonly titleRows: readonly string[];
  readonly scopeLabel: string;
  readonly from: string;
  readonly to: string;
  readonly privacy: PrivacyMode;
  /** A file name without extension. */
  readonly suggestedName: string;
  /** The footer's period text: `2026-10-01 至 2026-10-31`. */
  readonly periodText: string;
  readonly tables: readonly TableDef[];
  /** Where the thumbnails are kept, when the report draws them. */
  readonly thumbFiles?: ThumbFiles;
}

export function say(label: LabelledValue, lang: Lang): string {
  return lang === 'zh-CN' ? label.zh : label.en;
}

/** A column: `col('visits', '走访次数', 'Visits', 'integer', 10, 'sum')`. */
export function col(key: string, zh: string, en: string, type: ColumnType, width: number, total?: TotalRule): ColumnDef {
  return { key, label: { zh, en }, type, width, ...(total ? { total } : {}) };
}

function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/**
 * The data rows as they stream, then one totals row: `label(count)` in the first column, each
 * column's rule over the rows written (sums of fen stay whole numbers; ratios divide the sums).
 */
export function* withTotals(columns: readonly ColumnDef[], data: Iterable<DataLine>, label: (rows: number) => string): Generator<ReportRow> {
  const sums = columns.map(() => 0);
  let rows = 0;
  for (const line of data) {
    const cells = Array.isArray(line) ? (line as readonly CellValue[]) : (line as { cells: readonly CellValue[] }).cells;
    const photos = Array.isArray(line) ? undefined : (line as { photos: ReportPhotos }).photos;
    rows++;
    columns.forEach((column, i) => {
      const value = cells[i];
      if (column.total === 'sum' && typeof value === 'number') sums[i]! += value;
      else if (column.total === 'count' && value === true) sums[i]!++;
    });
    yield { kind: 'data', cells, ...(photos ? { photos } : {}) };
  }
  const at = (key: string) => sums[columns.findIndex((c) => c.key === key)] ?? 0;
  const totals: CellValue[] = columns.map((column, i) => {
    if (column.total === 'sum' || column.total === 'count') return sums[i]!;
    if (column.total && typeof column.total === 'object') return share(at(column.total.ratio[0]), at(column.total.ratio[1]));
    return null;
  });
  totals[0] = label(rows);
  // A count of flags is a number, in a column of 是 / blank.
  const types = columns.map((column) => (column.total === 'count' ? ('integer' as const) : undefined));
  yield { kind: 'total', cells: totals, ...(types.some(Boolean) ? { types } : {}) };
}

/** Excel's limits on a sheet name: 31 characters, none of : \ / ? * [ ]. */
export function sheetNameOf(name: string, taken: ReadonlySet<string>): string {
  const base = name.replace(/[:\\/?*[\]]/g, ' ').trim().slice(0, 31) || 'Sheet';
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base.slice(0, 31 - String(n).length - 1)}_${n}`;
  return candidate;
}
