// The ranking chart: best first (fewest first for overdue needs), nothing-to-count last, ties by
// name; each bar in its band's colour and labelled in words; the lines drawn where they are.
import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../../shared/domain/settings';
import { RAG_COLOURS, SERIES_COLOURS } from '../../renderer/src/charts/palette';
import { hasRanking, niceCeiling, rankingOption, rankItems, type RankingWords } from '../../renderer/src/screens/dashboard/township/ranking';

const lines = DEFAULT_THRESHOLDS;
const words: RankingWords = {
  value: (v) => (v === null ? '—' : `v${v}`),
  rag: (rag) => `[${rag}]`,
  none: '无数据',
  green: '达标线',
  red: '落后线',
  line: (v) => `${v}%`,
};

interface Bar {
  value: number;
  itemStyle: { color: string };
  label: { formatter: string };
}
type Option = {
  xAxis: { max: number };
  yAxis: { data: string[] };
  series: { data: Bar[]; markLine?: { data: { xAxis: number }[] } }[];
};

describe('township ranking', () => {
  it('puts the best first, nothing to count last, ties by name', () => {
    const items = [
      { id: 'a', name: '李家村', value: 0.5 },
      { id: 'b', name: '石门村', value: null },
      { id: 'c', name: '河东村', value: 0.9 },
      { id: 'd', name: '白杨村', value: 0.5 },
    ];
    expect(rankItems(items, 'coverage', lines).map((i) => i.id)).toEqual(['c', 'd', 'a', 'b']);
    expect(rankItems(items, 'coverage', lines).map((i) => i.rag)).toEqual(['green', 'amber', 'amber', 'none']);
  });

  it('ranks fewest overdue needs first, and the measures without lines largest first', () => {
    const items = [
      { id: 'a', name: '甲', value: 5 },
      { id: 'b', name: '乙', value: 0 },
      { id: 'c', name: '丙', value: 2 },
    ];
    expect(rankItems(items, 'needsOverdue', lines).map((i) => i.id)).toEqual(['b', 'c', 'a']);
    expect(rankItems(items, 'visits', lines).map((i) => i.id)).toEqual(['a', 'c', 'b']);
    expect(rankItems(items, 'visits', lines).map((i) => i.rag)).toEqual([null, null, null]);
  });

  it('colours each bar by its band, labels it in words, and draws both lines', () => {
    const ranked = rankItems(
      [
        { id: 'a', name: '甲', value: 0.9 },
        { id: 'b', name: '乙', value: 0.6 },
        { id: 'c', name: '丙', value: 0.2 },
        { id: 'd', name: '丁', value: null },
      ],
      'planCompletion',
      lines,
    );
    const option = rankingOption(ranked, 'planCompletion', lines, words) as unknown as Option;
    const bars = option.series[0]!.data;
    expect(option.yAxis.data).toEqual(['甲', '乙', '丙', '丁']);
    expect(bars.map((b) => b.value)).toEqual([90, 60, 20, 0]);
    expect(bars.map((b) => b.itemStyle.color)).toEqual([RAG_COLOURS.green, RAG_COLOURS.amber, RAG_COLOURS.red, SERIES_COLOURS[0]]);
    expect(bars.map((b) => b.label.formatter)).toEqual(['v0.9 · [green]', 'v0.6 · [amber]', 'v0.2 · [red]', '无数据']);
    expect(option.series[0]!.markLine!.data.map((l) => l.xAxis)).toEqual([80, 50]);
    expect(option.xAxis.max).toBe(100);
  });

  it('draws no lines for a measure without them, and an axis past the longest bar', () => {
    const ranked = rankItems([{ id: 'a', name: '甲', value: 37 }], 'visits', lines);
    const option = rankingOption(ranked, 'visits', lines, words) as unknown as Option;
    expect(option.series[0]!.markLine).toBeUndefined();
    expect(option.xAxis.max).toBeGreaterThanOrEqual(37);
    expect(option.xAxis.max).toBe(40);
  });

  it('has nothing to rank when every value is zero or missing', () => {
    expect(hasRanking([{ id: 'a', name: '甲', value: 0 }, { id: 'b', name: '乙', value: null }])).toBe(false);
    expect(hasRanking([{ id: 'a', name: '甲', value: 0 }, { id: 'b', name: '乙', value: 1 }])).toBe(true);
  });

  it('ends an axis on a round number at or above the value', () => {
    expect([0, 1, 7, 11, 38.85, 100, 101, 1234].map(niceCeiling)).toEqual([1, 1, 8, 12, 40, 100, 120, 1500]);
  });
});
