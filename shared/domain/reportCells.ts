// How a report cell reads as text, the same on the report screen, the print page and in a CSV
// file; and the masking of ID numbers in a public notice (公示版: first 6 and last 4 digits).
// The XLSX writer keeps numbers as numbers and gives them these looks as number formats.
import { formatFenAsWanYuan, formatFenAsYuan } from './money';
import type { Lang } from './labels';
import type { CellValue, ColumnType } from './reports';

/** A flag column says 是 / Yes where true and nothing where false. */
export const FLAG_WORD: Readonly<Record<Lang, string>> = { 'zh-CN': '是', en: 'Yes' };

/** 370402199001011234 → 370402********1234: the region code and the last four, as public notices show them. */
export function maskIdForNotice(id: string | null | undefined): string {
  if (!id) return '';
  if (id.length < 10) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

/** For a screen or a print page: grouped thousands. For CSV: plain digits a spreadsheet reads as numbers. */
export type CellTarget = 'screen' | 'csv';

function grouped(text: string): string {
  const [whole, fraction] = text.split('.');
  const sign = whole!.startsWith('-') ? '-' : '';
  const digits = whole!.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${digits}${fraction === undefined ? '' : `.${fraction}`}`;
}

export function formatCell(type: ColumnType, value: CellValue, lang: Lang, target: CellTarget = 'screen'): string {
  if (value === null || value === undefined) return '';
  if (type === 'flag') return value === true ? FLAG_WORD[lang] : '';
  if (typeof value !== 'number') return String(value);
  const group = (text: string) => (target === 'screen' ? grouped(text) : text);
  switch (type) {
    case 'integer':
      return group(String(Math.round(value)));
    case 'decimal':
      return group(value.toFixed(1));
    case 'yuan':
      return target === 'screen' ? formatFenAsYuan(value) : formatFenAsYuan(value).replace(/,/g, '');
    case 'wanYuan':
      return group(formatFenAsWanYuan(value));
    case 'percent':
      return `${(value * 100).toFixed(1)}%`;
    default:
      return String(value);
  }
}
