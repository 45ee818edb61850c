// Reading exports back as a person's spreadsheet would: every XLSX with exceljs's reader, every
// CSV by an RFC 4180 parser of its own; cells turned back into the reports' representation
// (fen, 0..1 ratios, ISO dates, flags) so they compare with the independent count.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import type { ApiInput } from '../../../../shared/api/types';
import type { CellValue, ColumnType, ReportJob } from '../../../../shared/domain/reports';
import { expectOk, type TestApp } from '../../../helpers/openedApp';

/** Starts an export through the contract and polls reports.job until it has ended. */
export async function exportDone(app: TestApp, input: ApiInput<'reports.export'>): Promise<ReportJob> {
  let job = await expectOk(app, 'reports.export', input);
  for (let i = 0; job.state === 'running'; i++) {
    if (i > 3000) throw new Error(`export ${job.id} still running`);
    await new Promise((resolve) => setTimeout(resolve, 5));
    job = await expectOk(app, 'reports.job', { id: job.id });
  }
  return job;
}

export interface SheetBack {
  readonly name: string;
  readonly worksheet: ExcelJS.Worksheet;
  /** The rows above the header: title, title rows, caption. */
  readonly lines: string[];
  readonly header: string[];
  /** Every row below the header, each cell's value as exceljs reads it. */
  readonly body: ExcelJS.CellValue[][];
}

export async function readXlsx(file: string): Promise<{ workbook: ExcelJS.Workbook; sheets: SheetBack[] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheets = workbook.worksheets.map((ws) => {
    const headerRow = (ws.views[0] as { ySplit?: number } | undefined)?.ySplit ?? 0;
    const width = ws.columnCount;
    const valuesOf = (r: number) => Array.from({ length: width }, (_, i) => ws.getRow(r).getCell(i + 1).value);
    const lines = Array.from({ length: headerRow - 1 }, (_, i) => String(ws.getRow(i + 1).getCell(1).value ?? ''));
    const body: ExcelJS.CellValue[][] = [];
    for (let r = headerRow + 1; r <= ws.rowCount; r++) body.push(valuesOf(r));
    return { name: ws.name, worksheet: ws, lines, header: valuesOf(headerRow).map((v) => String(v ?? '')), body };
  });
  return { workbook, sheets };
}

/** A CSV file as records of fields; the file must start with a UTF-8 byte-order mark. */
export function readCsv(file: string): string[][] {
  const bytes = readFileSync(file);
  expect([...bytes.subarray(0, 3)], `${file} starts with a UTF-8 BOM`).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString('utf8');
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += ch;
  }
  expect(field === '' && record.length === 0, `${file} ends with CRLF`).toBe(true);
  return records;
}

/** A CSV split as the writer lays it out: title lines, then per table a blank line, caption, header, rows. */
export function csvSections(records: string[][], titleLines: number): { lines: string[]; tables: { caption: string; header: string[]; body: string[][] }[] } {
  const lines = records.slice(0, titleLines).map((r) => r.join(','));
  const tables: { caption: string; header: string[]; body: string[][] }[] = [];
  let i = titleLines;
  while (i < records.length) {
    expect(records[i], 'a blank line before each table').toEqual(['']);
    const caption = records[i + 1]![0]!;
    const header = records[i + 2]!;
    i += 3;
    const body: string[][] = [];
    while (i < records.length && !(records[i]!.length === 1 && records[i]![0] === '')) body.push(records[i++]!);
    tables.push({ caption, header, body });
  }
  return { lines, tables };
}

/** An XLSX cell back in the reports' representation. */
export function fromXlsx(type: ColumnType, value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return type === 'flag' ? false : null;
  if (type === 'flag') return value === '是' || value === 'Yes';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') {
    if (type === 'yuan') return Math.round(value * 100);
    if (type === 'wanYuan') return Math.round(value * 1_000_000);
    return value;
  }
  if (typeof value === 'object') throw new Error(`a formula or rich value where a plain one belongs: ${JSON.stringify(value)}`);
  return value as string;
}

/** A CSV field back in the reports' representation (万元 and % only to the precision they are written with). */
export function fromCsv(type: ColumnType, text: string): CellValue {
  if (type === 'flag') return text === '是' || text === 'Yes';
  if (text === '') return null;
  const unguarded = text.startsWith("'") && /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : type === 'code' && /^\t\d+$/.test(text) ? text.slice(1) : text;
  switch (type) {
    case 'integer':
    case 'decimal':
      if (!/^-?\d+(\.\d)?$/.test(unguarded)) return unguarded;
      return Number(unguarded);
    case 'yuan':
      expect(unguarded, 'yuan written with two decimals').toMatch(/^-?\d+\.\d\d$/);
      return Math.round(Number(unguarded) * 100);
    case 'wanYuan':
      expect(unguarded, '万元 written with two decimals').toMatch(/^-?\d+\.\d\d$/);
      return { approx: Number(unguarded) * 1_000_000, within: 5_000 } as unknown as CellValue;
    case 'percent':
      expect(unguarded).toMatch(/^\d+\.\d%$/);
      return { approx: Number(unguarded.slice(0, -1)) / 100, within: 0.0005 } as unknown as CellValue;
    default:
      return unguarded;
  }
}

/** Compares rows cell by cell; an `{ approx, within }` cell (CSV 万元, %) compares within its precision. */
export function expectRows(actual: CellValue[][], expected: CellValue[][], where: string): void {
  expect(actual.length, `${where}: row count`).toBe(expected.length);
  actual.forEach((row, r) => {
    expect(row.length, `${where}: width of row ${r}`).toBe(expected[r]!.length);
    row.forEach((cell, i) => {
      const want = expected[r]![i];
      const at = `${where}: row ${r}, column ${i}`;
      if (cell !== null && typeof cell === 'object') {
        const { approx, within } = cell as unknown as { approx: number; within: number };
        expect(typeof want, `${at} (${JSON.stringify(want)})`).toBe('number');
        expect(Math.abs(approx - (want as number)), `${at}: ${approx} vs ${want}`).toBeLessThanOrEqual(within + 1e-9);
      } else if (typeof cell === 'number' && typeof want === 'number') {
        expect(cell, at).toBeCloseTo(want, 9);
      } else {
        expect(cell, at).toEqual(want ?? null);
      }
    });
  });
}

/** Every text an export holds: every cell of every sheet, or every field of the CSV. */
export async function everyText(file: string): Promise<string[]> {
  if (file.endsWith('.csv')) return readCsv(file).flat();
  const { workbook } = await readXlsx(file);
  const texts: string[] = [];
  workbook.eachSheet((ws) => ws.eachRow({ includeEmpty: false }, (row) => row.eachCell({ includeEmpty: false }, (cell) => texts.push(cell.text))));
  return texts;
}
