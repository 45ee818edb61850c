// Periods from the app's calendar day: month and quarter ends (leap years too), the turn of
// the year for "last month" and "last quarter", the term to date, and custom days kept as given.
import { describe, expect, it } from 'vitest';
import { periodOf } from '../../shared/domain/period';

describe('periodOf', () => {
  it('gives whole months and quarters, ends included', () => {
    expect(periodOf({ kind: 'month' }, '2028-02-10')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(periodOf({ kind: 'month' }, '2026-02-10')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(periodOf({ kind: 'quarter' }, '2026-11-27')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(periodOf({ kind: 'quarter' }, '2026-04-01')).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(periodOf({ kind: 'year' }, '2026-11-27')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('steps back over the turn of the year', () => {
    expect(periodOf({ kind: 'lastMonth' }, '2027-01-05')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(periodOf({ kind: 'lastMonth' }, '2026-11-27')).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(periodOf({ kind: 'lastQuarter' }, '2027-02-05')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(periodOf({ kind: 'lastQuarter' }, '2026-11-27')).toEqual({ from: '2026-07-01', to: '2026-09-30' });
  });

  it('runs the term from its start to today, or this year when no term is known', () => {
    expect(periodOf({ kind: 'term' }, '2026-11-27', '2024-11-27')).toEqual({ from: '2024-11-27', to: '2026-11-27' });
    expect(periodOf({ kind: 'term' }, '2026-11-27', null)).toEqual({ from: '2026-01-01', to: '2026-11-27' });
    expect(periodOf({ kind: 'term' }, '2026-11-27', '2027-01-01')).toEqual({ from: '2026-01-01', to: '2026-11-27' });
  });

  it('keeps custom days as given, and falls back to this month when they are missing or reversed', () => {
    expect(periodOf({ kind: 'custom', from: '2025-03-03', to: '2025-04-04' }, '2026-11-27')).toEqual({ from: '2025-03-03', to: '2025-04-04' });
    expect(periodOf({ kind: 'custom', from: '2025-04-04', to: '2025-03-03' }, '2026-11-27')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(periodOf({ kind: 'custom' }, '2026-11-27')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
  });
});
