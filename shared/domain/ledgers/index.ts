// Every ledger definition, in the order the app shows them.
import type { LedgerNoun } from '../../api/methods';
import { diary, leaves, monitoring } from './days';
import { households, members } from './households';
import { funds, projects } from './money';
import { needs, visits } from './visits';
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
} as const satisfies Record<LedgerNoun, unknown>;

export type LedgerDefinitions = typeof LEDGER_DEFINITIONS;

export { diary, leaves, monitoring, households, members, funds, projects, needs, visits, commitments, indicators, plans, secretaries };
