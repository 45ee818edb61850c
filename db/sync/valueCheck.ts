// What a received value must be to enter its column: the schema the contract gives the column's
// field on input (shared/domain/ledgers/*.ts, shared/domain/village.ts) — its length, type,
// range, choices — so a file can bring nothing the app's own forms and API would refuse. The
// limits live only there; this derives the column checks from them (column = snake_case of the
// field, a 'bool' field kept as 0/1, a 'json' field as JSON text). A ledger column may be null
// (a row is a projection of changes that arrive in pieces), so null passes every column.
// valueProblem is the whole judgement of a received change's value text: JSON, column kind, schema.
// It runs for every change an import merges, so a plain string's or null's text is read without
// JSON.parse, and a value is first asked of a check compiled once per column from its schema
// (schemaAccepts.ts); only what that check does not accept (rare) runs the schema, whose first
// issue is the reason — the reasons are the schema's own words either way.
import type { z } from 'zod';
import { LEDGER_DEFINITIONS } from '../../shared/domain/ledgers/index';
import { snakeCase, type FieldCodec } from '../../shared/domain/ledgers/define';
import { villageFields } from '../../shared/domain/village';
import { ATTACHMENT_CODECS, attachmentFields } from '../../shared/domain/attachments';
import { LEDGERS, ROW_COLUMN, type ColumnKind, type LedgerName } from '../ledgers';
import type { Change } from './apply';
import { compileAccepts } from './schemaAccepts';
import { safeParse, valueOfText } from './valueText';

export interface ColumnRule {
  readonly field: string;
  readonly schema: z.ZodType;
  readonly codec: FieldCodec | null;
  /** A yes only where the schema says yes, without running it (schemaAccepts.ts). */
  readonly accepts: (value: unknown) => boolean;
}

function rulesOf(fields: Record<string, z.ZodType>, codecs: Partial<Record<string, FieldCodec>>): Map<string, ColumnRule> {
  const rules = new Map<string, ColumnRule>();
  for (const [field, schema] of Object.entries(fields)) rules.set(snakeCase(field), { field, schema, codec: codecs[field] ?? null, accepts: compileAccepts(schema) });
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

/** The rule of a column: its field, schema, codec and compiled check (tests ask it of every column). */
export function ruleOf(tbl: string, col: string): ColumnRule | undefined {
  return RULES.get(tbl)?.get(col);
}

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
  return invalidBy(tbl, col, value, true);
}

function invalidBy(tbl: LedgerName, col: string, value: unknown, compiled: boolean): string | null {
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
  // The compiled check's yes is the schema's; anything else (rare) is the schema's to judge and word.
  if (compiled && rule.accepts(input)) return null;
  const parsed = rule.schema.safeParse(input);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  return `${tbl}.${col} refuses ${described(value)} (${issue?.message ?? 'invalid'})`;
}

/** Why a value cannot go into its column, or null when it can. */
export function badValue(change: Pick<Change, 'tbl' | 'col' | 'value'>): string | null {
  return valueProblem(change)?.[1] ?? null;
}

type ValueProblem = ['BAD_VALUE' | 'VALUE_INVALID', string] | null;

/** The reason a value is set aside: not its column's kind (BAD_VALUE), or refused by its field's schema (VALUE_INVALID). */
export function valueProblem(change: Pick<Change, 'tbl' | 'col' | 'value'>): ValueProblem {
  return problemOf(change, valueOfText(change.value), true);
}

/** valueProblem of a value already parsed from its text (undefined: the text is not JSON), as the import's record path holds it. */
export function parsedValueProblem(change: Pick<Change, 'tbl' | 'col'>, value: unknown): ValueProblem {
  return problemOf(change, value, true);
}

/** valueProblem by JSON.parse and the schema's parse alone: the reference the fast paths are tested and measured against. */
export function valueProblemByZod(change: Pick<Change, 'tbl' | 'col' | 'value'>): ValueProblem {
  return problemOf(change, safeParse(change.value), false);
}

function problemOf(change: Pick<Change, 'tbl' | 'col'>, value: unknown, compiled: boolean): ValueProblem {
  if (value === undefined) return ['BAD_VALUE', 'the value is not valid JSON'];
  if (change.col === ROW_COLUMN) return value === 'deleted' || value === 'alive' ? null : ['BAD_VALUE', `_row may only be 'deleted' or 'alive'`];
  const kind = (LEDGERS[change.tbl] as Record<string, ColumnKind | undefined>)[change.col];
  if (!kind) return ['BAD_VALUE', `${change.tbl} has no column ${change.col}`];
  if (value === null) return null;
  if (kind === 'text' && typeof value !== 'string') return ['BAD_VALUE', `${change.tbl}.${change.col} holds text`];
  if (kind === 'integer' && !(typeof value === 'number' && Number.isSafeInteger(value))) return ['BAD_VALUE', `${change.tbl}.${change.col} holds whole numbers`];
  if (kind === 'real' && !(typeof value === 'number' && Number.isFinite(value))) return ['BAD_VALUE', `${change.tbl}.${change.col} holds numbers`];
  const invalid = invalidBy(change.tbl as LedgerName, change.col, value, compiled);
  return invalid ? ['VALUE_INVALID', invalid] : null;
}
