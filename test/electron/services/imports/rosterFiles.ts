// Real spreadsheets as villages have them, made with exceljs the way WPS lays them out: a title
// and a subtitle merged across the sheet above the header, one row per person, blank rows between.
import ExcelJS from 'exceljs';
import { idCheckChar } from '../../../../shared/domain/idNumber';

/** A valid ID number for each n below 20,000 (born on day n after 1950-01-01). */
export function rosterIdNumber(n: number): string {
  const birth = new Date(Date.UTC(1950, 0, 1) + n * 86_400_000);
  const ymd = birth.toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `370402${ymd}${String((n * 7) % 1000).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

export const ROSTER_HEADERS = ['序号', '户主姓名', '村民小组', '联系电话', '家庭人口', '姓名', '与户主关系', '身份证号', '健康状况', '备注'];

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = '建国秀英志强桂兰明华玉梅德胜春生海燕文杰淑珍永福丽娟';

/**
 * A household head's name for each k below 8,000: k's three base-20 digits and their sum as four
 * characters, so any two names differ in at least two places (never "nearly the same name").
 */
export function headNameOf(k: number): string {
  const g = [...GIVEN].slice(0, 20);
  const d = [k % 20, Math.floor(k / 20) % 20, Math.floor(k / 400) % 20];
  return `${SURNAMES[d[0]!]}${g[d[1]!]}${g[d[2]!]}${g[(d[0]! + d[1]! + d[2]!) % 20]}`;
}

/** Rows of a roster: three people a household (head, spouse, child). */
export function rosterRows(households: number): string[][] {
  const rows: string[][] = [];
  for (let k = 0; k < households; k++) {
    const head = headNameOf(k);
    const group = `${(k % 9) + 1}组`;
    const phone = `139${String(10_000_000 + k).padStart(8, '0')}`;
    const people: [string, string][] = [[head, '户主'], [`${head.slice(0, 1)}妻${k}`, '配偶'], [`${head.slice(0, 1)}子${k}`, '子女']];
    people.forEach(([name, relation], i) => {
      rows.push([String(rows.length + 1), head, group, i === 0 ? phone : '', i === 0 ? '3' : '', name, relation, rosterIdNumber(k * 3 + i), '健康', '']);
    });
  }
  return rows;
}

export interface RosterOptions {
  /** A blank row after every `blankEvery` data rows (0: none). */
  blankEvery?: number;
}

/** An XLSX roster: two merged title rows, the header on row 3, then the rows (ID numbers as text). */
export async function rosterXlsx(rows: readonly (readonly string[])[], options: RosterOptions = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('花名册');
  const width = ROSTER_HEADERS.length;
  sheet.addRow(['青石镇李家村农户花名册']);
  sheet.mergeCells(1, 1, 1, width);
  sheet.addRow(['填报单位：李家村村委会', '', '', '', '', '', '填报日期：2026年11月']);
  sheet.mergeCells(2, 1, 2, 6);
  sheet.mergeCells(2, 7, 2, width);
  sheet.addRow(ROSTER_HEADERS);
  sheet.getColumn(8).numFmt = '@';
  rows.forEach((row, i) => {
    sheet.addRow([...row]);
    if (options.blankEvery && (i + 1) % options.blankEvery === 0) sheet.addRow([]);
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** CSV text of a header and rows: fields with a comma, a quote or a line break quoted. */
export function csvText(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const field = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  return [headers, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}
