// The village dashboard's charts as data → option: the bars and their names come out of the
// figures in order, money is drawn in 万元, and a chart with nothing to draw gives null (the
// card then says what to record).
import { describe, expect, it } from 'vitest';
import {
  barChartHeight, indicatorsOption, plansOption, projectMoneyOption, sourceOption, valueLabel, visitsOption, wanOf,
} from '../../renderer/src/screens/dashboard/village/charts';

// An ECharts option read back loosely: the builders type it as the library's open option.
type Option = Record<string, any>;

const money = { budget: 'Budget', received: 'Received', spent: 'Spent' };

describe('bar labels', () => {
  it('write a bar’s value, and nothing for a zero', () => {
    const label = valueLabel('top');
    expect(label.formatter({ value: 12 })).toBe('12');
    expect(label.formatter({ value: 0.5 })).toBe('0.5');
    expect(label.formatter({ value: 0 })).toBe('');
    expect(label.formatter({ value: '-' })).toBe('');
  });
});

describe('visits by month', () => {
  const words = { visits: 'Visits', households: 'Households', month: (m: string) => `M${Number(m.slice(5))}` };

  it('gives one pair of bars a month, named by the month, visits then households', () => {
    const option = visitsOption(
      [
        { month: '2026-01', visits: 5, households: 3 },
        { month: '2026-02', visits: 0, households: 0 },
        { month: '2026-03', visits: 7, households: 6 },
      ],
      words,
    ) as Option;
    expect(option.xAxis.data).toEqual(['M1', 'M2', 'M3']);
    expect(option.series.map((s: Option) => s.name)).toEqual(['Visits', 'Households']);
    expect(option.series[0].data).toEqual([5, 0, 7]);
    expect(option.series[1].data).toEqual([3, 0, 6]);
    expect(option.series[0].label.show).toBe(true);
    expect(option.xAxis.axisLabel.rotate).toBe(0);
  });

  it('leans the month names and drops the bar labels for a term of many months', () => {
    const rows = Array.from({ length: 24 }, (_, i) => ({ month: `20${25 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`, visits: i, households: 1 }));
    const option = visitsOption(rows, words) as Option;
    expect(option.xAxis.data).toHaveLength(24);
    expect(option.xAxis.axisLabel.rotate).toBe(45);
    expect(option.series[0].label.show).toBe(false);
  });

  it('is empty when no month has a visit', () => {
    expect(visitsOption([], words)).toBeNull();
    expect(visitsOption([{ month: '2026-01', visits: 0, households: 0 }], words)).toBeNull();
  });
});

describe('plans by duty', () => {
  const words = { planned: 'Planned', done: 'Done', duty: (d: string) => d.toUpperCase() };

  it('gives a row per duty in order with planned and done bars', () => {
    const option = plansOption(
      [
        { duty: '落实任期目标管理', plans: 4, done: 1, progress: 0.375 },
        { duty: '抓好班子建设', plans: 0, done: 0, progress: null },
        { duty: '为民办事服务', plans: 2, done: 2, progress: 1 },
      ],
      words,
    ) as Option;
    expect(option.yAxis.type).toBe('category');
    expect(option.yAxis.data).toEqual(['落实任期目标管理', '抓好班子建设', '为民办事服务']);
    expect(option.series.map((s: Option) => [s.name, s.data])).toEqual([
      ['Planned', [4, 0, 2]],
      ['Done', [1, 0, 2]],
    ]);
  });

  it('names a duty with its mean progress when it has plans', () => {
    const option = plansOption(
      [
        { duty: '建强村党组织', plans: 3, done: 1, progress: 0.456 },
        { duty: '推进强村富民', plans: 0, done: 0, progress: null },
      ],
      { ...words, progress: (r: number) => `${Math.round(r * 100)}%` },
    ) as Option;
    expect(option.yAxis.data).toEqual(['建强村党组织 46%', '推进强村富民']);
  });

  it('is empty when no duty has a plan', () => {
    expect(plansOption([{ duty: '抓好班子建设', plans: 0, done: 0, progress: null }], words)).toBeNull();
  });
});

