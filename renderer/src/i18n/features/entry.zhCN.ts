// Getting data in: the projects' money in their list and the needs' default due days, in Chinese;
// zhCN.ts mounts it under `entry`.
export const entryZhCN = {
  moneyFlags: '资金提示',
  overBudget: '超预算',
  overBudgetHint: '支出已超过项目预算',
  overspent: '超到位',
  overspentHint: '支出已超过到位资金',
  moneyOk: '正常',
  needDueDays: '走访诉求办结期限',
  needDueDaysHint: '快速走访里登记的诉求，默认由驻村书记负责，在走访后这么多天内办结。',
};
