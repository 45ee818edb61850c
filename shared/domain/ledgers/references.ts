// Fields that point at a row of another ledger, always of the same village: the one table the
// write rules (a reference must be a live row of the village), the lists (the row's name beside
// the id), the conflicts (a reference is named by the row it points at) and the form's picker
// read. Read off the definitions: a field named `<x>Id` points at the ledger `<x>s`
// (householdId → households, cadreId → cadres); a test refuses an `…Id` field with no such ledger.
import { LEDGER_DEFINITIONS, type LedgerNoun } from './index';

function referencesOf(): Readonly<Record<string, LedgerNoun>> {
  const nouns = new Set<string>(Object.keys(LEDGER_DEFINITIONS));
  const found: Record<string, LedgerNoun> = {};
  for (const def of Object.values(LEDGER_DEFINITIONS)) {
    for (const field of Object.keys(def.fields)) {
      const match = /^([a-z]+)Id$/.exec(field);
      if (match && nouns.has(`${match[1]}s`)) found[field] = `${match[1]}s` as LedgerNoun;
    }
  }
  return found;
}

export const REFERENCES = referencesOf();

/** Ledgers a reference field can point at. */
export type ReferenceNoun = LedgerNoun;

export function referenceOf(field: string): ReferenceNoun | null {
  return Object.prototype.hasOwnProperty.call(REFERENCES, field) ? REFERENCES[field]! : null;
}

/** The ledgers that are part of this one (their place's `partOf`), each with its field that points
 *  here: their rows open from this one's rows, and go with it when it is deleted. */
export function partsOf(noun: LedgerNoun): { noun: LedgerNoun; field: string }[] {
  return Object.values(LEDGER_DEFINITIONS).flatMap((def) => {
    const field = Object.keys(def.fields).find((f) => REFERENCES[f] === noun);
    return 'partOf' in def.place && def.place.partOf === noun && field ? [{ noun: def.noun, field }] : [];
  });
}
