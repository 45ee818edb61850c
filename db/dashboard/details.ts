// What the village dashboard shows beyond the measures: visits month by month, the overdue
// needs themselves, plans by duty, projects by stage and their money, the monitoring clocks and
// the yearly indicators. Same rules as measures.ts: live rows of live parents, in scope.
import { MIN_OPERATING_FUNDS_FEN } from '../../shared/domain/ledgers/work';
import type { Prepare } from './statements';
import { householdStands, MONITORING_ACTIVE, NEED_OPEN, pick } from './measures';
import { inScope, type PeriodParams } from './period';
import { planDone, planProgressSql } from './planCounts';

const OVERDUE_LIST_LIMIT = 50;
/** Years of indicators shown: the period's last year and the four before it. */
const INDICATOR_YEARS = 5;

function all<T>(sqlite: Prepare, sql: string, params: PeriodParams, extra: Record<string, unknown> = {}): T[] {
  return sqlite.prepare(sql).all({ ...pick(sql, params), ...extra }) as T[];
}

/** Visits and households visited, month by month. A household is one village's, so the households
 *  of a month are counted village by village and added: smaller sets to tell apart than a whole month's. */
export function visitsByMonth(sqlite: Prepare, p: PeriodParams): { month: string; visits: number; households: number }[] {
  return all(
    sqlite,
    `SELECT month, sum(visits) AS visits, sum(households) AS households FROM (
       SELECT substr(x.visit_date, 1, 7) AS month, count(*) AS visits, count(DISTINCT x.household_id) AS households
       FROM visits x
       WHERE x.deleted_at IS NULL AND ${inScope('x')} AND x.visit_date BETWEEN @from AND @to AND ${householdStands('x')}
       GROUP BY x.village_id, month)
     GROUP BY month ORDER BY month`,
    p,
  );
}

export interface OverdueNeed {
  id: string;
  villageId: string;
  villageName: string;
  content: string;
  dueDate: string;
  owner: string | null;
  household: string | null;
  daysOverdue: number;
}

const OVERDUE_WHERE = `n.deleted_at IS NULL AND ${inScope('n')} AND n.due_date < @refDay AND ${householdStands('n')} AND ${NEED_OPEN}`;

/** The oldest overdue needs first, and how many more there are of the `total` the measures counted. */
export function overdueNeeds(sqlite: Prepare, p: PeriodParams, total: number): { items: OverdueNeed[]; more: number } {
  const items = all<OverdueNeed>(
    sqlite,
    `SELECT n.id AS id, n.village_id AS villageId, coalesce(v.name, '') AS villageName, coalesce(n.content, '') AS content,
       n.due_date AS dueDate, n.owner AS owner, h.head_name AS household,
       CAST(julianday(@refDay) - julianday(n.due_date) AS INTEGER) AS daysOverdue
     FROM needs n JOIN villages v ON v.id = n.village_id
     LEFT JOIN households h ON h.id = n.household_id
     WHERE ${OVERDUE_WHERE} ORDER BY n.due_date, n.id LIMIT @limit`,
    p,
    { limit: OVERDUE_LIST_LIMIT },
  );
  return { items, more: Math.max(0, total - items.length) };
}

/** Plans of the period's years by duty; `progress` sums the plans' progress (db/dashboard/planCounts.ts). */
export function plansByDuty(sqlite: Prepare, p: PeriodParams): { duty: string; plans: number; done: number; progress: number }[] {
  return all(
    sqlite,
    `SELECT x.duty AS duty, count(*) AS plans, sum(${planDone('x')}) AS done, sum(${planProgressSql('x')}) AS progress FROM plans x
     WHERE x.deleted_at IS NULL AND ${inScope('x')} AND x.year BETWEEN @fromYear AND @toYear AND x.duty IS NOT NULL GROUP BY x.duty`,
    p,
  );
}

export function projectsByStage(sqlite: Prepare, p: PeriodParams): { stage: string; projects: number; budgetFen: number }[] {
  return all(
    sqlite,
    `SELECT x.status AS stage, count(*) AS projects, coalesce(sum(x.budget_fen), 0) AS budgetFen FROM projects x
     WHERE x.deleted_at IS NULL AND ${inScope('x')} GROUP BY x.status`,
    p,
  );
}

export interface ProjectMoney {
  id: string;
  villageId: string;
  name: string;
  status: string;
  budgetFen: number;
  receivedFen: number;
  spentFen: number;
}

/** Every live project with the money received and spent on it up to the period's end. */
export function projectMoney(sqlite: Prepare, p: PeriodParams): ProjectMoney[] {
  return all(
    sqlite,
    `SELECT x.id AS id, x.village_id AS villageId, coalesce(x.name, '') AS name, coalesce(x.status, '') AS status,
       coalesce(x.budget_fen, 0) AS budgetFen,
       coalesce((SELECT sum(f.amount_fen) FROM fund_entries f WHERE f.project_id = x.id AND f.deleted_at IS NULL AND f.direction = 'in' AND f.entry_date <= @to), 0) AS receivedFen,
       coalesce((SELECT sum(f.amount_fen) FROM fund_entries f WHERE f.project_id = x.id AND f.deleted_at IS NULL AND f.direction = 'out' AND f.entry_date <= @to), 0) AS spentFen
     FROM projects x WHERE x.deleted_at IS NULL AND ${inScope('x')}
     ORDER BY x.budget_fen DESC, x.name, x.id`,
    p,
  );
}

