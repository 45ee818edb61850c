// Between a stored row and an antd form: dates as dayjs ↔ ISO 'YYYY-MM-DD', money as 元 text
// ↔ integer fen (parsed as text, never through floating point), empty boxes ↔ null.
import dayjs, { type Dayjs } from 'dayjs';
import type { z } from 'zod';
import { formatFenAsYuan, parseYuanToFen } from '../../../shared/domain/money';
import { V } from '../../../shared/domain/validation';
import type { IssueLike } from '../forms/applyIssues';
import type { FieldView, LedgerRow, LedgerView } from './viewTypes';

export type FormValues = Record<string, unknown>;
export type LedgerRecord = Record<string, unknown>;

export function isoToDay(iso: unknown): Dayjs | undefined {
  if (typeof iso !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return undefined;
  const day = dayjs(iso, 'YYYY-MM-DD');
  return day.isValid() ? day : undefined;
}

export function dayToIso(day: unknown): string | null {
  return dayjs.isDayjs(day) && day.isValid() ? day.format('YYYY-MM-DD') : null;
}

/** 123450 → "1234.50": what the 元 box shows (no grouping, so it can be typed over). */
export function fenToYuanText(fen: unknown): string | undefined {
  return typeof fen === 'number' && Number.isSafeInteger(fen) ? formatFenAsYuan(fen).replace(/,/g, '') : undefined;
}

/** The 元 box's text → fen; empty is null, anything not an amount with 2 decimals is an error. */
export function yuanTextToFen(text: unknown): { fen: number | null; ok: boolean } {
  const raw = typeof text === 'number' ? String(text) : typeof text === 'string' ? text : '';
  if (raw.trim() === '') return { fen: null, ok: true };
  const fen = parseYuanToFen(raw);
  return fen === null ? { fen: null, ok: false } : { fen, ok: true };
}

function toFormValue(field: FieldView, value: unknown): unknown {
  switch (field.kind) {
    case 'date':
      return isoToDay(value);
    case 'money':
      return fenToYuanText(value);
    case 'boolean':
      return value === true;
    case 'choices':
    case 'duties':
      return Array.isArray(value) ? value : [];
    default:
      return value ?? undefined;
  }
}

/** The form's starting values for a row (or for a new record, from defaults). */
export function toFormValues(view: LedgerView, row: LedgerRecord): FormValues {
  return Object.fromEntries(view.fields.map((field) => [field.name, toFormValue(field, row[field.name])]));
}

/** The form's values as the record the contract takes; a 元 box that is no amount is an issue. */
export function fromFormValues(view: LedgerView, values: FormValues): { record: LedgerRecord; issues: IssueLike[] } {
  const record: LedgerRecord = {};
  const issues: IssueLike[] = [];
  for (const field of view.fields) {
    if (field.derived) continue;
    const value = values[field.name];
    switch (field.kind) {
      case 'date':
        record[field.name] = dayToIso(value);
        break;
      case 'money': {
        const { fen, ok } = yuanTextToFen(value);
        if (!ok) issues.push({ path: [field.name], message: V.money });
        record[field.name] = fen;
        break;
      }
      case 'integer':
      case 'number':
        record[field.name] = typeof value === 'number' ? value : null;
        break;
      case 'boolean':
        record[field.name] = value === true;
        break;
      case 'choices':
      case 'duties':
        record[field.name] = Array.isArray(value) ? value : [];
        break;
      case 'choice':
      case 'duty':
      case 'reference':
        record[field.name] = value ?? null;
        break;
      default:
        record[field.name] = typeof value === 'string' ? value : null;
    }
  }
  return { record, issues };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * What an edit changed: each field as its schema reads it (trimmed, '' → null, upper-case ID)
 * against the stored row. A field its schema refuses is kept as typed, so the patch check names it.
 */
export function patchOf(
  view: LedgerView,
  fields: Readonly<Record<string, z.ZodType>>,
  row: LedgerRow,
  record: LedgerRecord,
): LedgerRecord {
  const patch: LedgerRecord = {};
  for (const field of view.fields) {
    if (field.derived || !(field.name in record)) continue;
    const schema = fields[field.name];
    const parsed = schema?.safeParse(record[field.name]);
    const next = parsed?.success ? parsed.data : record[field.name];
    if (!same(next, row[field.name])) patch[field.name] = next;
  }
  return patch;
}
