// A cell's red / amber / green beyond ragOf: the month's days-in-village lines scaled to the
// days gone when the month is not over (on the 10th nobody can have 20 days yet), the lines as
// a reader sees them, and the ledger a person records in to give a measure any value at all.
import type { LedgerNoun } from '../../../../../shared/api/methods';
import { ragOf, type Rag, type ThresholdMeasure, type Thresholds } from '../../../../../shared/domain/dashboard';
import type { LooseT } from '../../../ledgers/labels';
import { isThresholdMeasure, type MeasureKey } from './measureColumns';

function daysInMonth(isoDay: string): number {
  return new Date(Date.UTC(Number(isoDay.slice(0, 4)), Number(isoDay.slice(5, 7)), 0)).getUTCDate();
}

/**
 * The lines as they apply on `referenceDay`: the coordinator sets days in the village for a
 * whole month, and a month still running is judged on the share of it gone (one decimal).
 */
export function effectiveThresholds(thresholds: Thresholds, referenceDay: string): Thresholds {
  const day = Number(referenceDay.slice(8, 10));
  const days = daysInMonth(referenceDay);
  if (!(day > 0) || day >= days) return thresholds;
  const scale = (n: number) => Math.round(((n * day) / days) * 10) / 10;
  const { green, red } = thresholds.presenceMonthDays;
  return { ...thresholds, presenceMonthDays: { green: scale(green), red: scale(red) } };
}

/** The colour of a cell, or null for a measure no line is drawn for (it stays plain). */
export function cellRag(key: MeasureKey, value: number | null, lines: Thresholds): Rag | null {
  return isThresholdMeasure(key) ? ragOf(key, value, lines) : null;
}

/** A line as the coordinator typed it: percent for ratios, days, or a count. */
export function lineUnit(measure: ThresholdMeasure): 'percent' | 'days' | 'count' {
  if (measure === 'presenceMonthDays') return 'days';
  return measure === 'needsOverdue' ? 'count' : 'percent';
}

/** A line written for a reader: 80%, 20 天, 3. */
export function formatLine(t: LooseT, measure: ThresholdMeasure, value: number): string {
  const unit = lineUnit(measure);
  if (unit === 'count') return String(value);
  return t(unit === 'percent' ? 'dashboard.measures.units.percent' : 'dashboard.measures.units.days', { value });
}

/** Both lines of a measure, as a cell's hover says them. */
export function linesText(t: LooseT, measure: ThresholdMeasure, lines: Thresholds): string {
  const { green, red } = lines[measure];
  return t('dashboard.thresholds.lineHint', { green: formatLine(t, measure, green), red: formatLine(t, measure, red) });
}

/** Where a person records what a measure counts: named by an empty chart. */
export function ledgerOf(key: MeasureKey): LedgerNoun {
  switch (key) {
    case 'households':
      return 'households';
    case 'visitedHouseholds':
    case 'visits':
    case 'coverage':
      return 'visits';
    case 'needsRaised':
    case 'needsSolved':
    case 'needsOpen':
    case 'needsOverdue':
      return 'needs';
    case 'plans':
    case 'plansDone':
    case 'planCompletion':
      return 'plans';
    case 'presenceMonthDays':
    case 'presenceYearDays':
    case 'diaryMonthEntries':
      return 'diary';
    case 'leaveMonthDays':
    case 'leaveYearDays':
      return 'leaves';
    case 'projects':
    case 'budgetFen':
      return 'projects';
    case 'receivedFen':
    case 'spentFen':
    case 'spentRatio':
      return 'funds';
    case 'commitments':
    case 'commitmentsDone':
    case 'commitmentsOverdue':
      return 'commitments';
    case 'monitored':
    case 'monitoringOverdue':
      return 'monitoring';
  }
}
