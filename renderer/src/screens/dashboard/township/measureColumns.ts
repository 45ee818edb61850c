// The measures a township or district overview lays side by side: their order and groups (the
// five a coordinator draws lines for first, so they read without scrolling at 1366×768), how
// each is written, and how a column sorts (a ratio with nothing to divide by always sorts last).
import { THRESHOLD_MEASURES, type Measures, type ThresholdMeasure } from '../../../../../shared/domain/dashboard';
import { formatFenAsWanYuan } from '../../../../../shared/domain/money';
import type { LooseT } from '../../../ledgers/labels';

export type MeasureKey = keyof Measures;
export type MeasureKind = 'count' | 'ratio' | 'days' | 'fen';

export const MEASURE_KIND: Record<MeasureKey, MeasureKind> = {
  households: 'count',
  visitedHouseholds: 'count',
  visits: 'count',
  coverage: 'ratio',
  needsRaised: 'count',
  needsSolved: 'count',
  needsOpen: 'count',
  needsOverdue: 'count',
  plans: 'count',
  plansDone: 'count',
  planCompletion: 'ratio',
  presenceMonthDays: 'days',
  presenceYearDays: 'days',
  leaveMonthDays: 'days',
  leaveYearDays: 'days',
  diaryMonthEntries: 'count',
  projects: 'count',
  budgetFen: 'fen',
  receivedFen: 'fen',
  spentFen: 'fen',
  spentRatio: 'ratio',
  commitments: 'count',
  commitmentsDone: 'count',
  commitmentsOverdue: 'count',
  monitored: 'count',
  monitoringOverdue: 'count',
};

export type MeasureGroup = 'key' | 'visits' | 'needs' | 'plans' | 'presence' | 'money' | 'commitments' | 'monitoring';

/** Column groups left to right; every measure appears once. */
export const MEASURE_GROUPS: readonly { group: MeasureGroup; measures: readonly MeasureKey[] }[] = [
  { group: 'key', measures: THRESHOLD_MEASURES },
  { group: 'visits', measures: ['households', 'visitedHouseholds', 'visits'] },
  { group: 'needs', measures: ['needsRaised', 'needsSolved', 'needsOpen'] },
  { group: 'plans', measures: ['plans', 'plansDone'] },
  { group: 'presence', measures: ['presenceYearDays', 'leaveMonthDays', 'leaveYearDays', 'diaryMonthEntries'] },
  { group: 'money', measures: ['projects', 'budgetFen', 'receivedFen', 'spentFen'] },
  { group: 'commitments', measures: ['commitments', 'commitmentsDone', 'commitmentsOverdue'] },
  { group: 'monitoring', measures: ['monitored', 'monitoringOverdue'] },
];

/** Every measure in the order the table shows them: what the ranking chart offers. */
export const ORDERED_MEASURES: readonly MeasureKey[] = MEASURE_GROUPS.flatMap((g) => g.measures);

export function isThresholdMeasure(key: MeasureKey): key is ThresholdMeasure {
  return (THRESHOLD_MEASURES as readonly string[]).includes(key);
}

/**
 * Wide enough for the value and, on a coloured cell, its icon (money needs room for 万元), and
 * for a Chinese title on one line beside its sort arrows; a longer (English) title wraps.
 */
export function columnWidth(key: MeasureKey, title = ''): number {
  const base = isThresholdMeasure(key) ? 104 : MEASURE_KIND[key] === 'fen' ? 112 : 92;
  const text = [...title].reduce((sum, c) => sum + (c.charCodeAt(0) > 0x2e80 ? 14 : 7.5), 0);
  return Math.min(140, Math.max(base, Math.ceil(text + 42)));
}

export function measureValue(row: Measures, key: MeasureKey): number | null {
  return row[key];
}

/**
 * A sorter for antd's Table, which calls it with the order and reverses it for descending:
 * nulls come back last whichever way the column is sorted.
 */
export function compareMeasure<R extends Measures>(key: MeasureKey): (a: R, b: R, order?: 'ascend' | 'descend' | null) => number {
  return (a, b, order) => {
    const x = a[key];
    const y = b[key];
    if (x === null && y === null) return 0;
    const last = order === 'descend' ? -1 : 1;
    if (x === null) return last;
    if (y === null) return -last;
    return x - y;
  };
}

/** One decimal at most: days in the village are a mean when several villages are summed. */
function decimal(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** How a measure is written for a reader, in the table, the totals and the chart labels. */
export function formatMeasure(t: LooseT, key: MeasureKey, value: number | null): string {
  if (value === null) return t('dashboard.measures.none');
  switch (MEASURE_KIND[key]) {
    case 'ratio':
      return t('dashboard.measures.units.percent', { value: Math.round(value * 100) });
    case 'days':
      return t('dashboard.measures.units.days', { value: decimal(value) });
    case 'fen':
      return t('dashboard.measures.units.wan', { value: formatFenAsWanYuan(value) });
    case 'count':
      return String(value);
  }
}

/** The value as the chart's axis and the coordinator's lines read it: ratios in percent. */
export function displayValue(key: MeasureKey, value: number | null): number | null {
  if (value === null) return null;
  if (MEASURE_KIND[key] === 'ratio') return Math.round(value * 1000) / 10;
  if (MEASURE_KIND[key] === 'fen') return Math.round(value / 100) / 10_000;
  return value;
}
