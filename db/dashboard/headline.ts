// The headline figures in the words a district reports them (走访群众 N 户 …). Most are counts of
// records; two (reserve cadres, venues rebuilt) rest on what a person entered on the yearly
// indicators, and say so — with the villages that entered nothing named, never counted as 0.
import type { Prepare } from './statements';
import { LATEST_INDICATORS } from './details';
import { pick } from './measures';
import { inScope, type PeriodParams } from './period';

export interface HeadlineRow {
  key: 'visitedHouseholds' | 'reserveCadres' | 'venuesRebuilt' | 'plans' | 'projectsIntroduced' | 'commitments' | 'needsSolved';
  value: number | null;
  moneyFen: number | null;
  basis: 'counted' | 'reported' | 'partial' | 'unanswered';
  missingVillages: string[];
}

/** The counts the measures already hold, summed over the scope. */
export interface CountedTotals {
  visitedHouseholds: number;
  plans: number;
  commitments: number;
  needsSolved: number;
}

interface Reported {
  villageName: string;
  value: number | null;
}

/** Per village in scope: the indicator summed over the period's years, null where never entered. */
function reportedPerVillage(sqlite: Prepare, p: PeriodParams, valueSql: string): Reported[] {
  const sql = `SELECT v.name AS villageName,
      (SELECT sum(${valueSql}) FROM ${LATEST_INDICATORS} x WHERE x.village_id = v.id AND x.year BETWEEN @fromYear AND @toYear) AS value
    FROM villages v WHERE v.deleted_at IS NULL AND v.id IN (SELECT value FROM json_each(@scope)) ORDER BY v.township, v.name, v.id`;
  return sqlite.prepare(sql).all(pick(sql, p)) as Reported[];
}

function fromIndicators(key: HeadlineRow['key'], rows: Reported[]): HeadlineRow {
  const missing = rows.filter((r) => r.value === null).map((r) => r.villageName);
  const entered = rows.filter((r) => r.value !== null);
  if (entered.length === 0) return { key, value: null, moneyFen: null, basis: 'unanswered', missingVillages: missing };
  const value = entered.reduce((sum, r) => sum + Number(r.value), 0);
  return { key, value, moneyFen: null, basis: missing.length ? 'partial' : 'reported', missingVillages: missing };
}

/**
 * A year's reserve cadres are counted from the reserve cadres ledger (shared/domain/party: on the
 * reserve at some time that year) wherever the village keeps one; the typed figure stands only for
 * a village that has never entered a reserve cadre. reserve_cadres_by_village finds them.
 */
const RESERVE_CADRES_OF_YEAR = `CASE WHEN EXISTS (SELECT 1 FROM reserve_cadres k WHERE k.village_id = x.village_id AND k.deleted_at IS NULL)
  THEN (SELECT count(*) FROM reserve_cadres r WHERE r.village_id = x.village_id AND r.deleted_at IS NULL
          AND r.recommended_on <= x.year || '-12-31'
          AND (r.outcome = 'training' OR r.outcome_on IS NULL OR r.outcome_on >= x.year || '-01-01'))
  ELSE x.reserve_cadres_trained END`;

export function headlineFigures(sqlite: Prepare, p: PeriodParams, counted: CountedTotals): HeadlineRow[] {
  const projectsSql = `SELECT count(*) AS projects FROM projects x WHERE x.deleted_at IS NULL AND ${inScope('x')}
    AND x.status IS NOT 'reserve' AND x.start_date BETWEEN @from AND @to`;
  const moneySql = `SELECT coalesce(sum(f.amount_fen), 0) FROM fund_entries f JOIN projects x ON x.id = f.project_id AND x.deleted_at IS NULL
    WHERE f.deleted_at IS NULL AND ${inScope('f')} AND f.direction = 'in' AND f.entry_date BETWEEN @from AND @to`;
  const projects = sqlite.prepare(projectsSql).pluck().get(pick(projectsSql, p)) as number;
  const moneyFen = sqlite.prepare(moneySql).pluck().get(pick(moneySql, p)) as number;
  const count = (key: HeadlineRow['key'], value: number): HeadlineRow => ({ key, value, moneyFen: null, basis: 'counted', missingVillages: [] });
  return [
    count('visitedHouseholds', counted.visitedHouseholds),
    fromIndicators('reserveCadres', reportedPerVillage(sqlite, p, RESERVE_CADRES_OF_YEAR)),
    // A venue counts once per village, however many years say 新建或改造.
    fromIndicators('venuesRebuilt', reportedPerVillage(sqlite, p, `CASE WHEN x.venue_status IS NULL THEN NULL ELSE x.venue_status = 'rebuilt' END`).map((r) => ({
      ...r,
      value: r.value === null ? null : Math.min(1, Number(r.value)),
    }))),
    count('plans', counted.plans),
    { ...count('projectsIntroduced', projects), moneyFen },
    count('commitments', counted.commitments),
    count('needsSolved', counted.needsSolved),
  ];
}
