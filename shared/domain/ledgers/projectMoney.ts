// A project's money as its list shows it: budget, received (到位), spent (支出) and the balance of
// what arrived, with the two flags a secretary scans for — spent past the budget, spent past what
// arrived. Counted in SQLite for the projects on the page (`money.list`), never summed here.
import { z } from 'zod';
import { rowId, V } from '../validation';

export const projectMoneyInput = z.strictObject({
  ids: z.array(rowId, { error: V.invalid }).max(500, { error: V.tooLarge }),
});

export const projectMoneyRow = z.object({
  projectId: z.string(),
  budgetFen: z.number(),
  receivedFen: z.number(),
  spentFen: z.number(),
  /** Received less spent: below zero when more went out than came in. */
  balanceFen: z.number(),
  overBudget: z.boolean(),
  overspent: z.boolean(),
});
export type ProjectMoneyRow = z.infer<typeof projectMoneyRow>;

export const projectMoneyList = z.object({ items: z.array(projectMoneyRow) });
