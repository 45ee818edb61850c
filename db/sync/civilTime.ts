// Calendar dates and ISO times from counts of days and milliseconds, by arithmetic: exactly what
// Date's toISOString writes, for the years 0–9999 (a merge writes a date or two per change, and
// making a Date to format each was a large part of its cost). Outside those years, the Date.

const DAY_MS = 86_400_000;
/** 0000-01-01 and 10000-01-01, as days since 1970-01-01. */
const FIRST_DAY = -719_528;
const DAY_AFTER = 2_932_897;

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/** Days since 1970-01-01 as YYYY-MM-DD (Howard Hinnant's civil_from_days). */
export function dateOfDays(days: number): string {
  if (days < FIRST_DAY || days >= DAY_AFTER) return new Date(days * DAY_MS).toISOString().slice(0, 10);
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** `new Date(ms).toISOString()`. */
export function isoOfWall(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  if (days < FIRST_DAY || days >= DAY_AFTER) return new Date(ms).toISOString();
  const inDay = ms - days * DAY_MS;
  const hours = Math.floor(inDay / 3_600_000);
  const minutes = Math.floor((inDay % 3_600_000) / 60_000);
  const seconds = Math.floor((inDay % 60_000) / 1000);
  const millis = inDay % 1000;
  return `${dateOfDays(days)}T${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.${String(millis).padStart(3, '0')}Z`;
}
