// The WebDAV retry policy on its own: which failures are tried again, how long each wait is,
// that Retry-After is honoured (seconds or a date) but bounded, and that waiting stops.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, parseRetryAfter, retryDelay, type RetryPolicy } from '../../../../electron/services/sync/retryPolicy';

const NOW = Date.UTC(2026, 10, 27, 8, 0, 0);
const POLICY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 30_000, maxTotalWaitMs: 60_000 };
const busy = (status: number, retryAfter?: string) => ({ kind: 'status' as const, status, retryAfter: retryAfter ?? null });

describe('retryDelay', () => {
  it('doubles the wait after each 503 or 429 without Retry-After', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelay(POLICY, attempt, busy(503), 0, NOW))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(retryDelay(POLICY, 1, busy(429), 0, NOW)).toBe(1_000);
  });

  it('waits as long as Retry-After says, in seconds or as a date, but never longer than the cap', () => {
    expect(retryDelay(POLICY, 1, busy(429, '7'), 0, NOW)).toBe(7_000);
    expect(retryDelay(POLICY, 1, busy(503, new Date(NOW + 12_000).toUTCString()), 0, NOW)).toBe(12_000);
    expect(retryDelay(POLICY, 1, busy(503, '3600'), 0, NOW)).toBe(30_000);
    expect(retryDelay(POLICY, 1, busy(503, new Date(NOW - 5_000).toUTCString()), 0, NOW)).toBe(0);
    expect(retryDelay(POLICY, 2, busy(503, 'soon'), 0, NOW)).toBe(2_000); // unreadable: backoff
  });

  it('gives up after the last attempt, or when the waiting would pass the total', () => {
    expect(retryDelay(POLICY, 5, busy(503), 0, NOW)).toBeNull();
    expect(retryDelay(POLICY, 2, busy(503, '20'), 45_000, NOW)).toBeNull();
    expect(retryDelay(POLICY, 2, busy(503, '15'), 45_000, NOW)).toBe(15_000);
  });

  it('does not retry a refusal (401, 403, 404, 500) — waiting would not change the answer', () => {
    for (const status of [401, 403, 404, 409, 500, 507]) expect(retryDelay(POLICY, 1, busy(status), 0, NOW), String(status)).toBeNull();
  });

  it('sends an idempotent request again after a dropped connection, but not a MOVE, and not to nobody', () => {
    expect(retryDelay(POLICY, 1, { kind: 'network', code: 'ECONNRESET', idempotent: true }, 0, NOW)).toBe(1_000);
    expect(retryDelay(POLICY, 2, { kind: 'network', code: 'EPIPE', idempotent: true }, 0, NOW)).toBe(2_000);
    expect(retryDelay(POLICY, 1, { kind: 'network', code: 'ECONNRESET', idempotent: false }, 0, NOW)).toBeNull();
    expect(retryDelay(POLICY, 1, { kind: 'network', code: 'ECONNREFUSED', idempotent: true }, 0, NOW)).toBeNull();
    expect(retryDelay(POLICY, 1, { kind: 'network', code: 'ENOTFOUND', idempotent: true }, 0, NOW)).toBeNull();
  });

  it('bounds the default policy: at most five tries and ninety seconds of waiting in one request', () => {
    let waited = 0;
    let attempt = 1;
    for (let delay = retryDelay(DEFAULT_RETRY_POLICY, attempt, busy(503, '3600'), waited, NOW); delay !== null; delay = retryDelay(DEFAULT_RETRY_POLICY, ++attempt, busy(503, '3600'), waited, NOW)) {
      waited += delay;
    }
    expect(attempt).toBeLessThanOrEqual(DEFAULT_RETRY_POLICY.maxAttempts);
    expect(waited).toBeLessThanOrEqual(DEFAULT_RETRY_POLICY.maxTotalWaitMs);
    expect(waited).toBe(90_000);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates, and nothing else', () => {
    expect(parseRetryAfter('0', NOW)).toBe(0);
    expect(parseRetryAfter(' 120 ', NOW)).toBe(120_000);
    expect(parseRetryAfter('Fri, 27 Nov 2026 08:00:30 GMT', NOW)).toBe(30_000);
    expect(parseRetryAfter(null, NOW)).toBeNull();
    expect(parseRetryAfter('-5', NOW)).toBeNull();
    expect(parseRetryAfter('later', NOW)).toBeNull();
  });
});
