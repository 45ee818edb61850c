// What an import's field is called on screen: the ledger's own label wherever the field is a
// ledger's, so a column reads the same here as on the form; only what the import alone knows
// (the household size it reads and drops, a member's name in a roster row) has words of its own.
import type { TFunction, i18n as I18n } from 'i18next';
import type { LedgerNoun } from '../../../../shared/api/methods';
import type { ImportLedger } from '../../../../shared/domain/imports';
import { loose } from '../../ledgers/labels';

/** Where a field's label is looked for, first to last: a roster row is a household and its member. */
const LABELS_FROM: Record<ImportLedger, readonly LedgerNoun[]> = {
  households: ['households', 'members'],
  visits: ['visits', 'households'],
  needs: ['needs', 'households'],
};

export function importFieldLabel(t: TFunction, i18n: I18n, ledger: ImportLedger, field: string): string {
  const keys = [`imports.fields.${field}`, ...LABELS_FROM[ledger].map((noun) => `ledgers.${noun}.fields.${field}`)];
  return loose(t)(keys.find((key) => i18n.exists(key)) ?? keys[0]!);
}
