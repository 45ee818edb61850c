// 驻村考勤表: each secretary posted to a village (secretaries ledger, term_start..term_end), each
// calendar month of the period up to its reference day: days marked 在村 in the diary, approved
// leave days, diary entries — counted from the first to the last day of the month the term and
// the reference day allow. A village's diary is its secretary's, so days fall to the secretary
// whose term covers them.
import type { Sqlite } from '../open';
import { inScope, type PeriodParams } from '../dashboard/period';
import { countOf, perVillage, type ReportVillage, type VillageRow } from './villages';

export interface AttendanceLine {
  secretary: string | null;
  unit: string | null;
  phone: string | null;
  /** YYYY-MM. */
  month: string;
  /** The days counted: the month, within the term, up to the reference day. */
  fromDay: string;
  toDay: string;
  inVillageDays: number;
  leaveDays: number;
  diaryEntries: number;
}

const MONTHS = `WITH RECURSIVE months(m) AS (
    SELECT date(@from, 'start of month')
    UNION ALL SELECT date(m, '+1 month') FROM months WHERE date(m, '+1 month') <= @refDay
  )`;
const POSTED = `s.deleted_at IS NULL AND s.term_start IS NOT NULL AND s.term_start <= date(mo.m, '+1 month', '-1 day')
  AND (s.term_end IS NULL OR s.term_end >= mo.m) AND mo.m <= @refDay`;

export function countAttendance(sqlite: Sqlite, p: PeriodParams): number {
  return countOf(sqlite, `${MONTHS} SELECT count(*) FROM months mo JOIN secretaries s ON ${inScope('s')} AND ${POSTED}`, p);
}

export function attendanceLines(sqlite: Sqlite, p: PeriodParams, villages: readonly ReportVillage[]): Generator<VillageRow<AttendanceLine>> {
  const diary = (presence: string) => `(SELECT count(*) FROM diary_entries d WHERE d.village_id = @village AND d.deleted_at IS NULL ${presence}
      AND d.entry_date BETWEEN t.fromDay AND t.toDay)`;
  return perVillage(
    sqlite,
    `${MONTHS}
     SELECT t.secretary, t.unit, t.phone, t.month, t.fromDay, t.toDay,
       ${diary(`AND d.presence = 'in_village'`)} AS inVillageDays,
       ${diary('')} AS diaryEntries,
       (SELECT coalesce(sum(julianday(min(l.end_date, t.toDay)) - julianday(max(l.start_date, t.fromDay)) + 1), 0)
        FROM leave_requests l WHERE l.village_id = @village AND l.deleted_at IS NULL AND l.status = 'approved'
          AND l.start_date <= t.toDay AND l.end_date >= t.fromDay) AS leaveDays
     FROM (SELECT s.name AS secretary, s.unit AS unit, s.phone AS phone, substr(mo.m, 1, 7) AS month,
             max(mo.m, s.term_start) AS fromDay,
             min(date(mo.m, '+1 month', '-1 day'), coalesce(s.term_end, '9999-12-31'), @refDay) AS toDay,
             s.term_start AS termStart, s.id AS sid
           FROM months mo JOIN secretaries s ON s.village_id = @village AND ${POSTED}) t
     ORDER BY t.termStart, t.secretary, t.sid, t.month`,
    p,
    villages,
  );
}
