// Warn the writer whose wall clock runs behind its own last HLC by more than a day.
// Records still order correctly (the clock never goes back), but the dates a person sees and
// the "today" every form starts from would be wrong until the system clock is set right.
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The day (YYYY-MM-DD, local) of the latest record when the clock runs more than a day behind
 * it — what the warning names; null when there is nothing to warn about.
 */
export function clockWarningDate(clockBehindMs: number, now: number): string | null {
  if (clockBehindMs <= DAY_MS) return null;
  const latest = new Date(now + clockBehindMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${latest.getFullYear()}-${pad(latest.getMonth() + 1)}-${pad(latest.getDate())}`;
}
