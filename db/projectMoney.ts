// Budget, received, spent and balance of several projects in one statement: the projects joined
// to their live fund entries and summed per project, limited to the villages the caller keeps.
// funds_by_project (project_id, entry_date) finds each project's entries.
import type { Sqlite } from './open';

export interface ProjectMoneyFigures {
  projectId: string;
  budgetFen: number;
  receivedFen: number;
  spentFen: number;
  balanceFen: number;
  overBudget: boolean;
  overspent: boolean;
}

export const PROJECT_MONEY_SQL = `
  SELECT p.id AS projectId, coalesce(p.budget_fen, 0) AS budgetFen,
         coalesce(sum(CASE WHEN f.direction = 'in' THEN f.amount_fen END), 0) AS receivedFen,
         coalesce(sum(CASE WHEN f.direction = 'out' THEN f.amount_fen END), 0) AS spentFen
    FROM projects AS p
    LEFT JOIN fund_entries AS f ON f.project_id = p.id AND f.deleted_at IS NULL
   WHERE p.id IN (SELECT value FROM json_each(?)) AND p.deleted_at IS NULL
     AND p.village_id IN (SELECT value FROM json_each(?))
   GROUP BY p.id`;

/** The projects among `ids` that are live and in `villageIds`, each with its figures (others are left out). */
export function projectMoney(sqlite: Sqlite, ids: readonly string[], villageIds: readonly string[]): ProjectMoneyFigures[] {
  if (ids.length === 0) return [];
  const rows = sqlite.prepare(PROJECT_MONEY_SQL).all(JSON.stringify(ids), JSON.stringify(villageIds)) as Omit<ProjectMoneyFigures, 'balanceFen' | 'overBudget' | 'overspent'>[];
  return rows.map((row) => ({
    ...row,
    balanceFen: row.receivedFen - row.spentFen,
    overBudget: row.spentFen > row.budgetFen,
    overspent: row.spentFen > row.receivedFen,
  }));
}
