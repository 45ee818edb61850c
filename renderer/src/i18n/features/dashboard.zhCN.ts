// The dashboard screens' words in Chinese; zhCN.ts mounts them under `dashboard`.
export const dashboardZhCN = {
  title: '工作进展',
} as const;