describe('money', () => {
  it('draws fen as 万元 with two decimals', () => {
    expect(wanOf(123_456_789)).toBe(123.46);
    expect(wanOf(5_000_000)).toBe(5);
    expect(wanOf(0)).toBe(0);
  });

  it('gives budget, received and spent per project, long names cut with an ellipsis', () => {
    const projects = [
      { id: 'a', villageId: 'v', name: '村集体光伏发电站二期扩建及配套输电线路改造工程', status: 'building', budgetFen: 80_000_000, receivedFen: 50_000_000, spentFen: 12_345_600 },
      { id: 'b', villageId: 'v', name: '道路硬化', status: 'reserve', budgetFen: 1_000_000, receivedFen: 0, spentFen: 0 },
    ];
    const option = projectMoneyOption(projects, (p) => `V · ${p.name}`, money) as Option;
    expect(option.yAxis.data).toEqual([`V · ${projects[0]!.name}`, 'V · 道路硬化']);
    expect(option.yAxis.axisLabel.overflow).toBe('truncate');
    expect(option.yAxis.axisLabel.width).toBeGreaterThan(0);
    expect(option.series.map((s: Option) => [s.name, s.data])).toEqual([
      ['Budget', [80, 1]],
      ['Received', [50, 0]],
      ['Spent', [12.35, 0]],
    ]);
  });

  it('has no project chart without projects', () => {
    expect(projectMoneyOption([], (p) => p.name, money)).toBeNull();
  });

  it('names a source left blank, and is empty when no money moved', () => {
    const option = sourceOption(
      [
        { source: '财政衔接资金', receivedFen: 30_000_000, spentFen: 10_000_000 },
        { source: null, receivedFen: 500_000, spentFen: 0 },
      ],
      { ...money, noSource: 'No source' },
    ) as Option;
    expect(option.yAxis.data).toEqual(['财政衔接资金', 'No source']);
    expect(option.series.map((s: Option) => s.data)).toEqual([
      [30, 0.5],
      [10, 0],
    ]);
    expect(sourceOption([], { ...money, noSource: 'x' })).toBeNull();
    expect(sourceOption([{ source: 'a', receivedFen: 0, spentFen: 0 }], { ...money, noSource: 'x' })).toBeNull();
  });

  it('gives a horizontal chart room for every row of bars', () => {
    expect(barChartHeight(8, 3)).toBeGreaterThan(barChartHeight(2, 3));
    expect(barChartHeight(1, 2)).toBeGreaterThanOrEqual(120);
  });
});

describe('indicators year by year', () => {
  const words = { collectiveIncome: 'Income', operatingFunds: 'Funds', line: '50k line', year: (y: number) => String(y) };
  const rows = [
    { year: 2024, villages: 1, collectiveIncomeFen: 12_000_000, operatingFundsFen: 4_000_000, belowFundsLine: 1 },
    { year: 2025, villages: 0, collectiveIncomeFen: null, operatingFundsFen: null, belowFundsLine: 0 },
    { year: 2026, villages: 1, collectiveIncomeFen: 15_000_000, operatingFundsFen: 6_000_000, belowFundsLine: 0 },
  ];

  it('draws a year with nothing entered as no bar, never a zero', () => {
    const option = indicatorsOption(rows, true, 5_000_000, words) as Option;
    expect(option.xAxis.data).toEqual(['2024', '2025', '2026']);
    expect(option.series[0].data).toEqual([12, '-', 15]);
    expect(option.series[1].data).toEqual([4, '-', 6]);
  });

  it('marks the 50,000 元 line on one village, and keeps it in sight above low years', () => {
    const option = indicatorsOption(rows, true, 5_000_000, words) as Option;
    expect(option.series[1].markLine.data).toEqual([{ yAxis: 5, name: '50k line' }]);
    // Years well above the line: the axis finds its own top.
    expect(option.yAxis.max).toBeUndefined();
    const low = [{ year: 2026, villages: 1, collectiveIncomeFen: 3_000_000, operatingFundsFen: 2_000_000, belowFundsLine: 1 }];
    expect((indicatorsOption(low, true, 5_000_000, words) as Option).yAxis.max).toBe(6);
  });

  it('draws no line under a sum of several villages', () => {
    const option = indicatorsOption(rows, false, 5_000_000, words) as Option;
    expect(option.series[1].markLine).toBeUndefined();
    expect(option.yAxis.max).toBeUndefined();
  });

  it('is empty when no year has anything entered', () => {
    expect(indicatorsOption([], true, 5_000_000, words)).toBeNull();
    expect(indicatorsOption([rows[1]!], true, 5_000_000, words)).toBeNull();
  });
});
