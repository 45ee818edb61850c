// Every place that must know a ledger and cannot be derived from its definition, checked for
// every ledger in the registry: a ledger added without its table, its words in either language
// or its sample record fails here, naming the ledger and the place (docs/adding-a-ledger.md lists
// the steps; its view and menu place: test/renderer/ledgerPlaces.test.ts).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { openDatabase } from '../../db/open';
import { ATTACHABLE } from '../../shared/domain/attachments';
import { columnsOf, snakeCase } from '../../shared/domain/ledgers/columns';
import { createSchema, type LedgerDefinition } from '../../shared/domain/ledgers/define';
import { LEDGER_DEFINITIONS } from '../../shared/domain/ledgers/index';
import { REFERENCES } from '../../shared/domain/ledgers/references';
import { en } from '../../renderer/src/i18n/en';
import { zhCN } from '../../renderer/src/i18n/zhCN';
import { LEDGER_SAMPLES, PLACEHOLDER_REFS } from '../helpers/ledgerSamples';
import { useTempDirs } from '../helpers/tempDir';

type AnyDefinition = LedgerDefinition<string, z.ZodRawShape>;
const DEFINITIONS = Object.entries(LEDGER_DEFINITIONS) as unknown as [string, AnyDefinition][];
const tempDir = useTempDirs();

/** The words a ledger's screen asks for, by key path under `ledgers.`: its own, and for a ledger
 *  that is part of another the button on the parent's rows and its drawer's title. */
function missingWords(locale: unknown, noun: string, def: AnyDefinition): string[] {
  const all = (locale as { ledgers: Record<string, Record<string, unknown> | undefined> }).ledgers;
  const texts = all[noun];
  const fields = (texts?.fields ?? {}) as Record<string, unknown>;
  const parent = 'partOf' in def.place ? all[def.place.partOf] : undefined;
  const opened = 'partOf' in def.place ? [noun, `${noun}Of`].filter((key) => typeof parent?.[key] !== 'string' || parent[key] === '').map((key) => `${(def.place as { partOf: string }).partOf}.${key}`) : [];
  return [
    ...['title', 'addTitle', 'editTitle'].filter((key) => typeof texts?.[key] !== 'string' || texts[key] === '').map((key) => `${noun}.${key}`),
    ...Object.keys(def.fields).filter((field) => typeof fields[field] !== 'string' || fields[field] === '').map((field) => `${noun}.fields.${field}`),
    ...opened,
  ];
}

describe('every ledger is known everywhere it must be', () => {
  it('has a table made by the migrations with exactly its declared columns, of the kinds its fields store', async () => {
    const db = await openDatabase(join(tempDir(), 'places.sqlite'));
    try {
      for (const [noun, def] of DEFINITIONS) {
        const columns = (db.sqlite.pragma(`table_info(${def.table})`) as { name: string; type: string }[]).map((c) => [c.name, c.type.toLowerCase()]);
        expect(columns, `${noun}: no migration creates ${def.table} with exactly these columns (db/migrations/)`).toEqual([
          ['id', 'text'],
          ['village_id', 'text'],
          ['created_at', 'text'],
          ['updated_at', 'text'],
          ['deleted_at', 'text'],
          ...Object.entries(columnsOf(def.fields)),
        ]);
      }
    } finally {
      db.close();
    }
  });

  it.each(DEFINITIONS)('%s: has its title, form titles, every field word (and, when part of another ledger, its button there) in Chinese and in English', (noun, def) => {
    expect(missingWords(zhCN, noun, def), `${noun}: words missing in renderer/src/i18n/zhCN.ts (or its feature file) under ledgers.`).toEqual([]);
    expect(missingWords(en, noun, def), `${noun}: words missing in renderer/src/i18n/en.ts (or its feature file) under ledgers.`).toEqual([]);
  });

  it.each(DEFINITIONS)('%s: has a sample record (test/helpers/ledgerSamples.ts) its own create schema takes', (noun, def) => {
    const sample = LEDGER_SAMPLES[noun as keyof typeof LEDGER_SAMPLES];
    expect(sample, `${noun}: no sample in test/helpers/ledgerSamples.ts`).toBeDefined();
    const input = { villageId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a00', ...sample!.input(PLACEHOLDER_REFS, 1) };
    const parsed = createSchema(def).safeParse(input);
    expect(parsed.success ? [] : parsed.error.issues, `${noun}: the sample does not pass its create schema`).toEqual([]);
    // The rows a sample needs first are the references it fills.
    const referenced = Object.keys(def.fields).filter((f) => f in REFERENCES && input[f as keyof typeof input] !== undefined);
    expect([...sample!.needs].sort(), `${noun}: the sample's needs are not the references it fills`).toEqual(referenced.sort());
  });

  it.each(DEFINITIONS)('%s: names records, and references other ledgers, only through fields it has', (noun, def) => {
    const fields = Object.keys(def.fields);
    expect(def.namedBy.length, `${noun}: namedBy is empty`).toBeGreaterThan(0);
    for (const field of def.namedBy) expect(fields, `${noun}.namedBy`).toContain(field);
    // A field named like a reference is one: the write rules check it only when the references table knows it.
    const unknownRefs = fields.filter((f) => /[a-z]Id$/.test(f) && !(f in REFERENCES));
    expect(unknownRefs, `${noun}: reference-like fields missing from shared/domain/ledgers/references.ts`).toEqual([]);
    for (const f of fields.filter((x) => x in REFERENCES)) expect(snakeCase(f)).toMatch(/_id$/);
  });

  it('points every reference at a ledger that names its rows, and every sample can be given each reference', () => {
    for (const [field, noun] of Object.entries(REFERENCES)) {
      expect(LEDGER_DEFINITIONS[noun].namedBy.length, `${field} → ${noun}`).toBeGreaterThan(0);
      expect(Object.keys(PLACEHOLDER_REFS), `test/helpers/ledgerSamples.ts SampleRefs lacks ${field}`).toContain(field);
    }
  });

  it('names each ledger a file can be attached to by its own table', () => {
    for (const [noun, table] of Object.entries(ATTACHABLE)) {
      expect(LEDGER_DEFINITIONS[noun as keyof typeof LEDGER_DEFINITIONS]?.table, `ATTACHABLE.${noun} (shared/domain/attachments.ts)`).toBe(table);
    }
  });
});
