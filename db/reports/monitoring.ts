// 防返贫监测对象表: every live monitoring record of a household that stands in the scope, with the
// head's ID number and phone (masked by the report unless asked), the procedure's dates, where
// it stands on the reference day, and flags that add up to the dashboards' monitoring measures
// (the same SQL fragments decide "still monitored" and "15-day clock run out").
import type { Sqlite } from '../open';
import { MONITORING_ACTIVE, MONITORING_OVERDUE } from '../dashboard/measures';
import { inScope, type PeriodParams } from '../dashboard/period';
import { countOf, householdStands, perVillage, type ReportVillage, type VillageRow } from './villages';

export interface MonitoringLine {
  headName: string | null;
  villagerGroup: string | null;
  /** The household head's ID number (the member related as head), in full: the report masks it. */
  headIdNumber: string | null;
  phone: string | null;
  monitorType: string | null;
  riskTypes: string | null;
  signalSource: string | null;
  homeCheckDate: string | null;
  postingStart: string | null;
  postingEnd: string | null;
  townshipReviewDate: string | null;
  countyDecisionDate: string | null;
  measures: string | null;
  riskCleared: number | null;
  clearedDate: string | null;
  active: number;
  overdue: number;
}

/** The ID number of a household's head: its live member related as head (the first recorded). */
export const HEAD_ID_NUMBER = `(SELECT m.id_number FROM household_members m WHERE m.household_id = h.id AND m.deleted_at IS NULL
  AND m.relation = 'head' ORDER BY m.created_at, m.id LIMIT 1)`;

const FROM = `monitored_households x LEFT JOIN households h ON h.id = x.household_id`;

export function countMonitoring(sqlite: Sqlite, p: PeriodParams, activeOnly = false): number {
  return countOf(sqlite, `SELECT count(*) FROM ${FROM} WHERE x.deleted_at IS NULL AND ${householdStands('x')} AND ${inScope('x')}${activeOnly ? ` AND ${MONITORING_ACTIVE}` : ''}`, p);
}

export function monitoringLines(sqlite: Sqlite, p: PeriodParams, villages: readonly ReportVillage[], activeOnly = false): Generator<VillageRow<MonitoringLine>> {
  return perVillage(
    sqlite,
    `SELECT h.head_name AS headName, h.villager_group AS villagerGroup, ${HEAD_ID_NUMBER} AS headIdNumber, h.phone AS phone,
       x.monitor_type AS monitorType, x.risk_types AS riskTypes, x.signal_source AS signalSource, x.home_check_date AS homeCheckDate,
       x.posting_start AS postingStart, x.posting_end AS postingEnd, x.township_review_date AS townshipReviewDate,
       x.county_decision_date AS countyDecisionDate, x.measures AS measures, x.risk_cleared AS riskCleared, x.cleared_date AS clearedDate,
       coalesce(${MONITORING_ACTIVE}, 0) AS active, coalesce(${MONITORING_ACTIVE} AND ${MONITORING_OVERDUE}, 0) AS overdue
     FROM ${FROM} WHERE x.village_id = @village AND x.deleted_at IS NULL AND ${householdStands('x')}${activeOnly ? ` AND ${MONITORING_ACTIVE}` : ''}
     ORDER BY h.villager_group, h.head_name, x.home_check_date, x.id`,
    p,
    villages,
  );
}
