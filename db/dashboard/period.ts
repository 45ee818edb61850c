// The days a dashboard query is bounded by, worked out once: the period, its years, and the
// reference day ("this month", "this year" and "overdue" are judged on it) with its month and
// year starts. Passed to every query as named parameters, so no query does date arithmetic twice.

export interface FigureQuery {
  /** The villages counted; every one must be live and in the caller's scope. */
  readonly villageIds: readonly string[];
  readonly from: string;
  readonly to: string;
  /** The app's calendar day (China time). */
  readonly today: string;
}

export interface PeriodParams {
  readonly scope: string;
  readonly from: string;
  readonly to: string;
  readonly fromYear: number;
  readonly toYear: number;
  readonly refDay: string;
  readonly monthStart: string;
  readonly yearStart: string;
}

/** The period's end, or today when the period runs past it. */
export function referenceDay(to: string, today: string): string {
  return to < today ? to : today;
}

export function periodParams(q: FigureQuery): PeriodParams {
  const refDay = referenceDay(q.to, q.today);
  return {
    scope: JSON.stringify(q.villageIds),
    from: q.from,
    to: q.to,
    fromYear: Number(q.from.slice(0, 4)),
    toYear: Number(q.to.slice(0, 4)),
    refDay,
    monthStart: `${refDay.slice(0, 7)}-01`,
    yearStart: `${refDay.slice(0, 4)}-01-01`,
  };
}

/** `alias.village_id` limited to the scope's villages (a JSON array bound as `@scope`). */
export function inScope(alias: string): string {
  return `${alias}.village_id IN (SELECT value FROM json_each(@scope))`;
}

/**
 * The day a need `n` was raised: the day of its visit while that visit stands, else the China day
 * it was first recorded — and never after the day it was closed as done (a slip in either date
 * does not make a need raised after it was solved). The visit is looked up through the need's
 * household first (an index holding the visit's id, day and tombstone, so no table row is read),
 * then by its id alone.
 */
const RAISED_BY_VISIT = `CASE WHEN n.visit_id IS NULL THEN date(n.created_at, '+8 hours') ELSE COALESCE(
    (SELECT rv.visit_date FROM visits rv INDEXED BY visits_by_household_date
      WHERE rv.household_id = n.household_id AND rv.id = n.visit_id AND rv.deleted_at IS NULL),
    (SELECT rv.visit_date FROM visits rv WHERE rv.id = n.visit_id AND rv.deleted_at IS NULL),
    date(n.created_at, '+8 hours')) END`;
export const NEED_RAISED_ON = `CASE WHEN n.status = 'done' AND n.closed_on IS NOT NULL
  THEN min(n.closed_on, ${RAISED_BY_VISIT}) ELSE ${RAISED_BY_VISIT} END`;

/** Raised in the period. A need closed before the period began was raised before it too: that
 *  is known without looking its visit up, and it is most needs of a long-kept ledger. */
export const NEED_RAISED_IN_PERIOD = `(CASE WHEN n.status = 'done' AND n.closed_on < @from THEN 0
  ELSE ${NEED_RAISED_ON} BETWEEN @from AND @to END)`;
