// Keys made from a noun and a field name (ledgers.households.fields.headName) cannot be typed
// one by one; this is the one place that looks them up loosely. The locale test checks they exist.
import type { TFunction } from 'i18next';
import type { LedgerNoun } from '../../../shared/api/methods';

export type LooseT = (key: string, options?: Record<string, unknown>) => string;

export function loose(t: TFunction): LooseT {
  return t as unknown as LooseT;
}

export function fieldLabel(t: TFunction, noun: LedgerNoun, field: string): string {
  return loose(t)(`ledgers.${noun}.fields.${field}`);
}

export function ledgerTitle(t: TFunction, noun: LedgerNoun): string {
  return loose(t)(`ledgers.${noun}.title`);
}
