// Every ledger definition, in the order the app shows them: each file of this folder lists its
// own ledgers, and this joins the files. A ledger added beside its relatives is registered by
// that file alone; the nouns of the contract (shared/api/methods.ts), the menu, the allow-list
// and the references are all read off this record.
import { DAY_LEDGERS } from './days';
import { HOUSEHOLD_LEDGERS } from './households';
import { PARTY_LEDGERS } from './party';
import { RESERVE_LEDGERS } from './reserve';
import { VISIT_LEDGERS } from './visits';
import { POSTING_LEDGERS, WORK_LEDGERS } from './work';

/** Each ledger under its own noun (a definition kept under another key would not type). */
function registry<T extends { readonly [K in keyof T]: { readonly noun: K } }>(definitions: T): T {
  return definitions;
}

export const LEDGER_DEFINITIONS = registry({
  ...HOUSEHOLD_LEDGERS,
  ...VISIT_LEDGERS,
  ...WORK_LEDGERS,
  ...DAY_LEDGERS,
  ...POSTING_LEDGERS,
  ...PARTY_LEDGERS,
  ...RESERVE_LEDGERS,
});

export type LedgerDefinitions = typeof LEDGER_DEFINITIONS;
/** The noun of a ledger: its API methods are `${noun}.list|get|create|update|delete`. */
export type LedgerNoun = keyof LedgerDefinitions;
/** Every ledger's noun, in the registry's order. */
export const LEDGER_NOUNS = Object.keys(LEDGER_DEFINITIONS) as LedgerNoun[];

/** The table a ledger is kept in. */
export type LedgerTable = LedgerDefinitions[keyof LedgerDefinitions]['table'];

const NOUN_OF_TABLE: ReadonlyMap<string, keyof LedgerDefinitions> = new Map(
  Object.values(LEDGER_DEFINITIONS).map((def) => [def.table, def.noun] as const),
);

/** Database table → the ledger kept in it; null for villages (its own screen) and anything else. */
export function nounOfTable(table: string): keyof LedgerDefinitions | null {
  return NOUN_OF_TABLE.get(table) ?? null;
}
