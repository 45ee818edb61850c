// The overview's columns: every measure once, the five with lines first; a column sorts with
// nothing-to-divide-by last whichever way; values written as a reader expects them.
import { describe, expect, it } from 'vitest';
import { measures, sumMeasures, THRESHOLD_MEASURES, type Measures } from '../../shared/domain/dashboard';
import { createI18n } from '../../renderer/src/i18n/i18n';
import type { LooseT } from '../../renderer/src/ledgers/labels';
import {
  columnWidth, compareMeasure, displayValue, formatMeasure, MEASURE_GROUPS, ORDERED_MEASURES,
} from '../../renderer/src/screens/dashboard/township/measureColumns';

const zh = createI18n('zh-CN');
const en = createI18n('en');
const tz = zh.t.bind(zh) as unknown as LooseT;
const te = en.t.bind(en) as unknown as LooseT;

function row(name: string, patch: Partial<Measures>): Measures & { name: string } {
  return { ...sumMeasures([]), ...patch, name };
}

/** Sorted as antd's Table sorts: the sorter is asked with the order and reversed for descending. */
function antdSort<R>(rows: R[], compare: (a: R, b: R, order: 'ascend' | 'descend') => number, order: 'ascend' | 'descend'): R[] {
  return [...rows].sort((a, b) => {
    const result = compare(a, b, order);
    return order === 'ascend' ? result : -result;
  });
}

describe('overview columns', () => {
  it('show every measure exactly once, the five with lines first', () => {
    expect([...ORDERED_MEASURES].sort()).toEqual(Object.keys(measures.shape).sort());
    expect(new Set(ORDERED_MEASURES).size).toBe(ORDERED_MEASURES.length);
    expect(MEASURE_GROUPS[0]!.measures).toEqual(THRESHOLD_MEASURES);
  });

  it('sort a ratio with nothing to divide by last, ascending and descending', () => {
    const rows = [row('甲', { coverage: 0.5 }), row('乙', { coverage: null }), row('丙', { coverage: 0.9 }), row('丁', { coverage: 0.1 })];
    const compare = compareMeasure<(typeof rows)[number]>('coverage');
    expect(antdSort(rows, compare, 'ascend').map((r) => r.name)).toEqual(['丁', '甲', '丙', '乙']);
    expect(antdSort(rows, compare, 'descend').map((r) => r.name)).toEqual(['丙', '甲', '丁', '乙']);
  });

  it('sort counts by their value', () => {
    const rows = [row('甲', { needsOverdue: 2 }), row('乙', { needsOverdue: 7 }), row('丙', { needsOverdue: 0 })];
    expect(antdSort(rows, compareMeasure('needsOverdue'), 'descend').map((r) => r.name)).toEqual(['乙', '甲', '丙']);
  });

  it('write percent, days, 万元 and counts, and a dash for nothing to divide by', () => {
    expect(formatMeasure(tz, 'coverage', 0.856)).toBe('86%');
    expect(formatMeasure(tz, 'coverage', null)).toBe('—');
    expect(formatMeasure(tz, 'presenceMonthDays', 12.25)).toBe('12.3 天');
    expect(formatMeasure(tz, 'receivedFen', 123_456_789)).toBe('123.46 万元');
    expect(formatMeasure(tz, 'needsOverdue', 4)).toBe('4');
    expect(formatMeasure(te, 'presenceMonthDays', 3)).toBe('3 d');
  });

  it('give the chart percentages, days and 万元', () => {
    expect(displayValue('planCompletion', 0.6667)).toBe(66.7);
    expect(displayValue('spentFen', 2_500_000)).toBe(2.5);
    expect(displayValue('visits', 12)).toBe(12);
    expect(displayValue('spentRatio', null)).toBeNull();
  });
});

describe('overview column widths', () => {
  it('fit a five-character Chinese title beside its sort arrows, and cap a long English one', () => {
    expect(columnWidth('needsOpen', '未办结诉求')).toBeGreaterThanOrEqual(5 * 14 + 36);
    expect(columnWidth('visits', '走访次数')).toBe(98);
    expect(columnWidth('coverage', '')).toBe(104);
    expect(columnWidth('budgetFen', '')).toBe(112);
    expect(columnWidth('commitmentsOverdue', 'Commitments overdue, for a very long while')).toBe(140);
  });
});
