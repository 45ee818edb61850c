// Fields that point at a row of another ledger, always of the same village: the one table the
// write rules (a reference must be a live row of the village), the lists (the row's name beside
// the id), the conflicts (a reference is named by the row it points at) and the form's picker
// read. A field of any ledger with one of these names is such a reference.
import type { LedgerNoun } from '../../api/methods';

export const REFERENCES = {
  householdId: 'households',
  visitId: 'visits',
  projectId: 'projects',
  candidateId: 'candidates',
  cadreId: 'cadres',
} as const satisfies Record<string, LedgerNoun>;

export type ReferenceField = keyof typeof REFERENCES;
/** Ledgers a reference field can point at. */
export type ReferenceNoun = (typeof REFERENCES)[ReferenceField];

export function referenceOf(field: string): ReferenceNoun | null {
  return Object.prototype.hasOwnProperty.call(REFERENCES, field) ? REFERENCES[field as ReferenceField] : null;
}
