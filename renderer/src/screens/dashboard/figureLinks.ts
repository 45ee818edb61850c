// Where each figure leads: the ledger list narrowed to the records behind it. Where the list
// cannot say a rule exactly (needs raised in a period are dated by their visit), the link opens
// the nearest list that holds them all, never one that holds fewer.
import type { Measures } from '../../../../shared/domain/dashboard';
import type { HeadlineKey } from '../../../../shared/domain/dashboard';
import { ledgerRoute, type Route } from '../../shell/route';

export interface FigureScope {
  /** One village, or null for every village counted. */
  readonly village: string | null;
  readonly from: string;
  readonly to: string;
  readonly referenceDay: string;
}

export type LinkedMeasure = keyof Measures;

function year(scope: FigureScope): { year?: number } {
  // Plans and commitments are kept by year: a period within one year narrows to it.
  return scope.from.slice(0, 4) === scope.to.slice(0, 4) ? { year: Number(scope.to.slice(0, 4)) } : {};
}

/** The list behind a measure of the dashboards (a cell, a statistic, a bar). */
export function measureLink(measure: LinkedMeasure, scope: FigureScope): Route {
  const { village, from, to, referenceDay } = scope;
  const monthStart = `${referenceDay.slice(0, 7)}-01`;
  switch (measure) {
    case 'households':
      return ledgerRoute('households', { village });
    case 'visitedHouseholds':
    case 'visits':
    case 'coverage':
      return ledgerRoute('visits', { village, from, to });
    case 'needsRaised':
    case 'needsOpen':
      return ledgerRoute('needs', { village });
    case 'needsSolved':
      return ledgerRoute('needs', { village, filters: { status: 'done' }, from, to, dateField: 'closedOn' });
    case 'needsOverdue':
      return ledgerRoute('needs', { village, overdue: true });
    case 'plans':
    case 'planCompletion':
      return ledgerRoute('plans', { village, filters: { ...year(scope) } });
    case 'plansDone':
      return ledgerRoute('plans', { village, filters: { ...year(scope), status: 'done' } });
    case 'presenceMonthDays':
    case 'diaryMonthEntries':
      return ledgerRoute('diary', { village, from: monthStart, to: referenceDay, ...(measure === 'presenceMonthDays' ? { filters: { presence: 'in_village' } } : {}) });
    case 'presenceYearDays':
      return ledgerRoute('diary', { village, from: `${referenceDay.slice(0, 4)}-01-01`, to: referenceDay, filters: { presence: 'in_village' } });
    case 'leaveMonthDays':
    case 'leaveYearDays':
      return ledgerRoute('leaves', { village, filters: { status: 'approved' } });
    case 'projects':
    case 'budgetFen':
    case 'receivedFen':
    case 'spentFen':
    case 'spentRatio':
      return ledgerRoute('projects', { village });
    case 'commitments':
      return ledgerRoute('commitments', { village, filters: { ...year(scope) } });
    case 'commitmentsDone':
      return ledgerRoute('commitments', { village, filters: { ...year(scope), status: 'fulfilled' } });
    case 'commitmentsOverdue':
      return ledgerRoute('commitments', { village, overdue: true });
    case 'monitored':
    case 'monitoringOverdue':
      return ledgerRoute('monitoring', { village, filters: { riskCleared: false } });
  }
}

/** The list behind a headline figure. */
export function headlineLink(key: HeadlineKey, scope: FigureScope): Route {
  switch (key) {
    case 'visitedHouseholds':
      return measureLink('visits', scope);
    case 'reserveCadres':
    case 'venuesRebuilt':
      return ledgerRoute('indicators', { village: scope.village });
    case 'plans':
      return measureLink('plans', scope);
    case 'projectsIntroduced':
      return ledgerRoute('projects', { village: scope.village, from: scope.from, to: scope.to });
    case 'commitments':
      return measureLink('commitments', scope);
    case 'needsSolved':
      return measureLink('needsSolved', scope);
  }
}
