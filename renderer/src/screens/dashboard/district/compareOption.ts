// Townships side by side on the three ratios a district compares them by (visit coverage, plan
// completion, money spent of received), as grouped bars in percent: one colour per measure
// from the colour-blind-safe palette, each bar labelled, a township with nothing to divide by
// left without a bar rather than shown as zero.
import type { TownshipRow } from '../../../../../shared/domain/dashboard';
import type { ChartOption } from '../../../charts/EChart';
import { SERIES_COLOURS } from '../../../charts/palette';
import { displayValue } from '../township/measureColumns';

export const COMPARED = ['coverage', 'planCompletion', 'spentRatio'] as const;
export type Compared = (typeof COMPARED)[number];

/** Whether any township has any of the three to show. */
export function hasComparison(rows: readonly TownshipRow[]): boolean {
  return rows.some((row) => COMPARED.some((key) => row[key] !== null));
}

/** Each township a band of three bars, about 14px each, and room for the legend and axis. */
export function compareHeight(townships: number): number {
  return Math.max(200, townships * 54 + 72);
}

export function compareOption(rows: readonly TownshipRow[], words: { measure: (key: Compared) => string; township: (row: TownshipRow) => string }): ChartOption {
  return {
    legend: { top: 0, itemWidth: 14, itemHeight: 10, textStyle: { fontSize: 12 } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v}%` : '—') },
    grid: { left: 8, right: 48, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', max: (extent: { max: number }) => Math.max(100, Math.ceil(extent.max / 10) * 10), axisLabel: { formatter: '{value}%', fontSize: 11 } },
    yAxis: { type: 'category', inverse: true, data: rows.map(words.township), axisTick: { show: false }, axisLabel: { fontSize: 12, width: 96, overflow: 'truncate', color: '#262626' } },
    series: COMPARED.map((key, i) => ({
      type: 'bar',
      name: words.measure(key),
      barMaxWidth: 14,
      itemStyle: { color: SERIES_COLOURS[i] },
      label: { show: true, position: 'right', fontSize: 11, formatter: (p: { value: number }) => `${Math.round(p.value)}%` },
      // '-' is ECharts' "no value": no bar and no label, never a bar of zero.
      data: rows.map((row) => displayValue(key, row[key]) ?? '-'),
    })),
  };
}
