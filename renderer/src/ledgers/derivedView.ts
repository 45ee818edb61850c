// A ledger's screen read off its definition: each field's widget from what its schema holds (a
// reference, a choice with its labels, money, a whole number, a date, a phone, long text …), and
// the table's columns from the fields that name a record. A ledger needs a view of its own only
// to lay its form out otherwise (views/); the kinds there must agree with these (a test checks).
import { z } from 'zod';
import type { LabelledEnum } from '../../../shared/domain/labels';
import { baseSchema } from '../../../shared/domain/ledgers/columns';
import type { LedgerDefinition } from '../../../shared/domain/ledgers/define';
import { referenceOf } from '../../../shared/domain/ledgers/references';
import type { LedgerNoun } from '../../../shared/api/methods';
import { f, type FieldView, type LedgerView } from './viewTypes';

/** Text longer than this is edited in a text area across the form. */
const LONG_TEXT = 100;
/** Columns a derived table shows at most. */
const MAX_COLUMNS = 7;

/** The labels a `choice(labels)` schema carries (shared/domain/validation.ts); the values themselves otherwise. */
function labelsOf(schema: z.ZodEnum): LabelledEnum<string> {
  const meta = z.globalRegistry.get(schema) as { labels?: LabelledEnum<string> } | undefined;
  return meta?.labels ?? Object.fromEntries(schema.options.map((v) => [v, { zh: String(v), en: String(v) }]));
}

/** Whether a text schema takes an ISO date and refuses other text. */
function isDate(schema: z.ZodType): boolean {
  return schema.safeParse('2026-01-31').success && !schema.safeParse('2026-01-32').success && !schema.safeParse('text').success;
}

export function fieldViewOf(name: string, schema: z.ZodType): FieldView {
  const ref = referenceOf(name);
  if (ref) return f.reference(name, ref);
  const base = baseSchema(schema);
  if (base instanceof z.ZodBoolean) return f.boolean(name);
  if (base instanceof z.ZodEnum) return f.choice(name, labelsOf(base));
  if (base instanceof z.ZodArray) {
    const item = baseSchema(base.element as z.ZodType);
    return item instanceof z.ZodEnum ? f.choices(name, labelsOf(item)) : f.textarea(name);
  }
  if (base instanceof z.ZodNumber) return name.endsWith('Fen') ? f.money(name) : base.format === 'safeint' ? f.integer(name) : f.number(name);
  if (name === 'idNumber') return f.idNumber(name);
  if (name === 'phone' || name.endsWith('Phone')) return f.phone(name);
  if (base instanceof z.ZodString && isDate(base)) return f.date(name);
  const max = base instanceof z.ZodString ? base.maxLength : null;
  return max !== null && max > LONG_TEXT ? f.textarea(name) : f.text(name);
}

/** The view of a ledger with none of its own: its fields in their order, its naming fields first among the columns. */
export function derivedView(def: LedgerDefinition<string, z.ZodRawShape>): LedgerView {
  const fields = Object.entries(def.fields).map(([name, schema]) => fieldViewOf(name, schema as z.ZodType));
  const columns = [...new Set([...def.namedBy, ...fields.filter((x) => !x.wide).map((x) => x.name)])].slice(0, MAX_COLUMNS);
  return { noun: def.noun as LedgerNoun, fields, columns };
}
