// What the monthly report (驻村工作月报) lists beyond the dashboards' figures: the plans and the
// public commitments of the period's years (as the dashboards count them), and highlights picked
// from the diary.
import type { Sqlite } from '../open';
import { inScope, type PeriodParams } from '../dashboard/period';
import { planDone } from '../dashboard/planCounts';
import { countOf, perVillage, type ReportVillage, type VillageRow } from './villages';

export interface PlanLine {
  year: number | null;
  duty: string | null;
  goal: string | null;
  targetValue: number | null;
  actualValue: number | null;
  valueUnit: string | null;
  status: string | null;
  dueDate: string | null;
  /** 0/1: marked done, or its done value has reached its target (db/dashboard/planCounts.ts). */
  done: number;
}

const PLANS_WHERE = `x.deleted_at IS NULL AND x.year BETWEEN @fromYear AND @toYear`;
/** The township's duties in its order (bound as @duties, a JSON list), then any others by name. */
const DUTY_ORDER = `coalesce((SELECT d.key FROM json_each(@duties) AS d WHERE d.value = x.duty), 1000000), x.duty`;

export function countPlans(sqlite: Sqlite, p: PeriodParams): number {
  return countOf(sqlite, `SELECT count(*) FROM plans x WHERE ${PLANS_WHERE} AND ${inScope('x')}`, p);
}

/** The plans of each village, by year, then in the township's duty order (`duties`), then any other duty. */
export function planLines(sqlite: Sqlite, p: PeriodParams, villages: readonly ReportVillage[], duties: readonly string[]): Generator<VillageRow<PlanLine>> {
  return perVillage(
    sqlite,
    `SELECT x.year AS year, x.duty AS duty, x.goal AS goal, x.target_value AS targetValue, x.actual_value AS actualValue,
       x.value_unit AS valueUnit, x.status AS status, x.due_date AS dueDate, ${planDone('x')} AS done
     FROM plans x WHERE x.village_id = @village AND ${PLANS_WHERE} ORDER BY x.year, ${DUTY_ORDER}, x.due_date, x.id`,
    p,
    villages,
    { duties: JSON.stringify(duties) },
  );
}

export interface CommitmentLine {
  year: number | null;
  content: string | null;
  dueDate: string | null;
  status: string | null;
  evidence: string | null;
  /** 0/1: not fulfilled and past due on the reference day (the dashboards' commitmentsOverdue). */
  overdue: number;
}

const COMMITMENTS_WHERE = `x.deleted_at IS NULL AND x.year BETWEEN @fromYear AND @toYear`;

export function countCommitments(sqlite: Sqlite, p: PeriodParams): number {
  return countOf(sqlite, `SELECT count(*) FROM commitments x WHERE ${COMMITMENTS_WHERE} AND ${inScope('x')}`, p);
}

export function commitmentLines(sqlite: Sqlite, p: PeriodParams, villages: readonly ReportVillage[]): Generator<VillageRow<CommitmentLine>> {
  return perVillage(
    sqlite,
    `SELECT x.year AS year, x.content AS content, x.due_date AS dueDate, x.status AS status, x.evidence AS evidence,
       coalesce(x.status IS NOT 'fulfilled' AND x.due_date < @refDay, 0) AS overdue
     FROM commitments x WHERE x.village_id = @village AND ${COMMITMENTS_WHERE} ORDER BY x.year, x.due_date IS NULL, x.due_date, x.id`,
    p,
    villages,
  );
}

export interface DiaryHighlight {
  entryDate: string;
  presence: string | null;
  dutyTags: string | null;
  content: string;
}

/** How many diary entries a monthly report quotes. */
export const HIGHLIGHTS = 10;

/**
 * Highlights: the period's entries that say something and name at least one of the five duties,
 * the fullest first (the most written is usually the most done), the chosen ones in date order.
 */
export function diaryHighlights(sqlite: Sqlite, p: PeriodParams, villages: readonly ReportVillage[]): Generator<VillageRow<DiaryHighlight>> {
  return perVillage(
    sqlite,
    `SELECT entryDate, presence, dutyTags, content FROM (
       SELECT x.entry_date AS entryDate, x.presence AS presence, x.duty_tags AS dutyTags, x.content AS content, x.id AS id
       FROM diary_entries x WHERE x.village_id = @village AND x.deleted_at IS NULL AND x.entry_date BETWEEN @from AND @to
         AND length(trim(coalesce(x.content, ''))) > 0 AND CASE WHEN json_valid(x.duty_tags) THEN json_array_length(x.duty_tags) ELSE 0 END > 0
       ORDER BY length(x.content) DESC, x.entry_date, x.id LIMIT @limit)
     ORDER BY entryDate, id`,
    p,
    villages,
    { limit: HIGHLIGHTS },
  );
}
