// "刚刚 / 3 分钟前 / 2 小时前 / 5 天前": how long ago the last sync was, in the person's words.
// Free of React so a unit test reads it; the translations come in as a loose t().
export type Translate = (key: string, options?: Record<string, unknown>) => string;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** `at` is an ISO time; a time after `now` (another computer's clock) reads as just now. */
export function syncAgo(t: Translate, at: string, now: number): string {
  const elapsed = now - Date.parse(at);
  if (!Number.isFinite(elapsed) || elapsed < MINUTE) return t('header.sync.justNow');
  if (elapsed < HOUR) return t('header.sync.minutesAgo', { count: Math.floor(elapsed / MINUTE) });
  if (elapsed < DAY) return t('header.sync.hoursAgo', { count: Math.floor(elapsed / HOUR) });
  return t('header.sync.daysAgo', { count: Math.floor(elapsed / DAY) });
}

/** A sync this long ago is worth a second look: the indicator turns amber. */
export const STALE_AFTER_MS = 3 * DAY;
