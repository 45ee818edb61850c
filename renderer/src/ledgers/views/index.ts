// Every ledger's view, one per noun of the contract (a test checks each against its definition).
import type { LedgerNoun } from '../../../../shared/api/methods';
import type { LedgerView } from '../viewTypes';
import { diaryView, leavesView, monitoringView } from './days';
import { householdsView, membersView, secretariesView } from './people';
import { needsView, visitsView } from './visits';
import { commitmentsView, fundsView, indicatorsView, plansView, projectsView } from './work';

export const LEDGER_VIEWS: Readonly<Record<LedgerNoun, LedgerView>> = {
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
};
