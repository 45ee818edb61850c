// Where each figure leads: the ledger list narrowed to the records behind it. Where the list
// cannot say a rule exactly (needs raised in a period are dated by their visit), the link opens
// the nearest list that holds them all, never one that holds fewer.
import type { Measures } from '../../../../shared/domain/dashboard';
import type { HeadlineKey } from '../../../../shared/domain/dashboard';
import { ledgerRoute, type LedgerLink, type Route } from '../../shell/route';

export interface FigureScope {
  /** One village, or null for every village counted. */
  readonly village: string | null;
  /** With no village: every village of this township (a district's township), or null for all. */
  readonly township?: string | null;
  readonly from: string;
  readonly to: string;
  readonly referenceDay: string;
}

export type LinkedMeasure = keyof Measures;

function year(scope: FigureScope): { year?: number } {
  // Plans and commitments are kept by year: a period within one year narrows to it.
  return scope.from.slice(0, 4) === scope.to.slice(0, 4) ? { year: Number(scope.to.slice(0, 4)) } : {};
}

/** A ledger list of the scope's villages: one village, a township's, or all. */
function narrowed(noun: Parameters<typeof ledgerRoute>[0], link: LedgerLink & { village: string | null }, township: string | null | undefined): Route {
  return ledgerRoute(noun, link.village ? link : { ...link, township: township ?? null });
}

/** The list behind a measure of the dashboards (a cell, a statistic, a bar). */
export function measureLink(measure: LinkedMeasure, scope: FigureScope): Route {
  const { village, from, to, referenceDay } = scope;
  const monthStart = `${referenceDay.slice(0, 7)}-01`;
  switch (measure) {
    case 'households':
      return narrowed('households', { village }, scope.township);
    case 'visitedHouseholds':
    case 'visits':
    case 'coverage':
      return narrowed('visits', { village, from, to }, scope.township);
    case 'needsRaised':
    case 'needsOpen':
      return narrowed('needs', { village }, scope.township);
    case 'needsSolved':
      return narrowed('needs', { village, filters: { status: 'done' }, from, to, dateField: 'closedOn' }, scope.township);
    case 'needsOverdue':
      return narrowed('needs', { village, overdue: true }, scope.township);
    case 'plans':
    case 'planCompletion':
      return narrowed('plans', { village, filters: { ...year(scope) } }, scope.township);
    case 'plansDone':
      return narrowed('plans', { village, filters: { ...year(scope), status: 'done' } }, scope.township);
    case 'presenceMonthDays':
    case 'diaryMonthEntries':
      return narrowed('diary', { village, from: monthStart, to: referenceDay, ...(measure === 'presenceMonthDays' ? { filters: { presence: 'in_village' } } : {}) }, scope.township);
    case 'presenceYearDays':
      return narrowed('diary', { village, from: `${referenceDay.slice(0, 4)}-01-01`, to: referenceDay, filters: { presence: 'in_village' } }, scope.township);
    case 'leaveMonthDays':
    case 'leaveYearDays':
      return narrowed('leaves', { village, filters: { status: 'approved' } }, scope.township);
    case 'projects':
    case 'budgetFen':
    case 'receivedFen':
    case 'spentFen':
    case 'spentRatio':
      return narrowed('projects', { village }, scope.township);
    case 'commitments':
      return narrowed('commitments', { village, filters: { ...year(scope) } }, scope.township);
    case 'commitmentsDone':
      return narrowed('commitments', { village, filters: { ...year(scope), status: 'fulfilled' } }, scope.township);
    case 'commitmentsOverdue':
      return narrowed('commitments', { village, overdue: true }, scope.township);
    case 'monitored':
    case 'monitoringOverdue':
      return narrowed('monitoring', { village, filters: { riskCleared: false } }, scope.township);
  }
}

/** The list behind a headline figure. */
export function headlineLink(key: HeadlineKey, scope: FigureScope): Route {
  switch (key) {
    case 'visitedHouseholds':
      return measureLink('visits', scope);
    case 'reserveCadres':
    case 'venuesRebuilt':
      return narrowed('indicators', { village: scope.village }, scope.township);
    case 'plans':
      return measureLink('plans', scope);
    case 'projectsIntroduced':
      return narrowed('projects', { village: scope.village, from: scope.from, to: scope.to }, scope.township);
    case 'commitments':
      return measureLink('commitments', scope);
    case 'needsSolved':
      return measureLink('needsSolved', scope);
  }
}