export function moneyBySource(sqlite: Prepare, p: PeriodParams): { source: string | null; receivedFen: number; spentFen: number }[] {
  return all(
    sqlite,
    `SELECT nullif(trim(f.source), '') AS source,
       coalesce(sum(CASE WHEN f.direction = 'in' THEN f.amount_fen END), 0) AS receivedFen,
       coalesce(sum(CASE WHEN f.direction = 'out' THEN f.amount_fen END), 0) AS spentFen
     FROM fund_entries f JOIN projects p ON p.id = f.project_id AND p.deleted_at IS NULL
     WHERE f.deleted_at IS NULL AND ${inScope('f')} AND f.entry_date <= @to
     GROUP BY nullif(trim(f.source), '') ORDER BY receivedFen DESC, source IS NULL, source`,
    p,
  );
}

export function commitmentsDue(sqlite: Prepare, p: PeriodParams): number {
  const sql = `SELECT count(*) FROM commitments x WHERE x.deleted_at IS NULL AND ${inScope('x')} AND x.year BETWEEN @fromYear AND @toYear
    AND x.status IS NOT 'fulfilled' AND (x.due_date IS NULL OR x.due_date >= @refDay)`;
  return sqlite.prepare(sql).pluck().get(pick(sql, p)) as number;
}

export type MonitoringStage = 'reported' | 'checked' | 'posted' | 'reviewed' | 'decided';

export interface MonitoringClock {
  id: string;
  villageId: string;
  villageName: string;
  household: string | null;
  monitorType: string;
  homeCheckDate: string | null;
  stage: MonitoringStage;
  daysLeft: number | null;
}

/** Households still monitored on the reference day, the most urgent clock first. */
export function monitoringClocks(sqlite: Prepare, p: PeriodParams): MonitoringClock[] {
  const rows = all<Omit<MonitoringClock, 'stage' | 'daysLeft'> & { posted: string | null; reviewed: string | null; decided: string | null }>(
    sqlite,
    `SELECT x.id AS id, x.village_id AS villageId, coalesce(v.name, '') AS villageName, h.head_name AS household,
       coalesce(x.monitor_type, '') AS monitorType, x.home_check_date AS homeCheckDate,
       x.posting_start AS posted, x.township_review_date AS reviewed, x.county_decision_date AS decided
     FROM monitored_households x LEFT JOIN households h ON h.id = x.household_id
     JOIN villages v ON v.id = x.village_id
     WHERE x.deleted_at IS NULL AND ${inScope('x')} AND ${householdStands('x')} AND ${MONITORING_ACTIVE}`,
    p,
  );
  const ref = Date.parse(p.refDay);
  const clocks = rows.map(({ posted, reviewed, decided, ...row }) => {
    const on = (day: string | null) => day !== null && day <= p.refDay;
    const stage: MonitoringStage = on(decided) ? 'decided' : on(reviewed) ? 'reviewed' : on(posted) ? 'posted' : on(row.homeCheckDate) ? 'checked' : 'reported';
    const daysLeft = stage === 'decided' || stage === 'reported' ? null : 15 - Math.round((ref - Date.parse(row.homeCheckDate!)) / 86_400_000);
    return { ...row, stage, daysLeft };
  });
  return clocks.sort((a, b) => (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity) || a.villageName.localeCompare(b.villageName) || a.id.localeCompare(b.id));
}

export interface IndicatorYear {
  year: number;
  villages: number;
  collectiveIncomeFen: number | null;
  operatingFundsFen: number | null;
  belowFundsLine: number;
}

/** The latest indicators row of each village and year (two devices may each have made one). */
export const LATEST_INDICATORS = `(SELECT * FROM (SELECT i.*, row_number() OVER (PARTITION BY i.village_id, i.year ORDER BY i.updated_at DESC, i.id DESC) AS rn
   FROM village_indicators i WHERE i.deleted_at IS NULL AND ${inScope('i')}) WHERE rn = 1)`;

export function indicatorsByYear(sqlite: Prepare, p: PeriodParams): IndicatorYear[] {
  return all(
    sqlite,
    `SELECT x.year AS year, count(*) AS villages, sum(x.collective_income_fen) AS collectiveIncomeFen,
       sum(x.operating_funds_fen) AS operatingFundsFen, coalesce(sum(x.operating_funds_fen < @line), 0) AS belowFundsLine
     FROM ${LATEST_INDICATORS} x WHERE x.year BETWEEN @firstYear AND @toYear GROUP BY x.year ORDER BY x.year`,
    p,
    { line: MIN_OPERATING_FUNDS_FEN, firstYear: p.toYear - INDICATOR_YEARS + 1 },
  );
}
