// The village dashboard's charts as data → ECharts option, pure so tests read them. Each returns
// null when there is nothing to draw, and the card shows what to record instead. Words arrive
// translated; money arrives in fen and is drawn in 万元.
import type { ChartOption } from '../../../charts/EChart';
import type { VillageDashboard } from '../../../../../shared/domain/dashboard';
import { formatFenAsWanYuan } from '../../../../../shared/domain/money';

type Data = VillageDashboard;

/** Fen as a number of 万元, two decimals, for a bar's length. */
export function wanOf(fen: number): number {
  return Number(formatFenAsWanYuan(fen));
}

const AXIS_LABEL = { fontSize: 12, color: '#595959' };

/** A bar's value written at its end; a zero writes nothing (a row of 0s is noise, the axis says it). */
export function valueLabel(position: 'top' | 'right', show = true) {
  return { show, position, fontSize: 11, formatter: (item: { value: unknown }) => (typeof item.value === 'number' && item.value !== 0 ? String(item.value) : '') };
}
const LEGEND = { top: 0, left: 0, itemWidth: 14, itemHeight: 10, textStyle: { fontSize: 12 } };
/** Long category names (projects, sources) are cut to this width with an ellipsis; the tooltip has them whole. */
const CATEGORY_WIDTH = 128;

export interface VisitsWords {
  readonly visits: string;
  readonly households: string;
  readonly month: (month: string) => string;
}

/** Visits and households visited, one pair of bars a month; null when the period has none. */
export function visitsOption(rows: Data['visitsByMonth'], words: VisitsWords): ChartOption | null {
  if (!rows.some((row) => row.visits > 0)) return null;
  const many = rows.length > 12;
  const label = valueLabel('top', !many);
  return {
    grid: { left: 8, right: 8, top: 44, bottom: 4 },
    legend: { ...LEGEND, data: [words.visits, words.households] },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: {
      type: 'category',
      data: rows.map((row) => words.month(row.month)),
      // Up to a year the months stand level; a term's three years lean so none overlap.
      axisLabel: { ...AXIS_LABEL, rotate: many ? 45 : 0, hideOverlap: true },
      axisTick: { alignWithLabel: true },
    },
    yAxis: { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL },
    series: [
      { type: 'bar', name: words.visits, data: rows.map((row) => row.visits), label, barMaxWidth: 28 },
      { type: 'bar', name: words.households, data: rows.map((row) => row.households), label, barMaxWidth: 28 },
    ],
  };
}

export interface PlansWords {
  readonly planned: string;
  readonly done: string;
  readonly duty: (duty: Data['plansByDuty'][number]['duty']) => string;
  /** The duty's mean progress (0–1) after its name, when it has plans. */
  readonly progress?: (ratio: number) => string;
}

/** Plans and plans done under each of the township's duties (in its order), a duty a row; null when there are no plans. */
export function plansOption(rows: Data['plansByDuty'], words: PlansWords): ChartOption | null {
  if (!rows.some((row) => row.plans > 0)) return null;
  const label = valueLabel('right');
  return {
    grid: { left: 8, right: 28, top: 28, bottom: 4 },
    legend: { ...LEGEND, data: [words.planned, words.done] },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL },
    yAxis: { type: 'category', inverse: true, data: rows.map((row) => (row.progress !== null && words.progress ? `${words.duty(row.duty)} ${words.progress(row.progress)}` : words.duty(row.duty))), axisLabel: AXIS_LABEL },
    series: [
      { type: 'bar', name: words.planned, data: rows.map((row) => row.plans), label, barMaxWidth: 14 },
      { type: 'bar', name: words.done, data: rows.map((row) => row.done), label, barMaxWidth: 14 },
    ],
  };
}

export interface MoneyWords {
  readonly budget: string;
  readonly received: string;
  readonly spent: string;
}

const moneyTooltip = {
  trigger: 'axis',
  axisPointer: { type: 'shadow' },
  valueFormatter: (value: unknown) => (typeof value === 'number' ? value.toFixed(2) : String(value)),
};

/** The height a horizontal bar chart needs for `rows` categories of `bars` bars each. */
export function barChartHeight(rows: number, bars: number): number {
  return Math.max(120, 44 + rows * (bars * 10 + 14));
}

/**
 * Budget, money received and money spent per project (already the largest budgets first), each
 * named by `name` (which may add the village when several are shown); null without projects.
 */
