// What every table of a report is built from: the connection it reads, the request, the scope's
// villages, the period's parameters (the dashboards' own), and the helpers that turn stored
// values into cells — enum labels in the report's language, ID and phone numbers masked unless
// the person asked for them in full.
import { maskIdNumber, maskPhone } from '../../../shared/domain/idNumber';
import { labelOf, type LabelledEnum } from '../../../shared/domain/labels';
import type { CellValue, ReportRequest } from '../../../shared/domain/reports';
import { isPublicNotice } from '../../../shared/domain/reports';
import type { Sqlite } from '../../../db/open';
import { periodParams, type FigureQuery, type PeriodParams } from '../../../db/dashboard/period';
import type { ReportVillage, VillageRow } from '../../../db/reports/villages';
import { col, type ColumnDef } from './model';
import type { ThumbFiles } from './photos';
import { villagesOf, type ResolvedScope } from './scope';

export interface ReportSource {
  readonly sqlite: Sqlite;
  readonly request: ReportRequest;
  readonly scope: ResolvedScope;
  readonly villages: readonly ReportVillage[];
  readonly query: FigureQuery;
  readonly p: PeriodParams;
  readonly threshold: number;
  /** The township's plan duties, in its order (its synced settings). */
  readonly duties: readonly string[];
  /** `2026-11-27 16:05`, China time. */
  readonly exportedAt: string;
  /** This device's kept files, where a report draws thumbnails (the request asks for them). */
  readonly files: ThumbFiles | null;
}

export function sourceOf(
  sqlite: Sqlite, request: ReportRequest, scope: ResolvedScope, today: string, township: { threshold: number; duties: readonly string[] }, now: number, files: ThumbFiles | null = null,
): ReportSource {
  const query: FigureQuery = { villageIds: scope.villageIds, from: request.from, to: request.to, today };
  const exportedAt = new Date(now + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
  return { sqlite, request, scope, villages: villagesOf(sqlite, scope), query, p: periodParams(query), threshold: township.threshold, duties: township.duties, exportedAt, files };
}

/** Whether this report may show ID and phone numbers in full: asked for, and never in a notice. */
export function showsFullNumbers(source: ReportSource): boolean {
  return source.request.showFullNumbers && !isPublicNotice(source.request.report);
}

export function idCell(source: ReportSource, id: string | null): CellValue {
  if (!id) return null;
  return showsFullNumbers(source) ? id : maskIdNumber(id);
}

export function phoneCell(source: ReportSource, phone: string | null): CellValue {
  if (!phone) return null;
  return showsFullNumbers(source) ? phone : maskPhone(phone);
}

/** An enum value by its label in the report's language; a value this version does not know, as stored. */
export function enumCell<V extends string>(source: ReportSource, labels: LabelledEnum<V>, value: string | null): CellValue {
  if (value === null || value === undefined) return null;
  return value in labels ? labelOf(labels, value as V, source.request.language) : value;
}

/** A JSON list of enum values (risk types, duties) as one line of labels. */
export function enumListCell<V extends string>(source: ReportSource, labels: LabelledEnum<V>, json: string | null): CellValue {
  let values: unknown;
  try {
    values = JSON.parse(json ?? '[]');
  } catch {
    values = [];
  }
  if (!Array.isArray(values) || values.length === 0) return null;
  return values.map((v) => String(enumCell(source, labels, String(v)))).join(source.request.language === 'zh-CN' ? '、' : ', ');
}

/** The place columns every ledger table starts with: the township too when a district is counted. */
export function placeColumns(source: ReportSource): ColumnDef[] {
  const village = col('village', '村', 'Village', 'text', 12);
  return source.scope.level === 'district' ? [col('township', '乡镇（街道）', 'Township', 'text', 12), village] : [village];
}

export function placeCells(source: ReportSource, village: ReportVillage): CellValue[] {
  return source.scope.level === 'district' ? [village.township, village.name] : [village.name];
}

/** Each streamed row as cells, the place first. */
export function* linesOf<R>(source: ReportSource, lines: Iterable<VillageRow<R>>, cells: (row: R) => CellValue[]): Generator<CellValue[]> {
  for (const { village, row } of lines) yield [...placeCells(source, village), ...cells(row)];
}

/** 0/1 from SQLite as a flag cell. */
export function flag(value: number | null): boolean {
  return value === 1;
}
