// The dashboards' figures, by SQL over the ledgers: a village (or several) in detail, a
// township's villages side by side, a district's townships. The caller passes the villages in
// its scope; nothing here decides who may see what.
import { sumMeasures, withRatios, type DistrictDashboard, type TownshipDashboard, type VillageDashboard } from '../../shared/domain/dashboard';
import { PROJECT_STAGES } from '../../shared/domain/dashboard';
import { dutiesInOrder } from '../../shared/domain/duties';
import { DEFAULT_DUTIES } from '../../shared/domain/settings';
import type { Prepare } from './statements';
import * as D from './details';
import { headlineFigures } from './headline';
import { measuresWith, type VillageMeasures } from './measures';
import { periodParams, type FigureQuery } from './period';

export type { FigureQuery } from './period';
export { villageMeasures } from './measures';

interface Shared {
  readonly presenceThreshold: number;
  /** The township's duty set, in its order: the village dashboard's plans by these, any others after. */
  readonly duties?: readonly string[];
}

function facts(query: FigureQuery, shared: Shared, referenceDay: string) {
  return { from: query.from, to: query.to, referenceDay, presenceThreshold: shared.presenceThreshold };
}

function rowsAndTotals(sqlite: Prepare, query: FigureQuery) {
  const p = periodParams(query);
  const rows = measuresWith(sqlite, p).map((row) => withRatios(row));
  const totals = sumMeasures(rows);
  return { p, rows, totals, headline: headlineFigures(sqlite, p, totals) };
}

export function villageDashboard(sqlite: Prepare, query: FigureQuery, shared: Shared): VillageDashboard {
  const { p, rows, totals, headline } = rowsAndTotals(sqlite, query);
  const overdue = D.overdueNeeds(sqlite, p, totals.needsOverdue);
  const byDuty = new Map(D.plansByDuty(sqlite, p).map((r) => [r.duty, r]));
  const byStage = new Map(D.projectsByStage(sqlite, p).map((r) => [r.stage, r]));
  return {
    ...facts(query, shared, p.refDay),
    villages: rows.map((r) => ({ id: r.villageId, name: r.name })),
    totals,
    rows,
    visitsByMonth: D.visitsByMonth(sqlite, p),
    overdueNeeds: overdue.items,
    overdueNeedsMore: overdue.more,
    plansByDuty: dutiesInOrder(shared.duties ?? DEFAULT_DUTIES, [...byDuty.keys()].sort(binaryOrder)).map((duty) => {
      const row = byDuty.get(duty);
      // The mean of the plans' progress, to four places (a ratio read as a whole percent).
      return { duty, plans: row?.plans ?? 0, done: row?.done ?? 0, progress: row && row.plans > 0 ? Math.round((row.progress / row.plans) * 10_000) / 10_000 : null };
    }),
    projectsByStage: PROJECT_STAGES.map((stage) => ({ stage, projects: byStage.get(stage)?.projects ?? 0, budgetFen: byStage.get(stage)?.budgetFen ?? 0 })),
    projectMoney: D.projectMoney(sqlite, p),
    moneyBySource: D.moneyBySource(sqlite, p),
    commitmentsDue: D.commitmentsDue(sqlite, p),
    monitoring: D.monitoringClocks(sqlite, p),
    indicatorsByYear: D.indicatorsByYear(sqlite, p),
    headline,
  };
}

export function townshipDashboard(sqlite: Prepare, query: FigureQuery, township: string, shared: Shared): TownshipDashboard {
  const { p, rows, totals, headline } = rowsAndTotals(sqlite, query);
  return { ...facts(query, shared, p.refDay), township, rows, totals, headline };
}

export function districtDashboard(sqlite: Prepare, query: FigureQuery, shared: Shared): DistrictDashboard {
  const { p, rows, totals, headline } = rowsAndTotals(sqlite, query);
  const byTownship = new Map<string, VillageMeasures[]>();
  for (const row of rows) {
    const name = row.township ?? '';
    const villages = byTownship.get(name);
    if (villages) villages.push(row);
    else byTownship.set(name, [row]);
  }
  const townships = [...byTownship.entries()].map(([township, villages]) => ({ township, villages: villages.length, ...sumMeasures(villages) }));
  return { ...facts(query, shared, p.refDay), rows: townships, totals, headline };
}

/** The live villages among `villageIds` that belong to `township`. */
export function villagesOfTownship(sqlite: Prepare, villageIds: readonly string[], township: string): string[] {
  return sqlite
    .prepare('SELECT id FROM villages WHERE deleted_at IS NULL AND township = ? AND id IN (SELECT value FROM json_each(?)) ORDER BY name, id')
    .pluck()
    .all(township, JSON.stringify(villageIds)) as string[];
}

/** Code-point order, as SQLite compares text. */
function binaryOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
