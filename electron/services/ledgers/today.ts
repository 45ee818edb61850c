// The secretary's calendar day from the app's clock: China keeps one time zone (UTC+8), and a
// diary written at 7 a.m. belongs to that day, not to UTC's previous one.
export function today(now: () => number): string {
  return new Date(now() + 8 * 3_600_000).toISOString().slice(0, 10);
}
