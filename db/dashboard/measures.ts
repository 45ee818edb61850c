// The measures of each village over a period, one GROUP BY query a ledger, so a township of 30
// villages or a district of 300 costs the same dozen statements. Only live rows count: deleted
// rows are tombstones, changes held in quarantine never reached the ledgers, and a record whose
// parent (household, project) is deleted counts no more than its parent.
import type { Prepare } from './statements';
import { inScope, NEED_RAISED_IN_PERIOD, NEED_RAISED_ON, periodParams, type FigureQuery, type PeriodParams } from './period';
import { planDone } from './planCounts';

export interface VillageMeasures {
  villageId: string;
  name: string;
  township: string | null;
  secretary: string | null;
  households: number;
  visitedHouseholds: number;
  visits: number;
  needsRaised: number;
  needsSolved: number;
  needsOpen: number;
  needsOverdue: number;
  plans: number;
  plansDone: number;
  presenceMonthDays: number;
  presenceYearDays: number;
  leaveMonthDays: number;
  leaveYearDays: number;
  diaryMonthEntries: number;
  projects: number;
  budgetFen: number;
  receivedFen: number;
  spentFen: number;
  commitments: number;
  commitmentsDone: number;
  commitmentsOverdue: number;
  monitored: number;
  monitoringOverdue: number;
}

type Counts = Omit<VillageMeasures, 'villageId' | 'name' | 'township' | 'secretary'>;

const ZERO: Counts = {
  households: 0, visitedHouseholds: 0, visits: 0, needsRaised: 0, needsSolved: 0, needsOpen: 0, needsOverdue: 0,
  plans: 0, plansDone: 0, presenceMonthDays: 0, presenceYearDays: 0, leaveMonthDays: 0, leaveYearDays: 0,
  diaryMonthEntries: 0, projects: 0, budgetFen: 0, receivedFen: 0, spentFen: 0, commitments: 0, commitmentsDone: 0,
  commitmentsOverdue: 0, monitored: 0, monitoringOverdue: 0,
};

/** Days of a leave [start_date, end_date] that fall in [@a, @refDay] (0 when none). */
function leaveDaysFrom(start: string): string {
  return `max(0, julianday(min(l.end_date, @refDay)) - julianday(max(l.start_date, ${start})) + 1)`;
}

/**
 * A record of a household (a visit, a need, a monitoring record) counts no more than its household:
 * not once the household is deleted. The deleted households are few: they are read once, through
 * the index that starts with deleted_at, instead of a household looked up for every visit (or
 * every household read to find them).
 */
export function householdStands(alias: string): string {
  return `(${alias}.household_id IS NULL OR ${alias}.household_id NOT IN
    (SELECT d.id FROM households d INDEXED BY households_by_updated WHERE d.deleted_at IS NOT NULL))`;
}

/** A monitored household still at risk on the reference day: its monitoring begun by then (the home
 *  check, else the China day it was recorded) and its risk not cleared by then. */
export const MONITORING_ACTIVE = `(COALESCE(x.home_check_date, date(x.created_at, '+8 hours')) <= @refDay
  AND (x.risk_cleared IS NOT 1 OR x.cleared_date IS NULL OR x.cleared_date > @refDay))`;
/** Its 15-day clock (home check to county decision) ran out before a decision on the reference day. */
export const MONITORING_OVERDUE = `(x.home_check_date IS NOT NULL AND x.home_check_date <= @refDay
  AND (x.county_decision_date IS NULL OR x.county_decision_date > @refDay)
  AND julianday(@refDay) - julianday(x.home_check_date) > 15)`;

/** A need still open on the reference day: not closed as done by then, and raised by then (asked
 *  second, so the raising visit is looked up only for the needs still open). */
export const NEED_OPEN = `(NOT (n.status = 'done' AND n.closed_on IS NOT NULL AND n.closed_on <= @refDay) AND ${NEED_RAISED_ON} <= @refDay)`;

