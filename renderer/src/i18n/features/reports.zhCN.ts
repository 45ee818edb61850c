// The reports screens' words in Chinese; zhCN.ts mounts them under `reports`.
export const reportsZhCN = {
  title: '报表',
} as const;
