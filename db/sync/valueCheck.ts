// What a received value must be to enter its column: the schema the contract gives the column's
// field on input (shared/domain/ledgers/*.ts, shared/domain/village.ts) — its length, type,
// range, choices — so a file can bring nothing the app's own forms and API would refuse. The
// limits live only there; this derives the column checks from them (column = snake_case of the
// field, a 'bool' field kept as 0/1, a 'json' field as JSON text). A ledger column may be null
// (a row is a projection of changes that arrive in pieces), so null passes every column.
// valueProblem is the whole judgement of a received change's value text: JSON, column kind, schema.
import type { z } from 'zod';
import { LEDGER_DEFINITIONS } from '../../shared/domain/ledgers/index';
import { snakeCase, type FieldCodec } from '../../shared/domain/ledgers/define';
import { villageFields } from '../../shared/domain/village';
import { ATTACHMENT_CODECS, attachmentFields } from '../../shared/domain/attachments';
import { LEDGERS, ROW_COLUMN, type ColumnKind, type LedgerName } from '../ledgers';
import type { Change } from './apply';

interface ColumnRule {
  readonly field: string;
  readonly schema: z.ZodType;
  readonly codec: FieldCodec | null;
}

function rulesOf(fields: Record<string, z.ZodType>, codecs: Partial<Record<string, FieldCodec>>): Map<string, ColumnRule> {
  const rules = new Map<string, ColumnRule>();
  for (const [field, schema] of Object.entries(fields)) rules.set(snakeCase(field), { field, schema, codec: codecs[field] ?? null });
  return rules;
}

/** Table → column → the rule of its field. Built once, from the definitions. */
const RULES: ReadonlyMap<string, Map<string, ColumnRule>> = new Map([
  ['villages', rulesOf(villageFields, {})],
  ['attachments', rulesOf(attachmentFields, ATTACHMENT_CODECS)],
  ...Object.values(LEDGER_DEFINITIONS).map(
    (def) => [def.table, rulesOf(def.fields as unknown as Record<string, z.ZodType>, def.codecs as Partial<Record<string, FieldCodec>>)] as const,
  ),
]);

/** The ledger columns no field of the contract describes (a test keeps this empty). */
export function columnsWithoutRule(): string[] {
  const out: string[] = [];
  for (const [table, columns] of Object.entries(LEDGERS)) {
    for (const col of Object.keys(columns)) if (!RULES.get(table)?.has(col)) out.push(`${table}.${col}`);
  }
  return out;
}

/** How a value is shown in a reason: its start and length, never the whole of a long one. */
function described(value: unknown): string {
  if (typeof value === 'string') return value.length > 40 ? `text of ${value.length} characters` : `text ${JSON.stringify(value)}`;
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `a value of ${text.length} characters` : text;
}

/**
 * Why a parsed, non-null value cannot be the column's by the contract's schema (the first
 * issue's i18n key, e.g. validation.tooLong, and the value in short), or null when it can.
 * A column without a rule refuses everything: an unknown column never takes a value.
 */
export function invalidValue(tbl: LedgerName, col: string, value: unknown): string | null {
  const rule = RULES.get(tbl)?.get(col);
  if (!rule) return `${tbl}.${col} has no rule`;
  let input = value;
  if (rule.codec === 'bool') {
    if (value !== 0 && value !== 1) return `${tbl}.${col} holds 0 or 1, not ${described(value)}`;
    input = value === 1;
  } else if (rule.codec === 'json') {
    if (typeof value !== 'string') return `${tbl}.${col} holds a list as text, not ${described(value)}`;
    try {
      input = JSON.parse(value) as unknown;
    } catch {
      return `${tbl}.${col} holds a list as text, not ${described(value)}`;
    }
  }
  const parsed = rule.schema.safeParse(input);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  return `${tbl}.${col} refuses ${described(value)} (${issue?.message ?? 'invalid'})`;
}

/** The value of a JSON text, or undefined when it is not JSON. */
export function safeParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Why a value cannot go into its column, or null when it can. */
export function badValue(change: Pick<Change, 'tbl' | 'col' | 'value'>): string | null {
  return valueProblem(change)?.[1] ?? null;
}

/** The reason a value is set aside: not its column's kind (BAD_VALUE), or refused by its field's schema (VALUE_INVALID). */
export function valueProblem(change: Pick<Change, 'tbl' | 'col' | 'value'>): ['BAD_VALUE' | 'VALUE_INVALID', string] | null {
  const value = safeParse(change.value);
  if (value === undefined) return ['BAD_VALUE', 'the value is not valid JSON'];
  if (change.col === ROW_COLUMN) return value === 'deleted' || value === 'alive' ? null : ['BAD_VALUE', `_row may only be 'deleted' or 'alive'`];
  const kind = (LEDGERS[change.tbl] as Record<string, ColumnKind | undefined>)[change.col];
  if (!kind) return ['BAD_VALUE', `${change.tbl} has no column ${change.col}`];
  if (value === null) return null;
  if (kind === 'text' && typeof value !== 'string') return ['BAD_VALUE', `${change.tbl}.${change.col} holds text`];
  if (kind === 'integer' && !(typeof value === 'number' && Number.isSafeInteger(value))) return ['BAD_VALUE', `${change.tbl}.${change.col} holds whole numbers`];
  if (kind === 'real' && !(typeof value === 'number' && Number.isFinite(value))) return ['BAD_VALUE', `${change.tbl}.${change.col} holds numbers`];
  const invalid = invalidValue(change.tbl as LedgerName, change.col, value);
  return invalid ? ['VALUE_INVALID', invalid] : null;
}
