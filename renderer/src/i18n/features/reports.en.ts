// The reports screens' words in English; en.ts mounts them under `reports`.
import type { Messages } from '../zhCN';
import type { reportsZhCN } from './reports.zhCN';

export const reportsEn: Messages<typeof reportsZhCN> = {
  title: 'Reports',
};