const QUERIES: Record<string, string> = {
  households: `SELECT x.village_id AS v, count(*) AS households FROM households x
    WHERE x.deleted_at IS NULL AND ${inScope('x')} GROUP BY x.village_id`,
  visits: `SELECT x.village_id AS v, count(*) AS visits, count(DISTINCT x.household_id) AS visitedHouseholds
    FROM visits x
    WHERE x.deleted_at IS NULL AND ${inScope('x')} AND x.visit_date BETWEEN @from AND @to AND ${householdStands('x')} GROUP BY x.village_id`,
  needs: `SELECT n.village_id AS v,
      sum(${NEED_RAISED_IN_PERIOD}) AS needsRaised,
      sum(n.status = 'done' AND n.closed_on BETWEEN @from AND @to) AS needsSolved,
      sum(${NEED_OPEN}) AS needsOpen,
      sum(${NEED_OPEN} AND n.due_date < @refDay) AS needsOverdue
    FROM needs n
    WHERE n.deleted_at IS NULL AND ${inScope('n')} AND ${householdStands('n')} GROUP BY n.village_id`,
  plans: `SELECT x.village_id AS v, count(*) AS plans, sum(${planDone('x')}) AS plansDone FROM plans x
    WHERE x.deleted_at IS NULL AND ${inScope('x')} AND x.year BETWEEN @fromYear AND @toYear GROUP BY x.village_id`,
  diary: `SELECT x.village_id AS v,
      sum(x.presence = 'in_village' AND x.entry_date >= @monthStart) AS presenceMonthDays,
      sum(x.presence = 'in_village') AS presenceYearDays,
      sum(x.entry_date >= @monthStart) AS diaryMonthEntries
    FROM diary_entries x
    WHERE x.deleted_at IS NULL AND ${inScope('x')} AND x.entry_date BETWEEN @yearStart AND @refDay GROUP BY x.village_id`,
  leave: `SELECT l.village_id AS v, sum(${leaveDaysFrom('@monthStart')}) AS leaveMonthDays, sum(${leaveDaysFrom('@yearStart')}) AS leaveYearDays
    FROM leave_requests l
    WHERE l.deleted_at IS NULL AND ${inScope('l')} AND l.status = 'approved' AND l.start_date <= @refDay AND l.end_date >= @yearStart
    GROUP BY l.village_id`,
  projects: `SELECT x.village_id AS v, count(*) AS projects, coalesce(sum(x.budget_fen), 0) AS budgetFen FROM projects x
    WHERE x.deleted_at IS NULL AND ${inScope('x')} GROUP BY x.village_id`,
  funds: `SELECT f.village_id AS v,
      coalesce(sum(CASE WHEN f.direction = 'in' THEN f.amount_fen END), 0) AS receivedFen,
      coalesce(sum(CASE WHEN f.direction = 'out' THEN f.amount_fen END), 0) AS spentFen
    FROM fund_entries f JOIN projects p ON p.id = f.project_id AND p.deleted_at IS NULL
    WHERE f.deleted_at IS NULL AND ${inScope('f')} AND f.entry_date <= @to GROUP BY f.village_id`,
  commitments: `SELECT x.village_id AS v, count(*) AS commitments, sum(x.status = 'fulfilled') AS commitmentsDone,
      sum(x.status IS NOT 'fulfilled' AND x.due_date < @refDay) AS commitmentsOverdue
    FROM commitments x WHERE x.deleted_at IS NULL AND ${inScope('x')} AND x.year BETWEEN @fromYear AND @toYear GROUP BY x.village_id`,
  monitoring: `SELECT x.village_id AS v, count(*) AS monitored, sum(${MONITORING_OVERDUE}) AS monitoringOverdue
    FROM monitored_households x
    WHERE x.deleted_at IS NULL AND ${inScope('x')} AND ${householdStands('x')} AND ${MONITORING_ACTIVE} GROUP BY x.village_id`,
};

/** The villages themselves, with the secretary whose term covers the reference day. */
const VILLAGES = `SELECT v.id AS villageId, v.name AS name, v.township AS township,
    (SELECT s.name FROM secretaries s WHERE s.village_id = v.id AND s.deleted_at IS NULL
       AND s.term_start <= @refDay AND (s.term_end IS NULL OR s.term_end >= @refDay)
     ORDER BY s.term_start DESC, s.id LIMIT 1) AS secretary
  FROM villages v WHERE v.deleted_at IS NULL AND v.id IN (SELECT value FROM json_each(@scope))
  ORDER BY v.township, v.name, v.id`;

/** Each village's measures, in the order township, name. Villages not live are left out. */
export function villageMeasures(sqlite: Prepare, query: FigureQuery): VillageMeasures[] {
  return measuresWith(sqlite, periodParams(query));
}

export function measuresWith(sqlite: Prepare, params: PeriodParams): VillageMeasures[] {
  const villages = sqlite.prepare(VILLAGES).all(pick(VILLAGES, params)) as { villageId: string; name: string | null; township: string | null; secretary: string | null }[];
  const rows = new Map<string, VillageMeasures>(villages.map((v) => [v.villageId, { ...v, name: v.name ?? '', ...ZERO }]));
  for (const sql of Object.values(QUERIES)) {
    for (const found of sqlite.prepare(sql).all(pick(sql, params)) as Record<string, number | string | null>[]) {
      const row = rows.get(found.v as string);
      if (!row) continue;
      for (const [key, value] of Object.entries(found)) if (key !== 'v') (row as unknown as Record<string, number>)[key] = Number(value ?? 0);
    }
  }
  return [...rows.values()];
}

/** Only the named parameters a statement uses (better-sqlite3 refuses unused ones). */
export function pick(sql: string, params: PeriodParams): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).filter(([name]) => sql.includes(`@${name}`)));
}
