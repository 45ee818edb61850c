// Every ledger's view, one per noun of the contract: its own where its form is laid out by hand,
// else read off its definition (derivedView.ts; a test checks both against the definition).
import { LEDGER_NOUNS, type LedgerNoun } from '../../../../shared/api/methods';
import { LEDGER_DEFINITIONS } from '../../../../shared/domain/ledgers/index';
import { derivedView } from '../derivedView';
import type { LedgerView } from '../viewTypes';
import { diaryView, leavesView, monitoringView } from './days';
import { householdsView, membersView, secretariesView } from './people';
import { candidatesView } from './party';
import { needsView, visitsView } from './visits';
import { commitmentsView, fundsView, indicatorsView, plansView, projectsView } from './work';

export const OWN_VIEWS: Readonly<Partial<Record<LedgerNoun, LedgerView>>> = {
  households: householdsView,
  members: membersView,
  visits: visitsView,
  needs: needsView,
  plans: plansView,
  projects: projectsView,
  funds: fundsView,
  commitments: commitmentsView,
  diary: diaryView,
  leaves: leavesView,
  monitoring: monitoringView,
  indicators: indicatorsView,
  secretaries: secretariesView,
  candidates: candidatesView,
};

export const LEDGER_VIEWS: Readonly<Record<LedgerNoun, LedgerView>> = Object.fromEntries(
  LEDGER_NOUNS.map((noun) => [noun, OWN_VIEWS[noun] ?? derivedView(LEDGER_DEFINITIONS[noun] as unknown as Parameters<typeof derivedView>[0])]),
) as Record<LedgerNoun, LedgerView>;
