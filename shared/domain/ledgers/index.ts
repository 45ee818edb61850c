// Every ledger definition, in the order the app shows them.
import type { LedgerNoun } from '../../api/methods';
import { diary, leaves, monitoring } from './days';
import { households, members } from './households';
import { funds, projects } from './money';
import { needs, visits } from './visits';
import { candidates, steps } from './party';
import { cadres, trainings } from './reserve';
import { commitments, indicators, plans, secretaries } from './work';

export const LEDGER_DEFINITIONS = {
  households,
  members,
  visits,
  needs,
  plans,
  projects,
  funds,
  commitments,
  diary,
  leaves,
  monitoring,
  indicators,
  secretaries,
  candidates,
  steps,
  cadres,
  trainings,
} as const satisfies Record<LedgerNoun, unknown>;

export type LedgerDefinitions = typeof LEDGER_DEFINITIONS;

export { diary, leaves, monitoring, households, members, funds, projects, needs, visits, commitments, indicators, plans, secretaries, candidates, steps, cadres, trainings };

/** The table a ledger is kept in. */
export type LedgerTable = LedgerDefinitions[keyof LedgerDefinitions]['table'];

const NOUN_OF_TABLE: ReadonlyMap<string, keyof LedgerDefinitions> = new Map(
  Object.values(LEDGER_DEFINITIONS).map((def) => [def.table, def.noun] as const),
);

/** Database table → the ledger kept in it; null for villages (its own screen) and anything else. */
export function nounOfTable(table: string): keyof LedgerDefinitions | null {
  return NOUN_OF_TABLE.get(table) ?? null;
}
