// The calendar the village dashboard shows: a bar for every month up to the reference day, the
// days one bar stands for, days in the village due by a day, the indicator years with gaps kept,
// and how a monitoring clock reads.
import { describe, expect, it } from 'vitest';
import {
  chartMonths, clockOf, fillMonths, fillYears, monthsBetween, monthWithin, presenceDueBy, yearsOf,
} from '../../renderer/src/screens/dashboard/village/periodParts';

describe('months of a period', () => {
  it('lists every month between two days, across a new year', () => {
    expect(monthsBetween('2025-11-15', '2026-02-03')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-03-01', '2026-03-31')).toEqual(['2026-03']);
  });

  it('stops the chart at the reference day: no bars for months to come', () => {
    expect(chartMonths('2026-01-01', '2026-12-31', '2026-04-10')).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    expect(chartMonths('2025-10-01', '2025-12-31', '2025-12-31')).toEqual(['2025-10', '2025-11', '2025-12']);
  });

  it('gives a month without visits a zero bar', () => {
    const rows = fillMonths([{ month: '2026-02', visits: 3, households: 2 }], ['2026-01', '2026-02', '2026-03'], { visits: 0, households: 0 });
    expect(rows).toEqual([
      { month: '2026-01', visits: 0, households: 0 },
      { month: '2026-02', visits: 3, households: 2 },
      { month: '2026-03', visits: 0, households: 0 },
    ]);
  });

  it('opens a bar on the days of its month that lie in the period', () => {
    expect(monthWithin('2026-02', '2026-01-01', '2026-12-31')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthWithin('2024-02', '2024-01-01', '2024-12-31')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    // A term that began mid-month, and a period that ends mid-month.
    expect(monthWithin('2025-06', '2025-06-18', '2026-04-10')).toEqual({ from: '2025-06-18', to: '2025-06-30' });
    expect(monthWithin('2026-04', '2025-06-18', '2026-04-10')).toEqual({ from: '2026-04-01', to: '2026-04-10' });
  });

  it('reads the years plans are kept under', () => {
    expect(yearsOf('2026-01-01', '2026-03-31')).toEqual({ from: 2026, to: 2026 });
    expect(yearsOf('2024-07-01', '2026-03-31')).toEqual({ from: 2024, to: 2026 });
  });
});

describe('days in the village due this year', () => {
  it('asks for whole months gone and the share of this one', () => {
    expect(presenceDueBy(20, '2026-01-31')).toBe(20);
    expect(presenceDueBy(20, '2026-03-31')).toBe(60);
    // Half of April (30 days) gone: three months and half of one.
    expect(presenceDueBy(20, '2026-04-15')).toBe(70);
    expect(presenceDueBy(20, '2026-12-31')).toBe(240);
  });

  it('asks this month for the share of it gone, the whole threshold at its end', () => {
    expect(presenceDueBy(20, '2026-12-02', 'month')).toBe(1);
    expect(presenceDueBy(20, '2026-04-15', 'month')).toBe(10);
    expect(presenceDueBy(20, '2026-02-28', 'month')).toBe(20);
  });
});

describe('indicator years', () => {
  const row = (year: number, fen: number | null) => ({ year, villages: fen === null ? 0 : 1, collectiveIncomeFen: fen, operatingFundsFen: fen, belowFundsLine: 0 });

  it('keeps a year nobody entered as nothing entered, up to the period’s year', () => {
    expect(fillYears([row(2023, 1), row(2025, 2)], 2026)).toEqual([row(2023, 1), row(2024, null), row(2025, 2), row(2026, null)]);
  });

  it('has no years when nothing was entered', () => {
    expect(fillYears([], 2026)).toEqual([]);
  });
});

describe('monitoring clock', () => {
  it('reads days left, the last day, and days over', () => {
    expect(clockOf('checked', 9)).toEqual({ kind: 'left', days: 9 });
    expect(clockOf('posted', 0)).toEqual({ kind: 'lastDay' });
    expect(clockOf('reviewed', -4)).toEqual({ kind: 'overdue', days: 4 });
  });

  it('has no clock before the home check, and none once the county decided', () => {
    expect(clockOf('reported', null)).toEqual({ kind: 'notStarted' });
    expect(clockOf('decided', null)).toEqual({ kind: 'done' });
  });
});
