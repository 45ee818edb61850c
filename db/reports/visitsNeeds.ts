// 走访与诉求台账: the visits of the period, and the needs that matter to it — raised in it, closed
// in it, or still open on its reference day — with flags that add up to the dashboards' needs
// measures (the same SQL fragments decide raised, open and overdue). A visit or need of a deleted
// household counts no more than its household, as on the dashboards.
import type { Sqlite } from '../open';
import { NEED_OPEN } from '../dashboard/measures';
import { inScope, NEED_RAISED_ON, type PeriodParams } from '../dashboard/period';
import { recordPhotoColumns, type RecordPhotos } from './photos';
import { countOf, householdStands, perVillage, type ReportVillage, type VillageRow } from './villages';

export interface VisitLine {
  visitDate: string;
  headName: string | null;
  villagerGroup: string | null;
  phone: string | null;
  mode: string | null;
  visitors: string | null;
  situation: string | null;
  actions: string | null;
  confirmed: number | null;
  nextVisitDue: string | null;
}

/** A visit counts where the dashboards count it: live, of a household that stands, dated in the period. */
const VISITS_WHERE = `x.deleted_at IS NULL AND x.visit_date BETWEEN @from AND @to AND ${householdStands('x')}`;
const VISITS_FROM = `visits x LEFT JOIN households h ON h.id = x.household_id`;

export function countVisits(sqlite: Sqlite, p: PeriodParams): number {
  return countOf(sqlite, `SELECT count(*) FROM ${VISITS_FROM} WHERE ${VISITS_WHERE} AND ${inScope('x')}`, p);
}

/** The visits; with `photos`, each with its photos (Partial: absent without). */
export function visitLines(sqlite: Sqlite, p: PeriodParams, villages: readonly ReportVillage[], photos = false): Generator<VillageRow<VisitLine & Partial<RecordPhotos>>> {
  return perVillage(
    sqlite,
    `SELECT ${photos ? `${recordPhotoColumns('x')},` : ''} x.visit_date AS visitDate, h.head_name AS headName, h.villager_group AS villagerGroup, h.phone AS phone,
       x.mode AS mode, x.visitors AS visitors, x.situation AS situation, x.actions AS actions, x.confirmed AS confirmed,
       x.next_visit_due AS nextVisitDue
     FROM ${VISITS_FROM} WHERE x.village_id = @village AND ${VISITS_WHERE} ORDER BY x.visit_date, x.id`,
    p,
    villages,
  );
}

export interface NeedLine {
  raisedOn: string;
  headName: string | null;
  category: string | null;
  content: string | null;
  owner: string | null;
  dueDate: string | null;
  status: string | null;
  closedOn: string | null;
  outcome: string | null;
  satisfaction: string | null;
  /** 0/1: raised in the period; closed as done in it; open on the reference day; open and past due. */
  raised: number;
  solved: number;
  open: number;
  overdue: number;
}

const NEEDS_FROM = `needs n LEFT JOIN visits rv ON rv.id = n.visit_id AND rv.deleted_at IS NULL LEFT JOIN households h ON h.id = n.household_id`;
const RAISED = `(${NEED_RAISED_ON} BETWEEN @from AND @to)`;
const SOLVED = `(n.status = 'done' AND n.closed_on BETWEEN @from AND @to)`;
const OVERDUE = `(${NEED_OPEN} AND n.due_date < @refDay)`;
/** The needs a period's ledger lists: any one of its four figures counts it. */
const NEEDS_WHERE = `n.deleted_at IS NULL AND ${householdStands('n')} AND (${RAISED} OR ${SOLVED} OR ${NEED_OPEN})`;

export function countNeeds(sqlite: Sqlite, p: PeriodParams): number {
  return countOf(sqlite, `SELECT count(*) FROM ${NEEDS_FROM} WHERE ${NEEDS_WHERE} AND ${inScope('n')}`, p);
}

export function needLines(sqlite: Sqlite, p: PeriodParams, villages: readonly ReportVillage[]): Generator<VillageRow<NeedLine>> {
  return perVillage(
    sqlite,
    `SELECT ${NEED_RAISED_ON} AS raisedOn, h.head_name AS headName, n.category AS category, n.content AS content, n.owner AS owner,
       n.due_date AS dueDate, n.status AS status, n.closed_on AS closedOn, n.outcome AS outcome, n.satisfaction AS satisfaction,
       coalesce(${RAISED}, 0) AS raised, coalesce(${SOLVED}, 0) AS solved, coalesce(${NEED_OPEN}, 0) AS open, coalesce(${OVERDUE}, 0) AS overdue
     FROM ${NEEDS_FROM} WHERE n.village_id = @village AND ${NEEDS_WHERE} ORDER BY raisedOn, n.id`,
    p,
    villages,
  );
}
