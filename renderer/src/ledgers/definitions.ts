// A ledger's definition and its create/patch schemas, seen through one shape by the generic
// screen (the contract keeps the precise types per noun).
import type { z } from 'zod';
import type { LedgerNoun } from '../../../shared/api/methods';
import { createSchema, patchSchema, type LedgerDefinition } from '../../../shared/domain/ledgers/define';
import { LEDGER_DEFINITIONS } from '../../../shared/domain/ledgers/index';
import { todayIso } from './display';
import type { LedgerView } from './viewTypes';

export type AnyDefinition = LedgerDefinition<string, Record<string, z.ZodType>>;

export interface LedgerSchemas {
  readonly def: AnyDefinition;
  readonly create: z.ZodType;
  readonly patch: z.ZodType;
}

const cache = new Map<LedgerNoun, LedgerSchemas>();

export function schemasOf(noun: LedgerNoun): LedgerSchemas {
  let found = cache.get(noun);
  if (!found) {
    const def = LEDGER_DEFINITIONS[noun] as unknown as AnyDefinition;
    found = { def, create: createSchema(def), patch: patchSchema(def) };
    cache.set(noun, found);
  }
  return found;
}

/** A field a person must fill: its schema takes neither nothing nor null. */
export function isRequired(schema: z.ZodType | undefined): boolean {
  return !!schema && !schema.safeParse(undefined).success && !schema.safeParse(null).success;
}

/** Choices that have an obvious start (a new need is open, a diary day is in the village). */
const START_AT_FIRST = new Set(['status', 'presence', 'mode', 'direction', 'relation']);

/** A new record's starting values: today on its required date, this year, the first status. */
export function newRecordDefaults(view: LedgerView, now: Date = new Date()): Record<string, unknown> {
  const { def } = schemasOf(view.noun);
  const values: Record<string, unknown> = {};
  for (const field of view.fields) {
    const required = isRequired(def.fields[field.name]);
    if (field.kind === 'date' && required && (field.name === def.dateField || view.fields.filter((x) => x.kind === 'date').length === 1)) {
      values[field.name] = todayIso(now);
    } else if (field.name === 'year') values[field.name] = Number(todayIso(now).slice(0, 4));
    else if (field.kind === 'choice' && required && START_AT_FIRST.has(field.name)) values[field.name] = Object.keys(field.labels ?? {})[0];
  }
  return values;
}
