// The public-notice lists (公示版): names and village groups, the head's ID number for masking,
// and nothing else a notice may not show — these statements never read a phone, an address,
// health, income or a bank account, so no writer can leak one.
import type { Sqlite } from '../open';
import { MONITORING_ACTIVE } from '../dashboard/measures';
import { inScope, type PeriodParams } from '../dashboard/period';
import { HEAD_ID_NUMBER } from './monitoring';
import { countOf, householdStands, perVillage, type ReportVillage, type VillageRow } from './villages';

export interface NoticeHouseholdLine {
  headName: string | null;
  villagerGroup: string | null;
  /** In full: the report masks it 6+4 or leaves it out. */
  headIdNumber: string | null;
  members: number;
}

const HOUSEHOLDS_WHERE = `h.deleted_at IS NULL AND (@category IS NULL OR h.category = @category)`;

export function countNoticeHouseholds(sqlite: Sqlite, p: PeriodParams, category: string | null): number {
  return countOf(sqlite, `SELECT count(*) FROM households h WHERE ${HOUSEHOLDS_WHERE} AND ${inScope('h')}`, p, { category });
}

export function noticeHouseholdLines(sqlite: Sqlite, p: PeriodParams, villages: readonly ReportVillage[], category: string | null): Generator<VillageRow<NoticeHouseholdLine>> {
  return perVillage(
    sqlite,
    `SELECT h.head_name AS headName, h.villager_group AS villagerGroup, ${HEAD_ID_NUMBER} AS headIdNumber,
       (SELECT count(*) FROM household_members m WHERE m.household_id = h.id AND m.deleted_at IS NULL) AS members
     FROM households h WHERE h.village_id = @village AND ${HOUSEHOLDS_WHERE} ORDER BY h.villager_group, h.head_name, h.id`,
    p,
    villages,
    { category },
  );
}

export interface NoticeMonitoringLine {
  headName: string | null;
  villagerGroup: string | null;
  headIdNumber: string | null;
  monitorType: string | null;
  postingStart: string | null;
  postingEnd: string | null;
  countyDecisionDate: string | null;
}

const MONITORING_FROM = `monitored_households x LEFT JOIN households h ON h.id = x.household_id`;
const MONITORING_WHERE = `x.deleted_at IS NULL AND ${householdStands('x')} AND ${MONITORING_ACTIVE}`;

export function countNoticeMonitoring(sqlite: Sqlite, p: PeriodParams): number {
  return countOf(sqlite, `SELECT count(*) FROM ${MONITORING_FROM} WHERE ${MONITORING_WHERE} AND ${inScope('x')}`, p);
}

/** Households still monitored on the reference day (as the dashboards count them). */
export function noticeMonitoringLines(sqlite: Sqlite, p: PeriodParams, villages: readonly ReportVillage[]): Generator<VillageRow<NoticeMonitoringLine>> {
  return perVillage(
    sqlite,
    `SELECT h.head_name AS headName, h.villager_group AS villagerGroup, ${HEAD_ID_NUMBER} AS headIdNumber, x.monitor_type AS monitorType,
       x.posting_start AS postingStart, x.posting_end AS postingEnd, x.county_decision_date AS countyDecisionDate
     FROM ${MONITORING_FROM} WHERE x.village_id = @village AND ${MONITORING_WHERE} ORDER BY h.villager_group, h.head_name, x.id`,
    p,
    villages,
  );
}
