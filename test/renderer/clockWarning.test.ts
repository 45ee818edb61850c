import { describe, expect, it } from 'vitest';
import { clockWarningDate } from '../../renderer/src/shell/clockWarning';

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date(2000, 0, 1, 9, 0).getTime(); // a flat CMOS battery: back to 2000

describe('the clock warning', () => {
  it('stays quiet up to a day behind, then names the day of the latest record', () => {
    expect(clockWarningDate(0, NOW)).toBeNull();
    expect(clockWarningDate(DAY, NOW)).toBeNull();
    expect(clockWarningDate(DAY + 1, NOW)).toBe('2000-01-02');
    const behind = new Date(2026, 10, 27, 9, 0).getTime() - NOW;
    expect(clockWarningDate(behind, NOW)).toBe('2026-11-27');
  });
});
