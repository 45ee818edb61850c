// The XLSX writer: exceljs's streaming WorkbookWriter, one sheet per table, each row committed as
// it comes (flat memory whatever the row count). Each sheet opens with the report's title rows
// merged across the table, the header row frozen below them and repeated on every printed page,
// number formats for 元, 万元 and percentages, A4 landscape fitted to the page width, and the
// period and page numbers in the footer. Totals are written as values.
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import { FLAG_WORD } from '../../../shared/domain/reportCells';
import type { CellValue, ColumnType } from '../../../shared/domain/reports';
import { sheetNameOf, type ReportDefinition, type ReportRow, type TableDef } from './model';
import { THUMB_GAP_PX, THUMB_HEIGHT_PX } from './photos';
import { workbookImages, type SheetImages } from './xlsxImages';
import { wordsOf } from './words';
import { openPartStream } from './files';

/** Between batches of rows a writer yields to the event loop; `tick` throws when the job is stopped. */
export interface WriteControl {
  tick(rowsWritten: number): Promise<void>;
}

/** Rows written between two yields. */
export const ROWS_PER_SLICE = 500;

export const NUMBER_FORMATS: Readonly<Partial<Record<ColumnType, string>>> = {
  integer: '#,##0',
  decimal: '#,##0.0',
  yuan: '#,##0.00',
  wanYuan: '#,##0.00',
  percent: '0.0%',
  date: 'yyyy-mm-dd',
};

const thin = { style: 'thin' as const, color: { argb: 'FF999999' } };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };
const FILL_HEADER = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFE8EEF5' } };
const FILL_SUBTOTAL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFF3F3F3' } };
const FILL_TOTAL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFFFF4D6' } };

/** A cell's value as Excel keeps it: money in 元 or 万元, dates as dates, flags as 是 / Yes. */
export function excelValue(type: ColumnType, value: CellValue, lang: 'zh-CN' | 'en'): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (type === 'flag') return value === true ? FLAG_WORD[lang] : null;
  if (typeof value === 'number') {
    if (type === 'yuan') return value / 100;
    if (type === 'wanYuan') return value / 1_000_000;
    return value;
  }
  if (type === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const day = new Date(`${value}T00:00:00Z`);
    if (!Number.isNaN(day.getTime())) return day;
  }
  return typeof value === 'boolean' ? String(value) : value;
}

/** `&` is the footer's escape character. */
function footerText(text: string): string {
  return text.replace(/&/g, '&&');
}

function addSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, def: ReportDefinition, table: TableDef, name: string) {
  const lines = [def.title, ...def.titleRows, table.caption];
  const headerRow = lines.length + 1;
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}`, activeCell: `A${headerRow + 1}` }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: `${headerRow}:${headerRow}`,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
    },
    headerFooter: {
      oddFooter: `&L${footerText(def.periodText)}&C${wordsOf(def.language).footerPage}&R${footerText(def.title)}`,
    },
  });
  sheet.columns = table.columns.map((c) => ({ width: c.width + 2 }));
  const span = Math.max(1, table.columns.length);
  lines.forEach((text, i) => {
    const row = sheet.getRow(i + 1);
    const cell = row.getCell(1);
    cell.value = text;
    if (i === 0) {
      cell.font = { bold: true, size: 16 };
      cell.alignment = { horizontal: 'center', vertical: 'middle' };
      row.height = 28;
    } else if (i === lines.length - 1) {
      cell.font = { bold: true, size: 11 };
      cell.alignment = { horizontal: 'left', vertical: 'middle' };
    } else {
      cell.font = { size: 10 };
      cell.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
    }
    if (span > 1) sheet.mergeCells(i + 1, 1, i + 1, span);
    row.commit();
  });
  const header = sheet.getRow(headerRow);
  table.columns.forEach((column, i) => {
    const cell = header.getCell(i + 1);
    cell.value = def.language === 'zh-CN' ? column.label.zh : column.label.en;
    cell.font = { bold: true };
    cell.fill = FILL_HEADER;
    cell.border = BORDER;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  header.commit();
  return sheet;
}

/**
 * One style object per column, row kind and format, made once and shared by every cell that wears
 * it: exceljs recognises a style object it has seen (a WeakMap), so a district's ledger is not
 * serialised style by style, cell by cell.
 */
function styleCache() {
  const made = new Map<string, Partial<ExcelJS.Style>>();
  return (column: TableDef['columns'][number], kind: ReportRow['kind'], format: string | undefined): Partial<ExcelJS.Style> => {
    const key = `${column.key}|${column.type}|${column.width}|${kind}|${format ?? ''}`;
    let style = made.get(key);
    if (!style) {
      style = {
        ...(format ? { numFmt: format } : {}),
        border: BORDER,
        alignment: { vertical: 'middle', wrapText: column.type === 'text' && column.width >= 20 },
        ...(kind === 'data' ? {} : { font: { bold: true }, fill: kind === 'total' ? FILL_TOTAL : FILL_SUBTOTAL }),
      };
      made.set(key, style);
    }
    return style;
  };
}

/** The photos cell: its note (`+2`, what is not on this device) at the bottom right, clear of the thumbnails. */
const PHOTO_NOTE_STYLE: Partial<ExcelJS.Style> = { border: BORDER, alignment: { horizontal: 'right', vertical: 'bottom', wrapText: true }, font: { size: 9, color: { argb: 'FF666666' } } };
/** A row with thumbnails is as high as they are, with a margin (points: ¾ of a pixel). */
const PHOTO_ROW_HEIGHT = Math.ceil(((THUMB_HEIGHT_PX + 2 * THUMB_GAP_PX) * 3) / 4);

function writeRow(sheet: ExcelJS.Worksheet, table: TableDef, row: ReportRow, lang: 'zh-CN' | 'en', styleOf: ReturnType<typeof styleCache>, images: SheetImages | null): void {
  const line = sheet.addRow([]);
  table.columns.forEach((column, i) => {
    const type = row.types?.[i] ?? column.type;
    const cell = line.getCell(i + 1);
    if (images && row.photos && column.key === 'photos') {
      // Drawn, not written: the cell keeps only what the thumbnails leave unsaid.
      cell.value = images.place(line.number, i + 1, row.photos) > 0 ? row.photos.note || null : (row.cells[i] ?? null);
      cell.style = PHOTO_NOTE_STYLE;
      if (row.photos.thumbs.length > 0) line.height = PHOTO_ROW_HEIGHT;
      return;
    }
    const value = excelValue(type, row.cells[i] ?? null, lang);
    cell.value = value;
    const format = typeof row.cells[i] === 'number' || value instanceof Date ? NUMBER_FORMATS[type] : undefined;
    cell.style = styleOf(column, row.kind, format);
  });
  line.commit();
}

/** A writable stream as exceljs's zip library (readable-stream 2) keeps it: no writableNeedDrain there. */
interface ZipEntryStream extends NodeJS.EventEmitter {
  readonly writableNeedDrain?: boolean;
  readonly _writableState?: { needDrain?: boolean };
}

const needsDrain = (stream: ZipEntryStream) => stream.writableNeedDrain ?? stream._writableState?.needDrain ?? false;

/**
 * Waits while the zip entry the sheet streams into holds more than it can take: exceljs's sheet
 * stream ignores backpressure, so without this a fast producer would pile a district's ledger up
 * in memory ahead of the compressor. Yields (and heeds Stop) while it waits.
 */
async function drained(sheet: ExcelJS.Worksheet, control: WriteControl, written: number, throwIfFailed: () => void): Promise<void> {
  const pipes = (sheet as unknown as { stream?: { pipes?: ZipEntryStream[] } }).stream?.pipes ?? [];
  for (const pipe of pipes) {
    while (needsDrain(pipe)) {
      throwIfFailed(); // a failed file never drains
      const waited = new AbortController();
      const timer = setTimeout(() => waited.abort(), 100);
      try {
        await once(pipe, 'drain', { signal: waited.signal });
      } catch {
        // Not drained within 100 ms: look again after a turn (and a chance to Stop).
      } finally {
        clearTimeout(timer);
      }
      await control.tick(written);
    }
  }
}

/** Writes the whole report to `file` (the caller's `.part`); resolves once the file is closed. */
export async function writeXlsx(def: ReportDefinition, file: string, control: WriteControl): Promise<number> {
  const { stream, closed, throwIfFailed, abandon } = openPartStream(file);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = '村记 Cunji';
  let written = 0;
  const images = def.thumbFiles ? workbookImages(workbook, def.thumbFiles) : null;
  try {
    const taken = new Set<string>();
    for (const table of def.tables) {
      const name = sheetNameOf(table.sheetName, taken);
      taken.add(name);
      const sheet = addSheet(workbook, def, table, name);
      const sheetImages = images && table.columns.some((c) => c.key === 'photos') ? images.forSheet(sheet) : null;
      const styleOf = styleCache();
      for (const row of table.rows()) {
        writeRow(sheet, table, row, def.language, styleOf, sheetImages);
        if (++written % ROWS_PER_SLICE === 0) {
          await drained(sheet, control, written, throwIfFailed);
          await control.tick(written);
        }
      }
      sheet.commit();
      await control.tick(written);
    }
    // A file that failed under the zip (its folder gone, the disk full) ends the commit too.
    await Promise.race([workbook.commit(), closed]);
    await closed;
    return written;
  } catch (error) {
    throw await abandon(error);
  }
}
