// The ledger definitions against the tables they are kept in (db/ledgers.ts) and the method
// names (LEDGER_NOUNS): a field without a column, a column without a field, a search or filter
// on a field that does not exist, or a codec on a plain field fails here, not at run time.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LEDGER_NOUNS } from '../../shared/api/methods';
import { LEDGER_DEFINITIONS } from '../../shared/domain/ledgers/index';
import { snakeCase, type LedgerDefinition } from '../../shared/domain/ledgers/define';
import { isLedger, LEDGERS } from '../../db/ledgers';

type AnyDefinition = LedgerDefinition<string, z.ZodRawShape>;
const DEFINITIONS = Object.entries(LEDGER_DEFINITIONS) as unknown as [string, AnyDefinition][];

/** The schema under optional/nullable/default/pipe wrappers. */
function base(schema: z.ZodType): z.ZodType {
  let s: z.ZodType = schema;
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
    else if (s instanceof z.ZodPipe) s = s.in as z.ZodType;
    else return s;
  }
}

describe('ledger definitions', () => {
  it('are exactly the ledger nouns of the API, each under its own noun', () => {
    expect(DEFINITIONS.map(([key]) => key)).toEqual([...LEDGER_NOUNS]);
    for (const [key, def] of DEFINITIONS) expect(def.noun).toBe(key);
  });

  it.each(DEFINITIONS)('%s: every field is a column of its table, and every column a field', (_noun, def) => {
    expect(isLedger(def.table), `${def.table} is not in LEDGERS`).toBe(true);
    const columns = Object.keys(LEDGERS[def.table as keyof typeof LEDGERS]).sort();
    expect(Object.keys(def.fields).map(snakeCase).sort()).toEqual(columns);
  });

  it('no two ledgers share a table, and villages is not one of them', () => {
    const tables = DEFINITIONS.map(([, def]) => def.table);
    expect(new Set(tables).size).toBe(tables.length);
    expect(tables).not.toContain('villages');
  });

  it.each(DEFINITIONS)('%s: searchable, filterable, dateField and due name real fields of the right kind', (_noun, def) => {
    const fields = Object.keys(def.fields);
    for (const f of def.searchable) {
      expect(fields, `searchable ${f}`).toContain(f);
      expect(base(def.fields[f] as z.ZodType), `searchable ${f} is text`).toBeInstanceOf(z.ZodString);
    }
    for (const f of def.filterable) expect(fields, `filterable ${f}`).toContain(f);
    expect(new Set(def.filterable).size).toBe(def.filterable.length);
    if (def.dateField) {
      expect(fields).toContain(def.dateField);
      expect((def.fields[def.dateField] as z.ZodType).safeParse('2026-11-01').success, `${def.dateField} takes a date`).toBe(true);
    }
    if (def.due) {
      expect(fields).toContain(def.due.field);
      expect(fields).toContain(def.due.status);
      const status = base(def.fields[def.due.status] as z.ZodType);
      expect(status).toBeInstanceOf(z.ZodEnum);
      for (const done of def.due.done) expect((status as z.ZodEnum).options, `due.done ${done}`).toContain(done);
    }
  });

  it.each(DEFINITIONS)('%s: codecs only on boolean (bool) and array (json) fields, and every such field has one', (_noun, def) => {
    for (const [field, schema] of Object.entries(def.fields)) {
      const kind = base(schema as z.ZodType);
      const codec = (def.codecs as Record<string, string | undefined>)[field];
      if (kind instanceof z.ZodBoolean) expect(codec, field).toBe('bool');
      else if (kind instanceof z.ZodArray) expect(codec, field).toBe('json');
      else expect(codec, field).toBeUndefined();
    }
    for (const field of Object.keys(def.codecs)) expect(Object.keys(def.fields)).toContain(field);
  });

  it.each(DEFINITIONS)('%s: boolean fields are kept as integers, everything else as the kind its column declares', (_noun, def) => {
    const columns = LEDGERS[def.table as keyof typeof LEDGERS] as Record<string, string>;
    for (const [field, schema] of Object.entries(def.fields)) {
      const kind = base(schema as z.ZodType);
      const column = columns[snakeCase(field)];
      if (kind instanceof z.ZodBoolean) expect(column, field).toBe('integer');
      else if (kind instanceof z.ZodNumber) expect(['integer', 'real'], field).toContain(column);
      else expect(column, field).toBe('text');
    }
  });
});
