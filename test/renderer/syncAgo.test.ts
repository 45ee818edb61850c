// The header's "last synced … ago" in words (each step of the scale, a clock that disagrees), and
// its reading of sync.status.
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../renderer/src/i18n/i18n';
import type { SyncTargetStatus } from '../../shared/domain/sync';
import { syncAgo, type Translate } from '../../renderer/src/shell/syncAgo';
import { summarise } from '../../renderer/src/shell/syncHealth';

const zh = createI18n('zh-CN');
const en = createI18n('en');
const tz = zh.t.bind(zh) as unknown as Translate;
const te = en.t.bind(en) as unknown as Translate;

const NOW = Date.parse('2026-11-27T08:00:00Z');
const before = (ms: number) => new Date(NOW - ms).toISOString();
const MIN = 60_000;

describe('syncAgo', () => {
  it('reads under a minute as just now, then minutes, hours and days, rounded down', () => {
    expect([0, 59_999, MIN, 3 * MIN + 59_000, 59 * MIN, 60 * MIN, 23 * 60 * MIN + 59 * MIN, 24 * 60 * MIN, 10 * 24 * 60 * MIN].map((ms) => syncAgo(tz, before(ms), NOW))).toEqual([
      '刚刚', '刚刚', '1 分钟前', '3 分钟前', '59 分钟前', '1 小时前', '23 小时前', '1 天前', '10 天前',
    ]);
    expect([30_000, 3 * MIN, 2 * 60 * MIN, 5 * 24 * 60 * MIN].map((ms) => syncAgo(te, before(ms), NOW))).toEqual(['just now', '3 min ago', '2 h ago', '5 d ago']);
  });

  it('reads a time after now (another clock ahead) or an unreadable one as just now, never as a negative age', () => {
    expect(syncAgo(tz, before(-10 * MIN), NOW)).toBe('刚刚');
    expect(syncAgo(tz, 'not a time', NOW)).toBe('刚刚');
  });

  it('puts the age into the header line in both languages', () => {
    expect(tz('header.sync.last', { ago: syncAgo(tz, before(3 * MIN), NOW) })).toBe('上次同步：3 分钟前');
    expect(te('header.sync.last', { ago: syncAgo(te, before(3 * MIN), NOW) })).toBe('Last synced 3 min ago');
  });
});

describe('summarise (the indicator reading sync.status)', () => {
  const target = (patch: Partial<SyncTargetStatus>): SyncTargetStatus => ({
    targetId: 't1', name: '坚果云', kind: 'webdav', state: 'idle', reachable: true, lastAttemptAt: null, lastSuccessAt: null,
    lastCounts: null, lastError: null, nextRunAt: null, passwordProtected: true, ...patch,
  });

  it('takes the latest success of the saved targets and of the folder synced by hand', () => {
    expect(summarise([], null)).toEqual({ lastSuccess: null, failing: null });
    expect(summarise([target({ lastSuccessAt: '2026-11-27T07:00:00.000Z' })], '2026-11-27T06:00:00.000Z').lastSuccess).toBe('2026-11-27T07:00:00.000Z');
    expect(summarise([target({ lastSuccessAt: '2026-11-27T05:00:00.000Z' })], '2026-11-27T06:00:00.000Z').lastSuccess).toBe('2026-11-27T06:00:00.000Z');
  });

  it('names a target whose last attempt failed after its last success, not one that has since recovered', () => {
    const error = { code: 'UNREACHABLE' as const, message: 'no answer' };
    const failing = target({ lastAttemptAt: '2026-11-27T08:00:00.000Z', lastSuccessAt: '2026-11-27T07:00:00.000Z', lastError: error });
    expect(summarise([failing], null).failing?.name).toBe('坚果云');
    expect(summarise([target({ lastAttemptAt: '2026-11-27T08:00:00.000Z', lastError: error })], null).failing).not.toBeNull();
    expect(summarise([target({ lastAttemptAt: '2026-11-27T08:00:00.000Z', lastSuccessAt: '2026-11-27T08:00:00.000Z' })], null).failing).toBeNull();
  });
});
