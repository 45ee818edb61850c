// Getting data in, in English; en.ts mounts it under `entry` (keys as in entry.zhCN.ts).
import type { Messages } from '../zhCN';
import type { entryZhCN } from './entry.zhCN';

export const entryEn: Messages<typeof entryZhCN> = {
  moneyFlags: 'Money',
  overBudget: 'Over budget',
  overBudgetHint: 'Spending has passed the project budget',
  overspent: 'Past received',
  overspentHint: 'Spending has passed the money received',
  moneyOk: 'OK',
  needDueDays: 'Needs from visits due in',
  needDueDaysHint: 'A need raised in a quick visit is owned by the first secretary and due this many days after the visit.',
};
