// The ranking chart: villages (or townships) in order on one measure, the best at the top, those
// with nothing to count last, each bar in its cell's colour and labelled with its value and
// band in words (colour never carries the meaning alone), the coordinator's two lines drawn on.
import { HIGHER_IS_BETTER, type Rag, type Thresholds } from '../../../../../shared/domain/dashboard';
import type { ChartOption } from '../../../charts/EChart';
import { RAG_COLOURS, SERIES_COLOURS } from '../../../charts/palette';
import { displayValue, isThresholdMeasure, MEASURE_KIND, type MeasureKey } from './measureColumns';
import { cellRag } from './rag';

export interface RankItem {
  /** What a click on the bar opens: a village id, or a township's name. */
  readonly id: string;
  readonly name: string;
  readonly value: number | null;
}

export interface Ranked extends RankItem {
  readonly rag: Rag | null;
}

const collator = new Intl.Collator('zh-CN');

/** Best first: more is better, except for the measures where fewer is (overdue needs). */
export function rankItems(items: readonly RankItem[], key: MeasureKey, lines: Thresholds): Ranked[] {
  const higherIsBetter = isThresholdMeasure(key) ? HIGHER_IS_BETTER[key] : true;
  return [...items]
    .sort((a, b) => {
      if (a.value === null || b.value === null) {
        if (a.value === b.value) return collator.compare(a.name, b.name);
        return a.value === null ? 1 : -1;
      }
      const diff = higherIsBetter ? b.value - a.value : a.value - b.value;
      return diff !== 0 ? diff : collator.compare(a.name, b.name);
    })
    .map((item) => ({ ...item, rag: cellRag(key, item.value, lines) }));
}

/** Whether the ranking has anything to show: some item with a value other than zero. */
export function hasRanking(items: readonly RankItem[]): boolean {
  return items.some((item) => item.value !== null && item.value !== 0);
}

export interface RankingWords {
  /** The value as a reader sees it (85%, 12 天, 3.20 万元; a dash for none). */
  value(value: number | null): string;
  rag(rag: Rag): string;
  none: string;
  green: string;
  red: string;
  /** A line's value in its unit (80%, 20 天). */
  line(value: number): string;
}

/** Bars tall enough for a Chinese village name at 12px, and room for the axis. */
export function rankingHeight(count: number): number {
  return Math.max(160, count * 30 + 56);
}

export function rankingOption(ranked: readonly Ranked[], key: MeasureKey, lines: Thresholds, words: RankingWords): ChartOption {
  const threshold = isThresholdMeasure(key) ? lines[key] : null;
  const values = ranked.map((item) => displayValue(key, item.value) ?? 0);
  const top = Math.max(...values, threshold?.green ?? 0, threshold?.red ?? 0);
  // Percentages end at 100 unless some village is past it (spent more than received).
  const axisMax = MEASURE_KIND[key] === 'ratio' && top <= 100 ? 100 : niceCeiling(top * 1.05);
  const markLine = threshold
    ? {
        silent: true,
        symbol: 'none',
        data: [
          { xAxis: threshold.green, lineStyle: { color: RAG_COLOURS.green, type: 'dashed', width: 1.5 }, label: { formatter: `${words.green} ${words.line(threshold.green)}`, color: RAG_COLOURS.green } },
          { xAxis: threshold.red, lineStyle: { color: RAG_COLOURS.red, type: 'dotted', width: 1.5 }, label: { formatter: `${words.red} ${words.line(threshold.red)}`, color: RAG_COLOURS.red } },
        ],
        label: { position: 'start', fontSize: 11 },
      }
    : undefined;
  return {
    grid: { left: 8, right: 120, top: threshold ? 28 : 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'item', formatter: (p: { dataIndex: number }) => tooltipOf(ranked[p.dataIndex]!, words) },
    xAxis: { type: 'value', max: axisMax, axisLabel: { fontSize: 11 }, splitLine: { lineStyle: { color: '#eef0f3' } } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: ranked.map((item) => item.name),
      axisTick: { show: false },
      axisLabel: { fontSize: 12, width: 96, overflow: 'truncate', color: '#262626' },
    },
    series: [
      {
        type: 'bar',
        barMaxWidth: 18,
        data: ranked.map((item, i) => ({
          value: values[i],
          itemStyle: { color: item.rag && item.rag !== 'none' ? RAG_COLOURS[item.rag] : SERIES_COLOURS[0] },
          label: { formatter: labelOf(item, words) },
        })),
        // A white ground keeps a label readable where a line runs through it.
        label: { show: true, position: 'right', fontSize: 12, color: '#262626', backgroundColor: '#fff', padding: [1, 2] },
        ...(markLine ? { markLine } : {}),
      },
    ],
  };
}

function labelOf(item: Ranked, words: RankingWords): string {
  if (item.value === null) return words.none;
  return item.rag && item.rag !== 'none' ? `${words.value(item.value)} · ${words.rag(item.rag)}` : words.value(item.value);
}

function tooltipOf(item: Ranked, words: RankingWords): string {
  return `${escapeHtml(item.name)}<br/>${escapeHtml(labelOf(item, words))}`;
}

/** Village names are typed by people: the tooltip is HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const NICE_STEPS = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/** An axis end a reader can read (a round multiple of a power of ten), at or above `value`. */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return Math.round(NICE_STEPS.find((m) => m * power >= value - 1e-9)! * power * 1e6) / 1e6;
}
