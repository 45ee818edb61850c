// The CSV writer: UTF-8 with a byte-order mark (so Excel and WPS read Chinese right), CRLF lines,
// RFC 4180 quoting. The title rows come first, one per line; then each table under its caption,
// its header and rows, a blank line between tables. Numbers are plain (1234.50, 85.3%) so a
// spreadsheet reads them as numbers.
//
// Formula injection: a text cell that begins with = + - @, a tab or a carriage return is written
// with a leading apostrophe ('=1+1), which Excel and WPS show as text and never evaluate. A code
// (an ID, phone or voucher number) made only of digits gets a leading tab instead, so a
// spreadsheet keeps it as text rather than rounding it to 3.70402E+17 or dropping a leading 0.
import { once } from 'node:events';
import { formatCell } from '../../../shared/domain/reportCells';
import type { CellValue, ColumnType } from '../../../shared/domain/reports';
import type { ReportDefinition, ReportRow, TableDef } from './model';
import { ROWS_PER_SLICE, type WriteControl } from './xlsxWriter';
import { openPartStream } from './files';

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A cell as CSV text: numbers formatted plainly, text guarded against formulas. */
export function csvCell(type: ColumnType, value: CellValue, lang: 'zh-CN' | 'en'): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') {
    if (type === 'code' && /^\d+$/.test(value)) return csvField(`\t${value}`);
    return csvField(FORMULA_START.test(value) ? `'${value}` : value);
  }
  return csvField(formatCell(type, value, lang, 'csv'));
}

function rowLine(table: TableDef, row: ReportRow, lang: 'zh-CN' | 'en'): string {
  return table.columns.map((column, i) => csvCell(row.types?.[i] ?? column.type, row.cells[i] ?? null, lang)).join(',');
}

export async function writeCsv(def: ReportDefinition, file: string, control: WriteControl): Promise<number> {
  const { stream, closed, throwIfFailed, abandon } = openPartStream(file, 'utf8');
  let pending = '';
  const flush = async () => {
    if (!pending) return;
    const ok = stream.write(pending);
    pending = '';
    if (ok) return;
    throwIfFailed();
    await once(stream, 'drain');
  };
  const line = (text: string) => {
    pending += `${text}\r\n`;
  };
  const lang = def.language;
  let written = 0;
  try {
    pending = '\uFEFF';
    const text = (s: string) => csvCell('text', s, lang);
    line(text(def.title));
    for (const title of def.titleRows) line(text(title));
    for (const table of def.tables) {
      line('');
      line(text(table.caption));
      line(table.columns.map((c) => text(lang === 'zh-CN' ? c.label.zh : c.label.en)).join(','));
      for (const row of table.rows()) {
        line(rowLine(table, row, lang));
        if (++written % ROWS_PER_SLICE === 0) {
          await flush();
          await control.tick(written);
        }
      }
      await flush();
      await control.tick(written);
    }
    await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
    await closed;
    return written;
  } catch (error) {
    throw await abandon(error);
  }
}