export function projectMoneyOption(projects: Data['projectMoney'], name: (project: Data['projectMoney'][number]) => string, words: MoneyWords): ChartOption | null {
  if (projects.length === 0) return null;
  return {
    grid: { left: 8, right: 44, top: 28, bottom: 4 },
    legend: { ...LEGEND, data: [words.budget, words.received, words.spent] },
    tooltip: moneyTooltip,
    xAxis: { type: 'value', axisLabel: AXIS_LABEL },
    yAxis: {
      type: 'category',
      inverse: true,
      data: projects.map(name),
      axisLabel: { ...AXIS_LABEL, width: CATEGORY_WIDTH, overflow: 'truncate' },
    },
    series: [
      { type: 'bar', name: words.budget, data: projects.map((p) => wanOf(p.budgetFen)), barMaxWidth: 10 },
      { type: 'bar', name: words.received, data: projects.map((p) => wanOf(p.receivedFen)), barMaxWidth: 10 },
      { type: 'bar', name: words.spent, data: projects.map((p) => wanOf(p.spentFen)), barMaxWidth: 10 },
    ],
  };
}

/** Money received and spent per source (no source named: `noSource`); null when no money moved. */
export function sourceOption(rows: Data['moneyBySource'], words: MoneyWords & { readonly noSource: string }): ChartOption | null {
  if (!rows.some((row) => row.receivedFen !== 0 || row.spentFen !== 0)) return null;
  const label = valueLabel('right');
  return {
    grid: { left: 8, right: 52, top: 28, bottom: 4 },
    legend: { ...LEGEND, data: [words.received, words.spent] },
    tooltip: moneyTooltip,
    xAxis: { type: 'value', axisLabel: AXIS_LABEL },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((row) => row.source ?? words.noSource),
      axisLabel: { ...AXIS_LABEL, width: CATEGORY_WIDTH, overflow: 'truncate' },
    },
    // The second and third colours: received and spent keep the colours they have per project.
    color: ['#E69F00', '#009E73'],
    series: [
      { type: 'bar', name: words.received, data: rows.map((row) => wanOf(row.receivedFen)), label, barMaxWidth: 12 },
      { type: 'bar', name: words.spent, data: rows.map((row) => wanOf(row.spentFen)), label, barMaxWidth: 12 },
    ],
  };
}

export interface IndicatorWords {
  readonly collectiveIncome: string;
  readonly operatingFunds: string;
  readonly line: string;
  readonly year: (year: number) => string;
}

/**
 * Collective income and operating funds year by year. A year with nothing entered has no bar
 * (never a zero). The 50,000 元 line is drawn when the figures are one village's: a sum of
 * villages says nothing against a line each village must pass. Null when nothing was entered.
 */
export function indicatorsOption(rows: Data['indicatorsByYear'], oneVillage: boolean, lineFen: number, words: IndicatorWords): ChartOption | null {
  if (!rows.some((row) => row.collectiveIncomeFen !== null || row.operatingFundsFen !== null)) return null;
  const value = (fen: number | null) => (fen === null ? '-' : wanOf(fen));
  const label = valueLabel('top');
  const highest = Math.max(...rows.flatMap((row) => [row.collectiveIncomeFen ?? 0, row.operatingFundsFen ?? 0]).map(wanOf));
  return {
    grid: { left: 8, right: oneVillage ? 72 : 8, top: 44, bottom: 8 },
    legend: { ...LEGEND, data: [words.collectiveIncome, words.operatingFunds] },
    tooltip: moneyTooltip,
    xAxis: { type: 'category', data: rows.map((row) => words.year(row.year)), axisLabel: AXIS_LABEL },
    // The line stays in sight even when every year is far below it (else the axis picks its own top).
    yAxis: { type: 'value', axisLabel: AXIS_LABEL, ...(oneVillage && highest < wanOf(lineFen) * 1.2 ? { max: Math.ceil(wanOf(lineFen) * 1.2) } : {}) },
    series: [
      { type: 'bar', name: words.collectiveIncome, data: rows.map((row) => value(row.collectiveIncomeFen)), label, barMaxWidth: 32 },
      {
        type: 'bar',
        name: words.operatingFunds,
        data: rows.map((row) => value(row.operatingFundsFen)),
        label,
        barMaxWidth: 32,
        ...(oneVillage
          ? {
              markLine: {
                symbol: 'none',
                silent: true,
                data: [{ yAxis: wanOf(lineFen), name: words.line }],
                lineStyle: { color: '#D55E00', type: 'dashed', width: 1.5 },
                label: { formatter: words.line, position: 'end', color: '#D55E00', fontSize: 11 },
              },
            }
          : {}),
      },
    ],
  };
}
