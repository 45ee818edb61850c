// How a stored value reads in a table cell: enum labels in the person's language, money in 元,
// ID numbers and phones masked, references by the name the main process joined in.
import type { Lang } from '../../../shared/domain/labels';
import { labelOf } from '../../../shared/domain/labels';
import { maskIdNumber, maskPhone } from '../../../shared/domain/idNumber';
import { dutyLabel } from '../../../shared/domain/duties';
import { daysInclusive } from '../../../shared/domain/ledgers/days';
import { formatFenAsYuan } from '../../../shared/domain/money';
import type { FieldView, LedgerRow } from './viewTypes';

/** The text of a cell; null when there is nothing (booleans are drawn by the table). */
export function displayText(field: FieldView, row: LedgerRow, lang: Lang): string | null {
  const value = row[field.name];
  if (value === null || value === undefined || value === '') return null;
  switch (field.kind) {
    case 'choice':
      return field.labels && typeof value === 'string' && value in field.labels ? labelOf(field.labels, value, lang) : String(value);
    case 'choices':
      return Array.isArray(value) && value.length > 0
        ? value.map((v: string) => (field.labels && v in field.labels ? labelOf(field.labels, v, lang) : v)).join('、')
        : null;
    case 'duty':
      return dutyLabel(String(value), lang);
    case 'duties':
      return Array.isArray(value) && value.length > 0 ? value.map((v: string) => dutyLabel(v, lang)).join(lang === 'en' ? ', ' : '、') : null;
    case 'money':
      return typeof value === 'number' ? formatFenAsYuan(value) : null;
    case 'idNumber':
      return maskIdNumber(String(value));
    case 'phone':
      return maskPhone(String(value));
    case 'reference':
      return row.refNames[field.name] ?? null;
    case 'boolean':
      return null;
    default:
      return String(value);
  }
}

/** Today's date in the person's calendar, as ISO text. */
export function todayIso(now: Date = new Date()): string {
  // China keeps one time zone (UTC+8): the main process judges "today" and "overdue" on it too,
  // so a laptop whose clock is set to another zone still agrees with its own ledger.
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Past its due day and not in a done status (the same rule as the list's `overdue`). */
export function isOverdue(
  due: { field: string; status: string; done: readonly string[] } | null,
  row: LedgerRow,
  today: string,
): boolean {
  if (!due) return false;
  const date = row[due.field];
  return typeof date === 'string' && date < today && !due.done.includes(String(row[due.status]));
}

/** Days the 防返贫 procedure has run: home check to county decision, or to today while open. */
export function procedureDays(row: LedgerRow, today: string): number | null {
  const start = row.homeCheckDate;
  if (typeof start !== 'string') return null;
  const end = typeof row.countyDecisionDate === 'string' ? row.countyDecisionDate : today;
  return Math.max(0, daysInclusive(start, end) - 1);
}
