// A ledger's view read off its definition: the kinds, labels and references it derives agree
// with every view laid out by hand, and a ledger without one still gets all its fields.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { LEDGER_NOUNS } from '../../shared/api/methods';
import { HOUSEHOLD_CATEGORY_LABELS } from '../../shared/domain/ledgerEnums';
import type { LedgerDefinition } from '../../shared/domain/ledgers/define';
import { LEDGER_DEFINITIONS } from '../../shared/domain/ledgers/index';
import { derivedView, fieldViewOf } from '../../renderer/src/ledgers/derivedView';
import { OWN_VIEWS } from '../../renderer/src/ledgers/views/index';

type AnyDefinition = LedgerDefinition<string, z.ZodRawShape>;
const definitionOf = (noun: string) => (LEDGER_DEFINITIONS as unknown as Record<string, AnyDefinition>)[noun]!;

/** What a view laid out by hand may make of a derived kind: long or short text, or a township duty word. */
const REFINES: Record<string, readonly string[]> = { text: ['textarea', 'duty'], textarea: ['text', 'duties'] };

describe('a view derived from the definition', () => {
  it.each(Object.entries(OWN_VIEWS))('%s: agrees with the view laid out by hand on every kind, label and reference', (noun, view) => {
    const def = definitionOf(noun);
    for (const own of view!.fields) {
      const derived = fieldViewOf(own.name, def.fields[own.name] as z.ZodType);
      if (derived.kind !== own.kind) expect(REFINES[derived.kind] ?? [], `${noun}.${own.name}: ${own.kind} by hand, ${derived.kind} derived`).toContain(own.kind);
      expect(derived.labels, `${noun}.${own.name} labels`).toBe(own.labels);
      expect(derived.ref, `${noun}.${own.name} reference`).toBe(own.ref);
    }
  });

  it('gives a choice its labelled enum, a reference its ledger, money, numbers, dates and long text their widgets', () => {
    const view = derivedView(definitionOf('households'));
    expect(view.fields.find((x) => x.name === 'category')).toEqual({ name: 'category', kind: 'choice', labels: HOUSEHOLD_CATEGORY_LABELS });
    expect(fieldViewOf('householdId', definitionOf('members').fields.householdId as z.ZodType)).toMatchObject({ kind: 'reference', ref: 'households' });
    const projects = derivedView(definitionOf('projects'));
    expect(Object.fromEntries(projects.fields.map((x) => [x.name, x.kind]))).toMatchObject({
      budgetFen: 'money', beneficiaryHouseholds: 'integer', startDate: 'date', notes: 'textarea', name: 'text', kind: 'choice',
    });
    expect(derivedView(definitionOf('plans')).fields.find((x) => x.name === 'targetValue')?.kind).toBe('number');
    expect(derivedView(definitionOf('visits')).fields.find((x) => x.name === 'confirmed')?.kind).toBe('boolean');
  });

  it.each([...LEDGER_NOUNS])('%s: has every field of its definition, and columns among them led by what names a record', (noun) => {
    const def = definitionOf(noun);
    const view = derivedView(def);
    expect(view.noun).toBe(noun);
    expect(view.fields.map((x) => x.name)).toEqual(Object.keys(def.fields));
    expect(view.columns.slice(0, def.namedBy.length)).toEqual([...def.namedBy]);
    for (const column of view.columns) expect(Object.keys(def.fields)).toContain(column);
  });
});
