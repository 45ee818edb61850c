// A cell's band: each of the three for each measure (fewer being better for overdue needs),
// none without a value, plain without lines; the month's days-in-village lines scaled to the
// days gone while the month runs.
import { describe, expect, it } from 'vitest';
import { THRESHOLD_MEASURES } from '../../shared/domain/dashboard';
import { DEFAULT_THRESHOLDS } from '../../shared/domain/settings';
import { createI18n } from '../../renderer/src/i18n/i18n';
import type { LooseT } from '../../renderer/src/ledgers/labels';
import { cellRag, effectiveThresholds, ledgerOf, linesText } from '../../renderer/src/screens/dashboard/township/rag';
import { ORDERED_MEASURES } from '../../renderer/src/screens/dashboard/township/measureColumns';
import { LEDGER_NOUNS } from '../../shared/api/methods';

const zh = createI18n('zh-CN');
const tz = zh.t.bind(zh) as unknown as LooseT;
const lines = DEFAULT_THRESHOLDS; // coverage 80/50 %, overdue 0/3, presence 20/15 d, plans 80/50 %, spent 70/40 %

describe('cell bands', () => {
  it('colour each measure green, amber and red at its lines', () => {
    expect([0.8, 0.79, 0.5, 0.49].map((v) => cellRag('coverage', v, lines))).toEqual(['green', 'amber', 'amber', 'red']);
    expect([0, 1, 3, 4].map((v) => cellRag('needsOverdue', v, lines))).toEqual(['green', 'amber', 'amber', 'red']);
    expect([20, 19.9, 15, 14.9].map((v) => cellRag('presenceMonthDays', v, lines))).toEqual(['green', 'amber', 'amber', 'red']);
    expect([1, 0.6, 0.2].map((v) => cellRag('planCompletion', v, lines))).toEqual(['green', 'amber', 'red']);
    expect([0.7, 0.4, 0.39].map((v) => cellRag('spentRatio', v, lines))).toEqual(['green', 'amber', 'red']);
  });

  it('say none without a value, and leave measures without lines plain', () => {
    for (const measure of THRESHOLD_MEASURES) expect(cellRag(measure, null, lines)).toBe('none');
    expect(cellRag('visits', 0, lines)).toBeNull();
    expect(cellRag('needsOpen', 40, lines)).toBeNull();
  });

  it('scale the month’s days in the village to the days gone, and only those', () => {
    const mid = effectiveThresholds(lines, '2026-11-15'); // 15 of 30 days
    expect(mid.presenceMonthDays).toEqual({ green: 10, red: 7.5 });
    expect(mid.coverage).toEqual(lines.coverage);
    expect(cellRag('presenceMonthDays', 10, mid)).toBe('green');
    expect(cellRag('presenceMonthDays', 7, mid)).toBe('red');
    expect(effectiveThresholds(lines, '2026-12-01').presenceMonthDays).toEqual({ green: 0.6, red: 0.5 });
    expect(effectiveThresholds(lines, '2026-11-30')).toBe(lines);
    expect(effectiveThresholds(lines, '2028-02-29')).toBe(lines);
  });

  it('write the lines in their units', () => {
    expect(linesText(tz, 'coverage', lines)).toBe('达标线 80%，落后线 50%');
    expect(linesText(tz, 'presenceMonthDays', lines)).toBe('达标线 20 天，落后线 15 天');
    expect(linesText(tz, 'needsOverdue', lines)).toBe('达标线 0，落后线 3');
  });

  it('name a ledger to record in for every measure', () => {
    for (const key of ORDERED_MEASURES) expect(LEDGER_NOUNS).toContain(ledgerOf(key));
    expect(ledgerOf('spentRatio')).toBe('funds');
    expect(ledgerOf('presenceMonthDays')).toBe('diary');
  });
});
