// The preview: the same definition the writers get, read on the app's connection, each table's
// first rows (data and subtotals in file order) with its totals rows, whatever the limit. The
// report screen shows it; the print page lays it out for printing and PDF.
import type { ReportPreview, ReportRowView, ReportTableView } from '../../../shared/domain/reports';
import { say, type ReportDefinition, type ReportRow, type TableDef } from './model';

function rowView(row: ReportRow): ReportRowView {
  return { kind: row.kind, cells: [...row.cells], ...(row.types ? { types: row.types.map((t) => t ?? null) } : {}), ...(row.photos ? { photos: row.photos } : {}) };
}

export function tableView(table: TableDef, lang: 'zh-CN' | 'en', limit: number): ReportTableView {
  const rows: ReportRowView[] = [];
  const totals: ReportRowView[] = [];
  let dataRows = 0;
  let truncated = false;
  // Walked to the end: the totals come last, and the data rows are counted on the way.
  for (const row of table.rows()) {
    if (row.kind === 'data') dataRows++;
    if (row.kind === 'total') totals.push(rowView(row));
    else if (rows.length < limit) rows.push(rowView(row));
    else truncated = true;
  }
  return {
    key: table.key,
    sheetName: table.sheetName,
    caption: table.caption,
    columns: table.columns.map((c) => ({ key: c.key, header: say(c.label, lang), label: { zh: c.label.zh, en: c.label.en }, type: c.type, width: c.width })),
    rows,
    totals,
    dataRows,
    truncated,
  };
}

export function previewOf(def: ReportDefinition, limit: number): ReportPreview {
  return {
    report: def.report,
    language: def.language,
    title: def.title,
    titleRows: [...def.titleRows],
    scopeLabel: def.scopeLabel,
    from: def.from,
    to: def.to,
    privacy: def.privacy,
    suggestedName: def.suggestedName,
    tables: def.tables.map((t) => tableView(t, def.language, limit)),
  };
}
