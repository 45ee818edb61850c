// A spreadsheet a person chose, as rows of cell texts: XLSX through exceljs's reader (the first
// sheet with data), CSV through csv.ts. What is not a spreadsheet, is empty or too big is a named
// refusal; nothing here touches the database.
import ExcelJS from 'exceljs';
import { MAX_IMPORT_BYTES, MAX_IMPORT_COLUMNS, MAX_IMPORT_ROWS } from '../../../shared/domain/imports';
import { ApiError } from '../../../shared/api/result';
import { decodeCsv, parseCsv } from './csv';

export interface Sheet {
  readonly format: 'xlsx' | 'csv';
  readonly encoding: string | null;
  /** Row i is the file's row i + 1; trailing empty cells trimmed. */
  readonly rows: string[][];
}

/** A refusal of the file itself, at `source` (the field that carried it). */
export function fileError(message: string, detail: string): ApiError {
  return new ApiError('INVALID_INPUT', detail, [{ path: ['source'], message }]);
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

export async function readSheet(bytes: Uint8Array): Promise<Sheet> {
  if (bytes.length === 0) throw fileError('imports.reason.emptyFile', 'The file is empty');
  if (bytes.length > MAX_IMPORT_BYTES) throw fileError('imports.reason.tooBig', `The file is larger than ${MAX_IMPORT_BYTES} bytes`);
  if (startsWith(bytes, OLE)) throw fileError('imports.reason.oldXls', 'An Excel 97-2003 (.xls) file: save it as .xlsx first');
  const sheet = startsWith(bytes, ZIP) ? await readXlsx(bytes) : readCsv(bytes);
  const rows = trimRows(sheet.rows);
  if (!rows.some((row) => row.some((cell) => cell !== ''))) throw fileError('imports.reason.emptyFile', 'The file holds no rows');
  if (rows.length > MAX_IMPORT_ROWS + 20) throw fileError('imports.reason.tooManyRows', `More than ${MAX_IMPORT_ROWS} rows`);
  return { ...sheet, rows };
}

function readCsv(bytes: Uint8Array): Sheet {
  const decoded = decodeCsv(bytes);
  if (decoded === null) throw fileError('imports.reason.notSpreadsheet', 'The file is neither XLSX nor text CSV');
  return { format: 'csv', encoding: decoded.encoding, rows: parseCsv(decoded.text) };
}

async function readXlsx(bytes: Uint8Array): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch {
    throw fileError('imports.reason.notSpreadsheet', 'The file is a zip but not a readable XLSX workbook');
  }
  // The first sheet that holds anything (a hidden, empty first sheet is common in WPS exports).
  const worksheet = workbook.worksheets.find((ws) => ws.actualRowCount > 0);
  if (!worksheet) throw fileError('imports.reason.emptyFile', 'The workbook holds no rows');
  if (worksheet.rowCount > MAX_IMPORT_ROWS + 20) throw fileError('imports.reason.tooManyRows', `More than ${MAX_IMPORT_ROWS} rows`);
  const rows: string[][] = [];
  worksheet.eachRow({ includeEmpty: true }, (row, number) => {
    const cells: string[] = [];
    const width = Math.min(row.cellCount, MAX_IMPORT_COLUMNS);
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      // A merged title repeats its text in every cell it covers; only its first cell keeps it.
      cells.push(cell.isMerged && cell.master !== cell ? '' : cellText(cell.value));
    }
    rows[number - 1] = cells;
  });
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return { format: 'xlsx', encoding: null, rows };
}

/** A cell as the text a person sees: dates as YYYY-MM-DD, whole numbers without exponent. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) >= 1e15 ? BigInt(value).toString() : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((part) => part.text).join('').trim();
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value && typeof value.text === 'string') return value.text.trim();
    if ('error' in value) return '';
  }
  return String(value as unknown).trim();
}

function trimRows(rows: string[][]): string[][] {
  return rows.map((row) => {
    let end = Math.min(row.length, MAX_IMPORT_COLUMNS);
    while (end > 0 && row[end - 1] === '') end--;
    return row.slice(0, end);
  });
}
