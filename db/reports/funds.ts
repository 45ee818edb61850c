// 项目资金台账: every live project of the scope with its budget and the money received (到位) and
// spent (支出) on it up to the period's end — the dashboards' projectMoney rule — and every fund
// entry behind those sums, so the ledger's totals are the dashboards' and can be traced to vouchers.
import type { Sqlite } from '../open';
import { inScope, type PeriodParams } from '../dashboard/period';
import { recordPhotoColumns, type RecordPhotos } from './photos';
import { countOf, perVillage, type ReportVillage, type VillageRow } from './villages';

export interface ProjectLine {
  name: string | null;
  kind: string | null;
  status: string | null;
  startDate: string | null;
  endDate: string | null;
  responsible: string | null;
  beneficiaryHouseholds: number | null;
  budgetFen: number;
  receivedFen: number;
  spentFen: number;
}

const PROJECTS_WHERE = `x.deleted_at IS NULL`;
const money = (direction: 'in' | 'out') =>
  `coalesce((SELECT sum(f.amount_fen) FROM fund_entries f WHERE f.project_id = x.id AND f.deleted_at IS NULL AND f.direction = '${direction}' AND f.entry_date <= @to), 0)`;

export function countProjects(sqlite: Sqlite, p: PeriodParams): number {
  return countOf(sqlite, `SELECT count(*) FROM projects x WHERE ${PROJECTS_WHERE} AND ${inScope('x')}`, p);
}

/** The projects; with `photos`, each with its photos (Partial: absent without). */
export function projectLines(sqlite: Sqlite, p: PeriodParams, villages: readonly ReportVillage[], photos = false): Generator<VillageRow<ProjectLine & Partial<RecordPhotos>>> {
  return perVillage(
    sqlite,
    `SELECT ${photos ? `${recordPhotoColumns('x')},` : ''} x.name AS name, x.kind AS kind, x.status AS status, x.start_date AS startDate, x.end_date AS endDate,
       x.responsible AS responsible, x.beneficiary_households AS beneficiaryHouseholds, coalesce(x.budget_fen, 0) AS budgetFen,
       ${money('in')} AS receivedFen, ${money('out')} AS spentFen
     FROM projects x WHERE x.village_id = @village AND ${PROJECTS_WHERE} ORDER BY x.start_date IS NULL, x.start_date, x.name, x.id`,
    p,
    villages,
  );
}

export interface FundLine {
  projectName: string | null;
  entryDate: string;
  direction: string | null;
  source: string | null;
  amountFen: number;
  purpose: string | null;
  voucherNo: string | null;
}

/** An entry counts where the dashboards count it: live, of a live project, dated up to the period's end. */
const ENTRIES_FROM = `fund_entries f JOIN projects x ON x.id = f.project_id AND x.deleted_at IS NULL`;
const ENTRIES_WHERE = `f.deleted_at IS NULL AND f.entry_date <= @to`;

export function countFundEntries(sqlite: Sqlite, p: PeriodParams): number {
  return countOf(sqlite, `SELECT count(*) FROM ${ENTRIES_FROM} WHERE ${ENTRIES_WHERE} AND ${inScope('f')}`, p);
}

export function fundLines(sqlite: Sqlite, p: PeriodParams, villages: readonly ReportVillage[]): Generator<VillageRow<FundLine>> {
  return perVillage(
    sqlite,
    `SELECT x.name AS projectName, f.entry_date AS entryDate, f.direction AS direction, nullif(trim(f.source), '') AS source,
       coalesce(f.amount_fen, 0) AS amountFen, f.purpose AS purpose, f.voucher_no AS voucherNo
     FROM ${ENTRIES_FROM} WHERE f.village_id = @village AND ${ENTRIES_WHERE} ORDER BY f.entry_date, f.id`,
    p,
    villages,
  );
}
