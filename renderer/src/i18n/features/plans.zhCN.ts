// The plans' duties and computed progress, in Chinese; zhCN.ts mounts it under `plans`.
export const plansZhCN = {
  progress: '完成比例',
  progressNumbers: '{{done}} / {{target}}{{unit}}',
  progressComputed: '完成值 {{done}} / 目标值 {{target}}{{unit}}',
  progressTyped: '未填目标值和完成值，按填写的进度',
  notInSet: '{{duty}}（已不在本乡镇职责中）',
  meanProgress: '平均进度 {{percent}}%',
};
