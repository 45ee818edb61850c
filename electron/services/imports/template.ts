// The template a village fills in: one sheet with the recognised headers (the first word of each
// column in IMPORT_COLUMNS) and one sample row, ID numbers and phones kept as text so Excel does
// not turn them into numbers. Written atomically where chosen, or into the exports folder.
import { basename } from 'node:path';
import ExcelJS from 'exceljs';
import { IMPORT_COLUMNS, REQUIRED_COLUMNS, TEMPLATE_NAMES, TEMPLATE_SAMPLE, type ImportLedger } from '../../../shared/domain/imports';
import { checkChosenPath, downloadPathOf, exportTarget, writeAtomically } from '../reports/files';

const TEXT_COLUMNS = new Set(['idNumber', 'phone']);

export function templateWorkbook(ledger: ImportLedger): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(TEMPLATE_NAMES[ledger], { views: [{ state: 'frozen', ySplit: 1 }] });
  const fields = Object.keys(IMPORT_COLUMNS[ledger]);
  const words = IMPORT_COLUMNS[ledger] as Record<string, readonly string[]>;
  sheet.columns = fields.map((field) => ({
    header: words[field]![0]!,
    key: field,
    width: field === 'idNumber' ? 22 : ['situation', 'actions', 'content', 'outcome', 'address', 'notes'].includes(field) ? 30 : 12,
    style: TEXT_COLUMNS.has(field) ? { numFmt: '@' } : {},
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  fields.forEach((field, i) => {
    const cell = header.getCell(i + 1);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: REQUIRED_COLUMNS[ledger].includes(field) ? 'FFFFE7BA' : 'FFE8EEF5' } };
  });
  sheet.addRow(TEMPLATE_SAMPLE[ledger]);
  return workbook;
}

export async function writeTemplate(dataDir: string, ledger: ImportLedger, path?: string): Promise<{ file: string; fileName: string; download: string | null }> {
  if (path) checkChosenPath(path);
  const file = path ?? exportTarget(dataDir, TEMPLATE_NAMES[ledger], 'xlsx', new Set());
  await writeAtomically(file, (part) => templateWorkbook(ledger).xlsx.writeFile(part));
  return { file, fileName: basename(file), download: path ? null : downloadPathOf(dataDir, file) };
}
